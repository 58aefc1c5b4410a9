import {describe, expect, it} from '@jest/globals';
import {DIRECTORY_LISTINGS, EXPOSED_FILES, judgeable, leakEvidence, listingServer, SIGNATURE_WINDOW} from './exposed-files.js';
import type {HttpResponse} from '../core/types.js';

/** Answers a site gives where no file is: none may match a signature or look like a listing. */
const HARMLESS: Record<string, string> = {
  'an empty body': '',
  "nginx's 404 page":
    '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
  'an SPA shell':
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script type="module" src="/assets/index-4f2a.js"></script></head><body><div id="root"></div></body></html>',
  'a JSON 404': '{"error":"not_found","message":"No route for GET /.env"}',
  'a soft 404 naming the path': '<h1>Page not found</h1><p>We could not find /.git/config. Go back to the <a href="/">home page</a>.</p>',
  'an article about listings':
    '<article><h1>Turn off directory listings</h1><p>Apache shows "Index of /" and a Parent Directory link when Options +Indexes is set.</p></article>',
};

describe('EXPOSED_FILES', () => {
  it('has one entry per path, each on the origin root', () => {
    const paths = EXPOSED_FILES.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const p of paths) expect(p).toMatch(/^\/[^/]/);
  });

  it.each(EXPOSED_FILES.map((f) => [f.path, f] as const))('%s: its example matches its signature with a short marker as evidence', (_path, file) => {
    const evidence = leakEvidence(file, file.example);
    expect(evidence).toBeDefined();
    // The evidence goes into public reports: a marker, never the secret that follows it.
    expect(evidence!.length).toBeLessThanOrEqual(40);
  });

  it.each(Object.entries(HARMLESS))('no signature matches %s', (_name, body) => {
    expect(EXPOSED_FILES.filter((f) => leakEvidence(f, body) !== undefined).map((f) => f.path)).toEqual([]);
  });

  it('does not show the secrets of the examples as evidence', () => {
    const secrets = [
      'Tr0ub4dor&3',
      'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
      'npm_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ',
      'hunter2',
      'AKIAIOSFODNN7EXAMPLE',
      '$apr1$ZjTqBB3f',
    ];
    for (const file of EXPOSED_FILES) {
      const evidence = leakEvidence(file, file.example)!;
      for (const secret of secrets) expect({path: file.path, leaks: evidence.includes(secret)}).toEqual({path: file.path, leaks: false});
    }
  });

  it(`searches only the first ${SIGNATURE_WINDOW} characters`, () => {
    const env = EXPOSED_FILES.find((f) => f.path === '/.env')!;
    expect(leakEvidence(env, `${'#'.repeat(SIGNATURE_WINDOW)}\nDB_PASSWORD=x\n`)).toBeUndefined();
    expect(leakEvidence(env, `${'#'.repeat(SIGNATURE_WINDOW - 100)}\nDB_PASSWORD=x\n`)).toBe('DB_PASSWORD=');
  });

  it('finds .env keys with export and spaces, but not prose or lower-case names', () => {
    const env = EXPOSED_FILES.find((f) => f.path === '/.env')!;
    expect(leakEvidence(env, 'export STRIPE_SECRET_KEY = sk_live_x')).toBe('export STRIPE_SECRET_KEY =');
    expect(leakEvidence(env, 'Set DB_PASSWORD=... in your environment')).toBeUndefined();
    expect(leakEvidence(env, 'db_password=x')).toBeUndefined();
  });

  it('accepts a detached Git HEAD (a bare commit id)', () => {
    const head = EXPOSED_FILES.find((f) => f.path === '/.git/HEAD')!;
    expect(leakEvidence(head, '3f786850e387550fdab836ed7e6dc881de23001b\n')).toBeDefined();
    expect(leakEvidence(head, '3f786850e387550fdab836ed7e6dc881de23001b is the fix')).toBeUndefined();
  });
});

describe('DIRECTORY_LISTINGS', () => {
  it.each(DIRECTORY_LISTINGS.map((l) => [l.name, l] as const))('recognises a %s listing', (name, listing) => {
    expect(listingServer(listing.example)).toBe(name);
  });

  it.each(Object.entries(HARMLESS))('%s is not a listing', (_name, body) => {
    expect(listingServer(body)).toBeUndefined();
  });
});

describe('judgeable', () => {
  const res = (status: number, body = '', headers: [string, string][] = []): HttpResponse => ({
    url: 'https://app.example.com/.env',
    status,
    httpVersion: '1.1',
    headers,
    body,
    bodyTruncated: false,
    redirects: [],
    durationMs: 3,
  });

  it('passes ordinary answers on, 404 and 403 included', () => {
    for (const status of [200, 301, 403, 404])
      expect(judgeable({method: 'GET', path: '/.env', response: res(status)})).toEqual({response: res(status)});
  });

  it('gives the reason for a failed request, a 5xx, a WAF challenge and a rate limit', () => {
    const reasons = [
      judgeable({method: 'GET', path: '/.env', error: {kind: 'probe-error', code: 'timeout', message: 'no answer within 800 ms'}}),
      judgeable({method: 'GET', path: '/.env', response: res(502)}),
      judgeable({method: 'GET', path: '/.env', response: res(403, '', [['cf-mitigated', 'challenge']])}),
      judgeable({method: 'GET', path: '/.env', response: res(429, '', [['retry-after', '60']])}),
    ];
    expect(reasons).toEqual([
      {reason: 'no answer within 800 ms'},
      {reason: 'the server answered HTTP 502'},
      {reason: expect.stringContaining('Cloudflare')},
      {reason: expect.stringMatching(/HTTP 429.*Retry-After: 60/)},
    ]);
  });
});
