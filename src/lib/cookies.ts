/**
 * Set-Cookie as a browser reads it (RFC 6265bis §5.6), keeping only what a report may show: the
 * cookie's name and attributes. The value is dropped while parsing, so no secret can reach a finding.
 */

export type SameSite = 'Strict' | 'Lax' | 'None';

/** One Set-Cookie header, value removed. */
export interface SetCookie {
  /** Empty for a nameless cookie (a header whose name-value pair has no `=`). */
  readonly name: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  /** The last valid SameSite value; absent when none was given or none was valid. */
  readonly sameSite?: SameSite;
  /** The SameSite value a browser ignored (not Strict, Lax or None), when no valid one was given. */
  readonly invalidSameSite?: string;
  /** The Domain attribute, leading dot removed, lower-cased. */
  readonly domain?: string;
  /** The Path attribute when it starts with `/`; otherwise a browser uses the request's directory. */
  readonly path?: string;
}

/**
 * Names of cookies that usually hold a session or a credential, as a case-insensitive regex source:
 * framework defaults (PHPSESSID, JSESSIONID, ASP.NET_SessionId, connect.sid, laravel_session, Drupal's
 * SESS<hash>) and any name segment (split on `.`, `_`, `-`) that starts with sess, auth or remember, or
 * is sid, token or jwt. CSRF cookies (csrftoken, XSRF-TOKEN) are left out: frameworks make them
 * readable by script on purpose.
 */
export const SESSION_COOKIE_PATTERN = String.raw`^(?!.*[cx]srf)(?:.*[._-])?(?:s?sess\w*|sid|phpsessid|jsessionid|auth\w*|token|jwt|remember\w*)(?:[._-].*)?$`;

/** RFC 6265bis: a browser drops a cookie whose name and value exceed 4096 bytes together … */
const MAX_NAME_VALUE = 4096;
/** … and ignores an attribute whose value exceeds 1024. */
const MAX_ATTRIBUTE_VALUE = 1024;
/** Control characters other than tab make a browser drop the whole header. */
// eslint-disable-next-line no-control-regex -- the control characters are what this pattern looks for.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

const SAME_SITE: ReadonlyMap<string, SameSite> = new Map([
  ['strict', 'Strict'],
  ['lax', 'Lax'],
  ['none', 'None'],
]);

/**
 * Parses one Set-Cookie header value the way RFC 6265bis §5.6 has a browser do; returns undefined
 * when a browser would ignore the header. Attribute names are case-insensitive and, as in the
 * storage model, the last Domain, Path or SameSite wins.
 *
 * @param header - one Set-Cookie value (each header separately: they are never comma-joined).
 */
export function parseSetCookie(header: string): SetCookie | undefined {
  if (CONTROL.test(header)) return undefined;
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  const name = eq === -1 ? '' : pair.slice(0, eq).trim();
  const valueLength = (eq === -1 ? pair : pair.slice(eq + 1)).trim().length;
  if ((name === '' && valueLength === 0) || name.length + valueLength > MAX_NAME_VALUE) return undefined;
  let secure = false;
  let httpOnly = false;
  let sameSite: SameSite | undefined;
  let invalidSameSite: string | undefined;
  let domain: string | undefined;
  let path: string | undefined;
  for (const attribute of attributes) {
    const eq = attribute.indexOf('=');
    const key = (eq === -1 ? attribute : attribute.slice(0, eq)).trim().toLowerCase();
    const arg = eq === -1 ? '' : attribute.slice(eq + 1).trim();
    if (arg.length > MAX_ATTRIBUTE_VALUE) continue;
    if (key === 'secure') secure = true;
    else if (key === 'httponly') httpOnly = true;
    else if (key === 'samesite') {
      const known = SAME_SITE.get(arg.toLowerCase());
      if (known) sameSite = known;
      else invalidSameSite = arg;
    } else if (key === 'domain' && arg !== '') domain = arg.replace(/^\./, '').toLowerCase();
    else if (key === 'path') path = arg.startsWith('/') ? arg : undefined;
  }
  return {
    name,
    secure,
    httpOnly,
    ...(sameSite ? {sameSite} : invalidSameSite === undefined ? {} : {invalidSameSite}),
    ...(domain === undefined ? {} : {domain}),
    ...(path === undefined ? {} : {path}),
  };
}
