import {defineCheck, inconclusive, info, outcome, warn} from '../src/core/check.js';
import {NO_CERTIFICATE} from '../src/lib/tls/cert-chain.js';

interface OcspStaplingOptions {
  /** A missing staple warns instead of being a note. */
  require: boolean;
}

const defaultOptions: OcspStaplingOptions = {require: false};

export default defineCheck({
  meta: {
    id: 'ocsp-stapling',
    family: 'tls',
    title: 'OCSP stapling meets the policy (optional unless required)',
    failureTitle: 'The server does not staple an OCSP response',
    description:
      "With stapling the server hands the client its CA's signed \"not revoked\" answer in the handshake, so the client need not ask the CA (which leaks the visit and adds a round trip) and can trust a fresh answer. Mozilla's profiles all ask for it. Certificates without an OCSP responder URL cannot be stapled: Let's Encrypt stopped including one in 2025. [RFC 6066 §8](https://www.rfc-editor.org/rfc/rfc6066#section-8)",
    fixes: {
      generic: "Have the server fetch its certificate's OCSP response and send it in the handshake.",
      stacks: {
        nginx: '`ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate /etc/letsencrypt/live/example.com/chain.pem; resolver 127.0.0.1;`',
        apache: '`SSLUseStapling on` and, outside the virtual host, `SSLStaplingCache "shmcb:logs/ssl_stapling(32768)"`',
        caddy: 'staples by default',
        node: 'answer the `OCSPRequest` event of the TLS server',
      },
    },
    severity: 'info',
    cwe: [299],
    owasp: ['A02:2021'],
    requiredArtifacts: ['TlsCertificate'],
    messages: {
      'no-certificate': NO_CERTIFICATE,
      'not-stapled':
        'The server on {{host}}:{{port}} sent no OCSP response in the handshake, so clients must ask the CA or skip the revocation check.',
    },
  },
  defaultOptions,
  strictOptions: {require: true},
  run({TlsCertificate}, options) {
    const data = {host: TlsCertificate.host, port: TlsCertificate.port};
    // A staple vouches for a certificate: without one, neither its presence nor its absence means anything.
    if (TlsCertificate.chain.length === 0) return outcome([inconclusive('no-certificate', data)]);
    if (TlsCertificate.ocspStapled) return outcome([]);
    return outcome([options.require ? warn('not-stapled', data) : info('not-stapled', data)]);
  },
});
