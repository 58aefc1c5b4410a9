import {defineCheck, fail, inconclusive, info, outcome, warn} from '../src/core/check.js';
import type {Finding, TlsProfile, TlsProtocolScan} from '../src/core/types.js';
import {MOZILLA_PROFILES, profileAllowsSuite, type MozillaProfile} from '../src/lib/mozilla-tls.js';
import {suiteTraits, weakness, type SuiteTraits, type Weakness} from '../src/lib/suite-traits.js';
import {acceptedSuites, NOTHING_OFFERED, offeredProtocols, type AcceptedSuite} from '../src/lib/tls-offer.js';

const WEAKNESS_ID: Readonly<Record<Weakness, string>> = {
  NULL: 'null',
  anonymous: 'anonymous',
  EXPORT: 'export',
  RC4: 'rc4',
  DES: 'des',
  '3DES': '3des',
};

/** Forward secret and AEAD: the only suites Mozilla's modern and intermediate profiles keep. */
const strong = (t: SuiteTraits): boolean => t.forwardSecret && t.mode === 'aead';

/** Whether the profile keeps any suite of a kind, read from its own list, so the data decides and not this file. */
const profileKeeps = (profile: MozillaProfile, kind: (t: SuiteTraits) => boolean): boolean =>
  profile.ciphers.some((name) => kind(suiteTraits(name)));

function judgeSuite(accepted: AcceptedSuite, profile: MozillaProfile, profileName: TlsProfile): Finding | undefined {
  const data = {suite: accepted.name, protocols: accepted.versions.join(', ')};
  const broken = weakness(accepted.traits);
  if (broken) return fail(WEAKNESS_ID[broken], data);
  if (accepted.versions.every((v) => profileAllowsSuite(profile, v, accepted.name))) return undefined;
  const context = {...data, profile: profileName};
  if (accepted.traits.kx === 'RSA' && !profileKeeps(profile, (t) => t.kx === 'RSA')) return fail('static-rsa', context);
  if (accepted.traits.mode === 'cbc' && !profileKeeps(profile, (t) => t.mode === 'cbc')) return fail('cbc', context);
  return strong(accepted.traits) ? warn('strong-not-in-profile', context) : fail('not-in-profile', context);
}

/** A server that lets the client choose is fine only when every suite it accepts is one worth choosing. */
function judgeOrder(protocol: TlsProtocolScan, profile: MozillaProfile): Finding[] {
  if (protocol.serverPreference !== false) return [];
  const data = {protocol: protocol.version};
  if (protocol.suites.some((s) => !strong(suiteTraits(s.name)))) return [warn('client-order', data)];
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
      'A client and an attacker in the middle can both steer a handshake to any suite the server accepts, so one weak suite weakens every connection. NULL, anonymous, export, RC4, DES and 3DES suites are broken outright; static-RSA key exchange has no forward secrecy and CBC suites keep suffering padding-oracle attacks, so the modern and intermediate profiles drop them. Judged against the Mozilla profile chosen with `--tls-profile`. [Mozilla Server Side TLS](https://wiki.mozilla.org/Security/Server_Side_TLS)',
    remediation:
      'List the profile\'s suites and nothing else (intermediate shown; modern has no TLS 1.2 suites). nginx: `ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305;` and `ssl_prefer_server_ciphers off;` · Apache: `SSLCipherSuite` with the same list and `SSLHonorCipherOrder off` · Caddy: `tls { ciphers TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 }` · Node: `https.createServer({ciphers: \'<the nginx list>\', honorCipherOrder: false, …})`. Keep server order (`ssl_prefer_server_ciphers on;`) only while weaker suites must stay for old clients.',
    severity: 'high',
    requiredArtifacts: ['TlsScan'],
    messages: {
      'nothing-offered': NOTHING_OFFERED,
      'no-suites': 'The scan found versions offered but no suite accepted on any of them, so the suites cannot be judged.',
      null: '{{suite}} is accepted on {{protocols}}: it does not encrypt at all.',
      anonymous: '{{suite}} is accepted on {{protocols}}: it does not authenticate the server, so anyone in the middle can impersonate it.',
      export: '{{suite}} is accepted on {{protocols}}: it is export grade (40- or 56-bit keys, 512-bit key exchange), which FREAK and Logjam break in minutes.',
      rc4: '{{suite}} is accepted on {{protocols}}: RC4\'s keystream biases leak plaintext, and RFC 7465 forbids it in every TLS version.',
      des: '{{suite}} is accepted on {{protocols}}: single DES has a 56-bit key that a brute-force search finds in about a day.',
      '3des': '{{suite}} is accepted on {{protocols}}: 3DES has 64-bit blocks, and Sweet32 recovers cookies after about 32 GB under one key.',
      'static-rsa':
        '{{suite}} is accepted on {{protocols}}: its static-RSA key exchange has no forward secrecy (a stolen key decrypts recorded traffic), and the {{profile}} profile keeps no such suite.',
      cbc: '{{suite}} is accepted on {{protocols}}: a CBC suite (Lucky13, padding oracles), and the {{profile}} profile keeps no CBC suite.',
      'not-in-profile': '{{suite}} is accepted on {{protocols}} but is not in Mozilla\'s {{profile}} profile.',
      'strong-not-in-profile':
        '{{suite}} is accepted on {{protocols}}; it is forward secret and AEAD, but not in Mozilla\'s {{profile}} profile, whose clients never need it.',
      'client-order':
        'On {{protocol}} the client picks the suite although the server also accepts weaker ones; enforce the server\'s order or drop the weak suites.',
      'client-order-profile': 'On {{protocol}} the client picks the suite; Mozilla\'s old profile has the server choose, as its list is ordered strongest first.',
      'client-order-strong': 'On {{protocol}} the client picks the suite; every suite accepted there is strong, as Mozilla recommends.',
    },
  },
  defaultOptions: {},
  run({TlsScan}, _options, target) {
    if (offeredProtocols(TlsScan).length === 0) return outcome([inconclusive('nothing-offered', {host: TlsScan.host, port: TlsScan.port})]);
    const suites = acceptedSuites(TlsScan);
    if (suites.length === 0) return outcome([inconclusive('no-suites')]);
    const profile = MOZILLA_PROFILES[target.tlsProfile];
    const findings: Finding[] = [];
    for (const accepted of suites) {
      const finding = judgeSuite(accepted, profile, target.tlsProfile);
      if (finding) findings.push(finding);
    }
    for (const protocol of offeredProtocols(TlsScan)) findings.push(...judgeOrder(protocol, profile));
    return outcome(findings);
  },
});
