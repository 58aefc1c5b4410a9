/** The generated suite table and the group table: lookups, derived flags, and which suites each version may offer. */
import {describe, expect, it} from '@jest/globals';
import {GROUPS, groupByCodePoint, groupName, SUITES, suiteByCode, suiteByOpenSslName, suiteInfo, suiteName, suitesFor} from './suites.js';

describe('suite table', () => {
  it('holds the 370 code points of the mapping plus the 4 TLS 1.3 suites it lacks, unique per protocol family', () => {
    expect(SUITES).toHaveLength(374);
    const keys = SUITES.map((s) => `${s.minVersion === 'SSLv2' ? 'v2' : 'tls'}:${s.code}`);
    expect(new Set(keys).size).toBe(SUITES.length);
  });

  it.each([
    ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 0xc02f, {openssl: 'ECDHE-RSA-AES128-GCM-SHA256', forwardSecrecy: true, aead: true, cbc: false}],
    ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 0x000a, {forwardSecrecy: false, cbc: true, tripleDes: true, des: false, bits: 168}],
    ['TLS_RSA_WITH_RC4_128_SHA', 0x0005, {rc4: true, cbc: false, aead: false}],
    ['TLS_RSA_EXPORT_WITH_RC4_40_MD5', 0x0003, {export: true, rc4: true, bits: 40}],
    ['TLS_RSA_WITH_DES_CBC_SHA', 0x0009, {des: true, tripleDes: false}],
    ['TLS_RSA_WITH_NULL_SHA', 0x0002, {null: true, bits: 0}],
    ['TLS_DH_anon_WITH_AES_128_CBC_SHA', 0x0034, {anon: true, forwardSecrecy: false}],
    ['TLS_SHA256_SHA256', 0xc0b4, {minVersion: 'TLSv1.3', null: true}],
    ['TLS_AES_128_GCM_SHA256', 0x1301, {minVersion: 'TLSv1.3', forwardSecrecy: true, aead: true}],
    ['TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', 0xc012, {forwardSecrecy: true, tripleDes: true}],
    ['TLS_DH_RSA_WITH_AES_128_CBC_SHA', 0x0031, {forwardSecrecy: false}],
  ])('%s has its code point and flags', (name, code, traits) => {
    expect(suiteByCode(code)).toMatchObject({name, ...traits});
    expect(suiteInfo(name)?.code).toBe(code);
  });

  it('keeps SSLv2 kinds apart from TLS code points of the same number', () => {
    expect(suiteByCode(0x0000)?.name).toBe('TLS_NULL_WITH_NULL_NULL');
    expect(suiteByCode(0x000000, 'SSLv2')?.name).toBe('SSL_CK_NULL_WITH_MD5');
    expect(suiteByCode(0x0700c0, 'SSLv2')).toMatchObject({name: 'SSL_CK_DES_192_EDE3_CBC_WITH_MD5', tripleDes: true});
    expect(suiteByCode(0x0700c0)).toBeUndefined();
  });

  it('maps OpenSSL names (as sslscan prints them) to the TLS suite, not its SSLv2 namesake', () => {
    expect(suiteByOpenSslName('DES-CBC3-SHA')?.code).toBe(0x000a);
    expect(suiteByOpenSslName('ECDHE-ARIA256-GCM-SHA384')?.name).toBe('TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384');
    expect(suiteByOpenSslName('no-such-suite')).toBeUndefined();
  });

  it('names unknown code points in hex', () => {
    expect(suiteName(0x1306)).toBe('unknown 0x1306');
    expect(suiteName(0x123456, 'SSLv2')).toBe('unknown 0x123456');
  });
});

describe('suitesFor', () => {
  it('offers SSLv2 kinds to SSLv2 and TLS 1.3 suites to TLS 1.3 only', () => {
    expect(suitesFor('SSLv2').every((s) => s.minVersion === 'SSLv2')).toBe(true);
    expect(suitesFor('SSLv2')).toHaveLength(13);
    expect(
      suitesFor('TLSv1.3')
        .map((s) => s.code)
        .sort((a, b) => a - b),
    ).toEqual([0x00c6, 0x00c7, 0x1301, 0x1302, 0x1303, 0x1304, 0x1305, 0xc0b4, 0xc0b5]);
  });

  it('offers each version the suites defined at or before it', () => {
    expect(suitesFor('SSLv3')).toHaveLength(141);
    expect(suitesFor('TLSv1.0')).toHaveLength(179);
    expect(suitesFor('TLSv1.1')).toHaveLength(179);
    expect(suitesFor('TLSv1.2')).toHaveLength(352);
    expect(suitesFor('TLSv1.0').some((s) => s.code === 0xc02f)).toBe(false);
  });
});

describe('groups', () => {
  it('knows the IANA groups by code point, with OpenSSL’s names', () => {
    expect(groupByCodePoint(0x001d)).toEqual({code: 0x001d, name: 'x25519', openssl: 'X25519', kind: 'ec'});
    expect(groupByCodePoint(0x0017)?.openssl).toBe('prime256v1');
    expect(groupByCodePoint(0x0100)).toMatchObject({name: 'ffdhe2048', kind: 'ffdhe'});
    expect(groupByCodePoint(0x11ec)).toMatchObject({name: 'X25519MLKEM768', kind: 'hybrid'});
    expect(groupName(0x4138)).toBe('unknown 0x4138');
    expect(new Set(GROUPS.map((g) => g.code)).size).toBe(GROUPS.length);
  });
});
