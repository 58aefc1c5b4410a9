import {describe, expect, it} from '@jest/globals';
import {ANSI_STYLE, PLAIN_STYLE} from '../formatters/style.js';
import {checkTable, type CheckRow} from './checks-table.js';

const row = (over: Partial<CheckRow>): CheckRow => ({
  id: 'hsts',
  family: 'hsts',
  severity: 'high',
  defaultLevel: 'error',
  cwe: [319],
  owasp: ['A02:2021', 'A05:2021'],
  title: 'HTTPS is enforced with HSTS',
  ...over,
});

describe('checkTable', () => {
  it('aligns one row a check under a header, in words whether it gates, with its CWE numbers and OWASP categories', () => {
    const text = checkTable(
      [row({}), row({id: 'referrer-policy', family: 'headers', severity: 'low', defaultLevel: 'warn', cwe: [200, 1021], owasp: ['A05:2021']})],
      PLAIN_STYLE,
    );
    expect(text.split('\n')).toEqual([
      'ID               FAMILY   SEVERITY  DEFAULT  CWE       OWASP 2021',
      'hsts             hsts     high      gates    319       A02 A05',
      'referrer-policy  headers  low       warns    200 1021  A05',
    ]);
  });

  it('puts the header in bold with a colour style only', () => {
    expect(
      checkTable([row({})], ANSI_STYLE)
        .split('\n')[0]
        ?.startsWith('\u001b[1mID'),
    ).toBe(true);
    expect(checkTable([row({})], PLAIN_STYLE)).not.toContain('\u001b');
  });
});
