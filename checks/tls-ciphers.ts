import {defineCheck, fail, inconclusive, info, outcome, warn} from '../src/core/check.js';
import type {Finding, TlsProfile, TlsProtocolScan, TlsVersion} from '../src/core/types.js';
import {MOZILLA_PROFILES, suiteProblem, type MozillaProfile} from '../src/lib/tls/mozilla.js';
import {isStrong, suiteTraits, versionsWithStrongSuite, type Weakness} from '../src/lib/tls/traits.js';
import {acceptedSuites, NOTHING_OFFERED, offeredProtocols, type AcceptedSuite} from '../src/lib/tls/offer.js';

interface TlsCiphersOptions {
  /** CBC suites accepted beside forward-secret AEAD ones fail instead of warning (the strict preset sets it). */
  failLegacySuites: boolean;
}

const defaultOptions: TlsCiphersOptions = {failLegacySuites: false};

const messages = {
  'nothing-offered': NOTHING_OFFERED,
  'no-suites': 'The scan found versions offered but no suite accepted on any of them, so the suites cannot be judged.',
  null: '{{suite}} is accepted on {{protocols}}: it does not encrypt at all.',
  anonymous: '{{suite}} is accepted on {{protocols}}: it does not authenticate the server, so anyone in the middle can impersonate it.',
  export:
    '{{suite}} is accepted on {{protocols}}: it is export grade (40- or 56-bit keys, 512-bit key exchange), which FREAK and Logjam break in minutes.',
  rc4: "{{suite}} is accepted on {{protocols}}: RC4's keystream biases leak plaintext, and RFC 7465 forbids it in every TLS version.",
  des: '{{suite}} is accepted on {{protocols}}: single DES has a 56-bit key that a brute-force search finds in about a day.',
  '3des': '{{suite}} is accepted on {{protocols}}: 3DES has 64-bit blocks, and Sweet32 recovers cookies after about 32 GB under one key.',
  cbc: '{{suite}} is accepted on {{protocols}}: a CBC suite (Lucky13, padding oracles), and the {{profile}} profile keeps no CBC suite.',
  'not-in-profile': "{{suite}} is accepted on {{protocols}} but is not in Mozilla's {{profile}} profile.",
  'strong-not-in-profile':
    "{{suite}} is accepted on {{protocols}}; it is forward secret and AEAD, but not in Mozilla's {{profile}} profile, whose clients never need it.",
  'client-order':
    "On {{protocol}} the client picks the suite although the server also accepts weaker ones; enforce the server's order or drop the weak suites.",
  'client-order-profile':
    "On {{protocol}} the client picks the suite; Mozilla's old profile has the server choose, as its list is ordered strongest first.",
  'client-order-strong': 'On {{protocol}} the client picks the suite; every suite accepted there is strong, as Mozilla recommends.',
} as const;
type Id = keyof typeof messages;

const WEAKNESS_ID: Readonly<Record<Weakness, Id>> = {
  NULL: 'null',
  anonymous: 'anonymous',
  EXPORT: 'export',
  RC4: 'rc4',
  DES: 'des',
  '3DES': '3des',
};

interface Judging {
  readonly profile: MozillaProfile;
  readonly profileName: TlsProfile;
  /** The versions that also accept a forward-secret AEAD suite. */
  readonly strongOn: ReadonlySet<TlsVersion>;
  /** Whether a CBC suite beside strong ones fails: the strict preset, or the modern profile, which has no place for one. */
  readonly failLegacy: boolean;
}

function judgeSuite(accepted: AcceptedSuite, j: Judging): Finding<Id> | undefined {
  const data = {suite: accepted.name, protocols: accepted.versions.join(', ')};
  const problem = suiteProblem(j.profile, accepted);
  if (problem === undefined) return undefined;
  const context = {...data, profile: j.profileName};
  switch (problem) {
    case 'cbc': {
      // Beside a strong suite on each of its versions, only a client that has none of the strong ones ends up on CBC.
      const besideStrong = accepted.versions.every((v) => j.strongOn.has(v));
      return besideStrong && !j.failLegacy ? warn('cbc', context) : fail('cbc', context);
    }
    case 'not-in-profile':
      return fail('not-in-profile', context);
    case 'strong-not-in-profile':
      return warn('strong-not-in-profile', context);
    default:
      return fail(WEAKNESS_ID[problem], data);
  }
}

/** A server that lets the client choose is fine only when every suite it accepts is one worth choosing. */
function judgeOrder(protocol: TlsProtocolScan, profile: MozillaProfile): Finding<Id>[] {
  if (protocol.serverPreference !== false) return [];
  const data = {protocol: protocol.version};
  if (protocol.suites.some((s) => !isStrong(suiteTraits(s.name)))) return [warn('client-order', data)];
  if (profile.serverPreferredOrder) return [warn('client-order-profile', data)];
  return [info('client-order-strong', data)];
}

export default defineCheck({
  meta: {
    id: 'tls-ciphers',
    family: 'tls',
    title: 'Only strong cipher suites are accepted',
    failureTitle: 'Weak or unlisted cipher suites are accepted',
    description:
      "Every suite a server accepts is one some client may end up with. NULL, anonymous, export, RC4, DES and 3DES suites are broken outright and fail under every profile (export ones can even be forced on clients that never offered them: FREAK, Logjam). CBC suites keep suffering padding-oracle attacks (Lucky13), so Mozilla's modern and intermediate profiles drop them. A CBC suite warns when every version that accepts it also accepts a forward-secret AEAD suite: only a client that has none of those picks it, and the Finished messages stop an attacker from swapping the suite (RFC 5246 §7.4.9). It fails on a version without such a suite (TLS 1.0 and 1.1 have none; a TLS 1.2 client never gets a TLS 1.3 suite), under the modern profile and with `--preset strict`. Suites without forward secrecy (static RSA, static ECDH) are reported by forward-secrecy alone, never twice. Judged against the Mozilla profile chosen with `--tls-profile`. [Mozilla Server Side TLS](https://wiki.mozilla.org/Security/Server_Side_TLS)",
    fixes: {
      generic: "List the profile's suites and nothing else (intermediate shown; modern has no TLS 1.2 suites), and let the client choose among them.",
      stacks: {
        nginx:
          '`ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305;` and `ssl_prefer_server_ciphers off;`',
        apache: '`SSLCipherSuite` with the nginx list and `SSLHonorCipherOrder off`',
        caddy:
          '`tls { ciphers TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 }`',
        node: "`https.createServer({ciphers: '<the nginx list>', honorCipherOrder: false, …})`",
      },
      note: 'Keep server order (`ssl_prefer_server_ciphers on;`) only while weaker suites must stay for old clients.',
    },
    severity: 'high',
    cwe: [327, 326],
    owasp: ['A02:2021'],
    requiredArtifacts: ['TlsScan'],
    messages,
  },
  defaultOptions,
  strictOptions: {failLegacySuites: true},
  run({TlsScan}, options, target) {
    if (offeredProtocols(TlsScan).length === 0) return outcome([inconclusive('nothing-offered', {host: TlsScan.host, port: TlsScan.port})]);
    const suites = acceptedSuites(TlsScan);
    if (suites.length === 0) return outcome([inconclusive('no-suites')]);
    const profile = MOZILLA_PROFILES[target.tlsProfile];
    const judging: Judging = {
      profile,
      profileName: target.tlsProfile,
      strongOn: versionsWithStrongSuite(TlsScan.protocols),
      failLegacy: options.failLegacySuites || target.tlsProfile === 'modern',
    };
    const findings: Finding<Id>[] = [];
    for (const accepted of suites) {
      const finding = judgeSuite(accepted, judging);
      if (finding) findings.push(finding);
    }
    for (const protocol of offeredProtocols(TlsScan)) findings.push(...judgeOrder(protocol, profile));
    return outcome(findings);
  },
});
