/**
 * The exposure probes and checks against real servers on loopback: nginx leaking `.git/` and `.env`
 * with an autoindexed folder, nginx hardened with a dot-file deny rule and a security.txt, a Node
 * SPA that answers every path with its shell (the trap: nothing may be reported as leaking), a Node
 * server that echoes TRACE, and one whose security.txt has expired. Every server also shows that
 * only GET, TRACE and OPTIONS were sent, without credentials.
 */
import type {IncomingMessage, ServerResponse} from 'node:http';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import directoryListing from '../../checks/directory-listing.js';
import exposedFiles from '../../checks/exposed-files.js';
import httpMethods from '../../checks/http-methods.js';
import securityTxt from '../../checks/security-txt.js';
import {makeTarget} from '../../src/core/target.js';
import type {AnyCheck, ArtifactMap, CheckOutcome, TargetInfo} from '../../src/core/types.js';
import {EXPOSED_FILES, LISTING_PATHS} from '../../src/lib/exposed-files.js';
import {CANARY_PREFIX, exposedPathsProbe, methodProbesProbe, securityTxtProbe} from '../../src/probes/exposure.js';
import {HttpClient} from '../../src/probes/http.js';
import {PROBE_CONCURRENCY} from '../../src/probes/pages.js';
import {testCerts, type TestCerts} from '../helpers/certs.js';
import {HARDENED_SERVER, startNginx, type Nginx} from '../helpers/nginx.js';
import {within} from '../helpers/within.js';
import {startHttpsServer, type TestServer} from '../helpers/servers.js';

const SECRET = 'Bearer must-never-be-sent';
const DAY_MS = 24 * 60 * 60 * 1000;
const GIT_CONFIG = EXPOSED_FILES.find((f) => f.path === '/.git/config')!.example;
const ENV = EXPOSED_FILES.find((f) => f.path === '/.env')!.example;
/** The requests the exposure probes send per target: the canary, the files, the folders, TRACE, OPTIONS, security.txt. */
const REQUESTS = 1 + EXPOSED_FILES.length + LISTING_PATHS.length + 3;

let certs: TestCerts;
const closers: {close(): Promise<void>}[] = [];

async function track<T extends {close(): Promise<void>}>(started: Promise<T>): Promise<T> {
  const s = await started;
  closers.push(s);
  return s;
}

/** How long a request may take before the test calls it a hang. */
const SETTLE_BOUND_MS = 15_000;

type Verdicts = Record<string, {status: CheckOutcome['status']; ids: string[]; findings: CheckOutcome['findings']}>;

/** Runs the three probes against `url` (with credentials configured for its origin) and the four checks on what they found. */
async function scan(url: string): Promise<Verdicts> {
  const target = makeTarget({url, headers: {authorization: SECRET}});
  const signal = AbortSignal.timeout(20_000);
  const client = new HttpClient({
    signal,
    requestTimeoutMs: 2000,
    maxBodyBytes: 64 * 1024,
    ca: [certs.caPem],
    credentials: {origin: target.url.origin, headers: target.headers},
  });
  const ctx = {client, signal};
  const [ExposedPaths, MethodProbes, SecurityTxt] = await within(
    Promise.all([exposedPathsProbe.gather(target, ctx), methodProbesProbe.gather(target, ctx), securityTxtProbe.gather(target, ctx)]),
    SETTLE_BOUND_MS,
  );
  // The pages probe is not run here (it sends the user's headers): directory-listing reads no page.
  const artifacts: Partial<ArtifactMap> = {ExposedPaths, MethodProbes, SecurityTxt, Pages: []};
  const info: TargetInfo = {url: target.url.href, host: target.url.hostname, https: true, tlsProfile: 'intermediate'};
  const verdicts: Verdicts = {};
  for (const check of [exposedFiles, directoryListing, httpMethods, securityTxt] as AnyCheck[]) {
    const {status, findings} = check.run(artifacts, check.defaultOptions, info);
    verdicts[check.meta.id] = {status, ids: findings.map((f) => f.messageId), findings};
  }
  return verdicts;
}

/** Paths the exposed-files check reported, in the data of its `exposed` findings. */
const exposedPaths = (v: Verdicts): string[] =>
  v['exposed-files']!.findings.filter((f) => f.messageId === 'exposed')
    .map((f) => String(f.data?.path))
    .sort();

/** A security.txt a careful team serves, expiring half a year after `now`. */
const securityTxtFile = (now: number, expiresInDays: number): string =>
  `# Report vulnerabilities here\nContact: mailto:security@example.com\nExpires: ${new Date(now + expiresInDays * DAY_MS).toISOString()}\nPolicy: https://example.com/security\n`;

const tls = () => ({key: certs.keyPem, cert: certs.certPem});

/** Asserts a Node server saw only safe methods and never the user's credentials. */
function expectSafe(server: TestServer): void {
  expect(server.requests).toHaveLength(REQUESTS);
  expect([...new Set(server.requests.map((r) => r.method))].sort()).toEqual(['GET', 'OPTIONS', 'TRACE']);
  for (const r of server.requests) expect(r.headers.authorization).toBeUndefined();
}

beforeAll(async () => {
  certs = await testCerts();
});

afterAll(async () => {
  await Promise.all(closers.map((c) => c.close()));
});

describe('nginx serving its deploy folder as is', () => {
  let nginx: Nginx;
  let v: Verdicts;
  beforeAll(async () => {
    nginx = await track(
      startNginx({
        tls: {certFile: certs.certFile, keyFile: certs.keyFile},
        server: 'location /files/ { autoindex on; }',
        files: {
          '.git/config': GIT_CONFIG,
          '.git/HEAD': 'ref: refs/heads/main\n',
          '.env': ENV,
          'files/report.pdf': '%PDF-1.7\n',
          'files/notes.txt': 'notes\n',
        },
      }),
    );
    v = await scan(nginx.httpsUrl);
  });

  it('fails exposed-files naming .git/config, .git/HEAD and .env', () => {
    expect(v['exposed-files']!.status).toBe('fail');
    expect(exposedPaths(v)).toEqual(['/.env', '/.git/HEAD', '/.git/config']);
    expect(v['exposed-files']!.ids).not.toContain('catch-all');
  });

  it('fails directory-listing naming /files/', () => {
    expect(v['directory-listing']).toMatchObject({status: 'fail', ids: ['listing']});
    expect(v['directory-listing']!.findings[0]!.data).toEqual({url: `${nginx.httpsUrl}files/`, server: 'nginx autoindex'});
  });

  it('passes http-methods (nginx refuses TRACE with 405)', () => {
    expect(v['http-methods']).toMatchObject({status: 'pass', ids: []});
  });

  it('warns that security.txt is missing', () => {
    expect(v['security-txt']).toMatchObject({status: 'warn', ids: ['missing']});
  });
});

describe('nginx hardened with a dot-file deny rule and a security.txt', () => {
  let v: Verdicts;
  beforeAll(async () => {
    const nginx = await track(
      startNginx({
        tls: {certFile: certs.certFile, keyFile: certs.keyFile},
        server: `${HARDENED_SERVER}\n    types { text/plain txt; }\n    location ~ /\\.(?!well-known/) { deny all; }`,
        // The leaked files are there, but the deny rule keeps them unreachable.
        files: {'.git/config': GIT_CONFIG, '.env': ENV, '.well-known/security.txt': securityTxtFile(Date.now(), 180)},
      }),
    );
    v = await scan(nginx.httpsUrl);
  });

  it('passes all four checks', () => {
    expect(Object.fromEntries(Object.entries(v).map(([id, r]) => [id, [r.status, r.ids]]))).toEqual({
      'exposed-files': ['pass', []],
      'directory-listing': ['pass', []],
      'http-methods': ['pass', []],
      'security-txt': ['pass', []],
    });
  });
});

describe('a Node SPA that answers every path with its shell', () => {
  let spa: TestServer;
  let v: Verdicts;
  let inFlight = 0;
  let maxInFlight = 0;
  beforeAll(async () => {
    let served = 0;
    spa = await track(
      startHttpsServer((req: IncomingMessage, res: ServerResponse) => {
        // Only the file probe's requests: the other two probes run beside it.
        const counted = req.method === 'GET' && req.url !== '/.well-known/security.txt';
        if (counted) maxInFlight = Math.max(maxInFlight, ++inFlight);
        // A few milliseconds per answer, so the probe's requests overlap as far as it lets them.
        setTimeout(() => {
          if (counted) inFlight--;
          res.writeHead(200, {'content-type': 'text/html; charset=utf-8'});
          res.end(
            `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><script nonce="n${++served}x">window.__CONFIG__={"api":"/api"}</script><script type="module" src="/assets/index-4f2a91c3.js"></script></head><body><div id="root"></div><noscript><pre>\nDB_PASSWORD=your-password-here\n</pre></noscript></body></html>`,
          );
        }, 5);
      }, tls()),
    );
    v = await scan(`${spa.url}/`);
  });

  it('passes exposed-files, noting that only content signatures were trusted', () => {
    expect(v['exposed-files']).toMatchObject({status: 'pass', ids: ['catch-all']});
  });

  it('passes directory-listing and finds no security.txt in the shell', () => {
    expect(v['directory-listing']!.status).toBe('pass');
    expect(v['security-txt']).toMatchObject({status: 'warn', ids: ['not-security-txt']});
  });

  it('warns that TRACE is answered, though nothing is echoed', () => {
    expect(v['http-methods']).toMatchObject({status: 'warn', ids: ['trace-enabled']});
  });

  it('asked the canary first, kept at most 4 requests in flight, and sent only safe methods without credentials', () => {
    expect(spa.requests.find((r) => r.method === 'GET')!.url.startsWith(CANARY_PREFIX)).toBe(true);
    expect(maxInFlight).toBeLessThanOrEqual(PROBE_CONCURRENCY);
    expectSafe(spa);
  });
});

describe('a Node server that echoes TRACE and advertises write methods', () => {
  let echo: TestServer;
  let v: Verdicts;
  beforeAll(async () => {
    echo = await track(
      startHttpsServer((req, res) => {
        if (req.method === 'TRACE') {
          const head = [`TRACE ${req.url} HTTP/${req.httpVersion}`];
          for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) head.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
          res.writeHead(200, {'content-type': 'message/http'}).end(`${head.join('\r\n')}\r\n\r\n`);
        } else if (req.method === 'OPTIONS') {
          res.writeHead(204, {allow: 'GET, HEAD, PUT, DELETE, TRACE, OPTIONS'}).end();
        } else {
          res.writeHead(404, {'content-type': 'text/plain'}).end('Not Found');
        }
      }, tls()),
    );
    v = await scan(`${echo.url}/`);
  });

  it('fails http-methods for Cross-Site Tracing and warns about PUT and DELETE', () => {
    expect(v['http-methods']!.status).toBe('fail');
    expect(v['http-methods']!.findings.map((f) => [f.messageId, f.data])).toEqual([
      ['trace-echo', {status: 200}],
      ['methods-advertised', {methods: 'PUT, DELETE'}],
    ]);
  });

  it('sent TRACE with a random marker and no content', () => {
    const trace = echo.requests.find((r) => r.method === 'TRACE')!;
    expect(trace.headers).toMatchObject({'x-shipcheck-trace': expect.stringMatching(/^[0-9a-f]{16}$/)});
    // RFC 9110 §9.3.8: a TRACE request carries no content.
    expect(trace.headers['content-length'] ?? '0').toBe('0');
    expect(trace.headers['transfer-encoding']).toBeUndefined();
  });

  it('passes the file checks on a site that answers 404', () => {
    expect([v['exposed-files']!.status, v['directory-listing']!.status]).toEqual(['pass', 'pass']);
    expectSafe(echo);
  });
});

describe('security.txt that has expired', () => {
  it('warns with the expiry and the server date', async () => {
    const stale = await track(
      startHttpsServer((req, res) => {
        if (req.url === '/.well-known/security.txt')
          res.writeHead(200, {'content-type': 'text/plain; charset=utf-8'}).end(securityTxtFile(Date.now(), -30));
        else res.writeHead(404).end();
      }, tls()),
    );
    const v = await scan(`${stale.url}/`);
    expect(v['security-txt']).toMatchObject({status: 'warn', ids: ['expired']});
    expect(v['security-txt']!.findings[0]!.data).toMatchObject({date: expect.stringMatching(/GMT$/)});
  });
});

describe('plans (--dry-run)', () => {
  it('lists every request without sending one', () => {
    const target = makeTarget({url: 'https://app.example.com/shop/'});
    const lines = [...exposedPathsProbe.plan(target), ...methodProbesProbe.plan(target), ...securityTxtProbe.plan(target)];
    expect(lines).toHaveLength(REQUESTS);
    expect(lines[0]).toMatch(/^GET https:\/\/app\.example\.com\/shipcheck-canary-<random hex> /);
    expect(lines.map((l) => l.split(' ')[0])).toEqual([...new Array<string>(REQUESTS - 3).fill('GET'), 'TRACE', 'OPTIONS', 'GET']);
  });

  it('plans no security.txt request for an http:// target, and gathers none', async () => {
    const target = makeTarget({url: 'http://127.0.0.1:9/'});
    expect(securityTxtProbe.plan(target)).toEqual([]);
    const signal = AbortSignal.timeout(5000);
    const client = new HttpClient({signal, requestTimeoutMs: 500, maxBodyBytes: 1024});
    await expect(securityTxtProbe.gather(target, {client, signal})).rejects.toMatchObject({probeError: {code: 'not-applicable'}});
  });
});
