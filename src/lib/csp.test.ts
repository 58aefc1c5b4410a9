import {describe, expect, it} from '@jest/globals';
import {
  classifySource,
  effectiveDirective,
  hasKeyword,
  hasNonceOrHash,
  isInsecureSource,
  isUnrestrictedSource,
  MAX_CSP_ITEMS,
  parseCsp,
  takesSourceList,
  type CspPolicy,
} from './csp.js';
import {MAX_HEADER_VALUE} from './headers.js';

function only(value: string): CspPolicy {
  const [policy, ...rest] = parseCsp([value]);
  expect(rest).toHaveLength(0);
  if (!policy) throw new Error(`no policy in ${value}`);
  return policy;
}

describe('parseCsp', () => {
  it('splits directives on semicolons and sources on whitespace', () => {
    const policy = only("default-src 'self';  script-src\t'self'   https://cdn.example.com ;img-src *");
    expect([...policy.directives.keys()]).toEqual(['default-src', 'script-src', 'img-src']);
    expect(policy.directives.get('script-src')?.value).toBe("'self' https://cdn.example.com");
    expect(policy.directives.get('script-src')?.sources.map((s) => s.kind)).toEqual(['keyword', 'host']);
  });

  it('lower-cases directive names', () => {
    expect(only("Script-SRC 'self'").directives.has('script-src')).toBe(true);
  });

  it('keeps the first of duplicate directives and reports the rest', () => {
    const policy = only("script-src 'self'; SCRIPT-SRC 'unsafe-inline'; script-src *");
    expect(policy.directives.get('script-src')?.value).toBe("'self'");
    expect(policy.duplicates).toEqual(['script-src', 'script-src']);
  });

  it('reads each header and each comma-joined part as a policy of its own', () => {
    const policies = parseCsp(["default-src 'self', script-src 'none'", "object-src 'none'"]);
    expect(policies.map((p) => [...p.directives.keys()])).toEqual([['default-src'], ['script-src'], ['object-src']]);
  });

  it('drops empty policies and directives without a valid name', () => {
    expect(parseCsp(['', ' ; ;', ','])).toEqual([]);
    expect([...only("scrïpt-src 'self'; img_src *; img-src 'self'").directives.keys()]).toEqual(['img-src']);
  });

  it('keeps a directive without value', () => {
    expect(only('upgrade-insecure-requests').directives.get('upgrade-insecure-requests')).toEqual({
      name: 'upgrade-insecure-requests',
      value: '',
      sources: [],
    });
  });

  it('reads at most MAX_CSP_ITEMS directives, sources and policies', () => {
    const directives = Array.from({length: 500}, (_, i) => `d${i}-src 'self'`).join(';');
    expect(only(directives).directives.size).toBe(MAX_CSP_ITEMS);
    const sources = Array.from({length: 500}, (_, i) => `h${i}.example`).join(' ');
    expect(only(`script-src ${sources}`).directives.get('script-src')?.sources).toHaveLength(MAX_CSP_ITEMS);
    expect(parseCsp([Array.from({length: 500}, () => "img-src 'self'").join(',')])).toHaveLength(MAX_CSP_ITEMS);
  });

  it('ignores what follows MAX_HEADER_VALUE characters', () => {
    const policy = only(`img-src ${'a'.repeat(MAX_HEADER_VALUE)}; script-src *`);
    expect(policy.directives.has('script-src')).toBe(false);
  });
});

describe('classifySource', () => {
  it.each([
    ["'self'", 'keyword'],
    ["'NONE'", 'keyword'],
    ["'unsafe-inline'", 'keyword'],
    ["'unsafe-eval'", 'keyword'],
    ["'strict-dynamic'", 'keyword'],
    ["'unsafe-hashes'", 'keyword'],
    ["'wasm-unsafe-eval'", 'keyword'],
    ["'report-sample'", 'keyword'],
    ["'nonce-r4nd0m+/=='", 'nonce'],
    ["'sha256-abc123_-='", 'hash'],
    ["'SHA512-abc'", 'hash'],
    ["'sha1-abc'", 'invalid'],
    ["'unsafe-anything'", 'invalid'],
    ["'self", 'invalid'],
    ['self', 'host'],
    ['https:', 'scheme'],
    ['data:', 'scheme'],
    ['blob:', 'scheme'],
    ['*', 'wildcard'],
    ['https://*', 'wildcard'],
    ['*.example.com', 'host'],
    ['https://cdn.example.com:8443/js/', 'host'],
    ['example.com:*', 'host'],
    ['/relative/path', 'invalid'],
    ['https://exa mple', 'invalid'],
  ])('%s is classified as %s', (text, kind) => {
    expect(classifySource(text).kind).toBe(kind);
  });

  it('keeps the keyword lower-cased and the scheme of hosts and schemes', () => {
    expect(classifySource("'Unsafe-Inline'")).toEqual({kind: 'keyword', text: "'Unsafe-Inline'", keyword: 'unsafe-inline'});
    expect(classifySource('HTTP:')).toEqual({kind: 'scheme', text: 'HTTP:', scheme: 'http'});
    expect(classifySource('http://A.example')).toEqual({kind: 'host', text: 'http://A.example', scheme: 'http', host: 'a.example'});
    expect(classifySource('*.example.com')).toEqual({kind: 'host', text: '*.example.com', host: '*.example.com'});
  });
});

describe('effectiveDirective', () => {
  it('follows the CSP3 fallback list for script elements', () => {
    const policy = only("default-src 'self'; script-src 'none'");
    expect(effectiveDirective(policy, 'script-src-elem')?.name).toBe('script-src');
    expect(effectiveDirective(only("default-src 'self'"), 'script-src-attr')?.name).toBe('default-src');
    expect(effectiveDirective(only("script-src-elem 'self'"), 'script-src-elem')?.name).toBe('script-src-elem');
  });

  it('falls back to default-src for fetch directives only', () => {
    const policy = only("default-src 'self'");
    expect(effectiveDirective(policy, 'object-src')?.name).toBe('default-src');
    expect(effectiveDirective(policy, 'base-uri')).toBeUndefined();
    expect(effectiveDirective(policy, 'frame-ancestors')).toBeUndefined();
  });

  it('goes through child-src for frames and workers', () => {
    const policy = only("child-src 'none'; script-src 'self'");
    expect(effectiveDirective(policy, 'frame-src')?.name).toBe('child-src');
    expect(effectiveDirective(policy, 'worker-src')?.name).toBe('child-src');
  });
});

describe('source list predicates', () => {
  const directive = (value: string) => {
    const d = only(`script-src ${value}`).directives.get('script-src');
    if (!d) throw new Error('no script-src');
    return d;
  };

  it('sees nonces, hashes and keywords', () => {
    expect(hasNonceOrHash(directive("'nonce-abc' 'unsafe-inline'"))).toBe(true);
    expect(hasNonceOrHash(directive("'sha384-abc'"))).toBe(true);
    expect(hasNonceOrHash(directive("'self' 'unsafe-inline'"))).toBe(false);
    expect(hasKeyword(directive("'self' 'UNSAFE-EVAL'"), 'unsafe-eval')).toBe(true);
  });

  it('calls wildcards and web or data schemes unrestricted, hosts and other schemes not', () => {
    expect(['*', 'https://*', 'https:', 'http:', 'data:'].map((t) => isUnrestrictedSource(classifySource(t)))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['blob:', '*.example.com', "'self'", "'nonce-a'"].map((t) => isUnrestrictedSource(classifySource(t)))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('calls http: and http:// sources insecure', () => {
    expect(['http:', 'http://a.example', 'http://*'].every((t) => isInsecureSource(classifySource(t)))).toBe(true);
    expect(['https:', 'a.example', 'ws:'].some((t) => isInsecureSource(classifySource(t)))).toBe(false);
  });

  it('knows which directives take source lists', () => {
    expect(['script-src', 'script-src-elem', 'style-src-attr', 'base-uri', 'form-action', 'frame-ancestors'].every(takesSourceList)).toBe(true);
    expect(['report-uri', 'sandbox', 'report-to', 'upgrade-insecure-requests'].some(takesSourceList)).toBe(false);
  });
});
