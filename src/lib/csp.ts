/**
 * Content-Security-Policy parsing as CSP Level 3 describes it (https://www.w3.org/TR/CSP3/#parse-serialized-policy-list):
 * a header holds comma-separated policies, a policy holds `;`-separated directives, a directive holds
 * whitespace-separated source expressions. Pure, and capped before it parses.
 */
import {MAX_HEADER_VALUE} from './headers.js';

/**
 * Policies per header, directives per policy and sources per directive beyond this are not read:
 * real policies hold a few dozen of each, and a hostile one must not cost more than a glance.
 */
export const MAX_CSP_ITEMS = 200;

/** The quoted keywords CSP3 defines, without their quotes; matched case-insensitively. */
export const CSP_KEYWORDS = [
  'self',
  'none',
  'unsafe-inline',
  'unsafe-eval',
  'strict-dynamic',
  'unsafe-hashes',
  'wasm-unsafe-eval',
  'report-sample',
  'unsafe-allow-redirects',
  'inline-speculation-rules',
] as const;
export type CspKeyword = (typeof CSP_KEYWORDS)[number];

/** One source expression, classified; `text` is the token as sent. */
export type CspSource =
  | {readonly kind: 'keyword'; readonly text: string; readonly keyword: CspKeyword}
  | {readonly kind: 'nonce' | 'hash' | 'invalid'; readonly text: string}
  /** A scheme alone, such as `https:` or `data:`: any host with that scheme. */
  | {readonly kind: 'scheme'; readonly text: string; readonly scheme: string}
  /** `*`, or a host part of `*` such as `https://*`: any host. */
  | {readonly kind: 'wildcard'; readonly text: string; readonly scheme?: string}
  /** A host source such as `cdn.example.com`, `*.example.com` or `http://a.example:8080/js/`. */
  | {readonly kind: 'host'; readonly text: string; readonly scheme?: string; readonly host: string};

export interface CspDirective {
  /** Lower-cased. */
  readonly name: string;
  /** The value as sent, whitespace collapsed: short evidence for a finding. */
  readonly value: string;
  readonly sources: readonly CspSource[];
}

export interface CspPolicy {
  /** By name; the first occurrence of a name wins, as in browsers. */
  readonly directives: ReadonlyMap<string, CspDirective>;
  /** Names that occurred again after their first occurrence and were ignored. */
  readonly duplicates: readonly string[];
}

const KEYWORDS: ReadonlySet<string> = new Set(CSP_KEYWORDS);
const BASE64_VALUE = '[A-Za-z0-9+/_-]+={0,2}';
const NONCE = new RegExp(`^'nonce-${BASE64_VALUE}'$`, 'i');
const HASH = new RegExp(`^'(?:sha256|sha384|sha512)-${BASE64_VALUE}'$`, 'i');
const SCHEME = /^([a-z][a-z0-9+.-]*):$/i;
const HOST = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?)(?::(?:\d+|\*))?(?:\/\S*)?$/i;
const DIRECTIVE_NAME = /^[a-z0-9-]+$/;
const ASCII_WHITESPACE = /[\t\n\f\r ]+/;

/** Classifies one source expression by the CSP3 grammar; anything that fits none of it is `invalid`. */
export function classifySource(text: string): CspSource {
  if (text.startsWith("'")) {
    const keyword = text.slice(1, -1).toLowerCase();
    if (text.endsWith("'") && KEYWORDS.has(keyword)) {
      return {kind: 'keyword', text, keyword: keyword as CspKeyword};
    }
    if (NONCE.test(text)) return {kind: 'nonce', text};
    if (HASH.test(text)) return {kind: 'hash', text};
    return {kind: 'invalid', text};
  }
  const scheme = SCHEME.exec(text);
  if (scheme?.[1]) return {kind: 'scheme', text, scheme: scheme[1].toLowerCase()};
  const host = HOST.exec(text);
  if (!host?.[2]) return {kind: 'invalid', text};
  const hostScheme = host[1]?.toLowerCase();
  if (host[2] === '*') return {kind: 'wildcard', text, ...(hostScheme ? {scheme: hostScheme} : {})};
  return {kind: 'host', text, host: host[2].toLowerCase(), ...(hostScheme ? {scheme: hostScheme} : {})};
}

function parsePolicy(serialized: string): CspPolicy {
  const directives = new Map<string, CspDirective>();
  const duplicates: string[] = [];
  for (const token of serialized.split(';', MAX_CSP_ITEMS)) {
    // CSP3 skips a directive holding any non-ASCII character whole, rather than half-reading it.
    if (/[\x80-\uffff]/.test(token)) continue;
    const [rawName = '', ...values] = token.trim().split(ASCII_WHITESPACE, MAX_CSP_ITEMS + 1);
    const name = rawName.toLowerCase();
    if (!DIRECTIVE_NAME.test(name)) continue;
    if (directives.has(name)) {
      duplicates.push(name);
      continue;
    }
    directives.set(name, {name, value: values.join(' '), sources: values.map(classifySource)});
  }
  return {directives, duplicates};
}

/**
 * Parses every Content-Security-Policy header value (one per header, as `headerValues` returns them)
 * into the policies a browser would enforce: each comma-separated part is a policy of its own, and
 * parts without a directive are dropped.
 */
export function parseCsp(values: readonly string[]): CspPolicy[] {
  const policies: CspPolicy[] = [];
  for (const value of values) {
    for (const serialized of value.slice(0, MAX_HEADER_VALUE).split(',', MAX_CSP_ITEMS)) {
      const policy = parsePolicy(serialized);
      if (policy.directives.size > 0) policies.push(policy);
      if (policies.length === MAX_CSP_ITEMS) return policies;
    }
  }
  return policies;
}

/** CSP3's directive fallback lists, for the directives whose fallback is not simply default-src. */
const FALLBACKS: Readonly<Record<string, readonly string[]>> = {
  'script-src-elem': ['script-src-elem', 'script-src', 'default-src'],
  'script-src-attr': ['script-src-attr', 'script-src', 'default-src'],
  'style-src-elem': ['style-src-elem', 'style-src', 'default-src'],
  'style-src-attr': ['style-src-attr', 'style-src', 'default-src'],
  'worker-src': ['worker-src', 'child-src', 'script-src', 'default-src'],
  'frame-src': ['frame-src', 'child-src', 'default-src'],
};

/**
 * The directive a browser applies for `name`: the first present in its fallback list. Fetch
 * directives (`*-src`) fall back to default-src; base-uri, form-action and frame-ancestors do not.
 */
export function effectiveDirective(policy: CspPolicy, name: string): CspDirective | undefined {
  const order = FALLBACKS[name] ?? (name.endsWith('-src') ? [name, 'default-src'] : [name]);
  for (const candidate of order) {
    const directive = policy.directives.get(candidate);
    if (directive) return directive;
  }
  return undefined;
}

/** Whether a directive's value is a source list (and not a URL, token list or flag). */
export function takesSourceList(name: string): boolean {
  return /-src(?:-elem|-attr)?$/.test(name) || ['base-uri', 'form-action', 'frame-ancestors'].includes(name);
}

/** Whether the directive lists the keyword. */
export function hasKeyword(directive: CspDirective, keyword: CspKeyword): boolean {
  return directive.sources.some((s) => s.kind === 'keyword' && s.keyword === keyword);
}

/** Whether the directive lists a nonce or a hash, which makes browsers ignore 'unsafe-inline' in it. */
export function hasNonceOrHash(directive: CspDirective): boolean {
  return directive.sources.some((s) => s.kind === 'nonce' || s.kind === 'hash');
}

/** Schemes whose scheme-only source lets an attacker supply the content: any web host, or inline data. */
const OPEN_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'data']);

/** Whether the source admits content from anyone: `*`, `https://*`, `https:`, `http:` or `data:`. */
export function isUnrestrictedSource(source: CspSource): boolean {
  return source.kind === 'wildcard' || (source.kind === 'scheme' && OPEN_SCHEMES.has(source.scheme));
}

/** Whether the source loads over plain HTTP (`http:` or `http://host`), open to network tampering. */
export function isInsecureSource(source: CspSource): boolean {
  return (source.kind === 'scheme' || source.kind === 'host' || source.kind === 'wildcard') && source.scheme === 'http';
}
