/**
 * `npm run bench`: median wall time and peak RSS of the built CLI against a local nginx, beside the
 * previous run's numbers (kept in .bench/ , not committed). A benchmark, never a timed test.
 *   - `--version`: oclif start-up, part of every scan's wall time;
 *   - a full HTTP-family scan (headers, hsts, redirect, cookies, cors, disclosure) of one target.
 */
import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {testCerts} from '../test/helpers/certs.js';
import {HARDENED_SERVER, startNginx} from '../test/helpers/nginx.js';

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
  if (run.status !== 0 && run.status !== 1) throw new Error(`shipcheck ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return {wallMs, rssKiB: Number(readFileSync(rssFile, 'utf8'))};
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function series(name: string, args: readonly string[]): {name: string; wallMs: number; rssMiB: number} {
  measure(args); // warm the file cache
  const samples = Array.from({length: RUNS}, () => measure(args));
  return {name, wallMs: median(samples.map((s) => s.wallMs)), rssMiB: median(samples.map((s) => s.rssKiB)) / 1024};
}

const certs = await testCerts();
const nginx = await startNginx({tls: {certFile: certs.certFile, keyFile: certs.keyFile}, server: HARDENED_SERVER, http: 'redirect'});
try {
  const results = [
    series('--version (start-up)', ['--version']),
    series('scan, HTTP families, 1 target', ['scan', nginx.httpsUrl, '--http-url', nginx.httpUrl, '--ca-file', certs.caFile, '--json']),
  ];
  const previous: typeof results = existsSync(historyFile) ? (JSON.parse(readFileSync(historyFile, 'utf8')) as typeof results) : [];
  console.log(`shipcheck bench: ${RUNS} runs each, medians (previous run in brackets)`);
  for (const r of results) {
    const p = previous.find((x) => x.name === r.name);
    const was = (v: number | undefined, unit: string, digits: number): string => (v === undefined ? '' : ` [${v.toFixed(digits)} ${unit}]`);
    console.log(`  ${r.name.padEnd(34)} ${r.wallMs.toFixed(0).padStart(5)} ms${was(p?.wallMs, 'ms', 0).padEnd(10)}  peak RSS ${r.rssMiB.toFixed(1)} MiB${was(p?.rssMiB, 'MiB', 1)}`);
  }
  mkdirSync(join(root, '.bench'), {recursive: true});
  writeFileSync(historyFile, JSON.stringify(results, null, 2));
} finally {
  await nginx.close();
}
