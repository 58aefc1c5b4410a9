/**
 * auth-openapi end to end through runScan, against a real Express API with JWT and API-key
 * middleware (test/helpers/openapi-api.ts) and its own OpenAPI 3.1 document: what is found, what
 * is not sent, and that the server's own log shows exactly the requests --dry-run planned.
 */
import {afterAll, beforeAll, beforeEach, describe, expect, it} from '@jest/globals';
import {scanRequest, type ScanFlags} from '../../src/cli/request.js';
import {planOnly, runScan} from '../../src/engine/run.js';
import type {CheckResult, Report} from '../../src/core/report.js';
import {formatHtml} from '../../src/formatters/html.js';
import {formatMarkdown} from '../../src/formatters/markdown.js';
import {testCerts, type TestCerts} from '../helpers/certs.js';
import {OPENAPI_API_DOCUMENT, openApiApi, type OpenApiApi} from '../helpers/openapi-api.js';
import {tracker} from '../helpers/process.js';
import {startHttpsServer, type RecordedRequest, type TestServer} from '../helpers/servers.js';

let certs: TestCerts;
let api: OpenApiApi;
let server: TestServer;
const {track, closeAll} = tracker();
const CONTROL_ENV = 'SHIPCHECK_TEST_OPENAPI_CONTROL';

beforeAll(async () => {
  certs = await testCerts();
  api = openApiApi();
  server = await track(startHttpsServer(api.app, {key: certs.keyPem, cert: certs.certPem}));
});
afterAll(closeAll);
beforeEach(() => {
  server.requests.length = 0;
});

function flags(extra: Partial<ScanFlags>): ScanFlags {
  return {json: true, color: false, 'ca-file': certs.caFile, timeout: 20_000, only: 'auth', openapi: OPENAPI_API_DOCUMENT, ...extra};
}
const invocation = {version: '0.0.0-test', stdoutIsTTY: false};

async function scanOf(extra: Partial<ScanFlags> = {}): Promise<{result: CheckResult; exitCode: number; report: Report}> {
  const run = await runScan(scanRequest([`${server.url}/`], flags(extra), invocation));
  const result = run.report.targets[0]?.results.find((r) => r.id === 'auth-openapi');
  if (!result) throw new Error('no auth-openapi result');
  return {result, exitCode: run.exitCode, report: run.report};
}

/** What became of each operation, by "METHOD /template". */
function outcomes(result: CheckResult): Record<string, unknown> {
  return Object.fromEntries(
    result.findings.filter((f) => f.evidence.outcome !== undefined).map((f) => [`${f.evidence.method} ${f.evidence.path}`, f.evidence.outcome]),
  );
}

/** METHOD path?query, without the forged query key (its random value is drawn when the request is sent). */
function normalize(method: string, pathAndQuery: string): string {
  return `${method} ${pathAndQuery.replace(/&api_key=[^&]*/, '')}`;
}

/** The requests --dry-run lists for the same flags, as the server would log them. */
async function planned(extra: Partial<ScanFlags> = {}): Promise<string[]> {
  const text = await planOnly(scanRequest([`${server.url}/`], flags(extra), invocation));
  return [...text.matchAll(/^\s+([A-Z]+) (https:\/\/\S+) with /gm)].map(([, method = '', url = '']) => {
    const u = new URL(url);
    return normalize(method, `${u.pathname}${u.search}`);
  });
}

const logged = (requests: readonly RecordedRequest[]): string[] => requests.map((r) => normalize(r.method, r.url));
const sorted = (list: readonly string[]): string[] => [...list].sort();

describe('auth-openapi against a real API and its OpenAPI 3.1 document', () => {
  it('finds the secured GET left open, passes the protected ones, leaves the 404 inconclusive and sends no POST by default', async () => {
    const plan = await planned();
    const {result, exitCode, report} = await scanOf();
    expect(result.status).toBe('fail');
    expect(exitCode).toBe(1);
    expect(outcomes(result)).toEqual({
      'GET /orders/{orderId}': 'open',
      'GET /invoices/{invoiceId}': 'inconclusive',
      'GET /items': 'refused',
      'GET /items/{itemId}': 'refused',
      'GET /admin/stats': 'refused',
      'GET /session': 'refused',
      'GET /legacy/report': 'refused',
      'GET /export': 'refused',
      'POST /items': 'not-probed',
      'DELETE /items/{itemId}': 'not-probed',
    });
    const open = result.findings.find((f) => f.messageId === 'open');
    expect(open?.evidence).toMatchObject({method: 'GET', path: '/orders/{orderId}', status: 200, variant: 'no-credentials'});
    const notFound = result.findings.find((f) => f.messageId === 'not-found');
    expect(notFound?.message).toContain('invoiceId=9999');
    expect(result.findings[0]?.evidence).toMatchObject({secured: 10, probed: 8, refused: 6, open: 1, inconclusive: 1, notProbed: 2, public: 2});
    // The server's own log: exactly what was planned, nothing for the public routes, no POST or DELETE.
    expect(sorted(logged(server.requests))).toEqual(sorted(plan));
    expect(server.requests.some((r) => /^\/v1\/(health|catalog)/.test(r.url))).toBe(false);
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
    // Required query and header parameters went with each request; the forged credentials fit each scheme.
    const list = server.requests.filter((r) => r.url.startsWith('/v1/items?'));
    expect(list.map((r) => [r.url, r.headers['x-tenant']])).toEqual(list.map(() => ['/v1/items?limit=20', 'acme']));
    expect(server.requests.filter((r) => r.url === '/v1/admin/stats').map((r) => r.headers['x-api-key'] !== undefined)).toEqual([false, true]);
    expect(server.requests.filter((r) => r.url.startsWith('/v1/export')).length).toBe(5);
    expect(server.requests.filter((r) => r.url === '/v1/session').map((r) => /^sid=[\w-]{43}$/.test(r.headers.cookie ?? ''))).toEqual([false, true]);
    const basic = server.requests.filter((r) => r.url === '/v1/legacy/report').map((r) => r.headers.authorization ?? 'none');
    expect(basic).toEqual(['none', expect.stringMatching(/^Basic [A-Za-z0-9+/]+=*$/)]);
    // Markdown and HTML: one compact table of every secured operation.
    const markdown = formatMarkdown(report);
    expect(markdown).toContain('| Operation | Result | Answers without valid credentials |');
    expect(markdown).toMatch(/^\| GET \/orders\/\\\{orderId\\\} \| ❌ open \| no\\-credentials 200, /m);
    expect(markdown).toMatch(/^\| DELETE \/items\/\\\{itemId\\\} \| ⏭️ not probed \|/m);
    expect(markdown.match(/^\| (GET|POST|DELETE) /gm)).toHaveLength(10);
    const html = formatHtml(report);
    expect(html.match(/<tr><td><code>(GET|POST|DELETE) /g)).toHaveLength(10);
    expect(html).toContain('<td class="open">open</td>');
  });

  it('finds the secured POST left open once --openapi-methods enables POST, and still sends no DELETE', async () => {
    const plan = await planned({'openapi-methods': 'GET,HEAD,POST'});
    const {result} = await scanOf({'openapi-methods': 'GET,HEAD,POST'});
    expect(result.status).toBe('fail');
    expect(outcomes(result)).toMatchObject({'POST /items': 'open', 'GET /orders/{orderId}': 'open', 'DELETE /items/{itemId}': 'not-probed'});
    const post = result.findings.find((f) => f.evidence.method === 'POST');
    expect(post?.evidence).toMatchObject({status: 201});
    expect(post?.message).toContain('widget');
    expect(sorted(logged(server.requests))).toEqual(sorted(plan));
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts.length).toBe(4);
    expect(posts.every((r) => r.headers['content-type'] === 'application/json')).toBe(true);
    expect(server.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('sends the positive control to GET operations only, and a working control does not excuse the open route', async () => {
    process.env[CONTROL_ENV] = `Authorization: Bearer ${api.token}`;
    try {
      const {result} = await scanOf({'openapi-methods': 'GET,HEAD,POST', 'auth-credentials-env': CONTROL_ENV});
      expect(outcomes(result)).toMatchObject({
        'GET /items/{itemId}': 'refused',
        'GET /orders/{orderId}': 'open',
        'GET /invoices/{invoiceId}': 'inconclusive',
      });
      const withToken = server.requests.filter((r) => r.headers.authorization === `Bearer ${api.token}`);
      expect(withToken.length).toBe(8);
      expect(withToken.every((r) => r.method === 'GET')).toBe(true);
      // The credential never appears in the report.
      expect(JSON.stringify(result)).not.toContain(api.token);
    } finally {
      delete process.env.SHIPCHECK_TEST_OPENAPI_CONTROL;
    }
  });

  it('sends nothing when the plan is over the request budget, and says how many it needs', async () => {
    const {result} = await scanOf({'max-requests': 10});
    expect(result.status).toBe('error');
    expect(result.findings[0]?.message).toMatch(
      /the 8 secured GET\/HEAD operations of .*openapi-api\.yaml need 27 requests, over this target's budget of 10 .*--max-requests/,
    );
    expect(server.requests).toEqual([]);
  });
});
