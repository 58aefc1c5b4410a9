import {UsageError} from './errors.js';

/** One site to scan, normalized. `headers` are the user's credentials: secret, origin-bound. */
export interface Target {
  readonly url: URL;
  /** Where the HTTP→HTTPS redirect is tested from. */
  readonly httpUrl: URL;
  /** More pages of the same origin that the header, cookie, CORS and disclosure checks judge. */
  readonly paths: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
}

/** Hard limit on `--path`s per target: each costs several requests. */
export const MAX_PATHS = 20;

function parseHttpUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${what} "${text}" is not a URL; expected e.g. https://staging.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`${what} "${url.protocol}" URLs cannot be scanned; use an http:// or https:// URL`);
  if (url.username || url.password)
    throw new UsageError(`${what} must not contain credentials; pass them with --header 'Authorization: …'`);
  url.hash = '';
  return url;
}

/** Validates and normalizes what the user gave for one target. Throws UsageError (exit 2). */
export function makeTarget(input: {url: string; httpUrl?: string; paths?: readonly string[]; headers?: Readonly<Record<string, string>>}): Target {
  const url = parseHttpUrl(input.url, 'target URL');
  let httpUrl: URL;
  if (input.httpUrl === undefined) {
    httpUrl = new URL(url.href);
    httpUrl.protocol = 'http:';
    httpUrl.port = '';
  } else {
    httpUrl = parseHttpUrl(input.httpUrl, '--http-url');
    if (httpUrl.protocol !== 'http:') throw new UsageError(`--http-url must be an http:// URL, got "${input.httpUrl}"`);
  }
  const paths = [...new Set(input.paths ?? [])];
  if (paths.length > MAX_PATHS) throw new UsageError(`at most ${MAX_PATHS} paths per target, got ${paths.length}`);
  for (const p of paths) {
    if (!p.startsWith('/') || p.startsWith('//') || /[\s\u0000-\u001f]/.test(p))
      throw new UsageError(`--path "${p}" must be a path on the target that starts with a single "/"`);
  }
  return {url, httpUrl, paths, headers: {...input.headers}};
}

/** Parses a `--header 'Name: value'` flag. */
export function parseHeaderFlag(text: string): [string, string] {
  const colon = text.indexOf(':');
  const name = colon > 0 ? text.slice(0, colon).trim() : '';
  const value = colon > 0 ? text.slice(colon + 1).trim() : '';
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n\0]/.test(value))
    throw new UsageError(`--header must look like 'Name: value' (got a malformed header)`);
  return [name, value];
}
