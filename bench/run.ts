/**
 * `npm run bench`: median wall time and peak RSS of the built CLI against local nginx, beside the
 * previous run's numbers (kept in .bench/, not committed). A benchmark, never a timed test.
 *   - `--version`: oclif start-up, part of every scan's wall time;
 *   - a scan of the HTTP families (headers, hsts, redirect, cookies, cors, disclosure) of one target;
 *   - the TLS section (`--only tls`) against nginx with Mozilla's modern and intermediate configs and
 *     a legacy one, side by side with sslscan and nmap's ssl-enum-ciphers on the same server, as
 *     whole processes (each tool's start-up included), with the ratio to sslscan.
 */
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {makeTarget} from '../src/core/target.js';
import {HttpClient} from '../src/probes/http.js';
import {tlsCertificateProbe} from '../src/probes/tls-certificate.js';
import {scanTls} from '../src/probes/tls-scan.js';
import {testCerts} from '../test/helpers/certs.js';
import {dhParamFile, HARDENED_SERVER, startNginx, tlsServerConfig, type Nginx} from '../test/helpers/nginx.js';

const root = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const historyFile = join(root, '.bench', 'history.json');

interface Sample {
  wallMs: number;
  rssKiB: number;
}

function measure(args: readonly string[]): Sample {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'shipcheck-bench-')), 'rss');
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--require', join(root, 'bench', 'rss.cjs'), join(root, 'bin', 'run.js'), ...args], {
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

/** Median wall time of an external tool, or undefined when it is not installed. */
function external(command: string, args: readonly string[]): number | undefined {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0) return undefined;
  const once = (): number => {
    const started = performance.now();
    const run = spawnSync(command, args, {stdio: 'ignore', timeout: 120_000});
    if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}`);
    return performance.now() - started;
  };
  once();
  return median(Array.from({length: TLS_RUNS}, once));
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

/** sslscan and nmap take seconds on a legacy server: fewer runs keep the bench short. */
const TLS_RUNS = Number(process.env.BENCH_TLS_RUNS ?? 5);

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
  const previous: typeof results = existsSync(historyFile) ? (JSON.parse(readFileSync(historyFile, 'utf8')) as typeof results) : [];
  const was = (v: number | undefined, unit: string, digits: number): string => (v === undefined ? '' : ` [${v.toFixed(digits)} ${unit}]`);
  console.log(`shipcheck bench: ${RUNS} runs each, medians (previous run in brackets)`);
  for (const r of results) {
    const p = previous.find((x) => x.name === r.name);
    console.log(
      `  ${r.name.padEnd(34)} ${r.wallMs.toFixed(0).padStart(5)} ms${was(p?.wallMs, 'ms', 0).padEnd(10)}  peak RSS ${r.rssMiB.toFixed(1)} MiB${was(p?.rssMiB, 'MiB', 1)}`,
    );
  }

  console.log(`\nTLS section vs sslscan and nmap ssl-enum-ciphers, medians of ${TLS_RUNS} runs`);
  console.log('  (shipcheck: the whole CLI process with --only tls, and in brackets the TLS probes alone in-process)');
  console.log(
    `  ${'server'.padEnd(14)} ${'shipcheck'.padStart(18)} ${'sslscan'.padStart(9)} ${'nmap'.padStart(9)}  ratio to sslscan (process, probes)`,
  );
  for (const [kind, server] of servers.slice(1)) {
    const port = new URL(server.httpsUrl).port;
    const ours = median(
      Array.from({length: TLS_RUNS}, () => measure(['scan', server.httpsUrl, '--only', 'tls', '--ca-file', certs.caFile, '--json']).wallMs),
    );
    const inProcess = median(await sequence(TLS_RUNS, () => tlsSection(server.httpsUrl)));
    const sslscan = external('sslscan', ['--no-colour', `127.0.0.1:${port}`]);
    const nmap = external('nmap', ['-Pn', '-n', '-p', port, '--script', 'ssl-enum-ciphers', '127.0.0.1']);
    const ms = (v: number | undefined): string => (v === undefined ? 'n/a' : `${v.toFixed(0)} ms`);
    const ratio = sslscan === undefined ? 'sslscan not installed' : `${(ours / sslscan).toFixed(2)}×, ${(inProcess / sslscan).toFixed(2)}×`;
    const both = `${ms(ours)} [${ms(inProcess)}]`;
    console.log(`  ${kind.padEnd(14)} ${both.padStart(18)} ${ms(sslscan).padStart(9)} ${ms(nmap).padStart(9)}  ${ratio}`);
    results.push({name: `tls ${kind}`, wallMs: ours, rssMiB: 0});
  }
  mkdirSync(join(root, '.bench'), {recursive: true});
  writeFileSync(historyFile, JSON.stringify(results, null, 2));
} finally {
  await Promise.all(servers.map(([, s]) => s.close()));
}
