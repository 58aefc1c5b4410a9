/**
 * Mozilla's Server Side TLS guidelines as data, the yardstick of the TLS checks.
 *
 * Transcribed from the machine-readable guidelines version 5.7 (15 May 2023),
 * https://ssl-config.mozilla.org/guidelines/5.7.json, as published with mozilla/ssl-config-generator
 * (src/static/guidelines/, where latest.json names 5.7) and linked from the wiki page
 * https://wiki.mozilla.org/Security/Server_Side_TLS. Cipher lists are the JSON's `ciphers.iana` and
 * `ciphersuites` in its order; `recommended_certificate_lifespan` and `ocsp_staple` are left out
 * because nothing reads them. The 6.0 drafts in that repository drop the DHE suites (and one drops
 * `old`); the wiki still names 5.7, so 5.7 it is. Mozilla's "TLSv1" is written 'TLSv1.0' here.
 */
import type {TlsProfile, TlsVersion} from '../../core/types.js';
import {isStrong, suiteTraits, weakness, type SuiteTraits, type Weakness} from './traits.js';
import type {AcceptedSuite} from './offer.js';

export const MOZILLA_GUIDELINES_VERSION = '5.7';

export interface MozillaProfile {
  /** `tls_versions`. */
  readonly tlsVersions: readonly TlsVersion[];
  /** `ciphersuites`: TLS 1.3 suites. */
  readonly ciphersuites: readonly string[];
  /** `ciphers.iana`: suites for TLS 1.2 and older, by IANA name. */
  readonly ciphers: readonly string[];
  /** `tls_curves`, OpenSSL names. */
  readonly tlsCurves: readonly string[];
  /** `certificate_types`. */
  readonly certificateTypes: readonly ('ecdsa' | 'rsa')[];
  /** `certificate_curves`, OpenSSL names. */
  readonly certificateCurves: readonly string[];
  /** `certificate_signatures`, OpenSSL names. */
  readonly certificateSignatures: readonly string[];
  /** `rsa_key_size` in bits; null where the profile has no RSA certificates. */
  readonly rsaKeySize: number | null;
  /** `dh_param_size` in bits; null where the profile has no DHE suites. */
  readonly dhParamSize: number | null;
  /** `ecdh_param_size` in bits. */
  readonly ecdhParamSize: number;
  /** `hsts_min_age` in seconds. */
  readonly hstsMinAge: number;
  /** `maximum_certificate_lifespan` in days. */
  readonly maximumCertificateLifespan: number;
  /** `server_preferred_order`: whether the server, not the client, should pick the suite. */
  readonly serverPreferredOrder: boolean;
  /** `oldest_clients`: the oldest clients the configuration still serves. */
  readonly oldestClients: readonly string[];
}

const TLS13_SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'] as const;

export const MOZILLA_PROFILES: Readonly<Record<TlsProfile, MozillaProfile>> = {
  modern: {
    tlsVersions: ['TLSv1.3'],
    ciphersuites: TLS13_SUITES,
    ciphers: [],
    tlsCurves: ['X25519', 'prime256v1', 'secp384r1'],
    certificateTypes: ['ecdsa'],
    certificateCurves: ['prime256v1', 'secp384r1'],
    certificateSignatures: ['ecdsa-with-SHA256', 'ecdsa-with-SHA384', 'ecdsa-with-SHA512'],
    rsaKeySize: null,
    dhParamSize: null,
    ecdhParamSize: 256,
    hstsMinAge: 63_072_000,
    maximumCertificateLifespan: 90,
    serverPreferredOrder: false,
    oldestClients: ['Firefox 63', 'Android 10.0', 'Chrome 70', 'Edge 75', 'Java 11', 'OpenSSL 1.1.1', 'Opera 57', 'Safari 12.1'],
  },
  intermediate: {
    tlsVersions: ['TLSv1.2', 'TLSv1.3'],
    ciphersuites: TLS13_SUITES,
    ciphers: [
      'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
      'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
      'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
      'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
      'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
    ],
    tlsCurves: ['X25519', 'prime256v1', 'secp384r1'],
    certificateTypes: ['ecdsa', 'rsa'],
    certificateCurves: ['prime256v1', 'secp384r1'],
    certificateSignatures: ['sha256WithRSAEncryption', 'ecdsa-with-SHA256', 'ecdsa-with-SHA384', 'ecdsa-with-SHA512'],
    rsaKeySize: 2048,
    dhParamSize: 2048,
    ecdhParamSize: 256,
    hstsMinAge: 63_072_000,
    maximumCertificateLifespan: 366,
    serverPreferredOrder: false,
    oldestClients: ['Firefox 27', 'Android 4.4.2', 'Chrome 31', 'Edge', 'IE 11 on Windows 7', 'Java 8u31', 'OpenSSL 1.0.1', 'Opera 20', 'Safari 9'],
  },
  old: {
    tlsVersions: ['TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
    ciphersuites: TLS13_SUITES,
    ciphers: [
      'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
      'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
      'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
      'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384',
      'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
      'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
      'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
      'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
      'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
      'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384',
      'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384',
      'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
      'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
      'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256',
      'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256',
      'TLS_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_RSA_WITH_AES_256_GCM_SHA384',
      'TLS_RSA_WITH_AES_128_CBC_SHA256',
      'TLS_RSA_WITH_AES_256_CBC_SHA256',
      'TLS_RSA_WITH_AES_128_CBC_SHA',
      'TLS_RSA_WITH_AES_256_CBC_SHA',
      'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
    ],
    tlsCurves: ['X25519', 'prime256v1', 'secp384r1'],
    certificateTypes: ['rsa'],
    certificateCurves: ['prime256v1', 'secp384r1'],
    certificateSignatures: ['sha256WithRSAEncryption'],
    rsaKeySize: 2048,
    dhParamSize: 1024,
    ecdhParamSize: 256,
    hstsMinAge: 63_072_000,
    maximumCertificateLifespan: 366,
    serverPreferredOrder: true,
    oldestClients: ['Firefox 1', 'Android 2.3', 'Chrome 1', 'Edge 12', 'IE8 on Windows XP', 'Java 6', 'OpenSSL 0.9.8', 'Opera 5', 'Safari 1'],
  },
};

/** Whether the profile allows this suite for this protocol version (TLS 1.3 suites and the rest are separate lists). */
export function profileAllowsSuite(profile: MozillaProfile, version: TlsVersion, suite: string): boolean {
  return (version === 'TLSv1.3' ? profile.ciphersuites : profile.ciphers).includes(suite);
}

/** Whether the profile keeps any suite of a kind, read from its own list, so the data decides and not the code. */
export const profileKeeps = (profile: MozillaProfile, kind: (traits: SuiteTraits) => boolean): boolean =>
  profile.ciphers.some((name) => kind(suiteTraits(name)));

/** Key exchanges without forward secrecy that still authenticate the server: what forward-secrecy reports. */
const STATIC_KX: ReadonlySet<SuiteTraits['kx']> = new Set(['RSA', 'ECDH', 'DH', 'PSK']);

/** What tls-ciphers holds against an accepted suite; the lack of forward secrecy is forward-secrecy's to report. */
export type SuiteProblem = Weakness | 'cbc' | 'not-in-profile' | 'strong-not-in-profile';

/**
 * How an accepted suite falls short of a profile, as tls-ciphers judges it and the grade caps it, or
 * undefined when the profile allows it on every version that accepted it. A static key exchange the
 * profile keeps no suite of (static RSA or ECDH under intermediate) is left to forward-secrecy, so one
 * suite is not reported twice for the same fault; its cipher is still judged here (a CBC or broken cipher).
 */
export function suiteProblem(profile: MozillaProfile, suite: AcceptedSuite): SuiteProblem | undefined {
  const {traits} = suite;
  const broken = weakness(traits);
  if (broken) return broken;
  if (suite.versions.every((v) => profileAllowsSuite(profile, v, suite.name))) return undefined;
  if (traits.mode === 'cbc' && !profileKeeps(profile, (t) => t.mode === 'cbc')) return 'cbc';
  if (STATIC_KX.has(traits.kx) && !profileKeeps(profile, (t) => t.kx === traits.kx)) return undefined;
  return isStrong(traits) ? 'strong-not-in-profile' : 'not-in-profile';
}
