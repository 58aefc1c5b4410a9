/**
 * Strict-Transport-Security as a browser reads it (RFC 6797 §6.1), and the thresholds hstspreload.org
 * applies on top. Pure: one header value in, the policy a browser would keep or why it drops the header.
 */

/** hstspreload.org accepts a site only with max-age of at least one year: 365 × 86400 s. */
export const PRELOAD_MIN_MAX_AGE = 31_536_000;

/** The policy a browser honours. */
export interface HstsPolicy {
  /** Seconds the browser keeps using HTTPS only; 0 tells it to forget the host. */
  readonly maxAge: number;
  readonly includeSubDomains: boolean;
  /**
   * The valueless `preload` token. RFC 6797 does not define it (browsers ignore it); hstspreload.org
   * reads it as the site's consent to be built into browsers.
   */
  readonly preload: boolean;
}

/**
 * Why a browser ignores the whole header. `list` is a comma outside quotes: two headers joined into
 * one (Node and most proxies join repeated headers with ", "), which no directive may contain.
 */
export interface HstsError {
  readonly code: 'list' | 'syntax' | 'duplicate-directive' | 'no-max-age' | 'bad-max-age';
  /** For people: what exactly is wrong. */
  readonly detail: string;
}

export type HstsParse = {readonly ok: true; readonly policy: HstsPolicy} | {readonly ok: false; readonly error: HstsError};

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const error = (code: HstsError['code'], detail: string): HstsParse => ({ok: false, error: {code, detail}});

/** Splits on `;` outside quoted strings; a comma outside quotes or an open quote is an error. */
function splitDirectives(value: string): string[] | HstsParse {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') return error('list', 'it holds a comma, so several headers were joined into one');
    else if (c === ';') {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted) return error('syntax', 'a quoted string is not closed');
  parts.push(value.slice(start));
  return parts;
}

/** The value of a token or quoted-string (quotes removed, `\x` unescaped), or undefined when it is neither. */
function directiveValue(raw: string): string | undefined {
  if (!raw.startsWith('"')) return TOKEN.test(raw) ? raw : undefined;
  let out = '';
  for (let i = 1; i < raw.length; i++) {
    const c = raw.charAt(i);
    if (c === '"') return i === raw.length - 1 ? out : undefined;
    out += c === '\\' ? raw.charAt(++i) : c;
  }
  return undefined;
}

/**
 * Parses one Strict-Transport-Security value as RFC 6797 §6.1 has a browser do: directives split on
 * `;` (empty ones skipped), names case-insensitive, values a token or quoted string, every directive
 * at most once, `max-age` required and made of digits only, `includeSubDomains` without a value.
 * Unknown directives are ignored, as the RFC requires.
 *
 * @param value - one header value, already capped by `headerValues`.
 */
export function parseHsts(value: string): HstsParse {
  const parts = splitDirectives(value);
  if (!Array.isArray(parts)) return parts;
  const seen = new Map<string, string | undefined>();
  for (const part of parts) {
    const directive = part.trim();
    if (directive === '') continue;
    const eq = directive.indexOf('=');
    const name = (eq === -1 ? directive : directive.slice(0, eq)).trim();
    if (!TOKEN.test(name)) return error('syntax', `"${name}" is not a directive name`);
    const key = name.toLowerCase();
    if (seen.has(key)) return error('duplicate-directive', `the ${name} directive appears more than once`);
    let parsed: string | undefined;
    if (eq !== -1) {
      parsed = directiveValue(directive.slice(eq + 1).trim());
      if (parsed === undefined) return error('syntax', `the value of ${name} is neither a token nor a quoted string`);
    }
    seen.set(key, parsed);
  }
  if (!seen.has('max-age')) return error('no-max-age', 'max-age is missing');
  const maxAge = seen.get('max-age');
  if (maxAge === undefined || !/^\d+$/.test(maxAge)) return error('bad-max-age', 'max-age must be a number of seconds');
  if (seen.get('includesubdomains') !== undefined) return error('syntax', 'includeSubDomains takes no value');
  return {
    ok: true,
    policy: {
      maxAge: Number(maxAge),
      includeSubDomains: seen.has('includesubdomains'),
      preload: seen.has('preload') && seen.get('preload') === undefined,
    },
  };
}
