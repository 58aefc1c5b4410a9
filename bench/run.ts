/**
 * `npm run bench`: median wall time and peak RSS of the built CLI against local nginx, beside the
 * previous run's numbers (kept in .bench/, not committed). A benchmark, never a timed test.
 *   - start-up: `--version` beside a bare `node -e 0` (interleaved runs; goal: within 80 ms);
 *   - a scan of the HTTP families (headers, hsts, redirect, cookies, cors, disclosure) of one target;
 *   - the TLS section (`--only tls`) against nginx with Mozilla's modern (TLS 1.3-only) and
 *     intermediate configs, our hardened one and a legacy one, side by side with sslscan and nmap's
 *     ssl-enum-ciphers on the same server, as whole processes (each tool's start-up included), run
 *     in turn (shipcheck, sslscan, shipcheck …), with the median of the pairs' ratios to sslscan
 *     (goal: at most 0.9);
 *   - the TLS enumeration with added latency (bench/latency.ts): the TlsScan probe through a proxy
 *     adding 25 ms each way, one connection at a time against the default and wider limits;
 *   - the fleet section: sequential (`--concurrency 1`) against concurrent (the default) wall time
 *     for 25 loopback targets that answer after an artificial latency, and peak RSS for 2,000 small
 *     targets (distinct URLs on a handful of Node servers started here).
 * `BENCH_SECTION=fleet` runs the fleet section alone, `BENCH_SECTION=main` all but the fleet section.
 */
import {spawn, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync} from 'node:fs';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {makeTarget} from '../src/core/target.js';
import {HttpClient} from '../src/probes/http.js';
import {tlsCertificateProbe} from '../src/probes/tls-certificate.js';
import {scanTls} from '../src/probes/tls-scan.js';
import {testCerts} from '../test/helpers/certs.js';
import {latencySection} from './latency.js';
import {dhParamFile, HARDENED_SERVER, startNginx, tlsServerConfig, type Nginx} from '../test/helpers/nginx.js';

const root = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const historyFile = join(root, '.bench', 'history.json');

interface Sample {
  wallMs: number;
  rssKiB: number;
}

/** One run of the built CLI with `args`; `node` gives node's own arguments instead (`['-e', '0']`: node alone). */
function measure(args: readonly string[], node: readonly string[] = [join(root, 'bin', 'run.js'), ...args]): Sample {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'shipcheck-bench-')), 'rss');
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--require', join(root, 'bench', 'rss.cjs'), ...node], {
    env: {...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true', SHIPCHECK_BENCH_RSS: rssFile, NO_COLOR: '1'},
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 60_000,
  });
  const wallMs = performance.now() - started;
  if (run.status !== 0 && run.status !== 1) throw new Error(`shipcheck ${args.join(' ')} exited ${run.status}: ${run.stderr.toString('utf8')}`);
  return {wallMs, rssKiB: Number(readFileSync(rssFile, 'utf8'))};
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  // An empty series has no median: NaN.
  const upper = s[mid] ?? NaN;
  return s.length % 2 ? upper : ((s[mid - 1] ?? NaN) + upper) / 2;
};

function series(name: string, args: readonly string[]): {name: string; wallMs: number; rssMiB: number} {
  measure(args); // warm the file cache
  const samples = Array.from({length: RUNS}, () => measure(args));
  return {name, wallMs: median(samples.map((s) => s.wallMs)), rssMiB: median(samples.map((s) => s.rssKiB)) / 1024};
}

const installed = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Wall time of one run of an external tool. */
function timed(command: string, args: readonly string[]): number {
  const started = performance.now();
  const run = spawnSync(command, args, {stdio: 'ignore', timeout: 120_000});
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}`);
  return performance.now() - started;
}

/** Median wall time of an external tool, or undefined when it is not installed. */
function external(command: string, args: readonly string[]): number | undefined {
  if (!installed(command)) return undefined;
  timed(command, args);
  return median(Array.from({length: TLS_RUNS}, () => timed(command, args)));
}

/**
 * Two commands run in turn, A B A B …, after one warm-up each, so that a machine's drift weighs on
 * both alike: the median of each, and the median of the pairs' ratios A/B.
 */
function interleaved(runs: number, a: () => number, b: () => number): {a: number; b: number; ratio: number} {
  a();
  b();
  const pairs = Array.from({length: runs}, () => [a(), b()] as const);
  return {a: median(pairs.map(([x]) => x)), b: median(pairs.map(([, y]) => y)), ratio: median(pairs.map(([x, y]) => x / y))};
}

/** The TLS probes of one scan (enumeration and certificate chain, run together as the scan does), in-process. */
async function tlsSection(url: string): Promise<number> {
  const target = makeTarget({url});
  const signal = AbortSignal.timeout(30_000);
  const started = performance.now();
  await Promise.all([
    scanTls({host: target.url.hostname, port: Number(target.url.port)}, {signal}),
    tlsCertificateProbe.gather(target, {signal, client: new HttpClient({signal, requestTimeoutMs: 10_000, maxBodyBytes: 1})}),
  ]);
  return performance.now() - started;
}

async function sequence(n: number, run: () => Promise<number>): Promise<number[]> {
  await run();
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await run());
  return out;
}

/**
 * The built CLI as a child process without blocking this one: the fleet's servers live in this
 * process and must answer while the scan runs.
 */
function measureAsync(args: readonly string[]): Promise<Sample> {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'shipcheck-bench-')), 'rss');
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', join(root, 'bench', 'rss.cjs'), join(root, 'bin', 'run.js'), ...args], {
    env: {...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true', SHIPCHECK_BENCH_RSS: rssFile, NO_COLOR: '1'},
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    child.once('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0 && code !== 1) reject(new Error(`shipcheck ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({wallMs, rssKiB: Number(readFileSync(rssFile, 'utf8'))});
    });
  });
}

/** A small site on loopback: a page with a few headers and a cookie, answered after `latencyMs`. */
async function fleetServer(latencyMs: number): Promise<{url: string; close: () => Promise<void>}> {
  const server = http.createServer((req, res) => {
    req.resume();
    setTimeout(() => {
      res.writeHead(req.url?.includes('missing') ? 404 : 200, {
        'content-type': 'text/html; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'set-cookie': 'session=abc; HttpOnly; SameSite=Lax',
      });
      res.end('<!doctype html><title>fleet</title><p>hello</p>');
    }, latencyMs);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A config that lists `urls` as its targets. */
function fleetConfig(urls: readonly string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'shipcheck-bench-fleet-')), 'shipcheck.yml');
  writeFileSync(file, JSON.stringify({targets: urls}));
  return file;
}

/** The HTTP families, as in the single-target scan above. */
const FLEET_FAMILIES = 'headers,hsts,redirect,cookies,cors,disclosure';
const FLEET_LATENCY_MS = 50;
const FLEET_TARGETS = 25;
const BIG_FLEET = 2000;
/** 2,000 targets as 250 paths on each of 8 servers: distinct URLs, a handful of origins. */
const BIG_FLEET_SERVERS = 8;

async function fleetSection(): Promise<{name: string; wallMs: number; rssMiB: number}[]> {
  const servers = await Promise.all(Array.from({length: FLEET_TARGETS}, () => fleetServer(FLEET_LATENCY_MS)));
  const out: {name: string; wallMs: number; rssMiB: number}[] = [];
  try {
    const small = fleetConfig(servers.map((s) => `${s.url}/`));
    const args = ['scan', '--config', small, '--json', '--only', FLEET_FAMILIES];
    await measureAsync(args); // warm the file cache
    const runs = Math.max(1, Math.min(RUNS, 5));
    const sequential: Sample[] = [];
    const concurrent: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      sequential.push(await measureAsync([...args, '--concurrency', '1']));
      concurrent.push(await measureAsync(args));
    }
    const seq = median(sequential.map((s) => s.wallMs));
    const con = median(concurrent.map((s) => s.wallMs));
    console.log(
      `\nFleet: ${FLEET_TARGETS} loopback targets answering after ${FLEET_LATENCY_MS} ms, --only ${FLEET_FAMILIES}, medians of ${runs} runs`,
    );
    console.log(
      `  sequential (--concurrency 1)   ${seq.toFixed(0).padStart(6)} ms  peak RSS ${(median(sequential.map((s) => s.rssKiB)) / 1024).toFixed(1)} MiB`,
    );
    console.log(
      `  concurrent (default 4)         ${con.toFixed(0).padStart(6)} ms  peak RSS ${(median(concurrent.map((s) => s.rssKiB)) / 1024).toFixed(1)} MiB  (${(seq / con).toFixed(2)}× faster)`,
    );
    out.push({name: `fleet ${FLEET_TARGETS} sequential`, wallMs: seq, rssMiB: median(sequential.map((s) => s.rssKiB)) / 1024});
    out.push({name: `fleet ${FLEET_TARGETS} concurrent`, wallMs: con, rssMiB: median(concurrent.map((s) => s.rssKiB)) / 1024});
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }

  const hosts = await Promise.all(Array.from({length: BIG_FLEET_SERVERS}, () => fleetServer(0)));
  try {
    const perHost = BIG_FLEET / BIG_FLEET_SERVERS;
    const urls = hosts.flatMap((host, h) => Array.from({length: perHost}, (_, i) => `${host.url}/site-${h * perHost + i}/`));
    const dir = mkdtempSync(join(tmpdir(), 'shipcheck-bench-fleet-out-'));
    const config = fleetConfig(urls);
    // The JSON report of 2,000 targets is ~60 million characters, written here to the file and to
    // stdout target by target; JUnit's is rendered whole (a quarter of the size).
    for (const [label, output] of [
      ['--json --output report.json', ['--json', '--output', join(dir, 'report.json')]],
      ['--format junit (rendered whole)', ['--format', 'junit']],
    ] as const) {
      const big = await measureAsync(['scan', '--config', config, '--only', FLEET_FAMILIES, ...output]);
      const mib = big.rssKiB / 1024;
      console.log(
        `  ${BIG_FLEET} targets (${BIG_FLEET_SERVERS} servers, distinct paths), ${label.padEnd(30)} ${(big.wallMs / 1000).toFixed(1).padStart(5)} s  peak RSS ${mib.toFixed(1)} MiB (goal < 300 MB)`,
      );
      out.push({name: `fleet ${BIG_FLEET} targets ${label}`, wallMs: big.wallMs, rssMiB: mib});
    }
  } finally {
    await Promise.all(hosts.map((s) => s.close()));
  }
  return out;
}

/** sslscan and nmap take seconds on a legacy server: fewer runs keep the bench short. */
const TLS_RUNS = Number(process.env.BENCH_TLS_RUNS ?? 5);

const history: {name: string; wallMs: number; rssMiB: number}[] = existsSync(historyFile)
  ? (JSON.parse(readFileSync(historyFile, 'utf8')) as {name: string; wallMs: number; rssMiB: number}[])
  : [];
const measured = process.env.BENCH_SECTION === 'fleet' ? [] : await mainSections();
if (process.env.BENCH_SECTION !== 'main') measured.push(...(await fleetSection()));
mkdirSync(join(root, '.bench'), {recursive: true});
// A section not run this time keeps its previous figures.
writeFileSync(historyFile, JSON.stringify([...history.filter((h) => !measured.some((m) => m.name === h.name)), ...measured], null, 2));

async function mainSections(): Promise<{name: string; wallMs: number; rssMiB: number}[]> {
  const certs = await testCerts();
  const tls = {certFile: certs.certFile, keyFile: certs.keyFile};
  const dhDir = mkdtempSync(join(tmpdir(), 'shipcheck-bench-dh-'));
  const servers: [string, Nginx][] = [];
  try {
    const hardened = await startNginx({tls, server: HARDENED_SERVER, http: 'redirect'});
    servers.push(['hardened', hardened]);
    for (const kind of ['modern', 'intermediate', 'legacy'] as const)
      servers.push([
        kind,
        await startNginx({
          tls,
          server: tlsServerConfig(kind, kind === 'modern' ? undefined : dhParamFile(kind === 'legacy' ? 'modp_1536' : 'ffdhe2048', dhDir)),
        }),
      ]);

    const startup = interleaved(
      RUNS,
      () => measure(['--version']).wallMs,
      () => measure([], ['-e', '0']).wallMs,
    );
    const results = [
      series('--version (start-up)', ['--version']),
      series('scan, HTTP families, 1 target', [
        'scan',
        hardened.httpsUrl,
        '--http-url',
        hardened.httpUrl,
        '--ca-file',
        certs.caFile,
        '--json',
        '--only',
        'headers,hsts,redirect,cookies,cors,disclosure',
      ]),
    ];
    const was = (v: number | undefined, unit: string, digits: number): string => (v === undefined ? '' : ` [${v.toFixed(digits)} ${unit}]`);
    console.log(`shipcheck bench: ${RUNS} runs each, medians (previous run in brackets)`);
    console.log(
      `  start-up: --version ${startup.a.toFixed(0)} ms, node -e 0 ${startup.b.toFixed(0)} ms, in turn: ${(startup.a - startup.b).toFixed(0)} ms more (goal: at most 80 ms)`,
    );
    for (const r of results) {
      const p = history.find((x) => x.name === r.name);
      console.log(
        `  ${r.name.padEnd(34)} ${r.wallMs.toFixed(0).padStart(5)} ms${was(p?.wallMs, 'ms', 0).padEnd(10)}  peak RSS ${r.rssMiB.toFixed(1)} MiB${was(p?.rssMiB, 'MiB', 1)}`,
      );
    }

    console.log(`\nTLS section vs sslscan and nmap ssl-enum-ciphers, medians of ${TLS_RUNS} runs`);
    console.log('  (shipcheck: the whole CLI process with --only tls, and in brackets the TLS probes alone in-process;');
    console.log('   the ratio to sslscan: the median of runs in turn, goal at most 0.9; the probes alone: medians)');
    console.log(
      `  ${'server'.padEnd(14)} ${'shipcheck'.padStart(18)} ${'sslscan'.padStart(9)} ${'nmap'.padStart(9)}  ratio to sslscan (process, probes)`,
    );
    const TLS_NAMES: Readonly<Record<string, string>> = {modern: 'TLS 1.3-only', intermediate: 'intermediate'};
    for (const [kind, server] of servers) {
      const port = new URL(server.httpsUrl).port;
      const scan = (): number => measure(['scan', server.httpsUrl, '--only', 'tls', '--ca-file', certs.caFile, '--json']).wallMs;
      const sslscanArgs = ['--no-colour', `127.0.0.1:${port}`];
      const paired = installed('sslscan') ? interleaved(TLS_RUNS, scan, () => timed('sslscan', sslscanArgs)) : undefined;
      const ours = paired?.a ?? median(Array.from({length: TLS_RUNS}, scan));
      const inProcess = median(await sequence(TLS_RUNS, () => tlsSection(server.httpsUrl)));
      const nmap = external('nmap', ['-Pn', '-n', '-p', port, '--script', 'ssl-enum-ciphers', '127.0.0.1']);
      const ms = (v: number | undefined): string => (v === undefined ? 'n/a' : `${v.toFixed(0)} ms`);
      const ratio = paired === undefined ? 'sslscan not installed' : `${paired.ratio.toFixed(2)}×, ${(inProcess / paired.b).toFixed(2)}×`;
      const both = `${ms(ours)} [${ms(inProcess)}]`;
      console.log(`  ${(TLS_NAMES[kind] ?? kind).padEnd(14)} ${both.padStart(18)} ${ms(paired?.b).padStart(9)} ${ms(nmap).padStart(9)}  ${ratio}`);
      results.push({name: `tls ${kind}`, wallMs: ours, rssMiB: 0});
    }
    results.push(...(await latencySection()));
    return results;
  } finally {
    await Promise.all(servers.map(([, s]) => s.close()));
  }
}
