import {defineCheck, fail, inconclusive, outcome, warn} from '../src/core/check.js';
import {versionsWithStrongSuite} from '../src/lib/tls/traits.js';
import {acceptedSuites} from '../src/lib/tls/offer.js';

interface ForwardSecrecyOptions {
  /** Suites without forward secrecy accepted beside forward-secret AEAD ones fail instead of warning (the strict preset sets it). */
  failLegacySuites: boolean;
}

const defaultOptions: ForwardSecrecyOptions = {failLegacySuites: false};

export default defineCheck({
  meta: {
    id: 'forward-secrecy',
    family: 'tls',
    title: 'Every accepted suite has forward secrecy',
    failureTitle: 'Suites without forward secrecy are accepted',
    description:
      "With an ephemeral key exchange (ECDHE, DHE, or any TLS 1.3 suite) each session key is thrown away, so a server key stolen or subpoenaed later cannot decrypt traffic recorded today. Static RSA and static (EC)DH suites reuse the server's long-term key for every session. Such a suite warns when every version that accepts it also accepts a forward-secret AEAD suite: only a client that has none of those picks it, and the Finished messages stop an attacker from swapping the suite (RFC 5246 §7.4.9). It fails on a version without such a suite (TLS 1.0 and 1.1 have none; a TLS 1.2 client never gets a TLS 1.3 suite), so a server without forward secrecy fails, and it fails under the modern profile and with `--preset strict`. This check alone reports a suite for its key exchange; tls-ciphers judges the rest of it. [RFC 9325 §6.3](https://www.rfc-editor.org/rfc/rfc9325#section-6.3)",
    fixes: {
      generic:
        'Accept only ECDHE, DHE and TLS 1.3 suites: drop every suite whose OpenSSL name lacks `ECDHE-`/`DHE-` (`AES128-SHA`, `AES256-GCM-SHA384`, `ECDH-ECDSA-…` …).',
      stacks: {
        nginx:
          '`ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;`',
        apache: '`SSLCipherSuite` with the same list',
        node: '`ciphers:` with the same list',
      },
    },
    severity: 'medium',
    cwe: [327],
    owasp: ['A02:2021'],
    requiredArtifacts: ['TlsScan'],
    messages: {
      'none-accepted': 'The scan found no accepted suite on {{host}}:{{port}}, so forward secrecy cannot be judged.',
      'no-forward-secrecy':
        "{{suite}} is accepted on {{protocols}} and has no forward secrecy: whoever obtains the server's private key can decrypt sessions that used it.",
    },
  },
  defaultOptions,
  strictOptions: {failLegacySuites: true},
  run({TlsScan}, options, target) {
    const suites = acceptedSuites(TlsScan);
    if (suites.length === 0) return outcome([inconclusive('none-accepted', {host: TlsScan.host, port: TlsScan.port})]);
    const strongOn = versionsWithStrongSuite(TlsScan.protocols);
    // Mozilla's modern profile keeps no suite without forward secrecy, so there it fails whatever else is accepted.
    const failBeside = options.failLegacySuites || target.tlsProfile === 'modern';
    return outcome(
      suites
        .filter((s) => !s.traits.forwardSecret)
        .map((s) => {
          const data = {suite: s.name, protocols: s.versions.join(', ')};
          const besideStrong = s.versions.every((v) => strongOn.has(v));
          return besideStrong && !failBeside ? warn('no-forward-secrecy', data) : fail('no-forward-secrecy', data);
        }),
    );
  },
});
