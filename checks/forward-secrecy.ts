import {defineCheck, fail, inconclusive, outcome} from '../src/core/check.js';
import {acceptedSuites} from '../src/lib/tls-offer.js';

export default defineCheck({
  meta: {
    id: 'forward-secrecy',
    family: 'tls',
    title: 'Every accepted suite has forward secrecy',
    failureTitle: 'Suites without forward secrecy are accepted',
    description:
      'With an ephemeral key exchange (ECDHE, DHE, or any TLS 1.3 suite) each session key is thrown away, so a server key stolen or subpoenaed later cannot decrypt traffic recorded today. Static RSA and static (EC)DH suites reuse the server\'s long-term key for every session, and an attacker can steer a handshake to them whenever the server accepts them. [RFC 9325 §6.3](https://www.rfc-editor.org/rfc/rfc9325#section-6.3)',
    remediation:
      'Accept only ECDHE, DHE and TLS 1.3 suites: drop every suite whose OpenSSL name lacks `ECDHE-`/`DHE-` (`AES128-SHA`, `AES256-GCM-SHA384`, `ECDH-ECDSA-…` …). nginx: `ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;` · Apache: `SSLCipherSuite` with the same list · Node: `ciphers:` with the same list.',
    severity: 'medium',
    requiredArtifacts: ['TlsScan'],
    messages: {
      'none-accepted': 'The scan found no accepted suite on {{host}}:{{port}}, so forward secrecy cannot be judged.',
      'no-forward-secrecy':
        '{{suite}} is accepted on {{protocols}} and has no forward secrecy: whoever obtains the server\'s private key can decrypt sessions that used it.',
    },
  },
  defaultOptions: {},
  run({TlsScan}) {
    const suites = acceptedSuites(TlsScan);
    if (suites.length === 0) return outcome([inconclusive('none-accepted', {host: TlsScan.host, port: TlsScan.port})]);
    return outcome(
      suites
        .filter((s) => !s.traits.forwardSecret)
        .map((s) => fail('no-forward-secrecy', {suite: s.name, protocols: s.versions.join(', ')})),
    );
  },
});
