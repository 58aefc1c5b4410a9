/**
 * The TLS enumeration over a network with latency (a delaying TCP proxy in front of real nginx on
 * loopback): slices side by side, connections opened ahead and answers used before the close must
 * find exactly what one connection at a time finds, and the per-origin limit must hold as the
 * server counts its connections, and a connection opened ahead that the server drops must never
 * pass for a refusal. Nothing here is timed: the figures are the bench's.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import type {TlsScan} from '../../src/core/types.js';
import {Gate, OriginLimiter, RequestBudget} from '../../src/probes/limiter.js';
import {scanTls, type TlsScanOptions} from '../../src/probes/tls-scan.js';
import {testCerts} from '../helpers/certs.js';
import {startDelayProxy, type DelayProxy} from '../helpers/delay-proxy.js';
import {dhParamFile, startNginx, tlsServerConfig, type Nginx} from '../helpers/nginx.js';
import {HOST} from '../helpers/servers.js';
import {within} from '../helpers/within.js';

/** Each way: a hello through the proxy takes 4 × this (TCP's round trip, then TLS's). */
const DELAY_MS = 5;

const servers = new Map<string, Nginx>();
let dhDir: string;

beforeAll(async () => {
  const certs = await testCerts();
  const tls = {certFile: certs.certFile, keyFile: certs.keyFile};
  dhDir = mkdtempSync(join(tmpdir(), 'shipcheck-dh-'));
  const [ffdhe2048, modp1536] = [dhParamFile('ffdhe2048', dhDir), dhParamFile('modp_1536', dhDir)];
  // The legacy server in the client's order: 88 suites over three versions, the case slices are for.
  const legacyClientOrder = tlsServerConfig('legacy', modp1536).replace('ssl_prefer_server_ciphers on', 'ssl_prefer_server_ciphers off');
  const started = await Promise.all([
    startNginx({tls, server: tlsServerConfig('modern')}),
    startNginx({tls, server: tlsServerConfig('intermediate', ffdhe2048)}),
    startNginx({tls, server: tlsServerConfig('legacy', modp1536)}),
    startNginx({tls, server: legacyClientOrder}),
  ]);
  ['modern', 'intermediate', 'legacy', 'legacy-client-order'].forEach((name, i) => servers.set(name, started[i]!));
}, 30_000);

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
  rmSync(dhDir, {recursive: true, force: true});
});

/** A scan of `server` through a proxy of its own, which is closed afterwards (so no connection of one scan is counted in another). */
async function scanThroughProxy(server: string, options: Omit<TlsScanOptions, 'signal'>): Promise<{scan: TlsScan; proxy: DelayProxy}> {
  const port = Number(new URL(servers.get(server)!.httpsUrl).port);
  const proxy = await startDelayProxy({host: HOST, port}, DELAY_MS);
  try {
    const scan = await within(scanTls({host: HOST, port: proxy.port}, {signal: AbortSignal.timeout(60_000), ...options}), 60_000);
    return {scan, proxy};
  } finally {
    await proxy.close();
  }
}

/** Everything a scan found, without its counters. */
function findings(scan: TlsScan): unknown {
  const {handshakes: _handshakes, durationMs: _durationMs, port: _port, ...rest} = scan;
  return rest;
}

const limited = (perOrigin: number): Gate => new Gate(new OriginLimiter(perOrigin), new RequestBudget(Number.POSITIVE_INFINITY));

/** The scans of the comparison, shared by the tests that read them. */
const compared = new Map<string, Promise<{one: TlsScan; sliced: TlsScan}>>();
function comparison(server: string): Promise<{one: TlsScan; sliced: TlsScan}> {
  let pending = compared.get(server);
  if (!pending) {
    pending = (async () => ({
      one: (await scanThroughProxy(server, {concurrency: 1, loops: 1})).scan,
      sliced: (await scanThroughProxy(server, {concurrency: 16, gate: limited(16), loops: 4})).scan,
    }))();
    compared.set(server, pending);
  }
  return pending;
}

describe('scanTls through a delaying proxy', () => {
  it.each(['modern', 'intermediate', 'legacy', 'legacy-client-order'])(
    'on %s nginx, four slices side by side find the same suites, order, preference and groups as one connection at a time',
    async (server) => {
      const {one, sliced} = await comparison(server);
      expect(findings(sliced)).toEqual(findings(one));
      expect(one.protocols.some((p) => p.offered)).toBe(true);
      // The slices cost a refusal each, no more: never half as many hellos again.
      expect(sliced.handshakes).toBeLessThan(one.handshakes * 1.5);
    },
    120_000,
  );

  it('on a client-order server the slices are used: a refusal each beyond one loop’s, the client’s order reported at every version', async () => {
    const {one, sliced} = await comparison('legacy-client-order');
    expect(sliced.handshakes).toBeGreaterThan(one.handshakes);
    const offered = sliced.protocols.filter((p) => p.offered);
    expect(offered.map((p) => p.version)).toEqual(['TLSv1.0', 'TLSv1.1', 'TLSv1.2']);
    for (const p of offered) expect(p.serverPreference).toBe(false);
    expect(offered.find((p) => p.version === 'TLSv1.2')!.suites.length).toBeGreaterThan(40);
  }, 120_000);

  it.each([1, 4])(
    'with a per-origin limit of %i, the server never has more connections open at once, connections opened ahead and closing ones included',
    async (perOrigin) => {
      const {scan, proxy} = await scanThroughProxy('legacy-client-order', {gate: limited(perOrigin)});
      expect(findings(scan)).toEqual(findings((await comparison('legacy-client-order')).one));
      expect(proxy.connections.length).toBeGreaterThan(100);
      expect(proxy.peak).toBe(perOrigin);
    },
    120_000,
  );
});

/** Answers reach the client this late, so a connection opened ahead sits idle about as long before its hello. */
const ANSWER_DELAY_MS = 60;
/** A hello after this much idleness is met with a close, as when a server's idle timer fires just as it arrives. */
const IDLE_CUTOFF_MS = 30;

/** In front of `port`: slow answers, and connections whose first bytes came after IDLE_CUTOFF_MS closed unanswered. */
async function startIdleCutter(port: number): Promise<{port: number; readonly cut: number; close(): Promise<void>}> {
  let cut = 0;
  const sockets = new Set<net.Socket>();
  const later = (step: () => void): void => void setTimeout(step, ANSWER_DELAY_MS);
  const server = net.createServer((client) => {
    const accepted = performance.now();
    sockets.add(client);
    client.on('error', () => undefined);
    client.once('close', () => sockets.delete(client));
    client.once('data', (first: Buffer) => {
      if (performance.now() - accepted > IDLE_CUTOFF_MS) {
        cut++;
        return void client.end();
      }
      const upstream = net.connect(port, HOST);
      sockets.add(upstream);
      upstream.write(first);
      client.on('data', (chunk: Buffer) => upstream.write(chunk));
      client.once('end', () => upstream.end());
      client.once('close', () => upstream.destroy());
      upstream.on('error', () => undefined);
      upstream.on('data', (chunk: Buffer) => later(() => client.write(chunk)));
      upstream.once('end', () => later(() => client.end()));
      upstream.once('close', () => {
        sockets.delete(upstream);
        later(() => client.destroy());
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get cut() {
      return cut;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

describe('scanTls when the server drops connections opened ahead', () => {
  it.each(['modern', 'intermediate'])(
    'on %s nginx, hellos that met a close on a connection opened ahead are asked again: the same findings as one connection at a time',
    async (server) => {
      const port = Number(new URL(servers.get(server)!.httpsUrl).port);
      const reference = await within(scanTls({host: HOST, port}, {signal: AbortSignal.timeout(60_000), concurrency: 1, loops: 1}), 60_000);
      const cutter = await startIdleCutter(port);
      try {
        const scan = await within(scanTls({host: HOST, port: cutter.port}, {signal: AbortSignal.timeout(60_000)}), 60_000);
        expect(findings(scan)).toEqual(findings(reference));
        expect(cutter.cut).toBeGreaterThan(0);
      } finally {
        await cutter.close();
      }
    },
    120_000,
  );
});
