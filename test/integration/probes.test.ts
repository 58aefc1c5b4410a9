/**
 * The Pages, RedirectChain and CORS probes through the real client against loopback servers:
 * inconclusive answers (5xx, WAF challenges) become page errors, the HTTP→HTTPS chain is recorded
 * hop by hop and stops at another host, and the CORS probe sends its five Origins.
 */
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {makeTarget} from '../../src/core/target.js';
import {corsOrigins, corsProbe} from '../../src/probes/cors.js';
import {HttpClient} from '../../src/probes/http.js';
import {pagesProbe} from '../../src/probes/pages.js';
import type {ProbeContext} from '../../src/probes/probe.js';
import {redirectChainProbe} from '../../src/probes/redirect-chain.js';
import {testCerts, type TestCerts} from '../helpers/certs.js';
import {within} from '../helpers/within.js';
import {closedPort, startHttpServer, startHttpsServer, type TestServer} from '../helpers/servers.js';

const SECRETS = {'x-api-key': 'secret-key-123', authorization: 'Bearer tok-456'} as const;

let certs: TestCerts;
const servers: TestServer[] = [];

async function track(server: Promise<TestServer>): Promise<TestServer> {
  const s = await server;
  servers.push(s);
  return s;
}

function context(credentialsOrigin = 'https://127.0.0.1:1'): ProbeContext {
  const signal = AbortSignal.timeout(15_000);
  const client = new HttpClient({
    signal,
    requestTimeoutMs: 800,
    maxBodyBytes: 64 * 1024,
    ca: [certs.caPem],
    credentials: {origin: credentialsOrigin, headers: SECRETS},
  });
  return {client, signal};
}

/** How long a request may take before the test calls it a hang. */
const SETTLE_BOUND_MS = 5000;

const tls = () => ({key: certs.keyPem, cert: certs.certPem});

beforeAll(async () => {
  certs = await testCerts();
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('pagesProbe', () => {
  it("turns a 503 everywhere into 'http-5xx' page errors, keeping the answer for the disclosure checks", async () => {
    const down = await track(startHttpsServer((_req, res) => void res.writeHead(503, {'retry-after': '3600'}).end('down'), tls()));
    const target = makeTarget({url: `${down.url}/`, paths: ['/login']});
    const pages = await within(pagesProbe.gather(target, context()), SETTLE_BOUND_MS);
    expect(pages.map((p) => [p.path, p.error?.code, p.response?.status, p.response?.body])).toEqual([
      ['/', 'http-5xx', 503, 'down'],
      ['/login', 'http-5xx', 503, 'down'],
    ]);
    expect(pages[0]!.error?.message).toContain('Retry-After: 3600');
    expect(pages[1]!.url).toBe(`${down.url}/login`);
  });

  it("turns a Cloudflare challenge into 'waf-challenge'", async () => {
    const waf = await track(
      startHttpsServer(
        (_req, res) =>
          void res
            .writeHead(403, {'cf-mitigated': 'challenge', server: 'cloudflare', 'content-type': 'text/html'})
            .end('<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>'),
        tls(),
      ),
    );
    const [page] = await within(pagesProbe.gather(makeTarget({url: `${waf.url}/`}), context()), SETTLE_BOUND_MS);
    expect(page!.error).toMatchObject({code: 'waf-challenge', url: `${waf.url}/`});
    expect(page!.response?.status).toBe(403);
  });

  it('fetches a healthy page with the credentials of its origin', async () => {
    const ok = await track(startHttpsServer((_req, res) => void res.writeHead(200, {'x-frame-options': 'DENY'}).end('<h1>hi</h1>'), tls()));
    const [page] = await within(pagesProbe.gather(makeTarget({url: `${ok.url}/`}), context(new URL(ok.url).origin)), SETTLE_BOUND_MS);
    expect(page!.error).toBeUndefined();
    expect(page!.response).toMatchObject({status: 200, body: '<h1>hi</h1>', headers: expect.arrayContaining([['x-frame-options', 'DENY']])});
    expect(ok.requests[0]!.headers['x-api-key']).toBe(SECRETS['x-api-key']);
  });
});

describe('redirectChainProbe', () => {
  let secure: TestServer;
  beforeAll(async () => {
    secure = await track(
      startHttpsServer((_req, res) => void res.writeHead(200, {'strict-transport-security': 'max-age=63072000'}).end('secure'), tls()),
    );
  });

  it('records the 301 to https on the same host and the final response', async () => {
    const plain = await track(startHttpServer((req, res) => void res.writeHead(301, {location: `${secure.url}${req.url}`}).end()));
    const target = makeTarget({url: `${secure.url}/`, httpUrl: `${plain.url}/`});
    const chain = await within(redirectChainProbe.gather(target, context(new URL(secure.url).origin)), SETTLE_BOUND_MS);
    expect(chain.startUrl).toBe(`${plain.url}/`);
    expect(chain.error).toBeUndefined();
    expect(chain.hops.map((h) => [h.url, h.status, h.location])).toEqual([[`${plain.url}/`, 301, `${secure.url}/`]]);
    expect(chain.final).toMatchObject({status: 200, body: 'secure', url: `${secure.url}/`, redirects: []});
    // The chain starts on plain HTTP: no credentials anywhere along it.
    for (const r of [...plain.requests, ...secure.requests]) expect(r.headers['x-api-key']).toBeUndefined();
  });

  it('records the hop to another host and stops there', async () => {
    const plain = await track(startHttpServer((_req, res) => void res.writeHead(301, {location: `https://localhost:${secure.port}/`}).end()));
    const before = secure.requests.length;
    const chain = await within(redirectChainProbe.gather(makeTarget({url: `${secure.url}/`, httpUrl: `${plain.url}/`}), context()), SETTLE_BOUND_MS);
    expect(chain.hops.map((h) => [h.status, h.location])).toEqual([[301, `https://localhost:${secure.port}/`]]);
    expect(chain.final).toBeUndefined();
    expect(chain.error).toBeUndefined();
    expect(secure.requests.length).toBe(before);
  });

  it("reports a closed http port as 'connection-refused'", async () => {
    const port = await closedPort();
    const chain = await within(
      redirectChainProbe.gather(makeTarget({url: `${secure.url}/`, httpUrl: `http://127.0.0.1:${port}/`}), context()),
      SETTLE_BOUND_MS,
    );
    expect(chain).toMatchObject({hops: [], error: {code: 'connection-refused'}});
    expect(chain.final).toBeUndefined();
  });

  it("reports a 5xx at the end of the chain as 'http-5xx'", async () => {
    const plain = await track(startHttpServer((_req, res) => void res.writeHead(502).end('bad gateway')));
    const chain = await within(redirectChainProbe.gather(makeTarget({url: `${secure.url}/`, httpUrl: `${plain.url}/`}), context()), SETTLE_BOUND_MS);
    expect(chain).toMatchObject({hops: [], error: {code: 'http-5xx'}});
    expect(chain.final).toBeUndefined();
  });
});

describe('corsProbe', () => {
  it('sends the five Origins to each page and records the responses', async () => {
    const reflect = await track(
      startHttpsServer((req, res) => {
        const origin = req.headers.origin;
        res.writeHead(200, origin ? {'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin'} : {});
        res.end('ok');
      }, tls()),
    );
    // A host name, not an IP: an IP address gets no suffix look-alike.
    const target = makeTarget({url: `https://localhost:${reflect.port}/`, paths: ['/api']});
    const probes = await within(corsProbe.gather(target, context()), SETTLE_BOUND_MS);
    const expected = corsOrigins(target.url);
    expect(expected).toHaveLength(5);
    expect(probes).toHaveLength(10);
    expect(probes.map((p) => [p.path, p.variant, p.origin])).toEqual(
      ['/', '/api'].flatMap((path) => expected.map((o) => [path, o.variant, o.origin])),
    );
    for (const p of probes) {
      expect(p.error).toBeUndefined();
      expect(p.response!.headers).toContainEqual(['access-control-allow-origin', p.origin]);
    }
    const sent = reflect.requests.map((r) => `${r.url} ${String(r.headers.origin)}`).sort();
    expect(sent).toEqual(['/', '/api'].flatMap((path) => expected.map((o) => `${path} ${o.origin}`)).sort());
  });
});
