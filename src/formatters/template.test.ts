import {describe, expect, it} from '@jest/globals';
import {fillTemplate} from './template.js';

const VALUES = {
  marker: 'M',
  verdict: 'V',
  targets: 'T',
  expiredWaivers: '',
  counts: 'C',
  failures: '{{verdict}}',
  problems: '',
  passes: '',
  waivers: '',
  baseline: '',
  footer: 'F',
  truncation: '',
};

describe('fillTemplate', () => {
  it('fills each placeholder once and never expands one inside a value', () => {
    const out = fillTemplate('comment.md', VALUES);
    expect(out.startsWith('M\n### V\n\nT')).toBe(true);
    expect(out).toContain('{{verdict}}');
  });

  it('throws when template and values disagree', () => {
    const {footer: _footer, ...missing} = VALUES;
    expect(() => fillTemplate('comment.md', missing)).toThrow('template comment.md has {{footer}} but no value was given for it');
    expect(() => fillTemplate('comment.md', {...VALUES, extra: 'x'})).toThrow('template comment.md has no placeholder for extra');
  });
});
