/**
 * The bench's "TLS enumeration with added latency": the TlsScan probe against local nginx through a
 * TCP proxy that adds 25 ms each way (test/helpers/delay-proxy.ts), so that round trips, not CPU,
 * decide the time, as on a real network. Servers: legacy nginx (its own suite order), the same in
 * the client's order, the hardened site (Mozilla intermediate) and TLS 1.3 only (Mozilla modern).
 * Per server, one scan each way:
 *   - one connection at a time (`concurrency: 1`): every hello waits for the TCP handshake, its
 *     answer and the close of the connection before it, as a strictly sequential scanner does;
 *   - the default (`--per-origin 4`): answers used as soon as read, the next connection opened
 *     while a hello is out, one removal loop per version (the limit leaves room for one);
 *   - `--per-origin 16`, one loop per version, then with the slices the limits allow (2 with the
 *     scan's own cap of 8 connections).
 * Shown: ClientHellos, connections the proxy saw (connections opened ahead and never needed
 * included), the longest chain of hellos each sent after the previous one's answer, and the wall
 * time, also in round trips of latency (wall / 50 ms: a hello on a fresh connection costs two, TCP's
 * and its own; on one opened ahead, one; closes and slot waits add theirs). One scan each: the proxy's latency,
 * not the machine, sets the figures. Before issue 11 (commit ac33558) the default scan took, on the
 * same proxy: legacy 10.1 s (202 round trips), hardened 2.7 s (53), modern 1.4 s (28).
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Gate, OriginLimiter, RequestBudget} from '../src/probes/limiter.js';
import {scanTls, type TlsScanOptions} from '../src/probes/tls-scan.js';
import {testCerts} from '../test/helpers/certs.js';
import {longestChain, startDelayProxy} from '../test/helpers/delay-proxy.js';
import {dhParamFile, HARDENED_SERVER, startNginx, tlsServerConfig, type Nginx} from '../test/helpers/nginx.js';

/** Each way, per chunk: a round trip is 50 ms, a continent away. */
const DELAY_MS = 25;

const gate = (perOrigin: number): Gate => new Gate(new OriginLimiter(perOrigin), new RequestBudget(Number.POSITIVE_INFINITY));

const MODES: readonly {readonly label: string; readonly options: Omit<TlsScanOptions, 'signal'>}[] = [
  {label: 'one connection at a time', options: {concurrency: 1, gate: gate(4)}},
  {label: 'default (--per-origin 4)', options: {gate: gate(4)}},
  {label: '--per-origin 16, one loop', options: {gate: gate(16), loops: 1}},
  {label: '--per-origin 16, slices', options: {gate: gate(16)}},
];

/** Starts its servers, prints the section and returns each default scan's wall time for the history. */
export async function latencySection(): Promise<{name: string; wallMs: number; rssMiB: number}[]> {
  const certs = await testCerts();
  const tls = {certFile: certs.certFile, keyFile: certs.keyFile};
  const dhDir = mkdtempSync(join(tmpdir(), 'shipcheck-bench-dh-'));
  const legacy = tlsServerConfig('legacy', dhParamFile('modp_1536', dhDir));
  const servers: [string, Nginx][] = [];
  try {
    for (const [kind, server] of [
      ['legacy', legacy],
      ['legacy, client order', legacy.replace('ssl_prefer_server_ciphers on', 'ssl_prefer_server_ciphers off')],
      ['hardened', HARDENED_SERVER],
      ['modern', tlsServerConfig('modern')],
    ] as const)
      servers.push([kind, await startNginx({tls, server})]);
    return await measureAll(servers);
  } finally {
    await Promise.all(servers.map(([, s]) => s.close()));
    rmSync(dhDir, {recursive: true, force: true});
  }
}

async function measureAll(servers: readonly (readonly [string, Nginx])[]): Promise<{name: string; wallMs: number; rssMiB: number}[]> {
  const rtt = 2 * DELAY_MS;
  console.log(`\nTLS enumeration with added latency: the TlsScan probe through a proxy adding ${DELAY_MS} ms each way (round trip ${rtt} ms)`);
  console.log(
    `  ${'server'.padEnd(21)} ${'mode'.padEnd(26)} ${'hellos'.padStart(6)} ${'conns'.padStart(6)} ${'chain'.padStart(6)} ${'wall'.padStart(9)} ${'RTTs'.padStart(6)}`,
  );
  const out: {name: string; wallMs: number; rssMiB: number}[] = [];
  for (const [kind, server] of servers) {
    let baseline: number | undefined;
    for (const {label, options} of MODES) {
      const proxy = await startDelayProxy({host: '127.0.0.1', port: Number(new URL(server.httpsUrl).port)}, DELAY_MS);
      try {
        const started = performance.now();
        const scan = await scanTls({host: '127.0.0.1', port: proxy.port}, {signal: AbortSignal.timeout(120_000), ...options});
        const wallMs = performance.now() - started;
        baseline ??= wallMs;
        const ratio = wallMs === baseline ? '' : `  ${(baseline / wallMs).toFixed(2)}× faster than one at a time`;
        console.log(
          `  ${kind.padEnd(21)} ${label.padEnd(26)} ${String(scan.handshakes).padStart(6)} ${String(proxy.connections.length).padStart(6)} ${String(longestChain(proxy.connections)).padStart(6)} ${`${wallMs.toFixed(0)} ms`.padStart(9)} ${(wallMs / rtt).toFixed(1).padStart(6)}${ratio}`,
        );
        if (label.startsWith('default')) out.push({name: `tls latency ${kind}`, wallMs, rssMiB: 0});
      } finally {
        await proxy.close();
      }
    }
  }
  return out;
}
