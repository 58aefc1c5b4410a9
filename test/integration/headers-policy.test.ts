/**
 * Header variants as a real Node server puts them on the wire, fetched by the Pages probe through the
 * real client and judged by the real checks: a header sent on two lines gets the verdict of the same
 * values on one comma-joined line (RFC 9110 §5.3), a bare X-Powered-By is a note while a versioned
 * one is a warning (ZAP rule 10036), and default-src restricts plugins when object-src is absent
 * (CSP Evaluator).
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import csp from '../../checks/csp.js';
import frameOptions from '../../checks/frame-options.js';
import referrerPolicy from '../../checks/referrer-policy.js';
import versionDisclosure from '../../checks/version-disclosure.js';
import xContentTypeOptions from '../../checks/x-content-type-options.js';
import {evaluateCheck} from '../../src/engine/evaluate.js';
import {makeTarget} from '../../src/core/target.js';
import type {AnyCheck, Page, Status, TargetInfo} from '../../src/core/types.js';
import {HttpClient} from '../../src/probes/http.js';
import {pagesProbe} from '../../src/probes/pages.js';
import {within} from '../helpers/within.js';
import {startHttpServer, type TestServer} from '../helpers/servers.js';

/** Each route's headers; an array value goes on the wire as that many header lines. */
const ROUTES: Readonly<Record<string, Readonly<Record<string, string | string[]>>>> = {
  '/nosniff-one-line': {'x-content-type-options': 'nosniff, nosniff'},
  '/nosniff-two-lines': {'x-content-type-options': ['nosniff', 'nosniff']},
  '/sniff-first-one-line': {'x-content-type-options': 'sniff, nosniff'},
  '/sniff-first-two-lines': {'x-content-type-options': ['sniff', 'nosniff']},
  '/xfo-one-line': {'x-frame-options': 'DENY, DENY'},
  '/xfo-two-lines': {'x-frame-options': ['DENY', 'DENY']},
  '/referrer-one-line': {'referrer-policy': 'no-referrer, unsafe-url'},
  '/referrer-two-lines': {'referrer-policy': ['no-referrer', 'unsafe-url']},
  '/powered-bare': {'x-powered-by': 'Express'},
  '/powered-versioned': {'x-powered-by': 'PHP/8.2.7'},
  '/csp-default-none': {'content-security-policy': "default-src 'none'; script-src 'self'"},
  '/csp-default-self': {'content-security-policy': "default-src 'self'"},
  '/csp-no-default': {'content-security-policy': "script-src 'self'"},
  '/csp-nonce-no-base': {'content-security-policy': "script-src 'nonce-r4nd0m'; object-src 'none'"},
};

/** How long the fetch may take before the test calls it a hang. */
const SETTLE_BOUND_MS = 5000;

let server: TestServer;

beforeAll(async () => {
  server = await startHttpServer((req, res) => {
    const headers = ROUTES[req.url ?? ''];
    if (!headers) return void res.writeHead(404).end();
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end('<!doctype html><title>ok</title>');
  });
});

afterAll(async () => {
  await server.close();
});

/** Fetches one route with the Pages probe and the client `shipcheck scan` uses. */
async function fetchPages(path: string): Promise<readonly Page[]> {
  const target = makeTarget({url: `${server.url}${path}`});
  const signal = AbortSignal.timeout(SETTLE_BOUND_MS);
  const client = new HttpClient({signal, requestTimeoutMs: 2000, maxBodyBytes: 64 * 1024, credentials: {origin: target.url.origin, headers: {}}});
  try {
    return await within(pagesProbe.gather(target, {client, signal}), SETTLE_BOUND_MS);
  } finally {
    await client.close();
  }
}

/** The verdict and message ids of a check on one route, as the scan reports them. */
async function judge(check: AnyCheck, path: string): Promise<{status: Status; ids: string[]}> {
  const Pages = await fetchPages(path);
  const url = new URL(path, server.url);
  const target: TargetInfo = {url: url.href, host: url.hostname, https: false, tlsProfile: 'intermediate'};
  const result = evaluateCheck(check, {level: 'error', options: check.defaultOptions as object}, {Pages}, target, (s) => s);
  return {status: result.status, ids: result.findings.map((f) => f.messageId)};
}

describe('a header sent on two lines is judged as the same values on one line', () => {
  it('puts the two-line variants on the wire as two header lines', async () => {
    const [page] = await fetchPages('/nosniff-two-lines');
    expect(page!.response!.headers.filter(([name]) => name === 'x-content-type-options')).toEqual([
      ['x-content-type-options', 'nosniff'],
      ['x-content-type-options', 'nosniff'],
    ]);
  });

  it.each([
    ['/nosniff-one-line', 'pass', ['extra-values']],
    ['/nosniff-two-lines', 'pass', ['extra-values']],
    ['/sniff-first-one-line', 'fail', ['invalid']],
    ['/sniff-first-two-lines', 'fail', ['invalid']],
  ] as const)('X-Content-Type-Options on %s: %s, as Fetch reads its first value', async (path, status, ids) => {
    expect(await judge(xContentTypeOptions, path)).toEqual({status, ids});
  });

  it.each(['/xfo-one-line', '/xfo-two-lines'])('X-Frame-Options DENY twice on %s is no conflict', async (path) => {
    expect(await judge(frameOptions, path)).toEqual({status: 'pass', ids: []});
  });

  it.each(['/referrer-one-line', '/referrer-two-lines'])('the last Referrer-Policy token on %s decides', async (path) => {
    expect(await judge(referrerPolicy, path)).toEqual({status: 'fail', ids: ['full-url']});
  });
});

describe('X-Powered-By as Express sends it', () => {
  it('a bare product name passes with a note', async () => {
    expect(await judge(versionDisclosure, '/powered-bare')).toEqual({status: 'pass', ids: ['product-named']});
  });

  it('a versioned one is a warning', async () => {
    expect(await judge(versionDisclosure, '/powered-versioned')).toEqual({status: 'warn', ids: ['version-disclosed']});
  });
});

describe('CSP without object-src', () => {
  it.each([
    ['/csp-default-none', 'pass', []],
    ['/csp-default-self', 'pass', []],
    ['/csp-no-default', 'fail', ['object-src-missing']],
    ['/csp-nonce-no-base', 'warn', ['base-uri-missing']],
  ] as const)('%s: %s', async (path, status, ids) => {
    expect(await judge(csp, path)).toEqual({status, ids});
  });
});
