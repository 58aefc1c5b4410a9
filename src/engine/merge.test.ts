import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from '@jest/globals';
import {mergeFiles, mergeReports, type ShardReport} from './merge.js';
import type {BaselineDiff, FindingRef, Report, Waiver} from '../core/report.js';
import {report, result, target} from '../../test/helpers/reports.js';

const A = 'https://a.example.com/';
const B = 'https://b.example.com/';
const C = 'https://c.example.com/';

const passing = (url: string) => target([result({id: 'hsts', status: 'pass', findings: []})], {url});
const failing = (url: string) => target([result({id: 'hsts'})], {url});
const shard = (file: string, r: Report): ShardReport => ({file, report: r});

const expired: Waiver = {check: 'csp', reason: 'legacy admin', expires: '2020-01-01', expired: true};
const ref = (url: string, messageId: string): FindingRef => ({url, id: 'hsts', messageId, message: messageId});
const diff = (over: Partial<BaselineDiff>): BaselineDiff => ({
  file: 'base.json',
  startedAt: '2025-12-01T00:00:00.000Z',
  new: [],
  resolved: [],
  ...over,
});

describe('mergeReports combines', () => {
  it('the targets in URL order, whatever the order of the shards', () => {
    const merged = mergeReports([shard('2.json', report([passing(C), passing(A)])), shard('1.json', report([passing(B)]))]);
    expect(merged.targets.map((t) => t.url)).toEqual([A, B, C]);
  });

  it('into a summary and verdict recomputed over every target', () => {
    const merged = mergeReports([shard('1.json', report([passing(A)])), shard('2.json', report([failing(B)]))]);
    expect(merged.summary).toMatchObject({total: 2, pass: 1, fail: 1, blocking: 1});
    expect(merged.passed).toBe(false);
  });

  it('into a failed report when a target of any shard was not judged, as scan decides', () => {
    const idle = target([], {url: B, notJudged: 'no check that gates the run is enabled for this target'});
    const merged = mergeReports([shard('1.json', report([passing(A)])), shard('2.json', report([idle]))]);
    expect(merged.summary.blocking).toBe(0);
    expect(merged.passed).toBe(false);
  });

  it('into an interrupted report that fails when any shard was interrupted', () => {
    const merged = mergeReports([shard('1.json', report([passing(A)])), shard('2.json', report([passing(B)], {interrupted: true, passed: false}))]);
    expect(merged).toMatchObject({interrupted: true, passed: false});
    expect(mergeReports([shard('1.json', report([passing(A)]))])).not.toHaveProperty('interrupted');
  });

  it('each expired waiver once, and fails on it', () => {
    const merged = mergeReports([
      shard('1.json', report([passing(A)], {expiredWaivers: [expired]})),
      shard('2.json', report([passing(B)], {expiredWaivers: [expired]})),
    ]);
    expect(merged.expiredWaivers).toEqual([expired]);
    expect(merged.passed).toBe(false);
  });

  it('a shard that got no target, which passes and changes nothing', () => {
    const full = report([failing(A)]);
    const merged = mergeReports([shard('1.json', full), shard('2.json', report([]))]);
    expect(merged.targets).toEqual(full.targets);
    expect(merged.summary).toEqual(full.summary);
  });

  it('the earliest start and the wall span from it to the last shard’s end', () => {
    const merged = mergeReports([
      shard('1.json', report([passing(A)], {startedAt: '2026-03-01T10:00:05.000Z', durationMs: 10_000})),
      shard('2.json', report([passing(B)], {startedAt: '2026-03-01T10:00:00.000Z', durationMs: 3000})),
    ]);
    expect(merged).toMatchObject({startedAt: '2026-03-01T10:00:00.000Z', durationMs: 15_000});
  });

  it('the newest tool version of one major', () => {
    const merged = mergeReports([
      shard('1.json', report([passing(A)], {tool: {name: 'shipcheck', version: '1.2.0'}})),
      shard('2.json', report([passing(B)], {tool: {name: 'shipcheck', version: '1.10.1'}})),
    ]);
    expect(merged.tool.version).toBe('1.10.1');
  });

  it('baseline diffs: every new failure, and as resolved only what no shard still has', () => {
    // Each shard saw its own target only: it lists the other's baseline failures as resolved too.
    const merged = mergeReports([
      shard('1.json', report([failing(A)], {baseline: diff({new: [ref(A, 'missing')], resolved: [ref(A, 'short'), ref(B, 'missing')]})})),
      shard('2.json', report([passing(B)], {baseline: diff({resolved: [ref(A, 'missing'), ref(A, 'short'), ref(B, 'missing')]})})),
    ]);
    expect(merged.baseline).toEqual(diff({new: [ref(A, 'missing')], resolved: [ref(A, 'short'), ref(B, 'missing')]}));
  });

  it('one URL listed twice by one shard (the config’s doing) as two targets', () => {
    expect(mergeReports([shard('1.json', report([passing(A), failing(A)]))]).targets).toHaveLength(2);
  });
});

describe('mergeReports refuses, with a usage error (exit 2)', () => {
  it('a target in two reports: a shard given twice', () => {
    const run = (): Report => mergeReports([shard('1.json', report([passing(A)])), shard('again.json', report([passing(B), passing(A)]))]);
    expect(run).toThrow(`${A} is in both "1.json" and "again.json": was one shard's report given twice? Give each shard's report once`);
    expect(run).toThrow(expect.objectContaining({exitCode: 2}));
  });

  it('one file given twice', () => {
    const one = shard('1.json', report([passing(A)]));
    expect(() => mergeReports([one, one])).toThrow('"1.json" is given twice: give each shard\'s report once');
  });

  it('reports of different major versions', () => {
    expect(() =>
      mergeReports([
        shard('1.json', report([passing(A)], {tool: {name: 'shipcheck', version: '1.4.0'}})),
        shard('2.json', report([passing(B)], {tool: {name: 'shipcheck', version: '2.0.0'}})),
      ]),
    ).toThrow('"2.json" was written by shipcheck 2.0.0 and "1.json" by 1.4.0: merge reports of one major version');
  });

  it('shards compared with a baseline mixed with shards that were not', () => {
    expect(() => mergeReports([shard('1.json', report([passing(A)])), shard('2.json', report([passing(B)], {baseline: diff({})}))])).toThrow(
      '"2.json" was compared with a baseline and "1.json" was not: run every shard with the same --baseline',
    );
  });

  it('shards compared with different baselines', () => {
    expect(() =>
      mergeReports([
        shard('1.json', report([passing(A)], {baseline: diff({})})),
        shard('2.json', report([passing(B)], {baseline: diff({startedAt: '2025-11-01T00:00:00.000Z'})})),
      ]),
    ).toThrow('"1.json" and "2.json" were compared with different baselines');
  });

  it('a missing shard: 2 of 3 given', () => {
    const of3 = (index: number, r: Report): Report => ({...r, shard: {index, count: 3}});
    const run = (): Report => mergeReports([shard('1.json', of3(1, report([passing(A)]))), shard('3.json', of3(3, report([passing(C)])))]);
    expect(run).toThrow('shard 2/3 missing: give the report of every shard');
    expect(run).toThrow(expect.objectContaining({exitCode: 2}));
    expect(mergeReports([1, 2, 3].map((i) => shard(`${i}.json`, of3(i, report([passing([A, B, C][i - 1] ?? A)]))))).targets).toHaveLength(3);
  });

  it('shards of different counts, one shard twice, or sharded and unsharded reports mixed', () => {
    const share = (index: number, count: number, r: Report): Report => ({...r, shard: {index, count}});
    expect(() => mergeReports([shard('a.json', share(1, 2, report([passing(A)]))), shard('b.json', share(2, 3, report([passing(B)])))])).toThrow(
      '"b.json" is shard 2/3, the others are of 2',
    );
    expect(() => mergeReports([shard('a.json', share(1, 2, report([]))), shard('b.json', share(1, 2, report([])))])).toThrow(
      '"a.json" and "b.json" are both shard 1/2',
    );
    expect(() => mergeReports([shard('a.json', share(1, 2, report([passing(A)]))), shard('b.json', report([passing(B)]))])).toThrow(
      '"b.json" was not written with --shard',
    );
  });

  it('nothing to merge', () => {
    expect(() => mergeReports([])).toThrow('nothing to merge');
  });
});

describe('mergeFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipcheck-merge-'));
  afterAll(() => rmSync(dir, {recursive: true, force: true}));
  const write = (name: string, content: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(content));
    return file;
  };

  it('reads the shards’ JSON reports and merges them', async () => {
    const merged = await mergeFiles([write('1.json', report([failing(B)])), write('2.json', report([passing(A)]))]);
    expect(merged.targets.map((t) => t.url)).toEqual([A, B]);
  });

  it('refuses a report of another schema version, naming the file', async () => {
    const other = write('v2.json', {...report([passing(B)]), schemaVersion: 2});
    await expect(mergeFiles([write('ok.json', report([passing(A)])), other])).rejects.toThrow(
      `"${other}" is not a shipcheck report (schemaVersion 1)`,
    );
  });
});
