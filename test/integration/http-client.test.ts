/**
 * The hardened HTTP client against real, hostile loopback servers: silence, drips, endless bodies,
 * gzip bombs, endless 1xx, redirect loops, cross-host and downgrade redirects, garbage on the wire,
 * resets, untrusted certificates, duplicate and oversized headers, HTTP/2-only servers. Nothing is
 * mocked; every server is on 127.0.0.1 and is closed in afterAll.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {getEventListeners} from 'node:events';
import zlib from 'node:zlib';
import type {ProbeError} from '../../src/core/types.js';
import {ProbeFailure} from '../../src/probes/failure.js';
import {HttpClient, MAX_REDIRECTS, type ClientOptions} from '../../src/probes/http.js';
import {makeLeaf, testCerts, type TestCerts} from '../helpers/certs.js';
import {within} from '../helpers/within.js';
import {closedPort, every, startHttp2Server, startHttpServer, startHttpsServer, startRawServer, type TestServer} from '../helpers/servers.js';

const REQUEST_TIMEOUT_MS = 800;
const MAX_BODY = 64 * 1024;
/** Generous: a request that has not settled by then is a hang, not a slow machine. */
const SETTLE_BOUND_MS = 5000;
const SECRETS = {'x-api-key': 'secret-key-123', authorization: 'Bearer tok-456'} as const;
const URL_PASSWORD = 'hunter2-url-pass';

let certs: TestCerts;
const servers: TestServer[] = [];

async function track(server: Promise<TestServer>): Promise<TestServer> {
  const s = await server;
  servers.push(s);
  return s;
}

function client(credentialsOrigin = 'https://127.0.0.1:1', overrides: Partial<ClientOptions> = {}): HttpClient {
  return new HttpClient({
    signal: AbortSignal.timeout(15_000),
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    maxBodyBytes: MAX_BODY,
    ca: [certs.caPem],
    credentials: {origin: credentialsOrigin, headers: SECRETS},
    ...overrides,
  });
}

/** The ProbeFailure a request must end in; fails when it answers instead. */
async function failure(promise: Promise<unknown>): Promise<ProbeError> {
  try {
    await within(promise, SETTLE_BOUND_MS);
  } catch (error) {
    if (error instanceof ProbeFailure) {
      expectSafe(error);
      return error.probeError;
    }
    throw error;
  }
  throw new Error('expected a ProbeFailure, got a response');
}

/** One line, no stack, no secret anywhere in what a report or a log could show. */
function expectSafe(error: ProbeFailure): void {
  const shown = [error.message, JSON.stringify(error), JSON.stringify(error.probeError), String(error.stack).split('\n')[0]].join('\n');
  expect(error.message).not.toMatch(/[\r\n]/);
  expect(error.message).not.toMatch(/\bat .+:\d+:\d+/);
  expect(error.probeError.message).toBe(error.message);
  for (const secret of [...Object.values(SECRETS), 'tok-456', URL_PASSWORD, 'scuser:']) expect(shown).not.toContain(secret);
}

function header(response: {headers: readonly (readonly [string, string])[]}, name: string): string[] {
  return response.headers.filter(([n]) => n === name).map(([, v]) => v);
}

/** 50 MB of zeros, gzipped by a stream (the plain buffer never exists in memory). */
async function gzipBomb(bytes: number): Promise<Buffer> {
  const gzip = zlib.createGzip({level: 9});
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const block = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < bytes; written += block.length) {
    if (!gzip.write(block)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(out);
}

beforeAll(async () => {
  certs = await testCerts();
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('HttpClient: bounded in time and size', () => {
  it('times out on a server that accepts and never answers (http and https)', async () => {
    const silent = await track(startRawServer(() => {}));
    const silentTls = await track(startRawServer(() => {}, {scheme: 'https'}));
    const c = client();
    const [plain, secure] = await Promise.all([failure(c.request({url: `${silent.url}/`})), failure(c.request({url: `${silentTls.url}/`}))]);
    expect(plain.code).toBe('timeout');
    expect(secure.code).toBe('timeout');
    expect(plain.url).toBe(`${silent.url}/`);
  });

  it('times out on a server that drips header bytes forever', async () => {
    const drip = await track(
      startRawServer((socket) => {
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\nX-Drip: ');
          every(socket, 50, () => socket.write('a'));
        });
      }),
    );
    const error = await failure(client().request({url: `${drip.url}/`}));
    expect(error.code).toBe('timeout');
  });

  it('truncates an endless body at the cap', async () => {
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const endless = await track(
      startHttpServer((_req, res) => {
        res.writeHead(200, {'content-type': 'text/plain'});
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk));
        };
        res.on('drain', pump);
        pump();
      }),
    );
    const response = await within(client().request({url: `${endless.url}/`}), SETTLE_BOUND_MS);
    expect(response.status).toBe(200);
    expect(response.bodyTruncated).toBe(true);
    expect(response.bodyCut).toBeUndefined();
    expect(response.body.length).toBe(MAX_BODY);
  });

  it('stops a gzip bomb at the cap without inflating it in memory', async () => {
    const bomb = await gzipBomb(50 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const server = await track(
      startHttpServer((_req, res) => {
        res.writeHead(200, {'content-type': 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': bomb.length});
        res.end(bomb);
      }),
    );
    const before = process.memoryUsage().rss;
    const response = await within(client().request({url: `${server.url}/`}), SETTLE_BOUND_MS);
    const grown = process.memoryUsage().rss - before;
    expect(response.bodyTruncated).toBe(true);
    expect(response.body.length).toBe(MAX_BODY);
    expect(response.body).toMatch(/^\0+$/);
    expect(grown).toBeLessThan(100 * 1024 * 1024);
  });

  it('ends (timeout or error) on endless 103 Early Hints', async () => {
    const hints = await track(
      startRawServer((socket) => {
        socket.once('data', () => every(socket, 10, () => socket.write('HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n')));
      }),
    );
    const error = await failure(client().request({url: `${hints.url}/`}));
    expect(['timeout', 'protocol', 'too-large']).toContain(error.code);
  });
});

describe('HttpClient: the scan deadline', () => {
  it("ends a request in flight as 'timeout' when the scan deadline fires", async () => {
    const silent = await track(startRawServer(() => {}));
    const c = client(undefined, {signal: AbortSignal.timeout(200), requestTimeoutMs: 4000});
    const error = await failure(c.request({url: `${silent.url}/`}));
    expect(error).toMatchObject({code: 'timeout', message: expect.stringContaining('scan deadline')});
  });

  it('sends nothing once the deadline has passed', async () => {
    const server = await track(startHttpServer((_req, res) => void res.end('ok')));
    const error = await failure(client(undefined, {signal: AbortSignal.abort()}).request({url: `${server.url}/`}));
    expect(error.code).toBe('timeout');
    expect(server.requests).toHaveLength(0);
  });

  it('leaves no listener behind on the shared signal after each request', async () => {
    const http = await track(
      startHttpServer((req, res) => {
        if (req.url === '/r') res.writeHead(302, {location: '/'}).end();
        else res.end('ok');
      }),
    );
    const https = await track(startHttpsServer((_req, res) => void res.end('ok'), {key: certs.keyPem, cert: certs.certPem}));
    const signal = AbortSignal.timeout(15_000);
    const c = client(undefined, {signal});
    for (let i = 0; i < 12; i++) {
      await within(c.request({url: `${http.url}/r`, redirects: 'same-host'}), SETTLE_BOUND_MS);
      await within(c.request({url: `${https.url}/`}), SETTLE_BOUND_MS);
    }
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('keeps what arrived of a body the server cut short, marked truncated', async () => {
    const cut = await track(
      startRawServer((socket) => {
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nhello');
          setTimeout(() => socket.resetAndDestroy(), 50);
        });
      }),
    );
    const response = await within(client().request({url: `${cut.url}/`}), SETTLE_BOUND_MS);
    expect(response).toMatchObject({status: 200, body: 'hello', bodyTruncated: true, bodyCut: 'the connection was reset after 5 bytes of the body'});
  });
});

describe('HttpClient: redirects', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await track(
      startHttpServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        if (url.pathname === '/a') return void res.writeHead(302, {location: '/b'}).end();
        if (url.pathname === '/b') return void res.writeHead(302, {location: '/a'}).end();
        const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
        if (hop) return void res.writeHead(301, {location: `/hop/${Number(hop[1]) + 1}`}).end();
        if (url.pathname === '/1') return void res.writeHead(301, {location: '/2'}).end();
        if (url.pathname === '/2') return void res.writeHead(307, {location: `${server.url}/final?x=1`}).end();
        res.writeHead(200, {'content-type': 'text/plain'}).end('final');
      }),
    );
  });

  it('records each same-host hop with status and location', async () => {
    const response = await within(client().request({url: `${server.url}/1`, redirects: 'same-host'}), SETTLE_BOUND_MS);
    expect(response.status).toBe(200);
    expect(response.body).toBe('final');
    expect(response.url).toBe(`${server.url}/final?x=1`);
    expect(response.redirects.map((h) => [h.url, h.status, h.location])).toEqual([
      [`${server.url}/1`, 301, `${server.url}/2`],
      [`${server.url}/2`, 307, `${server.url}/final?x=1`],
    ]);
    expect(header(response.redirects[0]!, 'location')).toEqual(['/2']);
  });

  it("returns the first response as is with redirects: 'none'", async () => {
    const response = await within(client().request({url: `${server.url}/1`}), SETTLE_BOUND_MS);
    expect(response.status).toBe(301);
    expect(response.redirects).toEqual([]);
  });

  it("reports a loop as 'redirect-loop'", async () => {
    const error = await failure(client().request({url: `${server.url}/a`, redirects: 'same-host'}));
    expect(error.code).toBe('redirect-loop');
    expect(error.url).toBe(`${server.url}/a`);
  });

  it(`gives up after ${MAX_REDIRECTS} hops with 'too-many-redirects'`, async () => {
    const before = server.requests.length;
    const error = await failure(client().request({url: `${server.url}/hop/0`, redirects: 'same-host'}));
    expect(error.code).toBe('too-many-redirects');
    expect(server.requests.length - before).toBeLessThanOrEqual(MAX_REDIRECTS + 1);
  });
});

describe('HttpClient: credentials stay on their origin', () => {
  let main: TestServer;
  let other: TestServer;
  let plain: TestServer;
  let origin: string;
  const credentialHeaders = (s: TestServer, path: string) =>
    s.requests.filter((r) => r.url === path).map((r) => ({key: r.headers['x-api-key'], auth: r.headers.authorization}));

  beforeAll(async () => {
    plain = await track(startHttpServer((_req, res) => void res.writeHead(200).end('plain')));
    other = await track(startHttpsServer((_req, res) => void res.writeHead(200).end('other'), {key: certs.keyPem, cert: certs.certPem}));
    main = await track(
      startHttpsServer(
        (req, res) => {
          if (req.url === '/away') return void res.writeHead(302, {location: `https://localhost:${main.port}/landing`}).end();
          if (req.url === '/down') return void res.writeHead(301, {location: `${plain.url}/down-landing`}).end();
          if (req.url === '/port') return void res.writeHead(302, {location: `${other.url}/port-landing`}).end();
          res.writeHead(200, {'content-type': 'text/plain'}).end('main');
        },
        {key: certs.keyPem, cert: certs.certPem},
      ),
    );
    origin = new URL(main.url).origin;
  });

  it('sends them on an https request to their origin, and not without withCredentials', async () => {
    const c = client(origin);
    await within(c.request({url: `${main.url}/with`, withCredentials: true}), SETTLE_BOUND_MS);
    await within(c.request({url: `${main.url}/without`}), SETTLE_BOUND_MS);
    await within(c.request({url: `${main.url}/false`, withCredentials: false}), SETTLE_BOUND_MS);
    expect(credentialHeaders(main, '/with')).toEqual([{key: SECRETS['x-api-key'], auth: SECRETS.authorization}]);
    expect(credentialHeaders(main, '/without')).toEqual([{key: undefined, auth: undefined}]);
    expect(credentialHeaders(main, '/false')).toEqual([{key: undefined, auth: undefined}]);
  });

  it('stops at a redirect to another host and returns the 3xx itself', async () => {
    const response = await within(client(origin).request({url: `${main.url}/away`, redirects: 'same-host', withCredentials: true}), SETTLE_BOUND_MS);
    expect(response.status).toBe(302);
    expect(response.redirects).toEqual([]);
    expect(header(response, 'location')).toEqual([`https://localhost:${main.port}/landing`]);
    expect(main.requests.some((r) => r.url === '/landing')).toBe(false);
  });

  it('never sends them to another host, even one that resolves to the same server', async () => {
    await within(client(origin).request({url: `https://localhost:${main.port}/other-host`, withCredentials: true}), SETTLE_BOUND_MS);
    expect(credentialHeaders(main, '/other-host')).toEqual([{key: undefined, auth: undefined}]);
  });

  it('does not send them in clear after an https → http redirect on the same host', async () => {
    const response = await within(client(origin).request({url: `${main.url}/down`, redirects: 'same-host', withCredentials: true}), SETTLE_BOUND_MS);
    expect(response.status).toBe(200);
    expect(response.body).toBe('plain');
    expect(response.redirects.map((h) => h.status)).toEqual([301]);
    expect(credentialHeaders(main, '/down')).toEqual([{key: SECRETS['x-api-key'], auth: SECRETS.authorization}]);
    expect(credentialHeaders(plain, '/down-landing')).toEqual([{key: undefined, auth: undefined}]);
  });

  it('does not send them to another port of the same host', async () => {
    const response = await within(client(origin).request({url: `${main.url}/port`, redirects: 'same-host', withCredentials: true}), SETTLE_BOUND_MS);
    expect(response.body).toBe('other');
    expect(credentialHeaders(other, '/port-landing')).toEqual([{key: undefined, auth: undefined}]);
  });

  it('never sends them over plain http, even to the same host and port as their origin', async () => {
    const c = client(`https://127.0.0.1:${plain.port}`);
    await within(c.request({url: `${plain.url}/clear`, withCredentials: true}), SETTLE_BOUND_MS);
    expect(credentialHeaders(plain, '/clear')).toEqual([{key: undefined, auth: undefined}]);
  });
});

describe('HttpClient: broken peers become one-line ProbeErrors', () => {
  const BANNER = 'SSH-2.0-OpenSSH_9.2\r\n';

  it('plain HTTP on the https port', async () => {
    const http = await track(startHttpServer((_req, res) => void res.writeHead(200).end('ok')));
    const error = await failure(client().request({url: `https://127.0.0.1:${http.port}/`}));
    expect(error.code).toBe('protocol');
  });

  it('an SSH banner on http and on https', async () => {
    const ssh = await track(startRawServer((socket) => void socket.write(BANNER)));
    const c = client();
    const [plain, secure] = await Promise.all([
      failure(c.request({url: `http://127.0.0.1:${ssh.port}/`})),
      failure(c.request({url: `https://127.0.0.1:${ssh.port}/`})),
    ]);
    expect(plain.code).toBe('protocol');
    expect(secure.code).toBe('protocol');
  });

  it("a reset right after accept is 'connection-reset' (http and https)", async () => {
    const reset = await track(startRawServer((socket) => void socket.resetAndDestroy()));
    const c = client();
    const [plain, secure] = await Promise.all([
      failure(c.request({url: `http://127.0.0.1:${reset.port}/`})),
      failure(c.request({url: `https://127.0.0.1:${reset.port}/`})),
    ]);
    expect(plain.code).toBe('connection-reset');
    expect(secure.code).toBe('connection-reset');
  });

  it("a closed port is 'connection-refused'", async () => {
    const port = await closedPort();
    const c = client();
    const [plain, secure] = await Promise.all([
      failure(c.request({url: `http://127.0.0.1:${port}/`})),
      failure(c.request({url: `https://127.0.0.1:${port}/`})),
    ]);
    expect(plain.code).toBe('connection-refused');
    expect(secure.code).toBe('connection-refused');
  });

  it('a self-signed certificate is judged over an unverified connection, without credentials, with the root cause', async () => {
    const leaf = await makeLeaf({name: 'self-signed', selfSigned: true});
    const server = await track(startHttpsServer((_req, res) => void res.writeHead(200).end('ok'), {key: leaf.keyPem, cert: leaf.certPem}));
    const withoutCa = client(server.url, {ca: []});
    const res = await within(withoutCa.request({url: `${server.url}/`, withCredentials: true}), SETTLE_BOUND_MS);
    expect([res.status, res.body]).toEqual([200, 'ok']);
    expect(res.certificateRejected).toMatch(/self-signed.*--ca-file/);
    expect(await withoutCa.certificateRejected()).toBe(res.certificateRejected);
    // A request whose point is a secret header (a positive control) is not sent at all.
    const control = await failure(withoutCa.request({url: `${server.url}/`, secretHeaders: {'x-control': 'ctl-789'}}));
    expect(control.code).toBe('not-applicable');
    // The verified attempt fails in the handshake, before any header is sent: only the unverified one arrives.
    expect(server.requests).toHaveLength(1);
    const sent = JSON.stringify(server.requests[0]!.headers);
    for (const secret of [...Object.values(SECRETS), 'ctl-789']) expect(sent).not.toContain(secret);
    await withoutCa.close();
  });

  it('names the real cause: expiry date, name mismatch, SHA-1; --ca-file only for an unknown issuer when none was given', async () => {
    const expired = await makeLeaf({name: 'expired', days: -1});
    const wrongHost = await makeLeaf({name: 'wrong-host', sans: ['DNS:elsewhere.test']});
    const sha1 = await makeLeaf({name: 'sha1-leaf', sigHash: 'sha1'});
    const serve = (leaf: {keyPem: string; certPem: string}, extra = {}) =>
      track(startHttpsServer((_req, res) => void res.writeHead(200).end('ok'), {key: leaf.keyPem, cert: leaf.certPem}, extra));
    const [a, b, c] = await Promise.all([serve(expired), serve(wrongHost), serve(sha1, {ciphers: 'DEFAULT:@SECLEVEL=0'})]);
    const reasons = await Promise.all(
      [a, b, c].map(async (server) => {
        const res = await within(client().request({url: `${server.url}/`}), SETTLE_BOUND_MS);
        expect(res.status).toBe(200);
        return res.certificateRejected ?? '';
      }),
    );
    const notAfter = new Date(new (await import('node:crypto')).X509Certificate(expired.certPem).validTo).toISOString().slice(0, 10);
    expect(reasons[0]).toBe(`the certificate expired on ${notAfter}`);
    expect(reasons[1]).toMatch(/^name mismatch: the certificate is for elsewhere\.test, not 127\.0\.0\.1$/);
    expect(reasons[2]).toMatch(/digest algorithm too weak/);
    for (const reason of reasons) expect(reason).not.toContain('--ca-file');
  });

  it('never shows credentials or URL userinfo in errors', async () => {
    const reset = await track(startRawServer((socket) => void socket.resetAndDestroy()));
    const silent = await track(startRawServer(() => {}));
    const loop = await track(startHttpServer((_req, res) => void res.writeHead(302, {location: _req.url}).end()));
    const withUserinfo = (base: string, path = '/p?q=1'): string => {
      const u = new URL(path, base);
      u.username = 'scuser';
      u.password = URL_PASSWORD;
      return u.href;
    };
    const cases = [
      {url: withUserinfo(`http://127.0.0.1:${reset.port}`), origin: `http://127.0.0.1:${reset.port}`},
      {url: withUserinfo(`https://127.0.0.1:${reset.port}`), origin: `https://127.0.0.1:${reset.port}`},
      {url: withUserinfo(silent.url), origin: silent.url},
      {url: withUserinfo(loop.url, '/loop'), origin: loop.url},
      {url: withUserinfo(`http://127.0.0.1:${await closedPort()}`), origin: 'http://127.0.0.1'},
    ];
    const errors = await Promise.all(
      cases.map(async ({url, origin}) => {
        const error = await failure(client(origin).request({url, redirects: 'same-host', withCredentials: true}));
        expect(error.url).toBeDefined();
        expect(new URL(error.url!).password).toBe('');
        return error;
      }),
    );
    expect(errors.map((e) => e.code)).toEqual(['connection-reset', 'connection-reset', 'timeout', 'redirect-loop', 'connection-refused']);
    const all = JSON.stringify(errors);
    for (const secret of ['secret-key-123', 'tok-456', URL_PASSWORD, 'scuser']) expect(all).not.toContain(secret);
  });
});

describe('HttpClient: headers as sent', () => {
  let server: TestServer;
  const CSP = `default-src 'self'; script-src 'self' ${Array.from({length: 800}, (_, i) => `https://cdn${i}.example.com`).join(' ')}`.slice(
    0,
    20_000,
  );
  const HUGE = 'x'.repeat(70 * 1024);

  beforeAll(async () => {
    server = await track(
      startHttpsServer(
        (req, res) => {
          if (req.url === '/dupes')
            return void res
              .writeHead(200, [
                'Strict-Transport-Security',
                'max-age=31536000',
                'X-Frame-Options',
                'DENY',
                'Set-Cookie',
                'a=1; Secure',
                'Strict-Transport-Security',
                'max-age=0',
                'X-Frame-Options',
                'ALLOWALL',
                'Set-Cookie',
                'b=2; HttpOnly',
                'Content-Type',
                'text/plain',
              ])
              .end('dupes');
          if (req.url === '/csp') return void res.writeHead(200, {'content-security-policy': CSP}).end('csp');
          if (req.url === '/huge') return void res.writeHead(200, {'x-huge': HUGE}).end('huge');
          res.writeHead(404).end();
        },
        {key: certs.keyPem, cert: certs.certPem},
      ),
    );
  });

  it('keeps duplicate headers in wire order and Set-Cookie as separate entries', async () => {
    const response = await within(client().request({url: `${server.url}/dupes`}), SETTLE_BOUND_MS);
    expect(response.httpVersion).toBe('1.1');
    expect(header(response, 'strict-transport-security')).toEqual(['max-age=31536000', 'max-age=0']);
    expect(header(response, 'x-frame-options')).toEqual(['DENY', 'ALLOWALL']);
    expect(header(response, 'set-cookie')).toEqual(['a=1; Secure', 'b=2; HttpOnly']);
    const names = response.headers.map(([n]) => n).filter((n) => ['strict-transport-security', 'x-frame-options', 'set-cookie'].includes(n));
    expect(names).toEqual([
      'strict-transport-security',
      'x-frame-options',
      'set-cookie',
      'strict-transport-security',
      'x-frame-options',
      'set-cookie',
    ]);
  });

  it('accepts a 20 KB CSP header', async () => {
    expect(CSP.length).toBe(20_000);
    const response = await within(client().request({url: `${server.url}/csp`}), SETTLE_BOUND_MS);
    expect(response.status).toBe(200);
    expect(header(response, 'content-security-policy')).toEqual([CSP]);
  });

  it("rejects headers over 64 KiB as 'too-large'", async () => {
    const error = await failure(client().request({url: `${server.url}/huge`}));
    expect(error.code).toBe('too-large');
  });

  it("rejects headers over 64 KiB on plain http as 'too-large'", async () => {
    const plain = await track(startHttpServer((_req, res) => void res.writeHead(200, {'x-huge': HUGE}).end('huge')));
    const error = await failure(client().request({url: `${plain.url}/`}));
    expect(error.code).toBe('too-large');
  });
});

describe('HttpClient: HTTP/2', () => {
  it('talks to an HTTP/2-only server via ALPN', async () => {
    const h2 = await track(
      startHttp2Server(
        (req, res) => {
          res.setHeader('strict-transport-security', 'max-age=63072000');
          res.setHeader('set-cookie', ['a=1; Secure', 'b=2; Secure']);
          res.writeHead(200, {'content-type': 'text/plain'});
          res.end(`h2 ${req.url}`);
        },
        {key: certs.keyPem, cert: certs.certPem},
      ),
    );
    const origin = new URL(h2.url).origin;
    const response = await within(client(origin).request({url: `${h2.url}/two`, withCredentials: true}), SETTLE_BOUND_MS);
    expect(response.status).toBe(200);
    expect(response.httpVersion).toBe('2.0');
    expect(response.body).toBe('h2 /two');
    expect(header(response, 'strict-transport-security')).toEqual(['max-age=63072000']);
    expect(header(response, 'set-cookie')).toEqual(['a=1; Secure', 'b=2; Secure']);
    expect(h2.requests[0]).toMatchObject({httpVersion: '2.0', headers: {'x-api-key': SECRETS['x-api-key']}});
  });

  it('opens a new session after the server sent GOAWAY (nginx does after 1000 requests)', async () => {
    let n = 0;
    const h2 = await track(
      startHttp2Server(
        (_req, res) => {
          n++;
          res.end(`answer ${n}`);
          if (n % 2 === 0) res.stream.session?.goaway();
        },
        {key: certs.keyPem, cert: certs.certPem},
      ),
    );
    const c = client();
    const bodies: string[] = [];
    for (let i = 0; i < 6; i++) bodies.push((await within(c.request({url: `${h2.url}/`}), SETTLE_BOUND_MS)).body);
    expect(bodies).toEqual(['answer 1', 'answer 2', 'answer 3', 'answer 4', 'answer 5', 'answer 6']);
  });
});
