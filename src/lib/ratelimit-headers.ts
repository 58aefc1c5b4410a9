/**
 * The rate-limit signals a server sends with its answers, in every form in use today:
 * - IETF draft-ietf-httpapi-ratelimit-headers-08 and later: structured-field lists (RFC 8941),
 *   `RateLimit-Policy: "default";q=100;w=60` and `RateLimit: "default";r=0;t=30`
 *   (express-rate-limit `standardHeaders: 'draft-8'`);
 * - draft-07: `RateLimit: limit=10, remaining=0, reset=60` with `RateLimit-Policy: 10;w=60` ('draft-7');
 * - draft-06 and earlier: separate `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` ('draft-6');
 * - the older de-facto `X-RateLimit-Limit/-Remaining/-Reset` (GitHub, express-rate-limit's legacy
 *   headers; Twitter spells them `X-Rate-Limit-*`), whose Reset is often a Unix time.
 * Pure; every value is capped before it is parsed.
 */
import type {RawHeader} from '../core/types.js';
import {headerValues} from './headers.js';

/** A quota the server declares: `quota` requests per `windowSeconds`. */
/** Parsed header data: a field the header did not carry is undefined. */
export interface RateLimitPolicy {
  readonly name?: string | undefined;
  readonly quota?: number | undefined;
  readonly windowSeconds?: number | undefined;
}

/** Where the client stands against one quota. */
export interface RateLimitQuota {
  readonly name?: string | undefined;
  readonly limit?: number | undefined;
  readonly remaining?: number | undefined;
  /** Seconds until the quota resets. */
  readonly resetSeconds?: number | undefined;
  /** Unix time (seconds) at which the quota resets, as many X-RateLimit-Reset headers send it. */
  readonly resetAt?: number | undefined;
}

export interface RateLimitSignals {
  /** The header names that carried a parsable value, lower-case, in the order checked. */
  readonly fields: readonly string[];
  readonly policies: readonly RateLimitPolicy[];
  readonly quotas: readonly RateLimitQuota[];
}

/** Structured-field values this long are a hostile server's, not a policy. */
const MAX_FIELD = 1024;
/** A reset further away than this many seconds (~31 years) can only be a Unix time. */
const UNIX_TIME_FLOOR = 1_000_000_000;

type Bare = string | number | boolean;
interface Member {
  /** The dictionary key, for `key=value` members (draft-07's RateLimit). */
  readonly key?: string;
  readonly value: Bare;
  readonly params: ReadonlyMap<string, Bare>;
}

/** Splits on `sep` outside double-quoted strings (which may escape `"` and `\`). */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted && c === '\\') {
      current += c + text.charAt(i + 1);
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === sep && !quoted) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}

function parseBare(text: string): Bare | undefined {
  const s = text.trim();
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(s)?.[1];
  if (quoted !== undefined) return quoted.replace(/\\(.)/g, '$1');
  // RFC 8941 integers have at most 15 digits.
  if (/^-?\d{1,15}$/.test(s)) return Number(s);
  if (s === '?1' || s === '?0') return s === '?1';
  if (/^[A-Za-z*][\w:/!#$%&'*+.^`|~-]*$/.test(s) || /^:[A-Za-z0-9+/=]*:$/.test(s)) return s;
  return undefined;
}

/** One list or dictionary member: `item;p=v;q`, or `key=item;p=v`. Lenient about spaces around `;`. */
function parseMember(text: string): Member | undefined {
  const [head = '', ...rest] = splitOutsideQuotes(text, ';');
  const [, key, keyedValue] = /^\s*([a-z*][a-z0-9_.*-]*)\s*=(.*)$/.exec(head) ?? [];
  const value = parseBare(keyedValue ?? head);
  if (value === undefined) return undefined;
  const params = new Map<string, Bare>();
  for (const p of rest) {
    const [, name, raw] = /^\s*([a-z*][a-z0-9_.*-]*)\s*(?:=(.*))?$/.exec(p) ?? [];
    if (name === undefined) return undefined;
    const v = raw === undefined ? true : parseBare(raw);
    if (v === undefined) return undefined;
    params.set(name, v);
  }
  return {...(key === undefined ? {} : {key}), value, params};
}

function members(headers: readonly RawHeader[], name: string): Member[] {
  return headerValues({headers}, name).flatMap((v) =>
    splitOutsideQuotes(v.slice(0, MAX_FIELD), ',').flatMap((m) => {
      const parsed = parseMember(m);
      return parsed ? [parsed] : [];
    }),
  );
}

/** A non-negative integer, or undefined. */
function count(value: Bare | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function nameOf(value: Bare): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Drops undefined fields so the result compares and serializes cleanly. */
function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

function hasValue(record: object): boolean {
  return Object.entries(record).some(([k, v]) => k !== 'name' && v !== undefined);
}

function policiesFrom(list: readonly Member[]): RateLimitPolicy[] {
  return list
    .filter((m) => m.key === undefined)
    .map((m) =>
      typeof m.value === 'number'
        ? defined({quota: count(m.value), windowSeconds: count(m.params.get('w'))})
        : defined({name: nameOf(m.value), quota: count(m.params.get('q')), windowSeconds: count(m.params.get('w'))}),
    )
    .filter(hasValue);
}

function quotasFrom(list: readonly Member[]): RateLimitQuota[] {
  const dictionary = list.filter((m) => m.key !== undefined);
  if (dictionary.length > 0) {
    const get = (key: string): number | undefined => count(dictionary.find((m) => m.key === key)?.value);
    const quota = defined({limit: get('limit'), remaining: get('remaining'), resetSeconds: get('reset')});
    return hasValue(quota) ? [quota] : [];
  }
  return list
    .map((m) => defined({name: nameOf(m.value), remaining: count(m.params.get('r')), resetSeconds: count(m.params.get('t'))}))
    .filter(hasValue);
}

/** The leading integer of a separate `*-Limit/-Remaining/-Reset` header (draft-03 allowed `10, 10;w=1`). */
function single(headers: readonly RawHeader[], name: string): number | undefined {
  return count(members(headers, name)[0]?.value);
}

function separateQuota(headers: readonly RawHeader[], prefix: string): RateLimitQuota {
  const reset = single(headers, `${prefix}-reset`);
  return defined({
    limit: single(headers, `${prefix}-limit`),
    remaining: single(headers, `${prefix}-remaining`),
    ...(reset !== undefined && reset >= UNIX_TIME_FLOOR ? {resetAt: reset} : {resetSeconds: reset}),
  });
}

const X_PREFIXES = ['x-ratelimit', 'x-rate-limit'] as const;

/** Every rate-limit signal in the headers; empty lists when there is none. */
export function parseRateLimitHeaders(headers: readonly RawHeader[]): RateLimitSignals {
  const fields: string[] = [];
  const policies = policiesFrom(members(headers, 'ratelimit-policy'));
  if (policies.length > 0) fields.push('ratelimit-policy');
  const quotas = quotasFrom(members(headers, 'ratelimit'));
  if (quotas.length > 0) fields.push('ratelimit');
  for (const prefix of ['ratelimit', ...X_PREFIXES]) {
    const quota = separateQuota(headers, prefix);
    if (!hasValue(quota)) continue;
    quotas.push(quota);
    for (const suffix of ['limit', 'remaining', 'reset']) {
      const name = `${prefix}-${suffix}`;
      if (single(headers, name) !== undefined) fields.push(name);
    }
  }
  return {fields, policies, quotas};
}

/** One line for a finding, e.g. `policy "default" 100 per 60 s; remaining 0, reset in 30 s`; '' when none. */
export function describeRateLimit(signals: RateLimitSignals): string {
  const label = (name: string | undefined): string => (name === undefined ? '' : ` "${name}"`);
  const policies = signals.policies.map(
    (p) => `policy${label(p.name)} ${p.quota ?? '?'}${p.windowSeconds === undefined ? '' : ` per ${p.windowSeconds} s`}`,
  );
  const quotas = signals.quotas.map((q) => {
    const parts = [
      q.limit === undefined ? '' : `limit ${q.limit}`,
      q.remaining === undefined ? '' : `remaining ${q.remaining}`,
      q.resetSeconds === undefined ? '' : `reset in ${q.resetSeconds} s`,
      q.resetAt === undefined ? '' : `reset at ${new Date(q.resetAt * 1000).toISOString()}`,
    ].filter(Boolean);
    return `${q.name === undefined ? '' : `"${q.name}" `}${parts.join(', ')}`;
  });
  return [...policies, ...quotas].join('; ');
}

/** RFC 9110 §10.2.3: delay-seconds, or an HTTP-date (IMF-fixdate; obsolete forms are parsed too). */
export type RetryAfter = {readonly seconds: number} | {readonly date: string};

/** A valid Retry-After value, or undefined when absent or malformed. */
export function parseRetryAfter(value: string | undefined): RetryAfter | undefined {
  if (value === undefined) return undefined;
  const s = value.trim().slice(0, 64);
  if (/^\d{1,10}$/.test(s)) return {seconds: Number(s)};
  // Date.parse accepts far more than HTTP-dates ("1", "2024"): require a weekday name and a time.
  if (/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? .*\d{2}:\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)))
    return {date: new Date(Date.parse(s)).toUTCString()};
  return undefined;
}
