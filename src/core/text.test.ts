import {describe, expect, it} from '@jest/globals';
import {firstLine, truncate} from './text.js';

describe('truncate', () => {
  it('leaves short text alone and marks a cut with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('x'.repeat(25), 10)).toBe(`${'x'.repeat(9)}…`);
  });
  it('measures the cut when asked', () => {
    expect(truncate('x'.repeat(25), 10, {count: true})).toBe(`${'x'.repeat(9)}… [16 more]`);
  });
  it('never keeps half of a surrogate pair', () => {
    expect(truncate(`abcd😀efgh`, 6)).toBe('abcd…');
  });
});

describe('firstLine', () => {
  it.each([
    ['the first non-empty line of a message', '\n  \nfirst\nsecond', 'first'],
    ["an error's message", new Error('boom\n    at x (y.js:1:1)'), 'boom'],
    ['a CRLF line', 'marker\r\nbody', 'marker'],
    ['nothing', undefined, ''],
  ])('takes %s', (_name, input, expected) => {
    expect(firstLine(input)).toBe(expected);
  });
});
