import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from '@jest/globals';
import {compareBaseline, loadReport} from './baseline.js';
import {isBlocking, type CheckResult, type ReportFinding, type TargetReport} from '../core/report.js';
import {within} from '../../test/helpers/within.js';

const finding = (messageId: string, page = '/'): ReportFinding => ({messageId, kind: 'fail', message: messageId, page, evidence: {}});
const result = (id: string, ...findings: ReportFinding[]): CheckResult => ({
  id,
  family: 'headers',
  status: findings.length > 0 ? 'fail' : 'pass',
  level: 'error',
  severity: 'medium',
  title: id,
  description: 'd',
  remediation: 'r',
  findings,
});
const target = (...results: CheckResult[]): TargetReport => ({url: 'https://a.example.com/', durationMs: 1, results});

describe('compareBaseline', () => {
  const before = {
    startedAt: '2026-01-01T00:00:00.000Z',
    targets: [target(result('csp', finding('unsafe-inline')), result('hsts', finding('missing')))],
  };

  it('marks failures already in the baseline as known: they do not gate', () => {
    const {targets, diff} = compareBaseline(
      [target(result('csp', finding('unsafe-inline')), result('hsts', finding('missing')))],
      before,
      'prev.json',
    );
    expect(targets[0]!.results.map((r) => [r.baseline, isBlocking(r)])).toEqual([
      ['known', false],
      ['known', false],
    ]);
    expect(diff).toMatchObject({file: 'prev.json', new: [], resolved: []});
  });

  it('gates a check that fails with a finding the baseline did not have', () => {
    const now = [target(result('csp', finding('unsafe-inline'), finding('unsafe-inline', '/login')), result('hsts', finding('missing')))];
    const {targets, diff} = compareBaseline(now, before, 'prev.json');
    expect(targets[0]!.results.map((r) => r.baseline)).toEqual(['new', 'known']);
    expect(isBlocking(targets[0]!.results[0]!)).toBe(true);
    expect(diff.new).toEqual([expect.objectContaining({id: 'csp', messageId: 'unsafe-inline', page: '/login'})]);
  });

  it('lists failures that went away as resolved', () => {
    const {diff} = compareBaseline([target(result('csp', finding('unsafe-inline')), result('hsts'))], before, 'prev.json');
    expect(diff.resolved).toEqual([expect.objectContaining({id: 'hsts', messageId: 'missing'})]);
  });
});

describe('loadReport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipcheck-baseline-'));
  it.each([
    ['a missing file', 'nope.json', undefined],
    ['a file that is not JSON', 'text.json', 'not json'],
    ['JSON that is not a report', 'other.json', '{"schemaVersion": 2, "targets": []}'],
  ])('refuses %s with a usage error', async (_name, file, content) => {
    if (content !== undefined) writeFileSync(join(dir, file), content);
    await expect(loadReport(join(dir, file))).rejects.toMatchObject({code: 'E_USAGE', exitCode: 2});
  });

  it('refuses a folder, a FIFO and /dev/zero at once, without reading them', async () => {
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    for (const [file, what] of [
      [dir, 'a folder'],
      [fifo, 'a FIFO'],
      ['/dev/zero', 'a character device'],
    ] as const)
      await expect(within(loadReport(file), 5000)).rejects.toMatchObject({
        code: 'E_USAGE',
        message: `report file ${file} is ${what}, not a regular file`,
      });
  });
});
