import {describe, expect, it} from '@jest/globals';
import {fieldValues, isContactUri, MAX_SECURITY_TXT, parseExpires, parseSecurityTxt} from './security-txt.js';

const PLAIN = [
  '# Our security policy',
  'Contact: mailto:security@example.com',
  'contact: https://example.com/security/report',
  'Expires: 2027-06-30T23:00:00.000Z',
  'Preferred-Languages: en, de',
  'Policy: https://example.com/security/policy',
  '',
].join('\r\n');

/** GnuPG's cleartext signature, as `gpg --clearsign` writes it (dash-escaping the line that starts with "-"). */
const SIGNED = `-----BEGIN PGP SIGNED MESSAGE-----
Hash: SHA512

Contact: mailto:security@example.com
Expires: 2027-06-30T23:00:00.000Z
- --- rotated yearly ---
Encryption: https://example.com/pgp-key.txt
-----BEGIN PGP SIGNATURE-----
Comment: GPGTools - https://gpgtools.org

iHUEARYKAB0WIQSdbL1Gm0n5y8Tj5bPvTXs8Vd5GCgUCZN9S1wAKCRDvTXs8Vd5G
=q0nB
-----END PGP SIGNATURE-----
`;

describe('parseSecurityTxt', () => {
  it('reads fields with case-insensitive names in file order and skips comments', () => {
    const parsed = parseSecurityTxt(PLAIN);
    expect(parsed.signed).toBe(false);
    expect(fieldValues(parsed, 'CONTACT')).toEqual(['mailto:security@example.com', 'https://example.com/security/report']);
    expect(fieldValues(parsed, 'expires')).toEqual(['2027-06-30T23:00:00.000Z']);
    expect(parsed.fields.map((f) => f.name)).toEqual(['contact', 'contact', 'expires', 'preferred-languages', 'policy']);
  });

  it('reads the signed text of a cleartext signature and nothing from its armor', () => {
    const parsed = parseSecurityTxt(SIGNED);
    expect(parsed.signed).toBe(true);
    expect(parsed.fields).toEqual([
      {name: 'contact', value: 'mailto:security@example.com'},
      {name: 'expires', value: '2027-06-30T23:00:00.000Z'},
      {name: 'encryption', value: 'https://example.com/pgp-key.txt'},
    ]);
  });

  it('finds no field in an HTML page', () => {
    expect(parseSecurityTxt('<!doctype html><html><head><title>Shop</title></head><body><div id="root"></div></body></html>').fields).toEqual([]);
  });

  it('ignores a byte-order mark and trims values', () => {
    expect(parseSecurityTxt('\uFEFFContact:   mailto:a@example.com  \n').fields).toEqual([{name: 'contact', value: 'mailto:a@example.com'}]);
  });

  it(`reads no further than ${MAX_SECURITY_TXT} characters`, () => {
    const parsed = parseSecurityTxt(`${'#'.repeat(MAX_SECURITY_TXT)}\nContact: mailto:a@example.com\n`);
    expect(parsed.fields).toEqual([]);
  });
});

describe('parseExpires', () => {
  it.each([
    ['2027-06-30T23:00:00Z', '2027-06-30T23:00:00.000Z'],
    ['2027-06-30T23:00:00.000Z', '2027-06-30T23:00:00.000Z'],
    ['2027-06-30T23:00:00+02:00', '2027-06-30T21:00:00.000Z'],
    ['2027-06-30t23:00:00z', '2027-06-30T23:00:00.000Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
  ])('reads %s', (value, iso) => {
    expect(parseExpires(value)?.toISOString()).toBe(iso);
  });

  it.each([
    'Wed, 30 Jun 2027 23:00:00 GMT',
    '2027-06-30',
    '2027-06-30 23:00',
    '2027-02-29T00:00:00Z',
    '2027-13-01T00:00:00Z',
    '2027-06-31T00:00:00Z',
    'never',
  ])('rejects %s', (value) => {
    expect(parseExpires(value)).toBeUndefined();
  });
});

describe('isContactUri', () => {
  it.each(['mailto:security@example.com', 'https://example.com/report', 'tel:+1-201-555-0123'])('accepts %s', (value) => {
    expect(isContactUri(value)).toBe(true);
  });

  it.each(['security@example.com', 'http://example.com/report', 'mailto:', 'call us'])('rejects %s', (value) => {
    expect(isContactUri(value)).toBe(false);
  });
});
