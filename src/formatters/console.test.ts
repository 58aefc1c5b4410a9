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
    const out = formatConsole(reportOf([result({}), result({id: 'csp', family: 'headers', status: 'pass', title: 'CSP ok', findings: []})]), PLAIN_STYLE);
    expect(out.indexOf('headers')).toBeLessThan(out.indexOf('hsts\n'));
    expect(out).toContain('✖ fail  HTTPS is not enforced with HSTS [hsts]');
    expect(out).toContain('fix: nginx: add_header Strict-Transport-Security');
    expect(out).toMatch(/FAILED \(1 blocking\)/);
    expect(out).not.toContain('\u001b');
  });

  it('escapes target-controlled text even when colour is on', () => {
    const hostile = result({findings: [{messageId: 'disclosed', kind: 'fail', message: 'Server is "\u001b]0;owned\u0007evil\u001b[2J"', evidence: {}}]});
    const out = formatConsole(reportOf([hostile]), ANSI_STYLE);
    expect(out).not.toContain('\u001b]0;');
    expect(out).not.toContain('\u001b[2J');
  });

  it('says a non-gating failure does not gate, and passes the run', () => {
    const out = formatConsole(reportOf([result({level: 'warn'})]), PLAIN_STYLE);
    expect(out).toContain('level warn: does not gate');
    expect(out).toMatch(/PASSED/);
  });
});
