import {describe, expect, it} from '@jest/globals';
import type {TlsGradeLetter} from '../../core/report.js';
import {A_PLUS_HSTS_MIN_AGE, gradeTls} from './grade.js';
import {TLS_PROFILES, type AnyCheck, type TlsCertificate, type TlsProfile, type TlsScan} from '../../core/types.js';
import forwardSecrecy from '../../../checks/forward-secrecy.js';
import tlsCiphers from '../../../checks/tls-ciphers.js';
import tlsProtocols from '../../../checks/tls-protocols.js';
import {GOOD_TLS12, GOOD_TLS13, intermediateCert, leafCert, profileTarget, tlsCert, tlsScan} from '../../../test/helpers/artifacts.js';

const TWO_YEARS = 63_072_000;
const plus12 = (name: string) => tlsScan({'TLSv1.2': [...GOOD_TLS12, name]});
const only12 = (...names: string[]) => tlsScan({'TLSv1.2': names, 'TLSv1.3': []});
const CBC = 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA';

interface Case {
  name: string;
  scan?: TlsScan;
  cert?: TlsCertificate;
  hsts?: number;
  profile?: TlsProfile;
  grade: TlsGradeLetter;
  /** A fragment of the cap reason that decided the grade. */
  cap?: string;
  /** The check that cap names. */
  check?: string;
  score?: number;
}

// Scores by hand from the guide's tables: TLS 1.2/1.3 100 %, ECDSA P-256 ≈ RSA 3072 → 90 %,
// AES-128 (80 %) to AES-256/ChaCha20 (100 %) → 90 %: 0.3·100 + 0.3·90 + 0.4·90 = 93.
const cases: Case[] = [
  {name: 'the baseline with two-year HSTS gets A+', hsts: TWO_YEARS, grade: 'A+', score: 93},
  {name: 'HSTS of exactly 180 days is enough for A+', hsts: A_PLUS_HSTS_MIN_AGE, grade: 'A+'},
  {name: 'HSTS one second short of 180 days stays at A', hsts: A_PLUS_HSTS_MIN_AGE - 1, grade: 'A', cap: 'A+ needs HSTS'},
  {name: 'without HSTS the baseline gets A', grade: 'A', cap: 'A+ needs HSTS', score: 93},
  {name: 'TLS 1.3 alone gets A+', scan: tlsScan({'TLSv1.2': []}), hsts: TWO_YEARS, grade: 'A+', score: 93},
  {
    name: 'an ECDSA P-384 key scores 100 % for key exchange',
    cert: tlsCert({}, {keyBits: 384, curve: 'secp384r1'}),
    hsts: TWO_YEARS,
    grade: 'A+',
    score: 96,
  },
  {
    name: 'an RSA 2048 key scores 90 % like P-256',
    cert: tlsCert({}, {keyType: 'rsa', keyBits: 2048, signatureAlgorithm: 'sha256WithRSAEncryption'}),
    grade: 'A',
    score: 93,
  },
  {
    name: 'TLS 1.0 caps at B (2020)',
    scan: tlsScan({'TLSv1.0': [CBC]}),
    hsts: TWO_YEARS,
    grade: 'B',
    cap: 'TLS 1.0 or 1.1',
    check: 'tls-protocols',
    score: 92,
  },
  {name: 'TLS 1.1 caps at B (2020)', scan: tlsScan({'TLSv1.1': [CBC]}), grade: 'B', cap: 'TLS 1.0 or 1.1'},
  {name: 'SSL 3.0 caps at C (POODLE)', scan: tlsScan({SSLv3: [CBC]}), grade: 'C', cap: 'SSL 3.0'},
  {name: 'SSL 2.0 gets F', scan: tlsScan({SSLv2: ['SSL_CK_DES_192_EDE3_CBC_WITH_MD5']}), grade: 'F', cap: 'SSL 2.0'},
  {name: 'neither TLS 1.2 nor 1.3 caps at C', scan: tlsScan({'TLSv1.0': [CBC], 'TLSv1.2': [], 'TLSv1.3': []}), grade: 'C', cap: 'neither TLS 1.2'},
  {name: 'no forward-secret suite caps at B (2018)', scan: only12('TLS_RSA_WITH_AES_128_GCM_SHA256'), grade: 'B', cap: 'no forward-secret'},
  {name: 'no AEAD suite caps at B (2018)', scan: only12(CBC), grade: 'B', cap: 'no AEAD'},
  {name: 'RC4 with TLS 1.2 caps at C', scan: plus12('TLS_RSA_WITH_RC4_128_SHA'), grade: 'C', cap: 'RC4 accepted with TLS 1.1'},
  {
    name: 'RC4 only with TLS 1.0 caps at B',
    scan: tlsScan({'TLSv1.0': ['TLS_RSA_WITH_RC4_128_SHA']}),
    grade: 'B',
    cap: 'RC4 accepted with TLS 1.0 or older',
  },
  {name: '3DES with TLS 1.2 caps at C (2017)', scan: plus12('TLS_RSA_WITH_3DES_EDE_CBC_SHA'), grade: 'C', cap: '64-bit block'},
  {name: 'an export suite gets F', scan: plus12('TLS_RSA_EXPORT_WITH_RC4_40_MD5'), grade: 'F', cap: 'export'},
  {name: 'a NULL suite gets F', scan: plus12('TLS_RSA_WITH_NULL_SHA'), grade: 'F', cap: 'NULL'},
  {
    name: 'an anonymous suite zeroes key exchange and the score',
    scan: plus12('TLS_DH_anon_WITH_AES_128_CBC_SHA'),
    grade: 'F',
    cap: 'anonymous',
    score: 0,
  },
  {
    name: 'a 1024-bit DH group caps at B',
    scan: tlsScan({'TLSv1.2': [...GOOD_TLS12, 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256']}, {dhBits: 1024}),
    grade: 'B',
    cap: 'DH group of 1024',
    score: 90,
  },
  {
    name: 'a 768-bit DH group gets F',
    scan: tlsScan({'TLSv1.2': [...GOOD_TLS12, 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256']}, {dhBits: 768}),
    grade: 'F',
    cap: 'DH group of 768',
  },
  {name: 'TLS compression caps at B (CRIME)', scan: tlsScan({}, {compression: true}), grade: 'B', cap: 'compression'},
  {
    name: 'no secure renegotiation is a warning: A-',
    scan: tlsScan({}, {secureRenegotiation: false}),
    hsts: TWO_YEARS,
    grade: 'A-',
    cap: 'renegotiation',
  },
  {name: 'an RSA 1024 key caps at B', cert: tlsCert({}, {keyType: 'rsa', keyBits: 1024}), grade: 'B', cap: 'below 2048', score: 90},
  {name: 'an RSA 512 key gets F', cert: tlsCert({}, {keyType: 'rsa', keyBits: 512}), grade: 'F', cap: 'below 1024'},
  {name: 'an MD5 leaf signature gets F', cert: tlsCert({}, {signatureAlgorithm: 'md5WithRSAEncryption'}), grade: 'F', cap: 'MD5'},
  {
    name: 'a SHA-1 intermediate gets T',
    cert: tlsCert({chain: [leafCert(), intermediateCert({signatureAlgorithm: 'sha1WithRSAEncryption'})]}),
    grade: 'T',
    cap: 'SHA-1',
  },
  {name: 'an untrusted certificate gets T', cert: tlsCert({trust: {trusted: false, problem: 'self-signed'}}), grade: 'T', cap: 'self-signed'},
  {name: 'an expired certificate gets T', cert: tlsCert({observedAt: '2025-08-01T00:00:00.000Z'}), grade: 'T', cap: 'expired'},
  {name: 'a certificate not yet valid gets T', cert: tlsCert({observedAt: '2025-04-01T00:00:00.000Z'}), grade: 'T', cap: 'not yet valid'},
  {name: 'a name mismatch gets M', cert: tlsCert({hostnameMatches: false}), hsts: TWO_YEARS, grade: 'M', cap: 'mismatch'},
  {name: 'untrusted and mismatched gets T', cert: tlsCert({hostnameMatches: false, trust: {trusted: false, problem: 'unknown-issuer'}}), grade: 'T'},
  {name: 'a chain incomplete as sent caps at B', cert: tlsCert({trust: {completeAsSent: false}}), grade: 'B', cap: 'incomplete certificate chain'},
  {name: 'the worst cap wins', scan: tlsScan({SSLv3: [CBC], 'TLSv1.0': [CBC]}, {compression: true}), grade: 'C', cap: 'SSL 3.0'},
  // Ours: A- (SSL Labs' "warnings") wherever a profile-bound check fails or can fail with --preset strict.
  {
    name: 'a CBC suite beside AEAD ones caps at A-',
    scan: plus12(CBC),
    hsts: TWO_YEARS,
    grade: 'A-',
    cap: "outside Mozilla's intermediate profile",
    check: 'tls-ciphers',
  },
  {
    name: 'a static-RSA suite beside forward-secret ones caps at A-',
    scan: plus12('TLS_RSA_WITH_AES_128_GCM_SHA256'),
    hsts: TWO_YEARS,
    grade: 'A-',
    cap: 'without forward secrecy',
    check: 'forward-secrecy',
  },
  {
    name: 'the same static-RSA suite caps under old, which lists it',
    scan: plus12('TLS_RSA_WITH_AES_128_GCM_SHA256'),
    profile: 'old',
    hsts: TWO_YEARS,
    grade: 'A-',
    check: 'forward-secrecy',
  },
  {name: 'a strong suite outside the profile does not cap', scan: plus12('TLS_ECDHE_ECDSA_WITH_AES_128_CCM'), hsts: TWO_YEARS, grade: 'A+'},
  {
    name: 'TLS 1.2 caps at A- under modern, which is TLS 1.3 only',
    profile: 'modern',
    hsts: TWO_YEARS,
    grade: 'A-',
    cap: 'TLS 1.2 offered',
    check: 'tls-protocols',
  },
  {
    name: 'no TLS 1.3 caps at A- under modern',
    scan: tlsScan({'TLSv1.3': []}),
    profile: 'modern',
    hsts: TWO_YEARS,
    grade: 'A-',
    cap: 'TLS 1.3 not offered',
    check: 'tls-protocols',
  },
  {name: 'TLS 1.3 alone gets A+ under modern', scan: tlsScan({'TLSv1.2': []}), profile: 'modern', hsts: TWO_YEARS, grade: 'A+'},
];

describe('gradeTls', () => {
  it.each(cases)('$name', ({scan, cert, hsts, profile, grade, cap, check, score}) => {
    const result = gradeTls(scan ?? tlsScan(), cert ?? tlsCert(), hsts, profile);
    expect(result?.grade).toBe(grade);
    if (cap !== undefined) expect(result?.caps.join('\n')).toContain(cap);
    if (check !== undefined) expect(result?.cappedBy.filter((c) => c.grade === grade).map((c) => c.check)).toContain(check);
    if (score !== undefined) expect(result?.score).toBe(score);
    // The caps as text and as data say the same, in the same order.
    expect(result?.caps).toEqual(result?.cappedBy.map((c) => `${c.grade}: ${c.reason}`));
  });

  it('lists no cap for a configuration that earns A+', () => {
    expect(gradeTls(tlsScan(), tlsCert(), TWO_YEARS)?.caps).toEqual([]);
  });

  it.each([
    ['the scan is missing', undefined, tlsCert()],
    ['the certificate is missing', tlsScan(), undefined],
    ['the handshake produced no certificate', tlsScan(), tlsCert({chain: []})],
    ['the server accepted nothing', tlsScan({'TLSv1.2': [], 'TLSv1.3': []}), tlsCert()],
  ])('gives no grade when %s', (_name, scan, cert) => {
    expect(gradeTls(scan, cert)).toBeUndefined();
  });
});

/**
 * The grade and the TLS checks read the same scans: wherever tls-protocols, tls-ciphers or
 * forward-secrecy fails, under any profile and with default or strict options, the grade is below A
 * and names a cap of that check.
 */
describe('the grade agrees with the TLS checks', () => {
  const scans: [string, TlsScan][] = [
    ...cases.filter((c) => c.scan !== undefined).map((c): [string, TlsScan] => [c.name, c.scan!]),
    ['the baseline', tlsScan()],
    ['TLS 1.3 alone', tlsScan({'TLSv1.2': []})],
    ['TLS 1.2 alone', tlsScan({'TLSv1.3': []})],
    ['CBC alone on TLS 1.2 beside TLS 1.3', tlsScan({'TLSv1.2': [CBC]})],
    [
      'static RSA CBC on TLS 1.0 and 1.2',
      tlsScan({'TLSv1.0': ['TLS_RSA_WITH_AES_128_CBC_SHA'], 'TLSv1.2': [...GOOD_TLS12, 'TLS_RSA_WITH_AES_128_CBC_SHA']}),
    ],
    ['static ECDH beside strong suites', plus12('TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256')],
    ['static ECDH alone on TLS 1.2', tlsScan({'TLSv1.2': ['TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256']})],
    ['Camellia beside strong suites', plus12('TLS_RSA_WITH_CAMELLIA_128_CBC_SHA')],
    ['a strong TLS 1.3 suite outside the profiles', tlsScan({'TLSv1.3': [...GOOD_TLS13, 'TLS_AES_128_CCM_SHA256']})],
    ['single DES on TLS 1.0 only', tlsScan({'TLSv1.0': ['TLS_RSA_WITH_DES_CBC_SHA']})],
  ];
  const checks: AnyCheck[] = [tlsProtocols, tlsCiphers, forwardSecrecy];
  const runs = scans.flatMap(([name, scan]) =>
    TLS_PROFILES.flatMap((profile) => (['default', 'strict'] as const).map((preset) => ({name, scan, profile, preset}))),
  );

  it.each(runs)('$name, $profile profile, $preset options', ({scan, profile, preset}) => {
    const failing = checks
      .filter((check) => {
        // unknown, not any: AnyCheck's options are `any`, and run() takes whatever the check declared.
        const options: unknown = preset === 'strict' ? {...check.defaultOptions, ...check.strictOptions} : check.defaultOptions;
        return check.run({TlsScan: scan}, options, profileTarget(profile)).status === 'fail';
      })
      .map((check) => check.meta.id);
    const grade = gradeTls(scan, tlsCert(), TWO_YEARS, profile);
    const capped = grade !== undefined && !['A+', 'A'].includes(grade.grade);
    const named = (grade?.cappedBy ?? []).map((c) => c.check);
    expect({failing, capped: failing.length === 0 || capped, unnamed: failing.filter((id) => !named.includes(id))}).toEqual({
      failing,
      capped: true,
      unnamed: [],
    });
  });

  it('covers failures of all three checks', () => {
    const failed = new Set(
      runs.flatMap(({scan, profile}) =>
        checks.filter((check) => check.run({TlsScan: scan}, check.defaultOptions, profileTarget(profile)).status === 'fail').map((c) => c.meta.id),
      ),
    );
    expect([...failed].sort()).toEqual(['forward-secrecy', 'tls-ciphers', 'tls-protocols']);
  });
});
