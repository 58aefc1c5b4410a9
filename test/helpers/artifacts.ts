/**
 * Builders for hand-made artifacts: one hardened baseline, and each case changes one thing
 * (MDN Observatory's approach). A check's table test builds exactly the artifacts it declared.
 */
import type {CorsProbe, HttpResponse, Page, RawHeader, RedirectChain, RedirectHop} from '../../src/core/types.js';
import type {ProbeError, ProbeErrorCode} from '../../src/core/types.js';

export const TARGET = {url: 'https://app.example.com/', host: 'app.example.com', https: true} as const;

/** The headers of a well-configured HTTPS page. */
export const HARDENED: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'nonce-r4nd0m'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  server: 'nginx',
};

export type HeaderChanges = Record<string, string | readonly string[] | undefined>;

/** Headers as the wire would carry them; an array value becomes duplicate headers. */
export function rawHeaders(headers: HeaderChanges): RawHeader[] {
  const out: RawHeader[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value as string]) out.push([name.toLowerCase(), v]);
  }
  return out;
}

/** A response with exactly these headers. */
export function response(headers: HeaderChanges, extra: Partial<HttpResponse> = {}): HttpResponse {
  return {
    url: TARGET.url,
    status: 200,
    httpVersion: '1.1',
    headers: rawHeaders(headers),
    body: '<!doctype html><title>ok</title>',
    bodyTruncated: false,
    redirects: [],
    durationMs: 5,
    ...extra,
  };
}

/** The hardened baseline with some headers changed (`undefined` removes one). */
export function hardened(changes: HeaderChanges = {}, extra: Partial<HttpResponse> = {}): HttpResponse {
  return response({...HARDENED, ...changes}, extra);
}

/** A Pages artifact holding the target URL's response (and more pages when given). */
export function pages(main: HttpResponse, ...more: Array<{path: string; response?: HttpResponse; error?: Page['error']}>): Page[] {
  return [
    {path: '/', url: main.url, response: main},
    ...more.map((p) => ({url: new URL(p.path, TARGET.url).href, ...p})),
  ];
}

/** A redirect hop. */
export function hop(url: string, status: number, location: string, headers: HeaderChanges = {}): RedirectHop {
  return {url, status, location, headers: rawHeaders({location, ...headers})};
}

/** A well-behaved HTTP→HTTPS chain: one 301 to the same host, then the hardened page. */
export function goodChain(): RedirectChain {
  return {
    startUrl: 'http://app.example.com/',
    hops: [hop('http://app.example.com/', 301, 'https://app.example.com/')],
    final: hardened(),
  };
}

/** A CORS probe answer. */
export function corsProbe(
  origin: string,
  variant: CorsProbe['variant'],
  headers: HeaderChanges,
  path = '/',
): CorsProbe {
  return {path, origin, variant, response: response(headers)};
}

/** The target as a plain-HTTP URL. */
export const HTTP_TARGET = {url: 'http://app.example.com/', host: 'app.example.com', https: false} as const;

/** A probe error with a stable code. */
export function probeError(code: ProbeErrorCode, message = `${code} while probing`): ProbeError {
  return {kind: 'probe-error', code, message};
}
