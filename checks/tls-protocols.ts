import {defineCheck, fail, inconclusive, outcome, warn} from '../src/core/check.js';
import type {Finding, TlsVersion} from '../src/core/types.js';
import {MOZILLA_PROFILES} from '../src/lib/mozilla-tls.js';
import {NOTHING_OFFERED, offeredProtocols} from '../src/lib/tls-offer.js';

/** RFC 8996 deprecates these; Mozilla's old profile alone still lists them. */
const DEPRECATED: readonly TlsVersion[] = ['TLSv1.0', 'TLSv1.1'];

export default defineCheck({
  meta: {
    id: 'tls-protocols',
    family: 'tls',
    title: 'Only current TLS versions are offered',
    failureTitle: 'Obsolete or missing TLS versions',
    description:
      'Every protocol version a server accepts is one an attacker can downgrade a connection to. SSL 2.0 and 3.0 are broken (DROWN, POODLE), TLS 1.0 and 1.1 are deprecated, and TLS 1.2 is what most clients still speak; TLS 1.3 removes a round trip and every legacy suite. Verdicts follow the Mozilla profile chosen with `--tls-profile`. [RFC 8996](https://www.rfc-editor.org/rfc/rfc8996)',
    remediation:
      'Offer TLS 1.2 and 1.3 only (TLS 1.3 only for the modern profile). nginx: `ssl_protocols TLSv1.2 TLSv1.3;` · Apache: `SSLProtocol -all +TLSv1.2 +TLSv1.3` · Caddy: `tls { protocols tls1.2 tls1.3 }` · Node: `https.createServer({minVersion: \'TLSv1.2\', maxVersion: \'TLSv1.3\', …})`. A load balancer or CDN in front decides instead: pick its TLS 1.2+ security policy.',
    severity: 'high',
    requiredArtifacts: ['TlsScan'],
    messages: {
      'nothing-offered': NOTHING_OFFERED,
      'ssl-offered': '{{protocol}} is offered; it is broken (DROWN breaks SSL 2.0, POODLE SSL 3.0) and no current client needs it.',
      deprecated: '{{protocol}} is offered; RFC 8996 deprecates TLS 1.0 and 1.1, and Mozilla\'s {{profile}} profile allows only {{allowed}}.',
      'not-in-profile': '{{protocol}} is offered, but Mozilla\'s {{profile}} profile allows only {{allowed}}.',
      'no-tls12': 'TLS 1.2 is not offered; most clients still need it, and Mozilla\'s {{profile}} profile requires it.',
      'no-tls13': 'TLS 1.3 is not offered: every handshake costs an extra round trip and keeps the TLS 1.2 suite negotiation.',
      'tls13-required': 'TLS 1.3 is not offered; Mozilla\'s modern profile is TLS 1.3 only.',
    },
  },
  defaultOptions: {},
  run({TlsScan}, _options, target) {
    const offered = offeredProtocols(TlsScan).map((p) => p.version);
    if (offered.length === 0) return outcome([inconclusive('nothing-offered', {host: TlsScan.host, port: TlsScan.port})]);
    const profile = MOZILLA_PROFILES[target.tlsProfile];
    const context = {profile: target.tlsProfile, allowed: profile.tlsVersions.join(', ')};
    const findings: Finding[] = [];
    for (const protocol of offered) {
      if (protocol === 'SSLv2' || protocol === 'SSLv3') findings.push(fail('ssl-offered', {protocol}));
      else if (!profile.tlsVersions.includes(protocol)) {
        findings.push(fail(DEPRECATED.includes(protocol) ? 'deprecated' : 'not-in-profile', {protocol, ...context}));
      }
    }
    if (profile.tlsVersions.includes('TLSv1.2') && !offered.includes('TLSv1.2')) findings.push(fail('no-tls12', context));
    if (!offered.includes('TLSv1.3')) {
      // TLS 1.3 is the whole of the modern profile; elsewhere its absence costs speed, not safety.
      findings.push(target.tlsProfile === 'modern' ? fail('tls13-required') : warn('no-tls13'));
    }
    return outcome(findings);
  },
});
