/**
 * An OpenAPI 3.0/3.1 document (parsed and dereferenced) → the requests the auth-openapi probe
 * sends: every operation, its effective security, its URL with the server prefix and path and
 * required query parameters filled, its header parameters and, when it requires one, its body.
 */
import {HEADER_NAME, HEADER_VALUE, type OpenApiOperationPlan, type OpenApiPlan} from '../../core/target.js';
import {field, isRecord, text, type Json} from './json.js';
import {OPENAPI_METHODS} from './methods.js';
import {effectiveSecurity} from './security.js';
import {parameterValue, requiredBody, scalarText} from './values.js';

/** Header parameters the specification says to ignore: the request's own machinery sets them. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** A value shown in "parameters used" is cut here: it says which value, not all of it. */
const SHOWN_VALUE = 40;

/** Stands in for the scanned origin while paths are normalized; never sent anywhere. */
const BASE = 'http://origin.invalid';

/** The first Server Object's URL, its `{variables}` replaced by their defaults; undefined when there is none. */
function serverUrl(servers: Json): string | undefined {
  const first: Json = Array.isArray(servers) ? (servers as readonly Json[])[0] : undefined;
  const template = text(field(first, 'url'));
  const variables = field(first, 'variables');
  return template?.replace(/\{([^{}]*)\}/g, (_, name: string) => scalarText(field(field(variables, name), 'default') ?? ''));
}

/**
 * The path prefix of the first Server Object: `https://api.example.com/v1` → `/v1`, `/v1` → `/v1`,
 * `{scheme}://{host}/v{major}` → `/v2` from the variables' defaults. The host is never used:
 * requests go to the scanned origin, whatever host the document names.
 */
export function serverPrefix(servers: Json): string {
  const url = serverUrl(servers);
  if (url === undefined) return '';
  let pathname: string;
  try {
    // Absolute (any scheme, or //host) and relative URLs alike: only the path is kept, a relative one resolved against the origin's root.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) pathname = new URL(url).pathname;
    else if (url.startsWith('//')) pathname = new URL(`http:${url}`).pathname;
    else pathname = new URL(url, `${BASE}/`).pathname;
  } catch {
    return '';
  }
  return pathname.replace(/\/+$/, '');
}

/** The origin of the first server when its URL is absolute http(s) (`https://api.example.com/`), for a starter config. */
export function serverOrigin(servers: Json): string | undefined {
  const url = serverUrl(servers);
  if (url === undefined || !/^https?:\/\//i.test(url) || !URL.canParse(url)) return undefined;
  return `${new URL(url).origin}/`;
}

/** A parameter's identity: a path item's parameter is overridden by the operation's of the same name and place. */
function key(parameter: Json): string {
  return `${text(field(parameter, 'in')) ?? ''}:${text(field(parameter, 'name')) ?? ''}`;
}

/** The path item's parameters with the operation's over them. */
function parametersOf(pathItem: Json, operation: Json): Record<string, Json>[] {
  const list = (value: Json): Record<string, Json>[] => (Array.isArray(value) ? value.filter(isRecord) : []);
  const merged = new Map<string, Record<string, Json>>();
  for (const parameter of [...list(field(pathItem, 'parameters')), ...list(field(operation, 'parameters'))]) merged.set(key(parameter), parameter);
  return [...merged.values()];
}

/** `name=value` pairs of a query parameter, serialized as its style asks (form and exploded by default). */
function queryPairs(parameter: Record<string, Json>, name: string, value: Json): [string, string][] {
  const style = text(parameter.style) ?? 'form';
  const explode = typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form';
  if (Array.isArray(value)) {
    if (explode) return value.map((v) => [name, scalarText(v)]);
    const separator = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ',';
    return [[name, value.map(scalarText).join(separator)]];
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (style === 'deepObject') return entries.map(([k, v]) => [`${name}[${k}]`, scalarText(v)]);
    if (explode) return entries.map(([k, v]) => [k, scalarText(v)]);
    return [[name, entries.flatMap(([k, v]) => [k, scalarText(v)]).join(',')]];
  }
  return [[name, scalarText(value)]];
}

/** A path parameter's text (simple style): arrays and objects comma-joined. */
function pathText(value: Json): string {
  if (Array.isArray(value)) return value.map(scalarText).join(',');
  if (isRecord(value))
    return Object.entries(value)
      .flatMap(([k, v]) => [k, scalarText(v)])
      .join(',');
  return scalarText(value);
}

function shown(value: string): string {
  return value.length > SHOWN_VALUE ? `${value.slice(0, SHOWN_VALUE)}…` : value;
}

export interface FilledRequest {
  /** Path (prefix included) and query, normalized, on the scanned origin. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** "id=1, limit=10", or "none". */
  readonly parameters: string;
}

/**
 * The request for one operation: path parameters filled (a template variable without a declared
 * parameter gets `1`), required query parameters added, header parameters set (Accept,
 * Content-Type and Authorization are ignored, as the specification says; a value that is no valid
 * header value is left out). Optional query parameters and cookie parameters are not sent.
 */
export function fillRequest(prefix: string, template: string, parameters: readonly Record<string, Json>[]): FilledRequest {
  const used: string[] = [];
  const byName = new Map(parameters.filter((p) => p.in === 'path').map((p) => [text(p.name) ?? '', p]));
  const path = template.replace(/\{([^{}]*)\}/g, (_, name: string) => {
    const parameter = byName.get(name);
    const value = parameter ? pathText(parameterValue(parameter)) : '1';
    used.push(`${name}=${shown(value)}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const parameter of parameters) {
    const name = text(parameter.name);
    if (name === undefined || parameter.required !== true) continue;
    if (parameter.in === 'query') {
      for (const [k, v] of queryPairs(parameter, name, parameterValue(parameter))) {
        query.append(k, v);
        used.push(`${k}=${shown(v)}`);
      }
    }
  }
  for (const parameter of parameters) {
    const name = text(parameter.name);
    if (parameter.in !== 'header' || name === undefined || IGNORED_HEADERS.has(name.toLowerCase()) || !HEADER_NAME.test(name)) continue;
    // An optional header is left out like an optional query parameter.
    if (parameter.required !== true) continue;
    const value = pathText(parameterValue(parameter));
    if (!HEADER_VALUE.test(value)) continue;
    headers[name.toLowerCase()] = value;
    used.push(`${name}=${shown(value)}`);
  }
  // One leading slash, and no backslash a URL parser would read as one: the request stays on the scanned origin.
  const raw = `/${`${prefix}${path}`.replace(/^\/+/, '').replace(/\\/g, '%5C')}`;
  const url = new URL(raw, BASE);
  const search = query.toString();
  return {url: `${url.pathname}${search === '' ? '' : `?${search}`}`, headers, parameters: used.length === 0 ? 'none' : used.join(', ')};
}

/** Every operation of `document` (parsed and dereferenced), planned; `methods` are those that may be sent, upper-case. */
export function planOperations(document: Json, name: string, methods: readonly string[]): OpenApiPlan {
  const paths = field(document, 'paths');
  const operations: OpenApiOperationPlan[] = [];
  for (const [template, pathItem] of isRecord(paths) ? Object.entries(paths) : []) {
    if (!isRecord(pathItem)) continue;
    for (const method of OPENAPI_METHODS) {
      const operation = pathItem[method];
      if (!isRecord(operation)) continue;
      const servers = field(operation, 'servers') ?? field(pathItem, 'servers') ?? field(document, 'servers');
      const filled = fillRequest(serverPrefix(servers), template, parametersOf(pathItem, operation));
      const body = requiredBody(operation.requestBody);
      const operationId = text(operation.operationId);
      operations.push({
        method: method.toUpperCase(),
        path: template,
        ...(operationId === undefined ? {} : {operationId}),
        ...filled,
        ...(body ? {body} : {}),
        schemes: effectiveSecurity(document, operation).schemes,
      });
    }
  }
  return {document: name, operations, methods};
}
