import type {HttpResponse, RawHeader} from '../core/types.js';

/** Header values are capped before parsing: a hostile server may send megabytes in one header. */
export const MAX_HEADER_VALUE = 16_384;

/** Every value of a header, in wire order, each trimmed and capped (duplicates kept apart). */
export function headerValues(response: Pick<HttpResponse, 'headers'>, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [key, value] of response.headers as readonly RawHeader[]) {
    if (key === wanted) out.push(value.slice(0, MAX_HEADER_VALUE).trim());
  }
  return out;
}

/** The single value of a header, or undefined when absent; duplicates are joined as a browser would. */
export function headerValue(response: Pick<HttpResponse, 'headers'>, name: string): string | undefined {
  const values = headerValues(response, name);
  return values.length === 0 ? undefined : values.join(', ');
}
