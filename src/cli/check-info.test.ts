import {describe, expect, it} from '@jest/globals';
import {CHECKS} from '../../checks/index.js';
import {checkInfoMarkdown} from './check-info.js';

const hsts = CHECKS.find((c) => c.meta.id === 'hsts')!;
const referrer = CHECKS.find((c) => c.meta.id === 'referrer-policy')!;

describe('checkInfoMarkdown', () => {
  const text = checkInfoMarkdown(hsts, (artifact) => `gathered by ${artifact}`);

  it('has a heading a section, in order', () => {
    expect(text.split('\n').filter((line) => line.startsWith('#'))).toEqual([
      '# hsts: HTTPS is enforced with HSTS',
      '## Why it matters',
      '## How to fix',
      '## Weaknesses',
      '## What it gathers',
      '## Options (defaults)',
    ]);
  });

  it('links each CWE and names each OWASP Top 10 category', () => {
    expect(text).toContain('- [CWE-319](https://cwe.mitre.org/data/definitions/319.html)');
    expect(text).toContain('- OWASP Top 10 A02:2021 Cryptographic Failures');
  });

  it('names each artifact as the caller words it, and the default options', () => {
    expect(text).toContain('- gathered by Pages\n- gathered by RedirectChain');
    expect(text).toContain('- `minMaxAge`: `15768000`');
  });

  it('says whether the check gates by default', () => {
    expect(text).toContain('gates the run by default');
    expect(checkInfoMarkdown(referrer, String)).toContain('warns by default');
  });
});
