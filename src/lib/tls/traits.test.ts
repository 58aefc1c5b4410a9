import {describe, expect, it} from '@jest/globals';
import {isStrong, suiteTraits, weakness, type SuiteTraits, type Weakness} from './traits.js';

describe('suiteTraits', () => {
  it.each<[string, Partial<SuiteTraits>]>([
    ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', {kx: 'ECDHE', forwardSecret: true, cipher: 'AES', mode: 'aead', bits: 128}],
    ['TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', {kx: 'ECDHE', forwardSecret: true, cipher: 'CHACHA20', mode: 'aead', bits: 256}],
    ['TLS_DHE_RSA_WITH_AES_256_CBC_SHA256', {kx: 'DHE', forwardSecret: true, mode: 'cbc', bits: 256}],
    ['TLS_PSK_DHE_WITH_AES_128_CCM_8', {kx: 'DHE', forwardSecret: true, mode: 'aead'}],
    ['TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256', {kx: 'ECDHE', forwardSecret: true, mode: 'cbc'}],
    ['TLS_RSA_WITH_AES_128_GCM_SHA256', {kx: 'RSA', forwardSecret: false, mode: 'aead'}],
    ['TLS_RSA_PSK_WITH_AES_256_GCM_SHA384', {kx: 'RSA', forwardSecret: false}],
    ['TLS_PSK_WITH_AES_128_GCM_SHA256', {kx: 'PSK', forwardSecret: false}],
    ['TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256', {kx: 'ECDH', forwardSecret: false}],
    ['TLS_DH_RSA_WITH_AES_256_CBC_SHA', {kx: 'DH', forwardSecret: false}],
    ['TLS_DH_anon_WITH_AES_128_CBC_SHA', {kx: 'anon', anonymous: true, forwardSecret: false}],
    ['TLS_ECDH_anon_WITH_NULL_SHA', {kx: 'anon', anonymous: true, cipher: 'NULL', mode: 'none', bits: 0}],
    ['TLS_NULL_WITH_NULL_NULL', {anonymous: true, cipher: 'NULL'}],
    ['TLS_RSA_WITH_NULL_SHA256', {cipher: 'NULL', bits: 0}],
    ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', {cipher: '3DES', mode: 'cbc', bits: 168, smallBlock: true, export: false}],
    ['TLS_RSA_WITH_DES_CBC_SHA', {cipher: 'DES', bits: 56, smallBlock: true, export: false}],
    ['TLS_RSA_EXPORT_WITH_DES40_CBC_SHA', {cipher: 'DES', bits: 40, export: true}],
    ['TLS_RSA_EXPORT_WITH_RC4_40_MD5', {cipher: 'RC4', mode: 'stream', bits: 40, export: true}],
    ['TLS_RSA_EXPORT1024_WITH_RC4_56_SHA', {cipher: 'RC4', bits: 56, export: true}],
    ['TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5', {cipher: 'RC2', bits: 40, export: true, smallBlock: true}],
    ['TLS_RSA_WITH_RC4_128_MD5', {cipher: 'RC4', mode: 'stream', bits: 128, export: false}],
    ['TLS_RSA_WITH_IDEA_CBC_SHA', {cipher: 'IDEA', bits: 128, smallBlock: true}],
    ['TLS_RSA_WITH_SEED_CBC_SHA', {cipher: 'SEED', bits: 128, smallBlock: false}],
    ['TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384', {cipher: 'CAMELLIA', mode: 'cbc', bits: 256}],
    ['TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256', {cipher: 'ARIA', mode: 'aead', bits: 128}],
    ['TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8', {mode: 'aead', bits: 256}],
    ['TLS_AES_128_GCM_SHA256', {kx: 'TLS13', forwardSecret: true, cipher: 'AES', mode: 'aead', bits: 128}],
    ['TLS_AES_256_GCM_SHA384', {kx: 'TLS13', bits: 256}],
    ['TLS_CHACHA20_POLY1305_SHA256', {kx: 'TLS13', cipher: 'CHACHA20', bits: 256}],
    ['TLS_AES_128_CCM_8_SHA256', {kx: 'TLS13', mode: 'aead', bits: 128}],
    ['TLS_SHA256_SHA256', {kx: 'TLS13', cipher: 'NULL', mode: 'none'}],
    ['SSL_CK_RC4_128_WITH_MD5', {kx: 'RSA', cipher: 'RC4', bits: 128}],
    ['SSL_CK_RC4_128_EXPORT40_WITH_MD5', {cipher: 'RC4', bits: 40, export: true}],
    ['SSL_CK_DES_64_CBC_WITH_MD5', {cipher: 'DES', bits: 56}],
    ['SSL_CK_DES_192_EDE3_CBC_WITH_MD5', {cipher: '3DES', bits: 168}],
    ['SSL_CK_RC2_128_CBC_WITH_MD5', {cipher: 'RC2', bits: 128, export: false}],
    ['TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC', {kx: 'other', cipher: 'other', mode: 'other', forwardSecret: false}],
    ['TLS_FALLBACK_SCSV', {kx: 'other', cipher: 'other'}],
  ])('%s', (name, expected) => {
    expect(suiteTraits(name)).toMatchObject(expected);
  });
});

describe('weakness', () => {
  it.each<[string, Weakness | undefined]>([
    ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', undefined],
    ['TLS_RSA_WITH_AES_128_CBC_SHA', undefined],
    ['TLS_ECDH_anon_WITH_NULL_SHA', 'NULL'],
    ['TLS_DH_anon_WITH_3DES_EDE_CBC_SHA', 'anonymous'],
    ['TLS_RSA_EXPORT_WITH_RC4_40_MD5', 'EXPORT'],
    ['TLS_RSA_WITH_RC4_128_SHA', 'RC4'],
    ['TLS_RSA_WITH_DES_CBC_SHA', 'DES'],
    ['TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', '3DES'],
  ])('%s → %s', (name, expected) => {
    expect(weakness(suiteTraits(name))).toBe(expected);
  });
});

describe('isStrong', () => {
  it.each<[string, boolean]>([
    ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', true],
    ['TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256', true],
    ['TLS_AES_256_GCM_SHA384', true],
    ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', false],
    ['TLS_RSA_WITH_AES_128_GCM_SHA256', false],
    ['TLS_DH_anon_WITH_AES_128_GCM_SHA256', false],
  ])('%s → %s', (name, expected) => {
    expect(isStrong(suiteTraits(name))).toBe(expected);
  });
});
