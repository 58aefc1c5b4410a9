import {describe, expect, it} from '@jest/globals';
import {parseHsts} from './hsts.js';

describe('parseHsts', () => {
  it('reads max-age, includeSubDomains and preload', () => {
    expect(parseHsts('max-age=63072000; includeSubDomains; preload')).toEqual({
      ok: true,
      policy: {maxAge: 63072000, includeSubDomains: true, preload: true},
    });
  });

  it('treats directive names case-insensitively and skips empty directives and spaces', () => {
    expect(parseHsts(' ; Max-Age = 300 ;; INCLUDESUBDOMAINS ;')).toEqual({ok: true, policy: {maxAge: 300, includeSubDomains: true, preload: false}});
  });

  it('unquotes a quoted value, escapes included', () => {
    expect(parseHsts('max-age="31536000"')).toMatchObject({ok: true, policy: {maxAge: 31536000}});
    expect(parseHsts('max-age=1; ext="a\\"; b"')).toMatchObject({ok: true, policy: {maxAge: 1}});
  });

  it('ignores unknown directives', () => {
    expect(parseHsts('max-age=1; report-uri=x')).toMatchObject({ok: true});
  });

  it('does not count preload with a value as the preload token', () => {
    expect(parseHsts('max-age=1; preload=yes')).toMatchObject({ok: true, policy: {preload: false}});
  });

  it.each([
    ['', 'no-max-age'],
    ['includeSubDomains', 'no-max-age'],
    ['max-age', 'bad-max-age'],
    ['max-age=-1', 'bad-max-age'],
    ['max-age=1.5', 'bad-max-age'],
    ['max-age=" 1"', 'bad-max-age'],
    ['max-age=', 'syntax'],
    ['max-age=1; includeSubDomains=true', 'syntax'],
    ['max-age="1', 'syntax'],
    ['max-age="1"x', 'syntax'],
    ['max age=1', 'syntax'],
    ['max-age=1; max-age=2', 'duplicate-directive'],
    ['max-age=1; includeSubDomains; INCLUDESUBDOMAINS', 'duplicate-directive'],
    ['max-age=1, max-age=2', 'list'],
  ])('rejects %j as %s', (value, code) => {
    expect(parseHsts(value)).toMatchObject({ok: false, error: {code}});
  });

  it('keeps a comma inside a quoted value', () => {
    expect(parseHsts('max-age=1; ext="a,b"')).toMatchObject({ok: true});
  });
});
