import {describe, expect, it} from '@jest/globals';
import {MAX_HEADER_VALUE} from './headers.js';
import {parseDictionary, parseItem, parsePermissionsPolicy} from './permissions-policy.js';

describe('parseDictionary', () => {
  it.each([
    '',
    'a=1',
    'a=1, b=2',
    'a=1,b=2',
    'a=1 ,\tb=2',
    'a, b=?0',
    'a;x=1;y, b=(1 2);z',
    'a=()',
    'a=( 1  2 )',
    'a=(self "https://x.example"), b=*',
    'a=-12.345, b=123456789012345',
    'a="quote \\" and backslash \\\\"',
    'a=:aGVsbG8=:',
    '*a=tok/en:x, k.e_y-1=b',
    '  a=1  ',
  ])('accepts %j', (value) => {
    expect(parseDictionary(value)).toBeInstanceOf(Map);
  });

  it.each([
    ['A=1', 'an upper-case key'],
    ['1a=1', 'a key starting with a digit'],
    ['a=1,', 'a trailing comma'],
    ['a=1,,b=2', 'an empty member'],
    ['a=1 b=2', 'members without a comma'],
    ["camera 'none'; geolocation 'self'", 'Feature-Policy syntax'],
    ['a=(1 2', 'an unclosed inner list'],
    ['a=(1,2)', 'commas inside an inner list'],
    ['a="open', 'an unterminated string'],
    ['a="\\x"', 'a bad escape'],
    ['a="é"', 'a non-ASCII string'],
    ['a=1234567890123456', 'an integer of 16 digits'],
    ['a=1.2345', 'a decimal with 4 fraction digits'],
    ['a=1.', 'a decimal without fraction'],
    ['a=?2', 'a boolean other than ?0 or ?1'],
    ['a=', 'a missing value'],
    ['a=1;', 'an empty parameter'],
    ['a=1;B=2', 'an upper-case parameter key'],
    ['\ta=1', 'a leading tab'],
  ])('rejects %j (%s)', (value) => {
    expect(parseDictionary(value)).toBeUndefined();
  });

  it('reads items and inner lists, strings unescaped, and lets a later duplicate key win in place', () => {
    const dictionary = parseDictionary('a=1, b=("x\\"y" tok), a=?0');
    expect([...(dictionary ?? [])]).toEqual([
      ['a', {type: 'boolean', value: '?0'}],
      [
        'b',
        {
          type: 'list',
          items: [
            {type: 'string', value: 'x"y'},
            {type: 'token', value: 'tok'},
          ],
        },
      ],
    ]);
  });

  it('reads a bare key as boolean true', () => {
    expect(parseDictionary('a;p=1')?.get('a')).toEqual({type: 'boolean', value: '?1'});
  });
});

describe('parseItem', () => {
  it('reads a token and drops its parameters', () => {
    expect(parseItem('same-origin; report-to="coop"')).toEqual({type: 'token', value: 'same-origin'});
  });

  it('rejects a list of items and trailing garbage', () => {
    expect(parseItem('same-origin, unsafe-none')).toBeUndefined();
    expect(parseItem('same-origin junk')).toBeUndefined();
  });
});

describe('parsePermissionsPolicy', () => {
  it('gives each feature its allowlist', () => {
    const policy = parsePermissionsPolicy('camera=(), geolocation=self, microphone=(self "https://meet.example/room"), fullscreen=*');
    expect(Object.fromEntries(policy ?? [])).toEqual({
      camera: [],
      geolocation: ['self'],
      microphone: ['self', 'https://meet.example'],
      fullscreen: ['*'],
    });
  });

  it('finds * inside an inner list', () => {
    expect(parsePermissionsPolicy('usb=(self *)')?.get('usb')).toEqual(['self', '*']);
  });

  it('leaves out entries browsers ignore', () => {
    const policy = parsePermissionsPolicy('camera="*", payment=?1, usb=(none "not a url" 5)');
    expect(Object.fromEntries(policy ?? [])).toEqual({camera: [], payment: [], usb: []});
  });

  it('is undefined for a value that is not a dictionary', () => {
    expect(parsePermissionsPolicy("camera 'none'")).toBeUndefined();
  });

  it('ignores what follows MAX_HEADER_VALUE characters', () => {
    const long = `a=(${Array.from({length: MAX_HEADER_VALUE}, () => 'x').join(' ')})`;
    expect(parsePermissionsPolicy(long)).toBeUndefined();
    expect(parsePermissionsPolicy(`a=${'x'.repeat(MAX_HEADER_VALUE)}, camera=*`)?.has('camera')).toBe(false);
  });
});
