/**
 * Reading an --openapi document: a regular file under a cap, YAML or JSON, OpenAPI 3.0 or 3.1 only,
 * its internal `$ref`s resolved by @apidevtools/json-schema-ref-parser, then planned by the pure
 * code in src/lib/openapi. Every failure is a UsageError of one line (exit 2), before anything is sent.
 */
import {UsageError} from '../core/errors.js';
import {MiB, readInputFile} from '../core/files.js';
import type {OpenApiPlan} from '../core/target.js';
import {field, isRecord, type Json} from '../lib/openapi/json.js';
import {OPENAPI_METHODS, planOperations, serverOrigin} from '../lib/openapi/plan.js';

/**
 * The largest published API descriptions are some 10 MiB of JSON (GitHub's REST API, with 1,000+
 * operations); YAML parsing costs some 60 bytes of memory per byte of text, so the cap also bounds
 * the parse.
 */
export const MAX_OPENAPI_BYTES = 16 * MiB;

/** What is sent unless --openapi-methods widens it: methods that read. */
export const DEFAULT_OPENAPI_METHODS: readonly string[] = ['GET', 'HEAD'];

/** The methods an OpenAPI document can declare, upper-case. */
export const OPENAPI_METHOD_NAMES: readonly string[] = OPENAPI_METHODS.map((m) => m.toUpperCase());

/** `GET,HEAD,post` → ['GET', 'HEAD', 'POST']; UsageError for a method no document declares. */
export function parseOpenApiMethods(list: string, what: string): string[] {
  const methods = [...new Set(list.split(',').map((m) => m.trim().toUpperCase()))].filter((m) => m !== '');
  const unknown = methods.find((m) => !OPENAPI_METHOD_NAMES.includes(m));
  if (unknown !== undefined || methods.length === 0)
    throw new UsageError(
      `${what} takes a comma-separated list of ${OPENAPI_METHOD_NAMES.join(', ')}${unknown === undefined ? '' : `, got "${unknown}"`}`,
    );
  return methods;
}

const CONVERT = 'convert it to OpenAPI 3 first (e.g. npx swagger2openapi swagger.yaml -o openapi.yaml)';
const BUNDLE = 'bundle the document into one file first (e.g. npx @redocly/cli bundle openapi.yaml -o bundled.yaml)';

/** The first `$ref` that points outside the document, with where it is; external files and URLs are not read. */
function externalRef(value: Json, at: string, seen = new Set<object>()): {ref: string; at: string} | undefined {
  if (typeof value !== 'object' || value === null || seen.has(value)) return undefined;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = externalRef(item, `${at}[${i}]`, seen);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref' && typeof item === 'string' && !item.startsWith('#')) return {ref: item, at};
    const found = externalRef(item, at === '' ? key : `${at}.${key}`, seen);
    if (found) return found;
  }
  return undefined;
}

/** The document's text as data: JSON when it parses as such (much faster on large documents), else YAML. */
async function parse(text: string, shown: string): Promise<Json> {
  if (/^\s*\{/.test(text)) {
    try {
      return JSON.parse(text) as Json;
    } catch {
      // Not JSON after all: YAML is a superset, and its parser says where the mistake is.
    }
  }
  // Loaded here only: the flags → request mapping imports this module on every scan.
  const {parseDocument} = await import('yaml');
  const doc = parseDocument(text, {prettyErrors: false});
  const [error] = doc.errors;
  if (error) throw new UsageError(`${shown} is not valid YAML or JSON: ${error.message.split('\n')[0] ?? ''}`);
  try {
    return doc.toJS() as Json;
  } catch (cause) {
    // toJS refuses alias bombs (more than 100 alias expansions by default).
    throw new UsageError(`${shown}: ${(cause as Error).message}`);
  }
}

/** The document, parsed, version-checked and dereferenced. */
export async function loadOpenApi(file: string, what: string): Promise<Json> {
  const shown = `${what} ${file}`;
  const data = await parse(await readInputFile(file, what, MAX_OPENAPI_BYTES), shown);
  if (!isRecord(data)) throw new UsageError(`${shown} is not an OpenAPI document (expected a mapping with an openapi key)`);
  if (data.swagger !== undefined) throw new UsageError(`${shown} is a Swagger 2.0 document; shipcheck reads OpenAPI 3.0 and 3.1: ${CONVERT}`);
  const version = typeof data.openapi === 'string' ? data.openapi : undefined;
  if (version === undefined) throw new UsageError(`${shown} has no openapi version key: it is not an OpenAPI 3.0 or 3.1 document`);
  if (!/^3\.[01](?:\.|$)/.test(version)) throw new UsageError(`${shown} is OpenAPI ${version}; shipcheck reads OpenAPI 3.0 and 3.1`);
  const external = externalRef(data, '');
  if (external) throw new UsageError(`${shown}: ${external.at} refers to "${external.ref.slice(0, 200)}", outside the document: ${BUNDLE}`);
  // Loaded here only: a scan without --openapi does not pay for the library.
  const {dereference} = await import('@apidevtools/json-schema-ref-parser');
  try {
    // Circular schemas keep their $ref (the planner never needs to walk them); nothing outside the document is read.
    return await dereference(data, {resolve: {external: false}, dereference: {circular: 'ignore'}, mutateInputSchema: true});
  } catch (error) {
    throw new UsageError(`${shown}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}`);
  }
}

/** Loads and plans a document; `methods` are those that may be sent. */
export async function openApiPlan(file: string, what: string, methods: readonly string[]): Promise<OpenApiPlan> {
  return planOperations(await loadOpenApi(file, what), file, methods);
}

/** What `init --openapi` writes: the origin of the document's first server when it is absolute, and how many operations are secured. */
export async function openApiTarget(file: string, what: string): Promise<{url?: string; secured: number}> {
  const document = await loadOpenApi(file, what);
  const url = serverOrigin(field(document, 'servers'));
  const secured = planOperations(document, file, DEFAULT_OPENAPI_METHODS).operations.filter((op) => op.schemes.length > 0).length;
  return {...(url === undefined ? {} : {url}), secured};
}
