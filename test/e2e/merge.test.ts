/**
 * `shipcheck merge` and `scan --shard` as a user runs them: the built CLI (`bin/run.js` on `dist/`,
 * so `npm run build` first), on shard reports saved as `scan --output` writes them.
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from '@jest/globals';
import type {Report} from '../../src/core/report.js';
import {shardOf} from '../../src/engine/shard.js';
import {cli} from '../helpers/cli.js';
import {report, result, target} from '../helpers/reports.js';
import {closedPort} from '../helpers/servers.js';

const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipcheck-merge-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, {recursive: true, force: true});
});

const passing = (url: string) => target([result({id: 'hsts', status: 'pass', findings: []})], {url});
const failing = (url: string) => target([result({id: 'hsts'})], {url});

/** Writes each report as shard-<n>.json into a fresh folder; returns the files. */
function shardFiles(...reports: Report[]): string[] {
  const dir = tempDir();
  return reports.map((r, i) => {
    const file = join(dir, `shard-${i + 1}.json`);
    writeFileSync(file, JSON.stringify(r));
    return file;
  });
}

/** Three shards of a fleet of four: one failing target, one shard that got no target. */
const fleet = (): string[] =>
  shardFiles(
    report([passing('https://c.example.com/'), failing('https://a.example.com/')]),
    report([]),
    report([passing('https://b.example.com/'), passing('https://d.example.com/')]),
  );

describe('shipcheck merge', () => {
  it('prints the merged report as the Markdown comment, one section per target in URL order, and exits 1 on a failure', async () => {
    const run = await cli(['merge', ...fleet(), '--format', 'markdown']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[1]).toBe('### ❌ shipcheck failed: 1 blocking');
    const order = ['a', 'b', 'c', 'd'].map((host) => run.stdout.indexOf(`${host}.example.com`));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it('writes SARIF and Markdown into --output-dir and the JSON report to --output: one SARIF run for the fleet', async () => {
    const out = join(tempDir(), 'out');
    const json = join(tempDir(), 'merged.json');
    const run = await cli(['merge', ...fleet(), '--format', 'sarif', '--format', 'markdown', '--output-dir', out, '--output', json]);
    expect(run.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['shipcheck.md', 'shipcheck.sarif']);
    const sarif = JSON.parse(readFileSync(join(out, 'shipcheck.sarif'), 'utf8')) as {runs: {results: unknown[]}[]};
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0]!.results).toHaveLength(1);
    const merged = JSON.parse(readFileSync(json, 'utf8')) as Report;
    expect(merged.targets.map((t) => t.url)).toEqual(['a', 'b', 'c', 'd'].map((host) => `https://${host}.example.com/`));
    expect(merged.summary).toMatchObject({total: 4, pass: 3, fail: 1, blocking: 1});
    expect(merged.passed).toBe(false);
  });

  it('exits 0 when every shard passed, and 3 when a target of any shard was unreachable, as scan does', async () => {
    const ok = await cli(['merge', ...shardFiles(report([passing('https://a.example.com/')]), report([passing('https://b.example.com/')]))]);
    expect(ok.code).toBe(0);
    const down = target([result({status: 'error', findings: []})], {
      url: 'https://b.example.com/',
      unreachable: {code: 'connection-refused', message: 'connection refused'},
    });
    const run = await cli(['merge', ...shardFiles(report([passing('https://a.example.com/')]), report([down]))]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('shipcheck: cannot reach https://b.example.com/: connection refused');
  });

  it('refuses a shard uploaded twice (a target in two reports) with one line and exit 2', async () => {
    const [first, second, third] = fleet();
    const copy = `${first!.slice(0, -'.json'.length)} (1).json`;
    writeFileSync(copy, readFileSync(first!));
    const run = await cli(['merge', first!, second!, third!, copy, '--format', 'markdown']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `shipcheck: https://c.example.com/ is in both "${first}" and "${copy}": was one shard's report given twice? Give each shard's report once`,
    ]);
  });

  it('names a mistyped flag with did-you-mean (one line, exit 2) rather than read it as a report', async () => {
    const [first] = fleet();
    const run = await cli(['merge', first!, '--formt', 'markdown']);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr.trimEnd().split('\n')).toEqual(['shipcheck: unknown flag "--formt"; did you mean "--format"? (see --help)']);
  });

  it('refuses a file that is not a report with one line and exit 2', async () => {
    const [file] = shardFiles(report([]));
    writeFileSync(file!, '{"schemaVersion": 2, "targets": []}');
    const run = await cli(['merge', file!]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd()).toBe(`shipcheck: "${file}" is not a shipcheck report (schemaVersion 1)`);
  });
});

describe('shipcheck scan --shard', () => {
  it('says so in one line when its shard gets no target, sends nothing, and passes with an empty report', async () => {
    // Nothing listens there; a shard that did scan it would report it unreachable (exit 3).
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const empty = (shardOf(url, 2) % 2) + 1;
    const file = join(tempDir(), 'shard.json');
    const run = await cli(['scan', url, '--shard', `${empty}/2`, '--output', file]);
    expect(run.stderr.trimEnd()).toBe(`shipcheck: shard ${empty}/2 has none of the 1 targets: its report lists no target and passes`);
    expect(run.code).toBe(0);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Report;
    expect(saved).toMatchObject({targets: [], passed: true});
  });
});
