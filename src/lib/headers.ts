import type {HttpResponse} from '../core/types.js';

/** Header values are capped before parsing: a hostile server may send megabytes in one header. */
export const MAX_HEADER_VALUE = 16_384;

/** Every value of a header, in wire order, each trimmed and capped (duplicates kept apart). */
export function headerValues(response: Pick<HttpResponse, 'headers'>, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [key, value] of response.headers) {
    if (key === wanted) out.push(value.slice(0, MAX_HEADER_VALUE).trim());
  }
  return out;
}

/** The single value of a header, or undefined when absent; duplicates are joined as a browser would. */
export function headerValue(response: Pick<HttpResponse, 'headers'>, name: string): string | undefined {
  const values = headerValues(response, name);
  return values.length === 0 ? undefined : values.join(', ');
}

/**
 * Splits a field value into its list members as the Fetch standard's "get, decode, and split" does
 * (https://fetch.spec.whatwg.org/#header-value-get-decode-and-split): at commas outside quoted
 * strings, each member trimmed of spaces and tabs, empty members kept.
 */
export function splitList(value: string): string[] {
  const members: string[] = [];
  let member = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (quoted) {
      member += c;
      if (c === '\\' && i + 1 < value.length) member += value.charAt(++i);
      else if (c === '"') quoted = false;
    } else if (c === ',') {
      members.push(member.replace(/^[ \t]+|[ \t]+$/g, ''));
      member = '';
    } else {
      member += c;
      if (c === '"') quoted = true;
    }
  }
  members.push(member.replace(/^[ \t]+|[ \t]+$/g, ''));
  return members;
}

/**
 * A list-valued header's members, or undefined when it is absent. Its field lines are joined with
 * commas first: a field sent as several lines means the same as one comma-joined line (RFC 9110
 * §5.3), so `nosniff, nosniff` and two `nosniff` lines give the same list.
 */
export function headerList(response: Pick<HttpResponse, 'headers'>, name: string): string[] | undefined {
  const value = headerValue(response, name);
  return value === undefined ? undefined : splitList(value);
}
