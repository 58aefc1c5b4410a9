/**
 * Mozilla's Server Side TLS guidelines as data, the yardstick of the TLS checks.
 *
 * Transcribed from the machine-readable guidelines version 5.7 (15 May 2023),
 * https://ssl-config.mozilla.org/guidelines/5.7.json, as published with mozilla/ssl-config-generator
 * (src/static/guidelines/, where latest.json names 5.7) and linked from the wiki page
 * https://wiki.mozilla.org/Security/Server_Side_TLS. Cipher lists are the JSON's `ciphers.iana` and
 * `ciphersuites` in its order; `oldest_clients`, `recommended_certificate_lifespan` and `ocsp_staple`
 * are left out because nothing reads them. The 6.0 drafts in that repository drop the DHE suites (and one drops
 * `old`); the wiki still names 5.7, so 5.7 it is. Mozilla's "TLSv1" is written 'TLSv1.0' here.
 */
import type {TlsProfile, TlsVersion} from '../core/types.js';

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
  },
};

/** Whether the profile allows this suite for this protocol version (TLS 1.3 suites and the rest are separate lists). */
export function profileAllowsSuite(profile: MozillaProfile, version: TlsVersion, suite: string): boolean {
  return (version === 'TLSv1.3' ? profile.ciphersuites : profile.ciphers).includes(suite);
}
