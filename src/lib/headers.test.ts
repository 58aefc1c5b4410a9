import {describe, expect, it} from '@jest/globals';
import type {HttpResponse} from '../core/types.js';
import {headerList, headerValue, headerValues, MAX_HEADER_VALUE, splitList} from './headers.js';

const response = (...headers: [string, string][]): Pick<HttpResponse, 'headers'> => ({headers});

describe('headerValues and headerValue', () => {
  it('keep field lines apart in wire order, trimmed and capped; headerValue joins them', () => {
    const r = response(['x-a', ' one '], ['x-b', 'other'], ['x-a', 'two'], ['x-a', 'y'.repeat(MAX_HEADER_VALUE + 10)]);
    expect(headerValues(r, 'X-A').map((v) => v.length)).toEqual([3, 3, MAX_HEADER_VALUE]);
    expect(headerValue(response(['x-a', 'one'], ['x-a', 'two']), 'x-a')).toBe('one, two');
    expect(headerValue(r, 'x-missing')).toBeUndefined();
  });
});

describe('splitList', () => {
  it.each([
    ['nosniff', ['nosniff']],
    ['nosniff, nosniff', ['nosniff', 'nosniff']],
    [' a ,\tb\t', ['a', 'b']],
    ['a,,b,', ['a', '', 'b', '']],
    ['', ['']],
    ['"a, b", c', ['"a, b"', 'c']],
    ['x"a\\", b"y, z', ['x"a\\", b"y', 'z']],
  ])('splits %j as the Fetch standard does', (value, members) => {
    expect(splitList(value)).toEqual(members);
  });
});

describe('headerList', () => {
  it('is undefined when the header is absent', () => {
    expect(headerList(response(), 'x-content-type-options')).toBeUndefined();
  });

  it('gives the same list for one comma-joined line and for several lines (RFC 9110 §5.3)', () => {
    const oneLine = headerList(response(['x-content-type-options', 'nosniff, nosniff']), 'x-content-type-options');
    const twoLines = headerList(response(['x-content-type-options', 'nosniff'], ['x-content-type-options', 'nosniff']), 'x-content-type-options');
    expect(oneLine).toEqual(['nosniff', 'nosniff']);
    expect(twoLines).toEqual(oneLine);
  });
});
