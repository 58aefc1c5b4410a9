/**
 * What a cipher suite is, read from its IANA name alone (`TLS_<kx>[_<auth>]_WITH_<cipher>_<mac>`,
 * TLS 1.3's `TLS_<aead>_<hash>`, SSLv2's `SSL_CK_<cipher>_WITH_MD5`). The registry's names spell
 * out the key exchange and the cipher, so the TLS checks need no table to judge a suite.
 */
import type {TlsProtocolScan, TlsVersion} from '../../core/types.js';

/** Key exchange: ephemeral (ECDHE, DHE), static (ECDH, DH, RSA), pre-shared key, none, or TLS 1.3's. */
export type KeyExchange = 'TLS13' | 'ECDHE' | 'DHE' | 'ECDH' | 'DH' | 'RSA' | 'PSK' | 'anon' | 'other';
export type CipherFamily = 'AES' | 'CHACHA20' | 'CAMELLIA' | 'ARIA' | 'SEED' | 'IDEA' | '3DES' | 'DES' | 'RC4' | 'RC2' | 'NULL' | 'other';
/** AEAD (GCM, CCM, Poly1305), CBC with a separate MAC, RC4's stream, no encryption, or a mode we do not know. */
export type CipherMode = 'aead' | 'cbc' | 'stream' | 'none' | 'other';

export interface SuiteTraits {
  readonly kx: KeyExchange;
  /**
   * A stolen server key does not decrypt recorded sessions: ECDHE, DHE and TLS 1.3. Anonymous DH is
   * ephemeral too but counts as not forward secret: anyone can be the server it agrees a key with.
   */
  readonly forwardSecret: boolean;
  /** No server authentication (DH_anon, ECDH_anon, TLS_NULL_WITH_NULL_NULL). */
  readonly anonymous: boolean;
  readonly cipher: CipherFamily;
  readonly mode: CipherMode;
  /** Cipher key bits: 40 or 56 for export grade, 168 for 3DES, 0 without encryption or when unknown. */
  readonly bits: number;
  /** Export grade (40- or 56-bit cipher, or 512-bit key exchange): FREAK and Logjam break it. */
  readonly export: boolean;
  /** 64-bit block cipher (DES, 3DES, IDEA, RC2): Sweet32 recovers plaintext after about 2^32 blocks (32 GB). */
  readonly smallBlock: boolean;
}

const SMALL_BLOCK: ReadonlySet<CipherFamily> = new Set(['DES', '3DES', 'IDEA', 'RC2']);

function keyExchange(kxPart: string): KeyExchange {
  if (kxPart === 'NULL' || kxPart.includes('ANON')) return 'anon';
  const tokens = kxPart.split('_');
  // RFC 6655 writes the ephemeral PSK suites the other way round: TLS_PSK_DHE_WITH_….
  if (tokens.includes('DHE')) return 'DHE';
  const first = tokens[0];
  switch (first) {
    case 'ECDHE':
    case 'DHE':
    case 'ECDH':
    case 'DH':
    case 'RSA':
    case 'PSK':
      return first;
    default:
      return 'other';
  }
}

/** The key size named after the family (AES_128, RC4_40, SSLv2's RC2_128_CBC_EXPORT40), or the family's own. */
function keyBits(tokens: readonly string[], fallback: number): number {
  if (tokens.includes('EXPORT40') || tokens.includes('40') || tokens[0] === 'DES40') return 40;
  const named = tokens.slice(1).find((t) => /^\d+$/.test(t));
  return named === undefined ? fallback : Number(named);
}

function cipherFamily(tokens: readonly string[]): CipherFamily {
  const [first = ''] = tokens;
  // SSLv2 names triple DES "DES_192_EDE3_CBC"; TLS names it "3DES_EDE_CBC".
  if (first === '3DES' || tokens.includes('EDE3')) return '3DES';
  if (first === 'NULL' || /^SHA\d+$/.test(first)) return 'NULL';
  if (first === 'DES40') return 'DES';
  const known: readonly CipherFamily[] = ['AES', 'CHACHA20', 'CAMELLIA', 'ARIA', 'SEED', 'IDEA', 'DES', 'RC4', 'RC2'];
  return known.find((f) => f === first) ?? 'other';
}

// Key sizes of the families whose names carry none: SEED and IDEA are 128-bit, ChaCha20 256.
const DEFAULT_BITS: Partial<Record<CipherFamily, number>> = {CHACHA20: 256, SEED: 128, IDEA: 128};

function cipherTraits(part: string): Pick<SuiteTraits, 'cipher' | 'mode' | 'bits' | 'smallBlock'> {
  const tokens = part.split('_');
  const cipher = cipherFamily(tokens);
  if (cipher === 'NULL') return {cipher, mode: 'none', bits: 0, smallBlock: false};
  if (cipher === 'other') return {cipher, mode: 'other', bits: 0, smallBlock: false};
  const aead = tokens.some((t) => t === 'GCM' || t === 'CCM' || t === 'POLY1305');
  const mode: CipherMode = aead ? 'aead' : cipher === 'RC4' ? 'stream' : 'cbc';
  // Single DES is 56 bits whatever the name says (SSLv2's DES_64_CBC counts the parity bits).
  const bits = cipher === '3DES' ? 168 : cipher === 'DES' ? Math.min(56, keyBits(tokens, 56)) : keyBits(tokens, DEFAULT_BITS[cipher] ?? 0);
  return {cipher, mode, bits, smallBlock: SMALL_BLOCK.has(cipher)};
}

/** The traits of a suite, from its IANA name (case-insensitive, so `TLS_DH_anon_…` reads as written). */
export function suiteTraits(name: string): SuiteTraits {
  const upper = name.toUpperCase();
  const exportGrade = upper.includes('EXPORT');
  const sslv2 = /^SSL_CK_(.+)_WITH_MD5$/.exec(upper);
  const tls12 = /^(?:TLS|SSL)_(.+?)_WITH_(.+)$/.exec(upper);
  const tls13 = /^TLS_(.+)_SHA(?:256|384)$/.exec(upper);
  let kx: KeyExchange;
  let cipherPart: string;
  if (sslv2) [kx, cipherPart] = ['RSA', sslv2[1] ?? ''];
  else if (tls12) [kx, cipherPart] = [keyExchange(tls12[1] ?? ''), tls12[2] ?? ''];
  else if (tls13) [kx, cipherPart] = ['TLS13', tls13[1] ?? ''];
  else [kx, cipherPart] = ['other', ''];
  const cipher = cipherTraits(cipherPart);
  return {
    kx,
    forwardSecret: kx === 'ECDHE' || kx === 'DHE' || kx === 'TLS13',
    anonymous: kx === 'anon',
    ...cipher,
    export: exportGrade || cipher.bits === 40,
  };
}

/**
 * Forward secret and AEAD: the only kind of suite Mozilla's modern and intermediate profiles keep
 * (guidelines 5.7). CBC and static-key suites accepted beside one are a choice a client must make.
 */
export const isStrong = (traits: SuiteTraits): boolean => traits.forwardSecret && traits.mode === 'aead';

/**
 * The versions that accept a strong suite. A weaker suite on one of them is picked only by a client
 * that has none of the strong ones; on any other version every client that speaks no newer one gets
 * a weaker suite (a TLS 1.2 client never gets a TLS 1.3 suite, and TLS 1.0 and 1.1 have no AEAD).
 */
export function versionsWithStrongSuite(protocols: readonly TlsProtocolScan[]): ReadonlySet<TlsVersion> {
  return new Set(protocols.filter((p) => p.offered && p.suites.some((s) => isStrong(suiteTraits(s.name)))).map((p) => p.version));
}

/** Why a suite is unacceptable under every profile. */
export type Weakness = 'NULL' | 'anonymous' | 'EXPORT' | 'RC4' | 'DES' | '3DES';

/** The first reason a suite is broken whatever the profile (no encryption first), or undefined. */
export function weakness(traits: SuiteTraits): Weakness | undefined {
  if (traits.cipher === 'NULL') return 'NULL';
  if (traits.anonymous) return 'anonymous';
  if (traits.export) return 'EXPORT';
  if (traits.cipher === 'RC4') return 'RC4';
  if (traits.cipher === 'DES') return 'DES';
  if (traits.cipher === '3DES') return '3DES';
  return undefined;
}
