import {describe, expect, it} from '@jest/globals';
import type {CheckResult, Report} from '../core/report.js';
import {report, result, target} from '../../test/helpers/reports.js';
import {formatConsole} from './console.js';
import {terminalSafe} from './escape.js';
import {ANSI_STYLE, PLAIN_STYLE} from './style.js';

/** One target holding these results, with the summary and verdict they give. */
const reportOf = (results: CheckResult[]): Report => report([target(results)]);

describe('terminalSafe', () => {
  it.each([
    ['an ANSI colour sequence', 'a\u001b[31mred\u001b[0m', 'ared'],
    ['an OSC title change', 'x\u001b]0;pwned\u0007y', 'xy'],
    ['a C1 control', 'a\u009bb', 'ab'],
    ['bidi overrides', 'abc\u202edcb\u2066', 'abcdcb'],
    ['a carriage return that would overwrite the line', 'ok\rFAIL', 'okFAIL'],
  ])('removes %s', (_name, input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });
});

describe('formatConsole', () => {
  it('groups by family, lists findings and a fix line for failures, and gives the verdict', () => {
    const out = formatConsole(
      reportOf([result({}), result({id: 'csp', family: 'headers', status: 'pass', title: 'CSP ok', findings: []})]),
      PLAIN_STYLE,
    );
    expect(out.indexOf('headers')).toBeLessThan(out.indexOf('hsts\n'));
    expect(out).toContain('✖ fail  HTTPS is not enforced with HSTS [hsts]');
    expect(out).toContain('fix: nginx: add_header Strict-Transport-Security');
    expect(out).toMatch(/FAILED \(1 blocking\)/);
    expect(out).not.toContain('\u001b');
  });

  it('escapes target-controlled text even when colour is on', () => {
    const hostile = result({
      findings: [{messageId: 'disclosed', kind: 'fail', message: 'Server is "\u001b]0;owned\u0007evil\u001b[2J"', evidence: {}}],
    });
    const out = formatConsole(reportOf([hostile]), ANSI_STYLE);
    expect(out).not.toContain('\u001b]0;');
    expect(out).not.toContain('\u001b[2J');
  });

  it('shows a failure at level warn with the warning icon, counts it as a warning, and passes the run', () => {
    const out = formatConsole(reportOf([result({level: 'warn'})]), PLAIN_STYLE);
    expect(out).toContain('  ! warn  HTTPS is not enforced with HSTS [hsts] (level warn)');
    expect(out).not.toContain('✖');
    expect(out).toContain('0 failed · 0 inconclusive · 1 warnings (not gating)');
    expect(out).toMatch(/→ PASSED\n$/);
  });

  it.each([
    ['waived', {waiver: {check: 'hsts', reason: 'CDN migration', expires: '2099-01-01', expired: false}}, 'waived until 2099-01-01: CDN migration'],
    ['known in the baseline', {baseline: 'known' as const}, 'known in the baseline'],
    ['inconclusive at level warn', {status: 'error' as const, level: 'warn' as const}, 'inconclusive; level warn'],
  ])('shows a failure that does not gate because it is %s as a yellow warning', (_name, over, note) => {
    const out = formatConsole(reportOf([result(over)]), ANSI_STYLE);
    expect(out).toContain(`\u001b[33m! warn \u001b[39m HTTPS is not enforced with HSTS`);
    expect(out).toContain(`(${note})`);
    expect(out).not.toMatch(/[✖?] (fail|error)/);
  });

  it('keeps the red cross and the inconclusive mark for what gates', () => {
    const out = formatConsole(reportOf([result(), result({id: 'csp', status: 'error'})]), PLAIN_STYLE);
    expect(out).toContain('  ✖ fail  HTTPS is not enforced with HSTS [hsts]\n');
    expect(out).toContain('  ? error HTTPS is not enforced with HSTS [csp]\n');
    expect(out).toContain('1 failed · 1 inconclusive · 0 warnings');
    expect(out).toMatch(/FAILED \(2 blocking\)/);
  });

  it('says once per target that it was not judged and that browsers reject its certificate, on one line each and escaped', () => {
    const t = target([result({status: 'error', level: 'warn'})], {
      notJudged: 'every check at level error needs \u001b[2Jthe page,\nwhich answered 503',
      certificateRejected: 'expired on 2025-01-01\u001b]0;owned\u0007',
    });
    const out = formatConsole(report([t]), ANSI_STYLE);
    expect(out.match(/Not judged: /g)).toHaveLength(1);
    expect(out.match(/Certificate rejected by browsers: /g)).toHaveLength(1);
    expect(out).toContain('Not judged: every check at level error needs the page, which answered 503');
    expect(out).toContain('Certificate rejected by browsers: expired on 2025-01-01');
    expect(out).not.toContain('\u001b[2J');
    expect(out).not.toContain('\u001b]0;');
    expect(out).toContain('(1 target not judged)');
  });
});
