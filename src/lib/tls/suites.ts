/**
 * Cipher suites and named groups by IANA code point: what each one is and which versions may offer
 * it. Pure lookups over the generated table (scripts/make-suite-table.ts) and the hand-written
 * group table below; shared by the TLS scan probe and the TLS checks.
 */
import type {TlsVersion} from '../../core/types.js';
import {SUITE_ROWS} from './suites.data.js';

export interface SuiteInfo {
  /** 2-byte IANA code point, or SSLv2's 3-byte cipher kind when `minVersion` is 'SSLv2'. */
  readonly code: number;
  /** IANA name (TLS_…, SSL_CK_… for SSLv2); OpenSSL's for the four private-use GOST code points. */
  readonly name: string;
  /** OpenSSL's name, e.g. 'ECDHE-RSA-AES128-GCM-SHA256'; undefined when OpenSSL has none. */
  readonly openssl?: string;
  /** The oldest version that defines the suite (TLS 1.1 defined none of its own). */
  readonly minVersion: 'SSLv2' | 'SSLv3' | 'TLSv1.0' | 'TLSv1.2' | 'TLSv1.3';
  /** Key exchange as OpenSSL spells it: 'ECDH' and 'DH' are ephemeral, 'ECDH/RSA' static, 'any' for TLS 1.3. */
  readonly kx: string;
  /** Authentication: 'RSA', 'ECDSA', 'DSS', 'PSK', 'None' (anonymous) … */
  readonly au: string;
  /** Cipher: 'AESGCM', 'AES' (CBC), 'ChaCha20', '3DES', 'RC4', 'None' … */
  readonly enc: string;
  /** Cipher key bits (0 without encryption). */
  readonly bits: number;
  /** 'AEAD', 'SHA1', 'SHA256', 'MD5' … */
  readonly mac: string;
  /** Authenticated ephemeral key exchange (ECDHE, DHE, TLS 1.3); anonymous DH is not. */
  readonly forwardSecrecy: boolean;
  readonly aead: boolean;
  readonly cbc: boolean;
  /** 40- or 56-bit export grade. */
  readonly export: boolean;
  /** No encryption. */
  readonly null: boolean;
  /** No server authentication. */
  readonly anon: boolean;
  readonly rc4: boolean;
  /** Single DES (56 or 40 bits). */
  readonly des: boolean;
  readonly tripleDes: boolean;
}

function toInfo(row: (typeof SUITE_ROWS)[number]): SuiteInfo {
  const [code, name, openssl, minVersion, kx, au, enc, bits, mac, flagText] = row;
  const flags = new Set(flagText.split(' '));
  return {
    code,
    name,
    ...(openssl === '' ? {} : {openssl}),
    minVersion,
    kx,
    au,
    enc,
    bits,
    mac,
    forwardSecrecy: flags.has('fs'),
    aead: flags.has('aead'),
    cbc: flags.has('cbc'),
    export: flags.has('export'),
    null: flags.has('null'),
    anon: flags.has('anon'),
    rc4: flags.has('rc4'),
    des: flags.has('des'),
    tripleDes: flags.has('3des'),
  };
}

/** Every suite of the table: 2-byte TLS suites first, then SSLv2's 3-byte ones. */
export const SUITES: readonly SuiteInfo[] = SUITE_ROWS.map(toInfo);

const tlsByCode = new Map(SUITES.filter((s) => s.minVersion !== 'SSLv2').map((s) => [s.code, s]));
const sslv2ByCode = new Map(SUITES.filter((s) => s.minVersion === 'SSLv2').map((s) => [s.code, s]));
const byName = new Map(SUITES.map((s) => [s.name, s]));
// OpenSSL reuses names across SSLv2 and TLS (RC4-MD5, DES-CBC3-SHA): the TLS suite wins, as it comes first.
const byOpenSsl = new Map<string, SuiteInfo>();
for (const s of SUITES) if (s.openssl && !byOpenSsl.has(s.openssl)) byOpenSsl.set(s.openssl, s);

/** The suite with this code point; SSLv2's 3-byte kinds are a separate space (0x000000 is not 0x0000). */
export function suiteByCode(code: number, version?: TlsVersion): SuiteInfo | undefined {
  return version === 'SSLv2' ? sslv2ByCode.get(code) : tlsByCode.get(code);
}

/** The suite with this IANA name, e.g. 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'. */
export function suiteInfo(name: string): SuiteInfo | undefined {
  return byName.get(name);
}

/** The TLS suite with this OpenSSL name, e.g. 'DES-CBC3-SHA' (as sslscan and `openssl ciphers` print it). */
export function suiteByOpenSslName(name: string): SuiteInfo | undefined {
  return byOpenSsl.get(name);
}

/** Name for a code point, with a hex fallback for code points the table lacks (e.g. 'unknown 0x1306'). */
export function suiteName(code: number, version?: TlsVersion): string {
  return suiteByCode(code, version)?.name ?? `unknown 0x${code.toString(16).padStart(version === 'SSLv2' ? 6 : 4, '0')}`;
}

const VERSION_ORDER: readonly TlsVersion[] = ['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/**
 * The suites a ClientHello of `version` can offer: SSLv2 kinds for SSLv2, TLS 1.3 suites for TLS 1.3,
 * and for SSLv3–TLS 1.2 every 2-byte suite defined at or before that version.
 */
export function suitesFor(version: TlsVersion): SuiteInfo[] {
  if (version === 'SSLv2') return [...sslv2ByCode.values()];
  if (version === 'TLSv1.3') return SUITES.filter((s) => s.minVersion === 'TLSv1.3');
  const at = VERSION_ORDER.indexOf(version);
  return SUITES.filter((s) => s.minVersion !== 'SSLv2' && s.minVersion !== 'TLSv1.3' && VERSION_ORDER.indexOf(s.minVersion) <= at);
}

export type GroupKind = 'ec' | 'ffdhe' | 'hybrid' | 'kem';

export interface GroupInfo {
  readonly code: number;
  /** IANA name, e.g. 'secp256r1', 'x25519', 'X25519MLKEM768'. */
  readonly name: string;
  /** OpenSSL's name where it differs (Mozilla's guidelines use these): 'prime256v1', 'X25519' … */
  readonly openssl: string;
  /** 'ec' groups serve ECDHE in TLS ≤ 1.2 and 1.3; 'ffdhe' (RFC 7919) and the post-quantum ones mostly TLS 1.3. */
  readonly kind: GroupKind;
}

/** The IANA TLS Supported Groups registry, without the two arbitrary_explicit_* pseudo-groups (0xFF01/02). */
const GROUP_ROWS: readonly (readonly [number, string, string, GroupKind])[] = [
  [0x0001, 'sect163k1', 'sect163k1', 'ec'],
  [0x0002, 'sect163r1', 'sect163r1', 'ec'],
  [0x0003, 'sect163r2', 'sect163r2', 'ec'],
  [0x0004, 'sect193r1', 'sect193r1', 'ec'],
  [0x0005, 'sect193r2', 'sect193r2', 'ec'],
  [0x0006, 'sect233k1', 'sect233k1', 'ec'],
  [0x0007, 'sect233r1', 'sect233r1', 'ec'],
  [0x0008, 'sect239k1', 'sect239k1', 'ec'],
  [0x0009, 'sect283k1', 'sect283k1', 'ec'],
  [0x000a, 'sect283r1', 'sect283r1', 'ec'],
  [0x000b, 'sect409k1', 'sect409k1', 'ec'],
  [0x000c, 'sect409r1', 'sect409r1', 'ec'],
  [0x000d, 'sect571k1', 'sect571k1', 'ec'],
  [0x000e, 'sect571r1', 'sect571r1', 'ec'],
  [0x000f, 'secp160k1', 'secp160k1', 'ec'],
  [0x0010, 'secp160r1', 'secp160r1', 'ec'],
  [0x0011, 'secp160r2', 'secp160r2', 'ec'],
  [0x0012, 'secp192k1', 'secp192k1', 'ec'],
  [0x0013, 'secp192r1', 'prime192v1', 'ec'],
  [0x0014, 'secp224k1', 'secp224k1', 'ec'],
  [0x0015, 'secp224r1', 'secp224r1', 'ec'],
  [0x0016, 'secp256k1', 'secp256k1', 'ec'],
  [0x0017, 'secp256r1', 'prime256v1', 'ec'],
  [0x0018, 'secp384r1', 'secp384r1', 'ec'],
  [0x0019, 'secp521r1', 'secp521r1', 'ec'],
  [0x001a, 'brainpoolP256r1', 'brainpoolP256r1', 'ec'],
  [0x001b, 'brainpoolP384r1', 'brainpoolP384r1', 'ec'],
  [0x001c, 'brainpoolP512r1', 'brainpoolP512r1', 'ec'],
  [0x001d, 'x25519', 'X25519', 'ec'],
  [0x001e, 'x448', 'X448', 'ec'],
  [0x001f, 'brainpoolP256r1tls13', 'brainpoolP256r1tls13', 'ec'],
  [0x0020, 'brainpoolP384r1tls13', 'brainpoolP384r1tls13', 'ec'],
  [0x0021, 'brainpoolP512r1tls13', 'brainpoolP512r1tls13', 'ec'],
  [0x0022, 'GC256A', 'GC256A', 'ec'],
  [0x0023, 'GC256B', 'GC256B', 'ec'],
  [0x0024, 'GC256C', 'GC256C', 'ec'],
  [0x0025, 'GC256D', 'GC256D', 'ec'],
  [0x0026, 'GC512A', 'GC512A', 'ec'],
  [0x0027, 'GC512B', 'GC512B', 'ec'],
  [0x0028, 'GC512C', 'GC512C', 'ec'],
  [0x0029, 'curveSM2', 'SM2', 'ec'],
  [0x0100, 'ffdhe2048', 'ffdhe2048', 'ffdhe'],
  [0x0101, 'ffdhe3072', 'ffdhe3072', 'ffdhe'],
  [0x0102, 'ffdhe4096', 'ffdhe4096', 'ffdhe'],
  [0x0103, 'ffdhe6144', 'ffdhe6144', 'ffdhe'],
  [0x0104, 'ffdhe8192', 'ffdhe8192', 'ffdhe'],
  [0x0200, 'MLKEM512', 'MLKEM512', 'kem'],
  [0x0201, 'MLKEM768', 'MLKEM768', 'kem'],
  [0x0202, 'MLKEM1024', 'MLKEM1024', 'kem'],
  [0x11eb, 'SecP256r1MLKEM768', 'SecP256r1MLKEM768', 'hybrid'],
  [0x11ec, 'X25519MLKEM768', 'X25519MLKEM768', 'hybrid'],
  [0x11ed, 'SecP384r1MLKEM1024', 'SecP384r1MLKEM1024', 'hybrid'],
  [0x6399, 'X25519Kyber768Draft00', 'X25519Kyber768Draft00', 'hybrid'],
  [0x639a, 'SecP256r1Kyber768Draft00', 'SecP256r1Kyber768Draft00', 'hybrid'],
];

export const GROUPS: readonly GroupInfo[] = GROUP_ROWS.map(([code, name, openssl, kind]) => ({code, name, openssl, kind}));

const groupByCode = new Map(GROUPS.map((g) => [g.code, g]));

export function groupByCodePoint(code: number): GroupInfo | undefined {
  return groupByCode.get(code);
}

/** Name for a group code point, with a hex fallback (e.g. 'unknown 0x4138'). */
export function groupName(code: number): string {
  return groupByCode.get(code)?.name ?? `unknown 0x${code.toString(16).padStart(4, '0')}`;
}
