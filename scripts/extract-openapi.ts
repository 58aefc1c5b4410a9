/**
 * Writes test/github/openapi-ops.json: the operations shipcheck calls, cut from GitHub's official
 * OpenAPI description, so the GitHub simulator can check every request it gets, and every answer it
 * gives, against what GitHub documents. The tests read only the committed extract; the description
 * (~385 MB installed as the `@octokit/openapi` package) is downloaded when the extract is renewed,
 * after calling a new operation or to follow GitHub's changes, and never installed with the project:
 *
 *   cd "$(mktemp -d)" && npm pack @octokit/openapi && tar -xzf octokit-openapi-*.tgz
 *   npx tsx scripts/extract-openapi.ts "$PWD/package/generated/api.github.com.json"   (from the repository)
 *
 * The fixture is self-contained JSON Schema for ajv: `$ref`s are resolved inline, OpenAPI 3.0's
 * `nullable` becomes a `null` type, and what ajv's strict mode would reject as unknown keywords
 * (descriptions, examples, `x-` extensions) is dropped.
 */
import {readFile, writeFile} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

/** operationId → why shipcheck calls it. */
const OPERATIONS: Readonly<Record<string, string>> = {
  'issues/list-comments': 'find our sticky comment on the pull request',
  'issues/create-comment': 'post the sticky comment; comment when closing the tracking issue',
  'issues/update-comment': 'update the sticky comment in place',
  'issues/delete-comment': 'remove duplicates of our comment',
  'repos/create-commit-status': 'the commit status on the PR head',
  'issues/list-for-repo': 'find the open tracking issue by label',
  'issues/create': 'open the tracking issue',
  'issues/update': 'update or close the tracking issue',
};

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};
type JsonObject = Record<string, Json>;

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys that only document (or that ajv does not know) and carry no constraint. */
const DROP = new Set(['description', 'summary', 'example', 'examples', 'externalDocs', 'title']);

function pointer(spec: JsonObject, ref: string): Json {
  let node: Json = spec;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    if (!isObject(node)) throw new Error(`cannot resolve ${ref}`);
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')] ?? null;
  }
  return node;
}

/** `$ref`s inlined (none of these operations is recursive; a cycle would throw), documentation dropped. */
function resolve(spec: JsonObject, node: Json, trail: readonly string[] = []): Json {
  if (Array.isArray(node)) return node.map((item) => resolve(spec, item, trail));
  if (!isObject(node)) return node;
  const ref = node.$ref;
  if (typeof ref === 'string') {
    if (trail.includes(ref)) throw new Error(`recursive reference ${ref}`);
    return resolve(spec, pointer(spec, ref), [...trail, ref]);
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROP.has(key) || key.startsWith('x-')) continue;
    // `properties` maps names to schemas: a property may itself be called "description" or "title".
    out[key] =
      key === 'properties' && isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, resolve(spec, schema, trail)]))
        : resolve(spec, value, trail);
  }
  return out;
}

/** OpenAPI 3.0 `nullable: true` → JSON Schema: `null` joins the type (and the enum, which would reject it). */
function denull(node: Json): Json {
  if (Array.isArray(node)) return node.map(denull);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable') continue;
    out[key] =
      key === 'properties' && isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, denull(schema)]))
        : denull(value);
  }
  if (node.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return {anyOf: [out, {type: 'null'}]};
}

const schemaOf = (spec: JsonObject, media: Json | undefined): Json => {
  const content = isObject(media) ? media.content : undefined;
  const json = isObject(content) ? content['application/json'] : undefined;
  return isObject(json) && json.schema !== undefined ? denull(resolve(spec, json.schema)) : null;
};

const specFile = process.argv[2];
if (specFile === undefined) {
  console.error('usage: npx tsx scripts/extract-openapi.ts <GitHub OpenAPI description, e.g. package/generated/api.github.com.json>');
  process.exit(2);
}
const spec = JSON.parse(await readFile(specFile, 'utf8')) as JsonObject;
/** The package the description came from, when it is the usual `package/generated/…` of `npm pack @octokit/openapi`. */
async function packageOf(file: string): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(join(dirname(file), '..', 'package.json'), 'utf8')) as {name: string; version: string};
    return `${pkg.name} ${pkg.version}, `;
  } catch {
    return '';
  }
}

const operations: JsonObject = {};
for (const [path, item] of Object.entries(spec.paths as JsonObject)) {
  if (!isObject(item)) continue;
  for (const [method, op] of Object.entries(item)) {
    if (!isObject(op) || typeof op.operationId !== 'string') continue;
    const why = OPERATIONS[op.operationId];
    if (why === undefined) continue;
    const parameters = (resolve(spec, op.parameters ?? []) as JsonObject[]).map((p) => ({
      name: p.name ?? null,
      in: p.in ?? null,
      required: p.required === true,
      schema: denull(p.schema ?? {}),
    }));
    const responses: JsonObject = {};
    for (const [status, response] of Object.entries(op.responses as JsonObject)) {
      const schema = schemaOf(spec, resolve(spec, response));
      if (schema !== null) responses[status] = schema;
    }
    const body = isObject(op.requestBody) ? op.requestBody : undefined;
    operations[op.operationId] = {
      why,
      method: method.toUpperCase(),
      path,
      parameters,
      requestBody: body ? {required: body.required === true, schema: schemaOf(spec, body)} : null,
      responses,
    };
  }
}
const missing = Object.keys(OPERATIONS).filter((id) => !(id in operations));
if (missing.length > 0) throw new Error(`not in the OpenAPI description: ${missing.join(', ')}`);

const info = spec.info as JsonObject;
/** A scalar as text; an object or array as JSON, not "[object Object]". */
const text = (value: Json | undefined): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'github', 'openapi-ops.json');
const fixture = {
  source: `${await packageOf(specFile)}${basename(dirname(specFile))}/${basename(specFile)} (${text(info.title)} ${text(info.version)}, OpenAPI ${text(spec.openapi)})`,
  generatedBy: 'scripts/extract-openapi.ts',
  operations,
};
await writeFile(out, `${JSON.stringify(fixture, null, 1)}\n`);
console.log(`wrote ${out} (${Object.keys(operations).length} operations)`);
