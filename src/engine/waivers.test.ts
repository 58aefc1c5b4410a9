import {describe, expect, it} from '@jest/globals';
import {isBlocking, type CheckResult, type TargetReport} from '../core/report.js';
import {applyWaivers, expiredWaivers, isExpired, type WaiverConfig} from './waivers.js';

const NOW = new Date('2026-06-15T12:00:00Z');

const result = (over: Partial<CheckResult> = {}): CheckResult => ({
  id: 'hsts',
  family: 'hsts',
  status: 'fail',
  level: 'error',
  severity: 'high',
  title: 't',
  description: 'd',
  remediation: 'r',
  findings: [{messageId: 'missing', kind: 'fail', message: 'm', page: '/', evidence: {}}],
  ...over,
});
const target = (url: string, ...results: CheckResult[]): TargetReport => ({url, durationMs: 1, results});
const waiver = (over: Partial<WaiverConfig> = {}): WaiverConfig => ({check: 'hsts', reason: 'CDN migration', expires: '2026-07-01', ...over});

describe('isExpired', () => {
  it.each([
    ['the day before', '2026-06-14', true],
    ['the same day (a waiver holds through its last day)', '2026-06-15', false],
    ['a later day', '2026-06-16', false],
  ])('%s', (_name, expires, expected) => {
    expect(isExpired(expires, NOW)).toBe(expected);
  });
});

describe('applyWaivers', () => {
  it('a live waiver covers a failure so that it no longer gates', () => {
    const [t] = applyWaivers([target('https://a.example.com/', result())], [waiver()], NOW);
    const r = t!.results[0]!;
    expect(r.waiver).toMatchObject({check: 'hsts', expired: false, reason: 'CDN migration'});
    expect(isBlocking(r)).toBe(false);
  });

  it('an expired waiver is attached but the failure gates again', () => {
    const [t] = applyWaivers([target('https://a.example.com/', result())], [waiver({expires: '2026-01-31'})], NOW);
    expect(t!.results[0]!.waiver?.expired).toBe(true);
    expect(isBlocking(t!.results[0]!)).toBe(true);
  });

  it('matches the target URL glob and leaves other targets alone', () => {
    const out = applyWaivers(
      [target('https://staging.example.com/', result()), target('https://prod.example.com/', result())],
      [waiver({target: 'https://staging.*'})],
      NOW,
    );
    expect(out.map((t) => t.results[0]!.waiver !== undefined)).toEqual([true, false]);
  });

  it('with a path glob, covers a result only when every finding is on a matching page', () => {
    const mixed = result({
      findings: [
        {messageId: 'missing', kind: 'fail', message: 'm', page: '/legacy/a', evidence: {}},
        {messageId: 'missing', kind: 'fail', message: 'm', page: '/app', evidence: {}},
      ],
    });
    const onlyLegacy = result({findings: [{messageId: 'missing', kind: 'fail', message: 'm', page: '/legacy/b', evidence: {}}]});
    const out = applyWaivers([target('https://a.example.com/', mixed, onlyLegacy)], [waiver({path: '/legacy/*'})], NOW);
    expect(out[0]!.results.map((r) => r.waiver !== undefined)).toEqual([false, true]);
  });

  it('does not attach waivers to passing results or other checks', () => {
    const out = applyWaivers([target('https://a.example.com/', result({status: 'pass', findings: []}), result({id: 'csp'}))], [waiver()], NOW);
    expect(out[0]!.results.map((r) => r.waiver)).toEqual([undefined, undefined]);
  });
});

describe('expiredWaivers', () => {
  it('lists every waiver past its date, matched or not', () => {
    expect(expiredWaivers([waiver(), waiver({check: 'csp', expires: '2025-12-31'})], NOW).map((w) => w.check)).toEqual(['csp']);
  });
});
