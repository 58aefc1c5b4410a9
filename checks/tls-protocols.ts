import {defineCheck, fail, inconclusive, info, outcome, warn} from '../src/core/check.js';
import type {Finding, TlsVersion} from '../src/core/types.js';
import {MOZILLA_PROFILES} from '../src/lib/tls/mozilla.js';
import {NOTHING_OFFERED, offeredProtocols} from '../src/lib/tls/offer.js';

/** RFC 8996 deprecates these; Mozilla's old profile alone still lists them. */
const DEPRECATED: readonly TlsVersion[] = ['TLSv1.0', 'TLSv1.1'];

const messages = {
  'nothing-offered': NOTHING_OFFERED,
  'ssl-offered': '{{protocol}} is offered; it is broken (DROWN breaks SSL 2.0, POODLE SSL 3.0) and no current client needs it.',
  deprecated: "{{protocol}} is offered; RFC 8996 deprecates TLS 1.0 and 1.1, and Mozilla's {{profile}} profile allows only {{allowed}}.",
  'not-in-profile': "{{protocol}} is offered, but Mozilla's {{profile}} profile allows only {{allowed}}.",
  'no-tls12':
    "Neither TLS 1.2 nor TLS 1.3 is offered; browsers stopped connecting with TLS 1.0 or 1.1 in 2020, and Mozilla's {{profile}} profile requires TLS 1.2.",
  'tls13-only':
    "Only TLS 1.3 is offered, beyond what Mozilla's {{profile}} profile asks; clients without TLS 1.3 cannot connect, among them the profile's oldest: {{clients}}.",
  'no-tls13': 'TLS 1.3 is not offered: every handshake costs an extra round trip and keeps the TLS 1.2 suite negotiation.',
  'tls13-required': "TLS 1.3 is not offered; Mozilla's modern profile is TLS 1.3 only.",
} as const;
type Id = keyof typeof messages;

export default defineCheck({
  meta: {
    id: 'tls-protocols',
    family: 'tls',
    title: 'Only current TLS versions are offered',
    failureTitle: 'Obsolete or missing TLS versions',
    description:
      'Every protocol version a server accepts is one an attacker can downgrade a connection to. SSL 2.0 and 3.0 are broken (DROWN, POODLE), TLS 1.0 and 1.1 are deprecated, and TLS 1.3 removes a round trip and every legacy suite. Verdicts follow the Mozilla profile chosen with `--tls-profile`, whose version list is the most a server may offer, not the least: a TLS 1.3-only server passes under intermediate and old with a note, because it is as strong as the modern profile and gives up only compatibility (clients without TLS 1.3, which include every one of the oldest clients Mozilla names for those profiles, e.g. Firefox 27, Chrome 31, Safari 9 and IE 11 on Windows 7 for intermediate), just as old does not require TLS 1.0. Offering neither TLS 1.2 nor 1.3 fails. [RFC 8996](https://www.rfc-editor.org/rfc/rfc8996)',
    fixes: {
      generic: 'Offer TLS 1.2 and 1.3 only (TLS 1.3 only for the modern profile).',
      stacks: {
        nginx: '`ssl_protocols TLSv1.2 TLSv1.3;`',
        apache: '`SSLProtocol -all +TLSv1.2 +TLSv1.3`',
        caddy: '`tls { protocols tls1.2 tls1.3 }`',
        node: "`https.createServer({minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', …})`",
      },
      note: 'A load balancer or CDN in front decides instead: pick its TLS 1.2+ security policy.',
    },
    severity: 'high',
    cwe: [327, 326],
    owasp: ['A02:2021'],
    requiredArtifacts: ['TlsScan'],
    messages,
  },
  defaultOptions: {},
  run({TlsScan}, _options, target) {
    const offered = offeredProtocols(TlsScan).map((p) => p.version);
    if (offered.length === 0) return outcome([inconclusive('nothing-offered', {host: TlsScan.host, port: TlsScan.port})]);
    const profile = MOZILLA_PROFILES[target.tlsProfile];
    const context = {profile: target.tlsProfile, allowed: profile.tlsVersions.join(', ')};
    const findings: Finding<Id>[] = [];
    for (const protocol of offered) {
      if (protocol === 'SSLv2' || protocol === 'SSLv3') findings.push(fail('ssl-offered', {protocol}));
      else if (!profile.tlsVersions.includes(protocol)) {
        findings.push(fail(DEPRECATED.includes(protocol) ? 'deprecated' : 'not-in-profile', {protocol, ...context}));
      }
    }
    if (profile.tlsVersions.includes('TLSv1.2') && !offered.includes('TLSv1.2')) {
      findings.push(
        offered.includes('TLSv1.3')
          ? info('tls13-only', {profile: target.tlsProfile, clients: profile.oldestClients.join(', ')})
          : fail('no-tls12', {profile: target.tlsProfile}),
      );
    }
    if (!offered.includes('TLSv1.3')) {
      // TLS 1.3 is the whole of the modern profile; elsewhere its absence costs speed, not safety.
      findings.push(target.tlsProfile === 'modern' ? fail('tls13-required') : warn('no-tls13'));
    }
    return outcome(findings);
  },
});
