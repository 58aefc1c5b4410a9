/**
 * Reading an --openapi document: a regular file under a cap, YAML or JSON, OpenAPI 3.0 or 3.1 only,
 * its internal `$ref`s resolved by @apidevtools/json-schema-ref-parser, then planned by the pure
 * code in src/lib/openapi. Every failure is a UsageError of one line (exit 2), before anything is sent.
 * Imported only when a document is named: the YAML parser and the $ref resolver cost start-up time.
 */
import {dereference} from '@apidevtools/json-schema-ref-parser';
import {parseDocument} from 'yaml';
import {UsageError} from '../core/errors.js';
import {MiB, readInputFile} from '../core/files.js';
import type {OpenApiPlan} from '../core/target.js';
import {field, isRecord, type Json} from '../lib/openapi/json.js';
import {DEFAULT_OPENAPI_METHODS} from '../lib/openapi/methods.js';
import {planOperations, serverOrigin} from '../lib/openapi/plan.js';

/**
 * The largest published API descriptions are some 10 MiB of JSON (GitHub's REST API, with 1,000+
 * operations); YAML parsing costs some 60 bytes of memory per byte of text, so the cap also bounds
 * the parse.
 */
export const MAX_OPENAPI_BYTES = 16 * MiB;

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
function parse(text: string, shown: string): Json {
  if (/^\s*\{/.test(text)) {
    try {
      return JSON.parse(text) as Json;
    } catch {
      // Not JSON after all: YAML is a superset, and its parser says where the mistake is.
    }
  }
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
  const data = parse(await readInputFile(file, what, MAX_OPENAPI_BYTES), shown);
  if (!isRecord(data)) throw new UsageError(`${shown} is not an OpenAPI document (expected a mapping with an openapi key)`);
  if (data.swagger !== undefined) throw new UsageError(`${shown} is a Swagger 2.0 document; shipcheck reads OpenAPI 3.0 and 3.1: ${CONVERT}`);
  const version = typeof data.openapi === 'string' ? data.openapi : undefined;
  if (version === undefined) throw new UsageError(`${shown} has no openapi version key: it is not an OpenAPI 3.0 or 3.1 document`);
  if (!/^3\.[01](?:\.|$)/.test(version)) throw new UsageError(`${shown} is OpenAPI ${version}; shipcheck reads OpenAPI 3.0 and 3.1`);
  const external = externalRef(data, '');
  if (external) throw new UsageError(`${shown}: ${external.at} refers to "${external.ref.slice(0, 200)}", outside the document: ${BUNDLE}`);
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
