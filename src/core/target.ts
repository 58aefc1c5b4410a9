import {UsageError} from './errors.js';
import type {SourceLocation} from './report.js';

/** An endpoint that must refuse anonymous requests, and what counts as a refusal. */
export interface AuthEndpointSpec {
  readonly path: string;
  readonly method: string;
  readonly refusal: readonly number[];
  readonly loginUrl?: string | undefined;
}

/** A security scheme as the refusal tests need it: what a forged credential of that kind looks like. */
export type OpenApiScheme =
  | {readonly kind: 'bearer'; readonly jwt: boolean}
  | {readonly kind: 'basic'}
  | {readonly kind: 'api-key'; readonly in: 'header' | 'query' | 'cookie'; readonly name: string}
  /** A scheme nothing can be forged for (mutualTLS, HTTP Digest …): only the request without credentials applies. */
  | {readonly kind: 'other'; readonly type: string};

/** One operation of an OpenAPI document, planned: the request the auth-openapi probe sends, parameters filled. */
export interface OpenApiOperationPlan {
  /** Upper-case. */
  readonly method: string;
  /** The path template as the document writes it. */
  readonly path: string;
  readonly operationId?: string;
  /** The path (server prefix included) and query to send on the target's origin. */
  readonly url: string;
  /** Header parameters, filled. */
  readonly headers: Readonly<Record<string, string>>;
  /** The smallest valid body, when the operation requires one. */
  readonly body?: {readonly contentType: string; readonly text: string};
  /** The parameter values used, e.g. "id=1, limit=10" ("none" when there are none). */
  readonly parameters: string;
  /** The schemes of its effective security requirement (every alternative); empty when the operation is public. */
  readonly schemes: readonly OpenApiScheme[];
}

/** An OpenAPI document, planned for one target. */
export interface OpenApiPlan {
  /** The document as the user named it. */
  readonly document: string;
  /** Every operation, public ones included (schemes empty). */
  readonly operations: readonly OpenApiOperationPlan[];
  /** Methods that may be sent (GET and HEAD unless widened). */
  readonly methods: readonly string[];
}

/** One site to scan, normalized. `headers` are the user's credentials: secret, origin-bound. */
export interface Target {
  readonly url: URL;
  /**
   * Where the HTTP→HTTPS redirect is tested from: an http:// target's own URL (its port kept), else
   * `--http-url`, else the target's host on port 80. Never carries a query (it goes over plain HTTP).
   */
  readonly httpUrl: URL;
  /** More pages of the same origin that the header, cookie, CORS and disclosure checks judge. */
  readonly paths: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  /** JSON endpoints that get one malformed JSON body (the only non-GET the error probe sends). */
  readonly apiPaths: readonly string[];
  /** Endpoints the user chose for a rate-limit burst; none means no burst at all. */
  readonly rateLimitPaths: readonly string[];
  /** Requests per burst. */
  readonly burst: number;
  readonly authEndpoints: readonly AuthEndpointSpec[];
  /** A header that does grant access (the positive control of auth-required). Secret. */
  readonly authControl?: readonly [name: string, value: string];
  /** The --openapi document's operations, planned for this target. */
  readonly openapi?: OpenApiPlan;
  /** Origins the site's CORS allow-list means to admit (`https://app.example.com`): CORS also sends their look-alikes. */
  readonly trustedOrigins: readonly string[];
  /** The config line that names this target (SARIF anchors its findings there). */
  readonly source?: SourceLocation;
  /** What the user asked for that this target will not get, one line each (shown in the report and by --dry-run). */
  readonly notices: readonly string[];
}

/** Default and hard maximum of a rate-limit burst: enough to meet a typical login limit (5–20 a minute). */
export const DEFAULT_BURST = 30;
export const MAX_BURST = 500;
const DEFAULT_REFUSAL = [401, 403] as const;

/**
 * Hard limit on each of `--path`, `--api-path`, `--rate-limit-path` and `--auth-path` per target:
 * each value costs requests (a page several, a rate-limit path a whole burst), and a hundred covers
 * the largest hand-kept list; the request budget bounds what they cost together.
 */
export const MAX_PATHS = 100;

/** Hard limit on `--trusted-origin`s per target: each adds up to four look-alike requests per page. */
export const MAX_TRUSTED_ORIGINS = 4;

/**
 * A host without a scheme, optionally with a port and a path: `example.com`, `localhost:8443`,
 * `127.0.0.1:8443/shop`, `[::1]:8443`. A single label needs a port (or is `localhost`), so that a
 * stray word is not scanned as a host; anything with `://` or another `scheme:` is left to URL parsing.
 */
const BARE_HOST = /^(?:\[[0-9a-f:.]+\]|localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+|[a-z0-9-]+(?=:\d))(?::\d{1,5})?(?:[/?].*)?$/i;

/** What the user typed as the target, with `https://` put before a bare host (see BARE_HOST). */
function withScheme(text: string): string {
  return BARE_HOST.test(text) ? `https://${text}` : text;
}

function parseHttpUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${what} "${text}" is not a URL; expected e.g. https://staging.example.com (or staging.example.com)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`${what} "${url.protocol}" URLs cannot be scanned; use an http:// or https:// URL`);
  if (url.username || url.password) throw new UsageError(`${what} must not contain credentials; pass them with --header 'Authorization: …'`);
  url.hash = '';
  return url;
}

/** RFC 9110 `token`: the characters a header field name may contain. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A CR or LF would let a value start a header (or a request) of its own; NUL is refused by HTTP parsers. */
export const HEADER_VALUE = /^[^\r\n\0]*$/;
/**
 * A path on the target's own host. `//host/…` is a network-path reference and WHATWG URL parsing
 * reads `\` as `/` in http(s) URLs, so either would send probes (and headers) to another host.
 * Whitespace and control characters would end the request line.
 */
// eslint-disable-next-line no-control-regex -- C0 controls are what this pattern refuses: they would end the request line.
export const PATH = /^\/(?![/\\])[^\s\u0000-\u001f\\]*$/;

function checkPath(p: string, flag: string): void {
  if (!PATH.test(p)) throw new UsageError(`${flag} "${p}" must be a path on the target that starts with a single "/"`);
}

/** The distinct values of one path list, held to MAX_PATHS and to PATH. */
function pathList(values: readonly string[] | undefined, flag: string): string[] {
  const paths = [...new Set(values ?? [])];
  if (paths.length > MAX_PATHS) throw new UsageError(`at most ${MAX_PATHS} ${flag} values per target, got ${paths.length}`);
  for (const p of paths) checkPath(p, flag);
  return paths;
}

/** Said when the user's headers are dropped: the client sends credentials over HTTPS only. */
const HEADERS_OVER_HTTP = '--header not sent: the target is plain http://';

/** `/admin` or `POST /api/users` (from a flag or the config). */
export function parseAuthPath(text: string): AuthEndpointSpec {
  const [, method = 'GET', path] = /^(?:([A-Z]+) )?(\S+)$/.exec(text.trim()) ?? [];
  if (path === undefined) throw new UsageError(`--auth-path "${text}" must be "/path" or "METHOD /path"`);
  checkPath(path, '--auth-path');
  return {path, method, refusal: DEFAULT_REFUSAL};
}

export interface TargetInput {
  url: string;
  httpUrl?: string;
  paths?: readonly string[];
  headers?: Readonly<Record<string, string>>;
  apiPaths?: readonly string[];
  rateLimitPaths?: readonly string[];
  burst?: number | undefined;
  authEndpoints?: readonly AuthEndpointSpec[];
  authControl?: readonly [string, string];
  openapi?: OpenApiPlan;
  trustedOrigins?: readonly string[];
  source?: SourceLocation;
}

/**
 * `https://app.example.com[:port]` as the browser sends it in `Origin`, normalized (lower-case host,
 * default port dropped). A path, even `/`, is refused: ACAO never carries one, so it names no origin.
 */
function parseOrigin(text: string): string {
  const usage = `--trusted-origin "${text}" must be an origin: scheme://host[:port], e.g. https://app.example.com, with no path`;
  if (!/^https?:\/\/[^/?#\s@]+$/.test(text) || !URL.canParse(text)) throw new UsageError(usage);
  return new URL(text).origin;
}

/** Validates and normalizes what the user gave for one target. Throws UsageError (exit 2). */
export function makeTarget(input: TargetInput): Target {
  const url = parseHttpUrl(withScheme(input.url), 'target URL');
  let httpUrl: URL;
  if (url.protocol === 'http:') {
    // The site was given over plain HTTP: that very URL must redirect, not port 80 of its host.
    if (input.httpUrl !== undefined && input.httpUrl !== url.href)
      throw new UsageError(`--http-url applies to https:// targets only; the redirect of ${url.origin} is tested from the target URL itself`);
    httpUrl = new URL(url.href);
  } else if (input.httpUrl === undefined) {
    httpUrl = new URL(url.href);
    httpUrl.protocol = 'http:';
    httpUrl.port = '';
  } else {
    httpUrl = parseHttpUrl(input.httpUrl, '--http-url');
    if (httpUrl.protocol !== 'http:') throw new UsageError(`--http-url must be an http:// URL, got "${input.httpUrl}"`);
  }
  // Query values may be secrets (tokens, signatures): none of them goes over plain HTTP.
  httpUrl.search = '';
  const paths = pathList(input.paths, '--path');
  const apiPaths = pathList(input.apiPaths, '--api-path');
  const rateLimitPaths = pathList(input.rateLimitPaths, '--rate-limit-path');
  const burst = input.burst ?? DEFAULT_BURST;
  if (!Number.isInteger(burst) || burst < 1 || burst > MAX_BURST)
    throw new UsageError(`--burst must be a whole number from 1 to ${MAX_BURST}, got ${burst}`);
  const authEndpoints = input.authEndpoints ?? [];
  if (authEndpoints.length > MAX_PATHS) throw new UsageError(`at most ${MAX_PATHS} --auth-path values per target, got ${authEndpoints.length}`);
  for (const e of authEndpoints) checkPath(e.path, '--auth-path');
  const trustedOrigins = [...new Set((input.trustedOrigins ?? []).map(parseOrigin))];
  if (trustedOrigins.length > MAX_TRUSTED_ORIGINS)
    throw new UsageError(`at most ${MAX_TRUSTED_ORIGINS} trusted origins per target, got ${trustedOrigins.length}`);
  return {
    url,
    httpUrl,
    paths,
    headers: {...input.headers},
    apiPaths,
    rateLimitPaths,
    burst,
    authEndpoints,
    ...(input.authControl ? {authControl: input.authControl} : {}),
    ...(input.openapi ? {openapi: input.openapi} : {}),
    trustedOrigins,
    ...(input.source ? {source: input.source} : {}),
    notices: url.protocol === 'http:' && Object.keys(input.headers ?? {}).length > 0 ? [HEADERS_OVER_HTTP] : [],
  };
}

/**
 * Parses a header given as `Name: value`; `what` names where it came from in the message, which
 * never shows the text: it is a credential.
 */
export function parseHeader(text: string, what: string): [string, string] {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  const value = colon > 0 ? text.slice(colon + 1).trim() : '';
  if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value)) throw new UsageError(`${what} must look like 'Name: value' (got a malformed header)`);
  return [name, value];
}

/** Parses a `--header 'Name: value'` flag. */
export function parseHeaderFlag(text: string): [string, string] {
  return parseHeader(text, '--header');
}
