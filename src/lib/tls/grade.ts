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
 *
 * Ours, not SSL Labs': the grade never reads A or A+ above a tls-protocols, tls-ciphers or
 * forward-secrecy verdict that fails (with any options) under the chosen Mozilla profile. Each such
 * fault caps at A- (SSL Labs' letter for "warnings") and is named: CBC or otherwise unlisted suites,
 * suites without forward secrecy beside forward-secret ones, a version the profile leaves out that
 * SSL Labs does not penalise (TLS 1.2 under modern), and TLS 1.3 missing under modern. A worse SSL
 * Labs cap still wins.
 */
import {hostAnswered} from '../../core/pages.js';
import type {TlsGrade, TlsGradeCap, TlsGradeLetter} from '../../core/report.js';
import {isProbeError, type Artifacts, type CertInfo, type TlsCertificate, type TlsProfile, type TlsScan, type TlsVersion} from '../../core/types.js';
import {headerValues} from '../headers.js';
import {parseHsts} from '../hsts.js';
import {daysBetween, isRoot, MD5_SIGNATURE, SHA1_SIGNATURE} from './cert-chain.js';
import {MOZILLA_PROFILES, suiteProblem} from './mozilla.js';
import {acceptedSuites, offeredProtocols, type AcceptedSuite} from './offer.js';

export const SSL_LABS_GUIDE_VERSION = '2009q';

const LETTERS = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F'] as const satisfies readonly TlsGradeLetter[];
type Letter = (typeof LETTERS)[number];

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
const EC_TO_RSA: readonly (readonly [ecBits: number, rsaBits: number])[] = [
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

/** Suites named in one cap; a legacy server accepts dozens, and the caps are one line each. */
const MAX_NAMED = 3;

function named(suites: readonly AcceptedSuite[]): string {
  const shown = suites
    .slice(0, MAX_NAMED)
    .map((s) => s.name)
    .join(', ');
  return suites.length > MAX_NAMED ? `${shown} and ${suites.length - MAX_NAMED} more` : shown;
}

const cap = (grade: TlsGradeLetter, reason: string, check?: string): TlsGradeCap => ({grade, reason, ...(check ? {check} : {})});

const MODERN: readonly TlsVersion[] = ['TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

function scanCaps(scan: TlsScan, suites: readonly AcceptedSuite[]): TlsGradeCap[] {
  const offered = new Set(offeredProtocols(scan).map((p) => p.version));
  const onModern = (s: AcceptedSuite) => s.versions.some((v) => MODERN.includes(v));
  const rc4 = suites.filter((s) => s.traits.cipher === 'RC4');
  const caps: TlsGradeCap[] = [];
  if (offered.has('SSLv2')) caps.push(cap('F', 'SSL 2.0 offered', 'tls-protocols'));
  if (offered.has('SSLv3')) caps.push(cap('C', 'SSL 3.0 offered (POODLE)', 'tls-protocols'));
  if (offered.has('TLSv1.0') || offered.has('TLSv1.1')) caps.push(cap('B', 'TLS 1.0 or 1.1 offered', 'tls-protocols'));
  if (!offered.has('TLSv1.2') && !offered.has('TLSv1.3')) caps.push(cap('C', 'neither TLS 1.2 nor TLS 1.3 offered', 'tls-protocols'));
  if (suites.some((s) => s.traits.cipher === 'NULL')) caps.push(cap('F', 'NULL (unencrypted) suites accepted', 'tls-ciphers'));
  if (suites.some((s) => s.traits.anonymous)) caps.push(cap('F', 'anonymous suites accepted', 'tls-ciphers'));
  if (suites.some((s) => s.traits.export)) caps.push(cap('F', 'export suites accepted', 'tls-ciphers'));
  if (rc4.some(onModern)) caps.push(cap('C', 'RC4 accepted with TLS 1.1 or later', 'tls-ciphers'));
  else if (rc4.length > 0) caps.push(cap('B', 'RC4 accepted with TLS 1.0 or older', 'tls-ciphers'));
  if (suites.some((s) => s.traits.smallBlock && onModern(s)))
    caps.push(cap('C', '64-bit block cipher (3DES) accepted with TLS 1.1 or later', 'tls-ciphers'));
  if (!suites.some((s) => s.traits.forwardSecret)) caps.push(cap('B', 'no forward-secret suite', 'forward-secrecy'));
  if (!suites.some((s) => s.traits.mode === 'aead')) caps.push(cap('B', 'no AEAD suite', 'tls-ciphers'));
  if (scan.dhBits !== undefined && scan.dhBits < 1024) caps.push(cap('F', `DH group of ${scan.dhBits} bits`, 'dh-params'));
  else if (scan.dhBits !== undefined && scan.dhBits < 2048) caps.push(cap('B', `DH group of ${scan.dhBits} bits`, 'dh-params'));
  if (scan.compression) caps.push(cap('B', 'TLS compression (CRIME)'));
  if (scan.secureRenegotiation === false) caps.push(cap('A-', 'no secure renegotiation (RFC 5746)'));
  return caps;
}

/** Faults the profile-bound checks fail on (see the header), capped at A- and named. */
function profileCaps(scan: TlsScan, suites: readonly AcceptedSuite[], profileName: TlsProfile): TlsGradeCap[] {
  const profile = MOZILLA_PROFILES[profileName];
  const offered = new Set(offeredProtocols(scan).map((p) => p.version));
  const caps: TlsGradeCap[] = [];
  // SSL and TLS 1.0/1.1 have their own caps above; TLS 1.2 is the one version a profile can leave out unpenalised.
  if (offered.has('TLSv1.2') && !profile.tlsVersions.includes('TLSv1.2')) {
    caps.push(cap('A-', `TLS 1.2 offered; Mozilla's ${profileName} profile allows only ${profile.tlsVersions.join(', ')}`, 'tls-protocols'));
  }
  if (profileName === 'modern' && !offered.has('TLSv1.3'))
    caps.push(cap('A-', "TLS 1.3 not offered; Mozilla's modern profile is TLS 1.3 only", 'tls-protocols'));
  // A strong suite the profile does not list only ever warns; every other problem can fail tls-ciphers.
  const outside = suites.filter((s) => {
    const problem = suiteProblem(profile, s);
    return problem !== undefined && problem !== 'strong-not-in-profile';
  });
  if (outside.length > 0) caps.push(cap('A-', `suites outside Mozilla's ${profileName} profile accepted: ${named(outside)}`, 'tls-ciphers'));
  const withoutFs = suites.filter((s) => !s.traits.forwardSecret);
  // With no forward-secret suite at all SSL Labs' B cap applies instead.
  if (withoutFs.length > 0 && withoutFs.length < suites.length) {
    caps.push(cap('A-', `suites without forward secrecy accepted: ${named(withoutFs)}`, 'forward-secrecy'));
  }
  return caps;
}

function certCaps(cert: TlsCertificate, leaf: CertInfo): TlsGradeCap[] {
  const caps: TlsGradeCap[] = [];
  const keyBits = rsaEquivalent(leaf);
  if (keyBits < 1024) caps.push(cap('F', `certificate key below 1024 bits (RSA-equivalent ${keyBits})`, 'certificate-key'));
  else if (keyBits < 2048) caps.push(cap('B', `certificate key below 2048 bits (RSA-equivalent ${keyBits})`, 'certificate-key'));
  const signed = cert.chain.filter((c) => !isRoot(c));
  if (signed.some((c) => MD5_SIGNATURE.test(c.signatureAlgorithm))) caps.push(cap('F', 'MD5 certificate signature', 'certificate-key'));
  if (signed.some((c) => SHA1_SIGNATURE.test(c.signatureAlgorithm))) caps.push(cap('T', 'SHA-1 certificate signature', 'certificate-key'));
  if (!cert.trust.trusted) caps.push(cap('T', `certificate not trusted (${cert.trust.problem ?? 'no trusted path'})`, 'certificate-trust'));
  if (daysBetween(cert.observedAt, leaf.notAfter) < 0) caps.push(cap('T', 'certificate expired', 'certificate-expiry'));
  if (daysBetween(leaf.notBefore, cert.observedAt) < 0) caps.push(cap('T', 'certificate not yet valid', 'certificate-expiry'));
  if (!cert.hostnameMatches) caps.push(cap('M', 'certificate name mismatch', 'certificate-host'));
  if (cert.trust.trusted && !cert.trust.completeAsSent) caps.push(cap('B', 'incomplete certificate chain', 'certificate-trust'));
  return caps;
}

/** HSTS max-age SSL Labs requires for A+: 180 days. */
export const A_PLUS_HSTS_MIN_AGE = 15_552_000;

const isLetter = (grade: TlsGradeLetter): grade is Letter => grade !== 'T' && grade !== 'M';

/**
 * The grade of one host:port, judged against Mozilla's `profile` as the TLS checks are, or undefined
 * when the scan or the certificate is missing or nothing was accepted: SSL Labs gives no grade without
 * both, and neither do we.
 */
export function gradeTls(scan?: TlsScan, cert?: TlsCertificate, hstsMaxAge?: number, profile: TlsProfile = 'intermediate'): TlsGrade | undefined {
  const leaf = cert?.chain[0];
  const suites = scan ? acceptedSuites(scan) : [];
  if (!scan || !cert || !leaf || suites.length === 0) return undefined;
  const value = score(scan, suites, leaf);
  const caps = [...scanCaps(scan, suites), ...profileCaps(scan, suites, profile), ...certCaps(cert, leaf)];
  const grades = caps.map((c) => c.grade);
  const result = (grade: TlsGradeLetter, extra: readonly TlsGradeCap[] = []): TlsGrade => {
    const cappedBy = [...caps, ...extra];
    return {grade, caps: cappedBy.map((c) => `${c.grade}: ${c.reason}`), cappedBy, score: Math.round(value)};
  };
  // Trust problems replace the letter: whatever the configuration, an attacker can present a certificate of their own.
  if (grades.includes('T')) return result('T');
  if (grades.includes('M')) return result('M');
  const letter = grades
    .filter(isLetter)
    .reduce((worst, grade) => (LETTERS.indexOf(grade) > LETTERS.indexOf(worst) ? grade : worst), scoreLetter(value));
  if (letter !== 'A') return result(letter);
  if ((hstsMaxAge ?? 0) >= A_PLUS_HSTS_MIN_AGE) return result('A+');
  return result('A', [cap('A', `A+ needs HSTS with a max-age of at least ${A_PLUS_HSTS_MIN_AGE} seconds (180 days)`, 'hsts')]);
}

/** The TLS grade from the TLS artifacts, and the HSTS max-age the target page sent (A+ needs it). */
export function tlsGradeOf(artifacts: Artifacts, profile: TlsProfile): TlsGrade | undefined {
  const {TlsScan: scanned, TlsCertificate: cert, Pages: pages} = artifacts;
  if (!scanned || isProbeError(scanned) || !cert || isProbeError(cert)) return undefined;
  const page = pages && !isProbeError(pages) ? pages[0] : undefined;
  // HSTS counts only from the host's own answer (a redirect to another host included) over verified HTTPS (RFC 6797 §8.1).
  const main =
    page && hostAnswered(page) && page.response.certificateRejected === undefined && page.response.url.startsWith('https://')
      ? page.response
      : undefined;
  const hsts = main ? headerValues(main, 'strict-transport-security') : [];
  const [only, ...others] = hsts;
  const parsed = only !== undefined && others.length === 0 ? parseHsts(only) : undefined;
  return gradeTls(scanned, cert, parsed?.ok ? parsed.policy.maxAge : undefined, profile);
}
