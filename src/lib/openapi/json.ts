/** A parsed (and dereferenced) OpenAPI document is plain JSON data: these read it without trusting its shape. */
export type Json = unknown;

export function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` when `value` is a mapping that has its own `key`, else undefined. */
export function field(value: Json, key: string): Json {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

export function text(value: Json): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
