/**
 * Values for parameters and bodies: what the document offers first (`example`, `examples`, the
 * schema's `default`, its first `enum` value), else the smallest value its schema admits, shaped by
 * its format (uuid, date, email …) so that a route that validates its input still routes.
 */
import {field, isRecord, text, type Json} from './json.js';

/** Nested schemas deeper than this are left out of a generated value: real bodies are shallower, and circular schemas end here. */
const MAX_DEPTH = 8;

/** Dummies by string format: each one valid for its format, and recognisably ours. */
const FORMAT_DUMMIES: Readonly<Record<string, string>> = {
  uuid: '00000000-0000-4000-8000-000000000001',
  date: '2024-01-01',
  'date-time': '2024-01-01T00:00:00Z',
  time: '00:00:00Z',
  email: 'shipcheck@example.com',
  'idn-email': 'shipcheck@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  'uri-reference': '/',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'AA==',
  password: 'example',
};

/** The first value an Example Object map (`examples: {name: {value}}`) or a JSON Schema `examples` list gives. */
function firstExample(examples: Json): {value: Json} | undefined {
  if (Array.isArray(examples)) return examples.length > 0 ? {value: examples[0]} : undefined;
  if (!isRecord(examples)) return undefined;
  for (const example of Object.values(examples)) if (isRecord(example) && Object.hasOwn(example, 'value')) return {value: example.value};
  return undefined;
}

/** A value the object itself offers: `example`, then `examples`. */
export function offered(holder: Json): {value: Json} | undefined {
  if (isRecord(holder) && Object.hasOwn(holder, 'example')) return {value: holder.example};
  return firstExample(field(holder, 'examples'));
}

/** The schema's type, the first non-null one when 3.1 gives a list. */
function typeOf(schema: Record<string, Json>): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) return text(type.find((t) => t !== 'null'));
  if (typeof type === 'string') return type;
  if (isRecord(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function numberBound(schema: Record<string, Json>, key: string): number | undefined {
  const value = schema[key];
  return typeof value === 'number' ? value : undefined;
}

/** 1 (an id that usually exists) unless the bounds exclude it; the lower bound then. */
function numberDummy(schema: Record<string, Json>, integer: boolean): number {
  const min = numberBound(schema, 'minimum');
  const exclusive = numberBound(schema, 'exclusiveMinimum');
  const max = numberBound(schema, 'maximum');
  let low = min ?? -Infinity;
  // 3.1 gives exclusiveMinimum as a number; 3.0 as a boolean beside minimum.
  if (exclusive !== undefined) low = Math.max(low, integer ? Math.floor(exclusive) + 1 : exclusive + 1);
  else if (schema.exclusiveMinimum === true && min !== undefined) low = integer ? Math.floor(min) + 1 : min + 1;
  if (low <= 1 && (max === undefined || max >= 1)) return 1;
  if (low === -Infinity) return max ?? 0;
  return integer ? Math.ceil(low) : low;
}

function stringDummy(schema: Record<string, Json>): string {
  const format = text(schema.format);
  const known = format === undefined ? undefined : FORMAT_DUMMIES[format];
  if (known !== undefined) return known;
  const minLength = numberBound(schema, 'minLength') ?? 0;
  const maxLength = numberBound(schema, 'maxLength') ?? Infinity;
  const base = 'example';
  if (base.length >= minLength && base.length <= maxLength) return base;
  return 'x'.repeat(Math.max(1, Math.min(minLength, 1000)));
}

/** Merges the subschemas of an allOf into one (properties and required lists joined; the rest, first one wins). */
function mergeAllOf(schema: Record<string, Json>): Record<string, Json> {
  const parts = Array.isArray(schema.allOf) ? schema.allOf.filter(isRecord) : [];
  const merged: Record<string, Json> = {};
  const properties: Record<string, Json> = {};
  const required: Json[] = [];
  for (const part of [...parts.map((p) => (Array.isArray(p.allOf) ? mergeAllOf(p) : p)), schema]) {
    for (const [key, value] of Object.entries(part)) if (key !== 'allOf' && !Object.hasOwn(merged, key)) merged[key] = value;
    if (isRecord(part.properties)) Object.assign(properties, part.properties);
    if (Array.isArray(part.required)) required.push(...(part.required as readonly Json[]));
  }
  return {...merged, ...(Object.keys(properties).length > 0 ? {properties} : {}), ...(required.length > 0 ? {required} : {})};
}

export interface ValueOptions {
  /** An array gets one item even when the schema admits none (a query parameter must say something). */
  readonly nonEmptyArrays: boolean;
}

/** The value a schema offers, else the smallest it admits; undefined when the schema is not a schema. */
export function schemaValue(schema: Json, options: ValueOptions, depth = 0): Json {
  if (!isRecord(schema) || depth > MAX_DEPTH) return undefined;
  const own = offered(schema);
  if (own) return own.value;
  if (Object.hasOwn(schema, 'default')) return schema.default;
  if (Object.hasOwn(schema, 'const')) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (Array.isArray(schema.allOf)) return schemaValue(mergeAllOf(schema), options, depth + 1);
  for (const key of ['oneOf', 'anyOf']) {
    const choices = schema[key];
    if (Array.isArray(choices) && choices.length > 0) return schemaValue(choices[0], options, depth + 1);
  }
  switch (typeOf(schema)) {
    case 'object': {
      const properties = isRecord(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
      return Object.fromEntries(required.map((name) => [name, schemaValue(properties[name] ?? {}, options, depth + 1) ?? 'example']));
    }
    case 'array': {
      const count = Math.max(numberBound(schema, 'minItems') ?? 0, options.nonEmptyArrays ? 1 : 0);
      const item = schemaValue(schema.items ?? {}, options, depth + 1) ?? 'example';
      return Array.from({length: Math.min(count, 100)}, () => item);
    }
    case 'integer':
      return numberDummy(schema, true);
    case 'number':
      return numberDummy(schema, false);
    case 'boolean':
      return true;
    case 'string':
      return stringDummy(schema);
    default:
      return 'example';
  }
}

/**
 * A parameter's value: its own example(s), else its schema's (or, for a parameter described by
 * `content`, its one media type's), else the smallest its schema admits.
 */
export function parameterValue(parameter: Json): Json {
  const own = offered(parameter);
  if (own) return own.value;
  const content = field(parameter, 'content');
  const media = isRecord(content) ? Object.values(content)[0] : undefined;
  const fromMedia = offered(media);
  if (fromMedia) return fromMedia.value;
  return schemaValue(field(parameter, 'schema') ?? field(media, 'schema') ?? {}, {nonEmptyArrays: true}) ?? 'example';
}

/** Media types a body is built for, best first: a JSON API's own, then forms, then text. */
const BODY_TYPES: readonly {test: (type: string) => boolean; serialize: (value: Json) => string}[] = [
  {test: (t) => t === 'application/json', serialize: (v) => JSON.stringify(v ?? {})},
  {test: (t) => /^application\/[\w.+-]*\+json$/.test(t), serialize: (v) => JSON.stringify(v ?? {})},
  {
    test: (t) => t === 'application/x-www-form-urlencoded',
    serialize: (v) => new URLSearchParams(isRecord(v) ? Object.entries(v).map(([k, x]): [string, string] => [k, scalarText(x)]) : []).toString(),
  },
  {test: (t) => t.startsWith('text/'), serialize: (v) => scalarText(v ?? '')},
];

/** A value as one piece of text: strings as they are, everything else as JSON. */
export function scalarText(value: Json): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value ?? null);
}

/**
 * The smallest valid body of a required `requestBody`, or undefined when the operation requires
 * none. A body of a media type no value can be built for (multipart, binary) is sent empty, with
 * its type.
 */
export function requiredBody(requestBody: Json): {contentType: string; text: string} | undefined {
  if (field(requestBody, 'required') !== true) return undefined;
  const content = field(requestBody, 'content');
  const types = isRecord(content) ? Object.keys(content) : [];
  for (const kind of BODY_TYPES) {
    const type = types.find((t) => kind.test(t.toLowerCase().split(';')[0]?.trim() ?? ''));
    if (type === undefined) continue;
    const media = field(content, type);
    const value = offered(media)?.value ?? schemaValue(field(media, 'schema') ?? {}, {nonEmptyArrays: false});
    return {contentType: type, text: kind.serialize(value)};
  }
  const [first] = types;
  return first === undefined ? undefined : {contentType: first, text: ''};
}
