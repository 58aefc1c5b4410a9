/**
 * Verdicts you can trust, end to end through `runScan` against real servers on loopback: nginx
 * from Debian for the redirect, downgrade, off-host and certificate cases, Node servers for a run
 * that judged nothing and for answers that are not the site's page (429, block pages, 503).
 * Each test names the point of the verdicts issue it shows.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {scanRequest, type ScanFlags} from '../../src/cli/request.js';
import {runScan} from '../../src/engine/run.js';
import type {CheckResult, Report, TargetReport} from '../../src/core/report.js';
import {makeLeaf, testCerts, type TestCerts} from '../helpers/certs.js';
import {startNginx, type Nginx} from '../helpers/nginx.js';
import {tracker} from '../helpers/process.js';
import {closedPort, startHttpServer, startHttpsServer, type TestServer} from '../helpers/servers.js';
import {EXPOSED_FILES} from '../../src/lib/exposed-files.js';

let certs: TestCerts;
const {track, closeAll} = tracker();

beforeAll(async () => {
  certs = await testCerts();
});

afterAll(closeAll);

async function scanOf(url: string, extra: Partial<ScanFlags> = {}): Promise<{report: Report; target: TargetReport; exitCode: number}> {
  const flags: ScanFlags = {json: true, color: false, 'ca-file': certs.caFile, timeout: 15_000, ...extra};
  const run = await runScan(scanRequest([url], flags, {version: '0.0.0-test', stdoutIsTTY: false}));
  return {report: run.report, target: run.report.targets[0]!, exitCode: run.exitCode};
}

function result(target: TargetReport, id: string): CheckResult {
  const found = target.results.find((r) => r.id === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
}

/** Status and the set of message ids of one check's result. */
function verdict(target: TargetReport, id: string): {status: string; ids: string[]} {
  const r = result(target, id);
  return {status: r.status, ids: [...new Set(r.findings.map((f) => f.messageId))].sort()};
}

const HEADER_CHECKS = ['csp', 'x-content-type-options', 'frame-options', 'referrer-policy', 'permissions-policy', 'cross-origin-policies'];

describe('point 1: a plain-HTTP target', () => {
  it('is tested from its own URL and port: served without a redirect, https-redirect fails', async () => {
    const nginx = await track(startNginx({tls: certs}));
    const {target} = await scanOf(nginx.httpUrl, {only: 'redirect'});
    expect(verdict(target, 'https-redirect')).toEqual({status: 'fail', ids: ['no-redirect']});
  });

  it('that is down makes the redirect test inconclusive (and the target unreachable), never a pass', async () => {
    const {target, exitCode} = await scanOf(`http://127.0.0.1:${await closedPort()}/`, {only: 'redirect'});
    expect(verdict(target, 'https-redirect')).toEqual({status: 'error', ids: ['target-down']});
    expect(exitCode).toBe(3);
  });
});

describe('point 2: an HTTPS URL that redirects to plain HTTP', () => {
  let nginx: Nginx;
  beforeAll(async () => {
    nginx = await track(
      startNginx({
        tls: certs,
        http: 'serve',
        server: `add_header Strict-Transport-Security "max-age=63072000; includeSubDomains; preload" always;
    location = / { return 301 http://127.0.0.1:{{httpPort}}/index.html; }`,
      }),
    );
  });

  it('fails https-redirect, naming the hop, and gets no credit for HSTS received over HTTP', async () => {
    const {target} = await scanOf(nginx.httpsUrl, {'http-url': nginx.httpUrl, only: 'redirect,hsts'});
    expect(verdict(target, 'https-redirect')).toEqual({status: 'fail', ids: ['no-redirect', 'page-downgrade']});
    expect(result(target, 'https-redirect').findings.find((f) => f.messageId === 'page-downgrade')?.evidence.to).toBe(`${nginx.httpUrl}index.html`);
    expect(verdict(target, 'hsts')).toEqual({status: 'fail', ids: ['received-over-http']});
  });
});

describe('point 9: a chain that leaves the host', () => {
  it('http → https on the same host → https on another host is judged by its hops: pass', async () => {
    const nginx = await track(
      startNginx({
        tls: certs,
        http: 'redirect',
        server: 'location = / { return 301 https://localhost:$server_port/; }',
      }),
    );
    const {target} = await scanOf(nginx.httpsUrl, {'http-url': nginx.httpUrl, only: 'redirect'});
    expect(verdict(target, 'https-redirect')).toEqual({status: 'pass', ids: []});
  });
});

describe('point 8: a certificate browsers reject', () => {
  it('fails the certificate check, still judges the pages without credentials, and names the real cause', async () => {
    const expired = await makeLeaf({name: 'verdicts-expired', days: -1});
    const nginx = await track(
      startNginx({
        tls: {certFile: expired.certFile, keyFile: expired.keyFile},
        http: 'redirect',
        server: 'add_header X-Content-Type-Options "nosniff" always; add_header Strict-Transport-Security "max-age=63072000" always;',
      }),
    );
    const {target, report} = await scanOf(nginx.httpsUrl, {'http-url': nginx.httpUrl, header: ['Authorization: Bearer never-sent-7']});
    expect(target.certificateRejected).toMatch(/^the certificate expired on \d{4}-\d{2}-\d{2}$/);
    expect(target.certificateRejected).not.toContain('--ca-file');
    expect(result(target, 'certificate-expiry').status).toBe('fail');
    // The page checks judged the page: nosniff passes, the missing CSP fails, none is an `error`.
    expect(verdict(target, 'x-content-type-options')).toEqual({status: 'pass', ids: ['certificate-rejected']});
    for (const id of HEADER_CHECKS) expect(result(target, id).status).not.toBe('error');
    // RFC 6797 §8.1: HSTS over such a connection is ignored by browsers.
    expect(verdict(target, 'hsts')).toEqual({status: 'fail', ids: ['certificate-rejected', 'rejected-certificate']});
    expect(JSON.stringify(report)).not.toContain('never-sent-7');
  });

  it('never sends the user header over the unverified connection', async () => {
    const leaf = await makeLeaf({name: 'verdicts-self-signed', selfSigned: true});
    const server: TestServer = await track(
      startHttpsServer((_req, res) => void res.writeHead(200, {'content-type': 'text/html'}).end('<h1>hi</h1>'), {
        key: leaf.keyPem,
        cert: leaf.certPem,
      }),
    );
    const {target} = await scanOf(`${server.url}/`, {only: 'headers,cookies', header: ['X-Api-Key: key-never-sent']});
    expect(target.certificateRejected).toMatch(/self-signed/);
    expect(server.requests.length).toBeGreaterThan(0);
    for (const r of server.requests) expect(r.headers['x-api-key']).toBeUndefined();
    expect(result(target, 'csp').status).toBe('fail');
  });
});

describe('point 4: nothing judged is not a pass', () => {
  it('`--only tls` on an http:// target exits 1 with passed false and one line saying why', async () => {
    const server = await track(startHttpServer((_req, res) => void res.writeHead(200).end('ok')));
    const {report, target, exitCode} = await scanOf(`${server.url}/`, {only: 'tls'});
    expect(target.results.every((r) => r.status === 'skipped')).toBe(true);
    expect(report.passed).toBe(false);
    expect(exitCode).toBe(1);
    expect(target.notJudged).toMatch(/none of the 8 gating checks could be judged .*no TLS to scan/);
  });

  it('`--only rate-limit` without a path is not a pass either', async () => {
    const server = await track(startHttpServer((_req, res) => void res.writeHead(200).end('ok')));
    const {report, target, exitCode} = await scanOf(`${server.url}/`, {only: 'rate-limit'});
    expect([report.passed, exitCode, target.notJudged !== undefined]).toEqual([false, 1, true]);
  });
});

describe('point 6: answers that are not the site', () => {
  it('a 429 page gets no header passes: each header check is inconclusive with Retry-After', async () => {
    const server = await track(
      startHttpServer((_req, res) => void res.writeHead(429, {'retry-after': '120', 'x-content-type-options': 'nosniff'}).end('slow down')),
    );
    const {target} = await scanOf(`${server.url}/`, {only: 'headers'});
    for (const id of HEADER_CHECKS) expect(verdict(target, id)).toEqual({status: 'error', ids: ['page-unavailable']});
    expect(result(target, 'x-content-type-options').findings[0]!.message).toContain('Retry-After: 120');
  });

  it('an F5 block page served with 200 gets no header passes', async () => {
    const block =
      '<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. Please consult with your administrator.<br><br>Your support ID is: 1234567890</body></html>';
    const server = await track(
      startHttpServer((_req, res) => void res.writeHead(200, {'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY'}).end(block)),
    );
    const {target} = await scanOf(`${server.url}/`, {only: 'headers'});
    for (const id of HEADER_CHECKS) expect(result(target, id).status).toBe('error');
  });

  it('"503 everywhere" is inconclusive for error-disclosure and the headers alike', async () => {
    const server = await track(startHttpServer((_req, res) => void res.writeHead(503, {'content-type': 'text/html'}).end('<h1>Maintenance</h1>')));
    const {target, report} = await scanOf(`${server.url}/`, {only: 'headers,disclosure'});
    expect(verdict(target, 'error-disclosure')).toEqual({status: 'error', ids: ['probe-unavailable']});
    expect(result(target, 'csp').status).toBe('error');
    expect(report.passed).toBe(false);
  });

  it('a site that sends every request to another origin gets no pass from what it never asked there', async () => {
    // The apex-to-www shape on loopback: 127.0.0.1 sends every path and method to localhost (another host), not followed.
    const server = await track(
      startHttpServer((req, res) => {
        const port = req.socket.localPort ?? 0;
        res.writeHead(301, {location: `http://localhost:${port}${req.url ?? '/'}`, server: 'nginx'}).end();
      }),
    );
    const ids = [
      'exposed-files',
      'directory-listing',
      'http-methods',
      'error-disclosure',
      'version-disclosure',
      'deprecated-headers',
      'cookie-flags',
      'cors',
    ];
    const {target, report} = await scanOf(`${server.url}/`, {only: ids.join(',')});
    for (const id of ids) expect([id, result(target, id).status]).toEqual([id, 'error']);
    expect(result(target, 'cookie-flags').findings[0]!.message).toContain('http://localhost:');
    expect(report.passed).toBe(false);
  });

  it('a site whose http:// origin sends every path to https:// on the same host is judged there', async () => {
    const env = EXPOSED_FILES.find((f) => f.path === '/.env')!;
    const https: TestServer = await track(
      startHttpsServer(
        (req, res) => {
          if (req.url === '/.env') return void res.writeHead(200, {'content-type': 'text/plain'}).end(env.example);
          res.writeHead(404, {'content-type': 'text/html'}).end('<h1>Not Found</h1>');
        },
        {key: certs.keyPem, cert: certs.certPem},
      ),
    );
    const http = await track(startHttpServer((req, res) => void res.writeHead(301, {location: `${https.url}${req.url ?? '/'}`}).end()));
    const {target} = await scanOf(`${http.url}/`, {only: 'exposed-files'});
    expect(verdict(target, 'exposed-files')).toEqual({status: 'fail', ids: ['exposed']});
    expect(https.requests.some((r) => r.url === '/.env')).toBe(true);
  });
});
