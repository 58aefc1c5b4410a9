/**
 * Issue 10, item 5, end to end through the engine: a fleet of 9 loopback targets (hardened, bare and
 * leaky sites over http and https, one port where nothing listens) scanned once whole and once as
 * shards 1/3, 2/3 and 3/3 from the same config. The shards partition the fleet, each one sends
 * requests to its own targets only, and their three JSON reports merged give the unsharded run's
 * verdicts check by check, its summary, its verdict and its exit code; compared with one baseline,
 * the same new and resolved failures.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import http from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from '@jest/globals';
import {outputRequest, scanRequest, type ScanFlags} from '../../src/cli/request.js';
import type {FindingRef, Report} from '../../src/core/report.js';
import {runMerge} from '../../src/engine/merge.js';
import {runScan, type ScanRun} from '../../src/engine/run.js';
import {testCerts, type TestCerts} from '../helpers/certs.js';
import {tracker} from '../helpers/process.js';
import {closedPort, startHttpServer, startHttpsServer, type TestServer} from '../helpers/servers.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A site that sets every header the header checks look for. */
const hardened: Handler = (req, res) => {
  if (req.url !== '/') return void res.writeHead(404, {'content-type': 'text/plain', 'x-content-type-options': 'nosniff'}).end('not found');
  res
    .writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'permissions-policy': 'camera=(), microphone=(), geolocation=()',
      'cross-origin-opener-policy': 'same-origin',
      'set-cookie': 'sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax',
    })
    .end('<h1>shop</h1>');
};

/** A framework's defaults: a page and nothing else. */
const bare: Handler = (req, res) => void res.writeHead(req.url === '/' ? 200 : 404, {'content-type': 'text/html'}).end('<h1>hello</h1>');

/** Versions in headers, a cookie without flags, a stack trace on errors. */
const leaky: Handler = (req, res) => {
  const headers = {'content-type': 'text/html', server: 'Apache/2.4.29 (Ubuntu)', 'x-powered-by': 'PHP/5.6.40', 'set-cookie': 'PHPSESSID=1; Path=/'};
  if (req.url !== '/')
    return void res.writeHead(500, headers).end('Fatal error: Uncaught Exception in /var/www/html/index.php:12\nStack trace:\n#0 {main}');
  res.writeHead(200, headers).end('<h1>legacy</h1>');
};

const {track, closeAll} = tracker();
let certs: TestCerts;
let dir: string;
let servers: TestServer[];
/** Every target's URL as the report writes it, the down one last. */
let urls: string[];
let whole: ScanRun;
const shards: {run: ScanRun; file: string; contacted: string[]}[] = [];
const outputs = outputRequest({color: false, json: true}, {version: '0.0.0-test', stdoutIsTTY: false});

/** The engine's request for the config, as `shipcheck scan --config … [--shard i/3] --output …` builds it. */
function request(extra: Partial<ScanFlags>) {
  const flags: ScanFlags = {json: true, color: false, config: join(dir, 'shipcheck.yml'), 'ca-file': certs.caFile, timeout: 15_000, ...extra};
  return scanRequest([], flags, {version: '0.0.0-test', stdoutIsTTY: false});
}

beforeAll(async () => {
  certs = await testCerts();
  dir = await mkdtemp(join(tmpdir(), 'shipcheck-shards-'));
  const tls = {key: certs.keyPem, cert: certs.certPem};
  servers = await Promise.all([
    track(startHttpsServer(hardened, tls)),
    track(startHttpsServer(leaky, tls)),
    ...[hardened, hardened, bare, bare, leaky, leaky].map((handler) => track(startHttpServer(handler))),
  ]);
  urls = [...servers.map((s) => `${s.url}/`), `http://127.0.0.1:${await closedPort()}/`];
  // An expired waiver (every shard reads it) and a live one for one target.
  await writeFile(
    join(dir, 'shipcheck.yml'),
    [
      'targets:',
      ...urls.map((url) => `  - ${url}`),
      'waivers:',
      '  - {check: csp, target: "http://*", reason: "plain-HTTP staging hosts", expires: "2099-12-31"}',
      '  - {check: frame-options, reason: "embedded by the old portal", expires: "2020-01-31"}',
    ].join('\n'),
  );
  whole = await runScan(request({}));
  // One after another, so each shard's requests can be told apart on the servers.
  for (let index = 1; index <= 3; index++) {
    const before = servers.map((s) => s.requests.length);
    const file = join(dir, `shard-${index}.json`);
    const run = await runScan(request({shard: `${index}/3`, output: file}));
    shards.push({run, file, contacted: servers.filter((s, i) => s.requests.length > before[i]!).map((s) => `${s.url}/`)});
  }
}, 120_000);

afterAll(async () => {
  await closeAll();
  await rm(dir, {recursive: true, force: true});
});

/** Per target, by URL: whether it was reached and judged, and each check's status, level, waiver and message ids. */
function verdicts(report: Report) {
  return [...report.targets]
    .sort((a, b) => (a.url < b.url ? -1 : 1))
    .map((t) => ({
      url: t.url,
      unreachable: t.unreachable?.code,
      notJudged: t.notJudged,
      tlsGrade: t.tlsGrade?.grade,
      results: t.results.map((r) => ({
        id: r.id,
        status: r.status,
        level: r.level,
        waived: r.waiver?.expired,
        baseline: r.baseline,
        messageIds: [...new Set(r.findings.map((f) => f.messageId))].sort(),
      })),
    }));
}

describe('shards 1/3, 2/3 and 3/3 of a config of 9 targets', () => {
  it('partition the targets: each one is in exactly one shard', () => {
    expect(whole.report.targets.map((t) => t.url).sort()).toEqual([...urls].sort());
    const sharded = shards.flatMap((s) => s.run.report.targets.map((t) => t.url));
    expect(sharded.sort()).toEqual([...urls].sort());
  });

  it('each send requests to their own targets only', () => {
    for (const {run, contacted} of shards) {
      const mine = run.report.targets.map((t) => t.url).filter((url) => servers.some((s) => `${s.url}/` === url));
      expect(contacted.sort()).toEqual(mine.sort());
    }
  });

  it('merged, give the unsharded run’s verdicts check by check, its summary, verdict and exit code', async () => {
    const merged = await runMerge({files: shards.map((s) => s.file), output: outputs});
    // The fleet judged differently from target to target, or the comparison would prove little.
    expect(new Set(whole.report.targets.map((t) => t.results.filter((r) => r.status === 'fail').length)).size).toBeGreaterThan(2);
    expect(whole.report.expiredWaivers).toHaveLength(1);
    expect(whole.report.targets.some((t) => t.results.some((r) => r.waiver && !r.waiver.expired))).toBe(true);

    expect(verdicts(merged.report)).toEqual(verdicts(whole.report));
    expect(merged.report.targets.map((t) => t.url)).toEqual([...urls].sort());
    expect(merged.report.summary).toEqual(whole.report.summary);
    expect(merged.report.expiredWaivers).toEqual(whole.report.expiredWaivers);
    expect(merged.report.passed).toBe(whole.report.passed);
    expect(merged.exitCode).toBe(whole.exitCode);
    expect(merged.exitCode).toBe(3);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(JSON.stringify(merged.report)));
  });

  it('each record their share, and two of the three are refused as a partial fleet (exit 2)', async () => {
    expect(shards.map((s) => s.run.report.shard)).toEqual([1, 2, 3].map((index) => ({index, count: 3})));
    const partial = runMerge({files: [shards[0]!.file, shards[2]!.file], output: outputs});
    await expect(partial).rejects.toThrow('shard 2/3 missing');
    await expect(partial).rejects.toMatchObject({exitCode: 2});
  });
});

describe('shards compared with one baseline', () => {
  let compared: ScanRun;
  const files: string[] = [];

  beforeAll(async () => {
    // The first run's report, one target's failures taken back (they are new now) and a target since
    // removed from the config that failed (resolved now): a baseline every shard sees only a part of.
    const [first, ...rest] = whole.report.targets;
    const baseline: Report = {
      ...whole.report,
      targets: [
        {...first!, results: first!.results.map((r) => ({...r, status: 'pass', findings: []}))},
        ...rest,
        {...first!, url: 'https://gone.staging.example.test/'},
      ],
    };
    const baselineFile = join(dir, 'baseline.json');
    await writeFile(baselineFile, JSON.stringify(baseline));
    compared = await runScan(request({baseline: baselineFile}));
    for (let index = 1; index <= 3; index++) {
      const file = join(dir, `compared-${index}.json`);
      await runScan(request({shard: `${index}/3`, output: file, baseline: baselineFile}));
      files.push(file);
    }
  }, 120_000);

  it('merged, list the unsharded run’s new and resolved failures and mark each result alike', async () => {
    const merged = await runMerge({files, output: outputs});
    const refs = (list: readonly FindingRef[] | undefined) => (list ?? []).map((f) => JSON.stringify([f.url, f.id, f.messageId, f.page])).sort();
    expect(compared.report.baseline?.new.length).toBeGreaterThan(0);
    expect(compared.report.baseline?.resolved.map((f) => f.url)).toContain('https://gone.staging.example.test/');
    expect(refs(merged.report.baseline?.new)).toEqual(refs(compared.report.baseline?.new));
    expect(refs(merged.report.baseline?.resolved)).toEqual(refs(compared.report.baseline?.resolved));
    expect(verdicts(merged.report)).toEqual(verdicts(compared.report));
    expect(merged.report.summary).toEqual(compared.report.summary);
    expect(merged.report.passed).toBe(compared.report.passed);
  });
});
