/**
 * The fleet runner (issue 10, items 1, 2 and 6) through `runScan`, against Node servers on loopback
 * that measure themselves: per-target deadlines, targets run concurrently, the per-origin limit as
 * the server counts its own connections and requests in flight, the request budget, and an
 * interrupted run. Orderings are read from the servers' own event logs, never from wall time.
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from '@jest/globals';
import {CHECKS} from '../../checks/index.js';
import {scanRequest, type ScanFlags} from '../../src/cli/request.js';
import {runScan, type ScanRun} from '../../src/engine/run.js';
import {Interruption} from '../../src/probes/limiter.js';
import type {TargetReport} from '../../src/core/report.js';
import {testCerts, type TestCerts} from '../helpers/certs.js';
import {tracker} from '../helpers/process.js';

const HOST = '127.0.0.1';
let certs: TestCerts;
const {track, closeAll} = tracker();

beforeAll(async () => {
  certs = await testCerts();
});

afterAll(closeAll);

afterEach(() => {
  // runScan leaves the exit code to the command; a failing scan must not fail the jest process.
  process.exitCode = undefined;
});

/** What a metered server saw: its own peaks, and every arrival and finish in one order shared by all servers. */
interface Meter {
  requests: number;
  peakRequests: number;
  connections: number;
  peakConnections: number;
  /** Requests received. */
  total: number;
  /** Connections accepted. */
  accepted: number;
}

/** One order of events across every server of a test: `${server}:arrive`, `${server}:finish`. */
type Log = string[];

interface Metered {
  readonly url: string;
  readonly meter: Meter;
  close(): Promise<void>;
}

interface MeteredOptions {
  readonly name?: string;
  readonly log?: Log;
  /** Held this long before answering. */
  readonly delayMs?: number;
  /** Held until this resolves (or the delay passes), e.g. a barrier shared by several servers. */
  readonly hold?: () => Promise<void>;
  readonly tls?: boolean;
}

/** A server that answers every request with a small page, counting what it has in flight. */
async function startMetered(options: MeteredOptions = {}): Promise<Metered> {
  const meter: Meter = {requests: 0, peakRequests: 0, connections: 0, peakConnections: 0, total: 0, accepted: 0};
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    meter.total++;
    meter.requests++;
    meter.peakRequests = Math.max(meter.peakRequests, meter.requests);
    options.log?.push(`${options.name ?? '?'}:arrive`);
    let done = false;
    const finished = (): void => {
      if (done) return;
      done = true;
      meter.requests--;
    };
    res.once('finish', finished);
    res.once('close', finished);
    req.resume();
    const answer = (): void => {
      if (res.destroyed) return;
      options.log?.push(`${options.name ?? '?'}:finish`);
      res.writeHead(200, {'content-type': 'text/html', 'x-content-type-options': 'nosniff'});
      res.end('<!doctype html><title>ok</title>');
    };
    const waits: Promise<void>[] = [];
    if (options.delayMs !== undefined) waits.push(new Promise((resolve) => setTimeout(resolve, options.delayMs)));
    if (options.hold) waits.push(options.hold());
    if (waits.length === 0) answer();
    else void Promise.race(waits).then(answer);
  };
  const server = options.tls ? https.createServer({key: certs.keyPem, cert: certs.certPem}, handler) : http.createServer(handler);
  server.on('tlsClientError', () => undefined);
  // A TLS server's sockets are wrapped and show their end late: over TLS, connections are counted on
  // a plain TCP front that relays each one to the server.
  let backPort = 0;
  const front = options.tls
    ? net.createServer((socket) => {
        const back = net.connect(backPort, HOST);
        back.on('error', () => socket.destroy());
        socket.on('error', () => back.destroy());
        socket.once('close', () => back.destroy());
        socket.pipe(back).pipe(socket);
      })
    : server;
  if (options.tls) {
    await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
    backPort = (server.address() as net.AddressInfo).port;
  }
  const sockets = new Set<net.Socket>();
  front.on('connection', (socket: net.Socket) => {
    meter.accepted++;
    meter.connections++;
    meter.peakConnections = Math.max(meter.peakConnections, meter.connections);
    sockets.add(socket);
    let gone = false;
    // The first sign the client has gone: 'close' may come a turn later than 'end' or 'error'.
    const left = (): void => {
      if (gone) return;
      gone = true;
      meter.connections--;
    };
    socket.once('end', left);
    socket.once('error', left);
    socket.once('close', left);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => front.listen(0, HOST, resolve));
  const {port} = front.address() as net.AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://${HOST}:${port}`,
    meter,
    close: () =>
      new Promise<void>((resolve) => {
        if (front !== server) server.close();
        (server as http.Server).closeAllConnections();
        front.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** Accepts connections and never says a word. */
async function startSilent(): Promise<Metered> {
  const meter: Meter = {requests: 0, peakRequests: 0, connections: 0, peakConnections: 0, total: 0, accepted: 0};
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    meter.accepted++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const {port} = server.address() as net.AddressInfo;
  return {
    url: `http://${HOST}:${port}`,
    meter,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** Releases everyone waiting once `size` wait at the same time (or each after `fallbackMs`, so a failing test ends). */
function barrier(size: number, fallbackMs = 3000): () => Promise<void> {
  let waiting: (() => void)[] = [];
  return () =>
    new Promise<void>((resolve) => {
      setTimeout(() => {
        waiting = waiting.filter((w) => w !== resolve);
        resolve();
      }, fallbackMs).unref();
      waiting.push(resolve);
      if (waiting.length < size) return;
      for (const release of waiting) release();
      waiting = [];
    });
}

/** Resolves once `condition` holds, polling; rejects after `limitMs` so a failing test ends with a message. */
async function until(condition: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > limitMs) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A config file listing `urls` as its targets (the way a fleet is scanned), with `extra` top-level keys. */
function config(urls: readonly string[], extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipcheck-fleet-'));
  const file = join(dir, 'shipcheck.yml');
  writeFileSync(file, JSON.stringify({targets: urls, ...extra}));
  return file;
}

async function scanFleet(file: string, flags: Partial<ScanFlags> = {}, signal?: AbortSignal): Promise<ScanRun> {
  const all: ScanFlags = {json: true, color: false, config: file, 'ca-file': certs.caFile, ...flags};
  return runScan(scanRequest([], all, {version: '0.0.0-test', stdoutIsTTY: false}), signal ? {signal} : {});
}

/** Every result reached a verdict: the target was judged. */
function judged(t: TargetReport): boolean {
  return t.results.length > 0 && t.results.every((r) => ['pass', 'fail', 'warn'].includes(r.status)) && !t.unreachable && !t.notJudged;
}

describe('item 1: every target has its own deadline', () => {
  const DEADLINE_MS = 2000;

  it.each([
    ['one after another (--concurrency 1)', 1],
    ['concurrently (the default)', undefined],
  ])('a silent host first leaves every other target judged, %s; each target reports its own duration', async (_, concurrency) => {
    const silent = await track(startSilent());
    const healthy = await Promise.all([1, 2, 3].map(() => track(startMetered())));
    const run = await scanFleet(config([`${silent.url}/`, ...healthy.map((h) => `${h.url}/`)]), {
      only: 'headers',
      timeout: DEADLINE_MS,
      ...(concurrency === undefined ? {} : {concurrency}),
    });
    const [first, ...others] = run.report.targets;
    expect(first!.unreachable?.code).toBe('timeout');
    expect(first!.durationMs).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(first!.durationMs).toBeLessThan(DEADLINE_MS * 2);
    expect(others).toHaveLength(3);
    for (const t of others) {
      expect(judged(t)).toBe(true);
      // Their own scan, not the run's clock: far below the silent host's deadline even when they ran after it.
      expect(t.durationMs).toBeLessThan(DEADLINE_MS / 2);
    }
    for (const h of healthy) expect(h.meter.total).toBe(1);
    expect(run.exitCode).toBe(3);
  });
});

describe('item 2: targets run concurrently, never more than --concurrency at once', () => {
  it('with --concurrency 3, three targets on three origins are in flight at the same time', async () => {
    const log: Log = [];
    const hold = barrier(3);
    const servers = await Promise.all(['a', 'b', 'c'].map((name) => track(startMetered({name, log, hold}))));
    const run = await scanFleet(config(servers.map((s) => `${s.url}/`)), {only: 'headers', concurrency: 3});
    expect(run.report.targets.every(judged)).toBe(true);
    // Every target's request arrived before any was answered: the three overlapped.
    expect(log.slice(0, 3).sort()).toEqual(['a:arrive', 'b:arrive', 'c:arrive']);
    expect(log.slice(3).every((e) => e.endsWith(':finish'))).toBe(true);
  });

  it('with --concurrency 2, five targets never have more than two in flight', async () => {
    const log: Log = [];
    const hold = barrier(2, 1000);
    const servers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => track(startMetered({name, log, hold}))));
    const run = await scanFleet(config(servers.map((s) => `${s.url}/`)), {only: 'headers', concurrency: 2});
    expect(run.report.targets.every(judged)).toBe(true);
    let inFlight = 0;
    let peak = 0;
    for (const event of log) {
      inFlight += event.endsWith(':arrive') ? 1 : -1;
      peak = Math.max(peak, inFlight);
    }
    expect(peak).toBe(2);
  });

  it('with --concurrency 1, each target is finished before the next one sends anything', async () => {
    const log: Log = [];
    const servers = await Promise.all(['a', 'b', 'c'].map((name) => track(startMetered({name, log, delayMs: 20}))));
    await scanFleet(config(servers.map((s) => `${s.url}/`)), {only: 'headers', concurrency: 1});
    expect(log).toEqual(['a:arrive', 'a:finish', 'b:arrive', 'b:finish', 'c:arrive', 'c:finish']);
  });
});

describe('item 2: per-origin politeness, as the server counts it', () => {
  const paths = ['/a', '/b', '/c', '/d', '/e', '/f'];

  it.each([
    ['the default of 4', undefined, 4],
    ['--per-origin 2', 2, 2],
  ])('six targets on one origin, many requests each: %s connections and requests in flight at most', async (_, perOrigin, limit) => {
    const server = await track(startMetered({delayMs: 15}));
    const file = config(paths.map((p) => `${server.url}${p}/`));
    const run = await scanFleet(file, {
      only: 'headers,disclosure,exposure',
      path: ['/x', '/y', '/z'],
      ...(perOrigin ? {'per-origin': perOrigin} : {}),
    });
    expect(run.report.targets).toHaveLength(6);
    expect(server.meter.total).toBeGreaterThan(60);
    expect(server.meter.peakRequests).toBe(limit);
    expect(server.meter.peakConnections).toBeLessThanOrEqual(limit);
  });

  it('TLS handshakes count against the https origin: three targets on one origin, --only tls, --per-origin 2', async () => {
    const server = await track(startMetered({tls: true}));
    const run = await scanFleet(config(['/a', '/b', '/c'].map((p) => `${server.url}${p}`)), {only: 'tls', 'per-origin': 2});
    expect(run.report.targets.every((t) => t.results.some((r) => r.status === 'pass'))).toBe(true);
    // Each TLS scan alone opens up to 8 connections at once.
    expect(server.meter.accepted).toBeGreaterThan(30);
    expect(server.meter.peakConnections).toBeLessThanOrEqual(2);
  });

  it('HTTP requests and TLS handshakes to one https origin share its slots: --per-origin 3', async () => {
    const server = await track(startMetered({tls: true, delayMs: 10}));
    const run = await scanFleet(config(['/a', '/b', '/c'].map((p) => `${server.url}${p}`)), {
      only: 'tls,headers,disclosure',
      path: ['/x', '/y'],
      'per-origin': 3,
    });
    expect(run.report.targets).toHaveLength(3);
    // Idle connections closed for a handshake are never handed to a request: nothing is cut short.
    for (const t of run.report.targets) expect(t.results.filter((r) => r.status === 'error').map((r) => r.findings[0]?.message)).toEqual([]);
    expect(server.meter.total).toBeGreaterThan(20);
    expect(server.meter.peakRequests).toBeLessThanOrEqual(3);
    expect(server.meter.peakConnections).toBeLessThanOrEqual(3);
  });
});

describe('item 2: the request budget', () => {
  it('past --max-requests a request is not sent, and every check that needed it is an error naming the flag, never a pass', async () => {
    const server = await track(startMetered());
    const run = await scanFleet(config([`${server.url}/`]), {only: 'headers', path: ['/a', '/b', '/c', '/d'], 'max-requests': 3});
    const [target] = run.report.targets;
    expect(server.meter.total).toBe(3);
    expect(target!.results.length).toBeGreaterThan(0);
    for (const r of target!.results) {
      expect(r.status).toBe('error');
      expect(r.findings[0]?.message).toMatch(/budget of 3 requests and handshakes is spent \(raise it with --max-requests\)/);
    }
    expect(run.report.passed).toBe(false);
  });

  it('counts TLS handshakes too: --only tls with --max-requests 5 opens at most 5 connections, and no check that needs the cut TLS scan is judged', async () => {
    const server = await track(startMetered({tls: true}));
    const run = await scanFleet(config([`${server.url}/`]), {only: 'tls', 'max-requests': 5});
    expect(server.meter.accepted).toBeLessThanOrEqual(5);
    const needsScan = new Set(CHECKS.filter((c) => (c.meta.requiredArtifacts as readonly string[]).includes('TlsScan')).map((c) => c.meta.id));
    const results = run.report.targets[0]!.results.filter((r) => needsScan.has(r.id));
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.status).toBe('error');
      expect(r.findings[0]?.message).toContain('--max-requests');
    }
  });
});

describe('item 6: an interrupted run keeps what it gathered', () => {
  it('aborts the request in flight, starts no other target, and marks what did not run', async () => {
    const slow = await track(startMetered({hold: () => new Promise(() => undefined)}));
    const others = await Promise.all([1, 2].map(() => track(startMetered())));
    const controller = new AbortController();
    const running = scanFleet(config([`${slow.url}/`, ...others.map((o) => `${o.url}/`)]), {only: 'headers', concurrency: 1}, controller.signal);
    await until(() => slow.meter.total > 0, 'the first request');
    controller.abort(new Interruption('SIGINT'));
    const run = await running;
    // The request in flight was given up: the server saw its client go.
    await until(() => slow.meter.requests === 0, 'the request in flight to end');
    const {report} = run;
    expect(report.interrupted).toBe(true);
    expect(report.passed).toBe(false);
    const [cut, ...notStarted] = report.targets;
    expect(cut!.interrupted).toBe(true);
    expect(cut!.results.length).toBeGreaterThan(0);
    for (const r of cut!.results) {
      expect(r.status).toBe('skipped');
      expect(r.findings.map((f) => f.messageId)).toEqual(['not-run']);
      expect(r.findings[0]!.message).toContain('(SIGINT)');
    }
    for (const t of notStarted) expect(t).toMatchObject({notRun: true, results: []});
    for (const o of others) expect(o.meter.accepted).toBe(0);
  });
});
