/**
 * An SSL Labs-style letter grade for the report, computed as Qualys SSL Labs' SSL Server Rating Guide
 * describes it: version 2009q (31 January 2020), https://github.com/ssllabs/research/wiki/SSL-Server-Rating-Guide.
 *
 * Score: protocol support 30 %, key exchange 30 %, cipher strength 40 %, each from the guide's tables
 * (protocols and ciphers: the best and the worst accepted, averaged); a zero in any category makes the
 * score 0; 80+ is A, 65+ B, 50+ C, 35+ D, 20+ E, below F. Then the guide's rules cap the grade, each
 * with the change that introduced it:
 * - 2013: SSL 2.0 → F; TLS compression (CRIME) → B.
 * - 2014: keys below 1024 bits → F, below 2048 → B; MD5 signatures → F; a warning (here: no secure
 *   renegotiation) → A-; A+ needs an A without warnings and HSTS of at least 180 days.
 * - 2014 (POODLE): SSL 3.0 → C. 2015 (FREAK, Logjam): export suites → F; DH below 1024 → F, below 2048 → B;
 *   RC4 with TLS 1.1+ → C, RC4 only with older versions → B.
 * - 2017: 64-bit block ciphers (3DES) with TLS 1.1+ → C; neither TLS 1.2 nor 1.3 → C; SHA-1 certificates → T.
 * - 2018: no forward-secret suite → B; no AEAD suite → B.
 * - 2020: TLS 1.0 or 1.1 → B.
 * - Always: an untrusted, expired or not-yet-valid certificate → T, a name mismatch → M, a chain that is
 *   incomplete as sent → B, NULL or anonymous suites → F.
 * SSL Labs judges forward secrecy, AEAD, RC4 and 3DES by what its simulated browsers negotiate; without
 * simulation we judge what the server accepts (FS and AEAD: cap when none is accepted). Caps that need
 * probes we do not run (Heartbleed, ROBOT, insecure client renegotiation …) are not applied.
 */
import type {CertInfo, TlsCertificate, TlsScan, TlsVersion} from '../core/types.js';
import {daysBetween, isRoot, MD5_SIGNATURE, SHA1_SIGNATURE} from './cert-chain.js';
import {acceptedSuites, offeredProtocols, type AcceptedSuite} from './tls-offer.js';

export const SSL_LABS_GUIDE_VERSION = '2009q';

const LETTERS = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F'] as const;
type Letter = (typeof LETTERS)[number];
export type TlsGradeLetter = Letter | 'T' | 'M';

export interface TlsGrade {
  readonly grade: TlsGradeLetter;
  /** Why the grade is lower than the score alone gives (or not A+), e.g. 'B: TLS 1.0 or 1.1 offered'. */
  readonly caps: readonly string[];
  /** The numeric score, 0–100, before caps. */
  readonly score: number;
}

// Protocol support rating guide (Table 2). TLS 1.3 postdates the table and scores as TLS 1.2.
const PROTOCOL_SCORE: Readonly<Record<TlsVersion, number>> = {
  SSLv2: 20,
  SSLv3: 80,
  'TLSv1.0': 90,
  'TLSv1.1': 95,
  'TLSv1.2': 100,
  'TLSv1.3': 100,
};

/** Key exchange rating guide (Table 3), by RSA-equivalent key or DH group bits. */
function keyStrengthScore(bits: number): number {
  if (bits < 512) return 20;
  if (bits < 1024) return 40;
  if (bits < 2048) return 80;
  if (bits < 4096) return 90;
  return 100;
}

/** Cipher strength rating guide (Table 4). */
function cipherScore(bits: number): number {
  if (bits === 0) return 0;
  if (bits < 128) return 20;
  if (bits < 256) return 80;
  return 100;
}

// NIST SP 800-57 Part 1 Rev. 5, Table 2: EC key sizes and the RSA modulus of equal strength
// (P-256 ≈ RSA 3072, so an ECDSA P-256 key scores 90, as SSL Labs shows it).
const EC_TO_RSA: ReadonlyArray<readonly [ecBits: number, rsaBits: number]> = [
  [512, 15_360],
  [384, 7680],
  [256, 3072],
  [224, 2048],
  [160, 1024],
];

/** The RSA modulus size of the same strength as the certificate's key. */
function rsaEquivalent(cert: CertInfo): number {
  if (cert.keyType === 'ed25519') return 3072;
  if (cert.keyType === 'ed448') return 7680;
  if (cert.keyType !== 'ec') return cert.keyBits;
  return EC_TO_RSA.find(([ec]) => cert.keyBits >= ec)?.[1] ?? 512;
}

const average = (scores: readonly number[]): number => (Math.max(...scores) + Math.min(...scores)) / 2;

function score(scan: TlsScan, suites: readonly AcceptedSuite[], leaf: CertInfo): number {
  const protocol = average(offeredProtocols(scan).map((p) => PROTOCOL_SCORE[p.version]));
  const anonymous = suites.some((s) => s.traits.anonymous);
  const exportKx = suites.some((s) => s.traits.export);
  // The weakest of the server key and the DH group; export key exchange is limited to 512 bits (40 %).
  const kxBits = Math.min(rsaEquivalent(leaf), scan.dhBits ?? Infinity);
  const keyExchange = anonymous ? 0 : Math.min(keyStrengthScore(kxBits), exportKx ? 40 : 100);
  const ciphers = suites.filter((s) => s.traits.cipher !== 'other').map((s) => cipherScore(s.traits.bits));
  const cipher = ciphers.length === 0 ? 0 : average(ciphers);
  if (protocol === 0 || keyExchange === 0 || cipher === 0) return 0;
  return 0.3 * protocol + 0.3 * keyExchange + 0.4 * cipher;
}

function scoreLetter(value: number): Letter {
  if (value >= 80) return 'A';
  if (value >= 65) return 'B';
  if (value >= 50) return 'C';
  if (value >= 35) return 'D';
  if (value >= 20) return 'E';
  return 'F';
}

type Cap = readonly [TlsGradeLetter, string];

const MODERN: readonly TlsVersion[] = ['TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

function scanCaps(scan: TlsScan, suites: readonly AcceptedSuite[]): Cap[] {
  const offered = new Set(offeredProtocols(scan).map((p) => p.version));
  const onModern = (s: AcceptedSuite) => s.versions.some((v) => MODERN.includes(v));
  const rc4 = suites.filter((s) => s.traits.cipher === 'RC4');
  const caps: Cap[] = [];
  if (offered.has('SSLv2')) caps.push(['F', 'SSL 2.0 offered']);
  if (offered.has('SSLv3')) caps.push(['C', 'SSL 3.0 offered (POODLE)']);
  if (offered.has('TLSv1.0') || offered.has('TLSv1.1')) caps.push(['B', 'TLS 1.0 or 1.1 offered']);
  if (!offered.has('TLSv1.2') && !offered.has('TLSv1.3')) caps.push(['C', 'neither TLS 1.2 nor TLS 1.3 offered']);
  if (suites.some((s) => s.traits.cipher === 'NULL')) caps.push(['F', 'NULL (unencrypted) suites accepted']);
  if (suites.some((s) => s.traits.anonymous)) caps.push(['F', 'anonymous suites accepted']);
  if (suites.some((s) => s.traits.export)) caps.push(['F', 'export suites accepted']);
  if (rc4.some(onModern)) caps.push(['C', 'RC4 accepted with TLS 1.1 or later']);
  else if (rc4.length > 0) caps.push(['B', 'RC4 accepted with TLS 1.0 or older']);
  if (suites.some((s) => s.traits.smallBlock && onModern(s))) caps.push(['C', '64-bit block cipher (3DES) accepted with TLS 1.1 or later']);
  if (!suites.some((s) => s.traits.forwardSecret)) caps.push(['B', 'no forward-secret suite']);
  if (!suites.some((s) => s.traits.mode === 'aead')) caps.push(['B', 'no AEAD suite']);
  if (scan.dhBits !== undefined && scan.dhBits < 1024) caps.push(['F', `DH group of ${scan.dhBits} bits`]);
  else if (scan.dhBits !== undefined && scan.dhBits < 2048) caps.push(['B', `DH group of ${scan.dhBits} bits`]);
  if (scan.compression) caps.push(['B', 'TLS compression (CRIME)']);
  if (scan.secureRenegotiation === false) caps.push(['A-', 'no secure renegotiation (RFC 5746)']);
  return caps;
}

function certCaps(cert: TlsCertificate, leaf: CertInfo): Cap[] {
  const caps: Cap[] = [];
  const keyBits = rsaEquivalent(leaf);
  if (keyBits < 1024) caps.push(['F', `certificate key below 1024 bits (RSA-equivalent ${keyBits})`]);
  else if (keyBits < 2048) caps.push(['B', `certificate key below 2048 bits (RSA-equivalent ${keyBits})`]);
  const signed = cert.chain.filter((c) => !isRoot(c));
  if (signed.some((c) => MD5_SIGNATURE.test(c.signatureAlgorithm))) caps.push(['F', 'MD5 certificate signature']);
  if (signed.some((c) => SHA1_SIGNATURE.test(c.signatureAlgorithm))) caps.push(['T', 'SHA-1 certificate signature']);
  if (!cert.trust.trusted) caps.push(['T', `certificate not trusted (${cert.trust.problem ?? 'no trusted path'})`]);
  if (daysBetween(cert.observedAt, leaf.notAfter) < 0) caps.push(['T', 'certificate expired']);
  if (daysBetween(leaf.notBefore, cert.observedAt) < 0) caps.push(['T', 'certificate not yet valid']);
  if (!cert.hostnameMatches) caps.push(['M', 'certificate name mismatch']);
  if (cert.trust.trusted && !cert.trust.completeAsSent) caps.push(['B', 'incomplete certificate chain']);
  return caps;
}

/** HSTS max-age SSL Labs requires for A+: 180 days. */
export const A_PLUS_HSTS_MIN_AGE = 15_552_000;

const isLetter = (grade: TlsGradeLetter): grade is Letter => grade !== 'T' && grade !== 'M';

/**
 * The grade of one host:port, or undefined when the scan or the certificate is missing or nothing was
 * accepted: SSL Labs gives no grade without both, and neither do we.
 */
export function gradeTls(scan?: TlsScan, cert?: TlsCertificate, hstsMaxAge?: number): TlsGrade | undefined {
  const leaf = cert?.chain[0];
  const suites = scan ? acceptedSuites(scan) : [];
  if (!scan || !cert || !leaf || suites.length === 0) return undefined;
  const value = score(scan, suites, leaf);
  const caps = [...scanCaps(scan, suites), ...certCaps(cert, leaf)];
  const reasons = caps.map(([grade, reason]) => `${grade}: ${reason}`);
  const grades = caps.map(([grade]) => grade);
  const result = (grade: TlsGradeLetter, extra: readonly string[] = []): TlsGrade => ({grade, caps: [...reasons, ...extra], score: Math.round(value)});
  // Trust problems replace the letter: whatever the configuration, an attacker can present a certificate of their own.
  if (grades.includes('T')) return result('T');
  if (grades.includes('M')) return result('M');
  const letter = grades.filter(isLetter).reduce((worst, cap) => (LETTERS.indexOf(cap) > LETTERS.indexOf(worst) ? cap : worst), scoreLetter(value));
  if (letter !== 'A') return result(letter);
  if ((hstsMaxAge ?? 0) >= A_PLUS_HSTS_MIN_AGE) return result('A+');
  return result('A', [`A: A+ needs HSTS with a max-age of at least ${A_PLUS_HSTS_MIN_AGE} seconds (180 days)`]);
}
