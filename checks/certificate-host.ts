import {defineCheck, fail, inconclusive, outcome} from '../src/core/check.js';
import {NO_CERTIFICATE} from '../src/lib/tls/cert-chain.js';

/** Names quoted in a finding; a certificate may carry hundreds, and they come from the server. */
const MAX_NAMES = 10;

function listNames(names: readonly string[]): string {
  if (names.length === 0) return 'no subjectAltName at all';
  const shown = names.slice(0, MAX_NAMES).join(', ');
  return names.length > MAX_NAMES ? `${shown} and ${names.length - MAX_NAMES} more` : shown;
}

export default defineCheck({
  meta: {
    id: 'certificate-host',
    family: 'tls',
    title: 'The certificate names the host',
    failureTitle: 'The certificate does not name the host',
    description:
      "A client accepts a certificate only for the names in its subjectAltName extension (the subject's common name has been ignored by browsers since 2017). A certificate for another name fails every connection as loudly as an untrusted one. [RFC 9525](https://www.rfc-editor.org/rfc/rfc9525)",
    fixes: {
      generic:
        'Get a certificate whose subjectAltName lists every name the site is reached by, e.g. `certbot certonly -d example.com -d www.example.com`, and serve the right one for each name.',
      stacks: {
        nginx: 'picks it by `server_name` (SNI), so give every `server` block its own `ssl_certificate`',
        apache: '`SSLCertificateFile` in each `<VirtualHost>` with its `ServerName`',
        node: '`SNICallback` or one `https.createServer` per name',
      },
    },
    severity: 'critical',
    cwe: [297],
    owasp: ['A07:2021', 'A02:2021'],
    requiredArtifacts: ['TlsCertificate'],
    messages: {
      'no-certificate': NO_CERTIFICATE,
      mismatch: 'The certificate served for {{host}} is for {{names}} (subject "{{subject}}"); clients reject it for {{host}}.',
    },
  },
  defaultOptions: {},
  run({TlsCertificate}) {
    const leaf = TlsCertificate.chain[0];
    if (!leaf) return outcome([inconclusive('no-certificate', {host: TlsCertificate.host, port: TlsCertificate.port})]);
    if (TlsCertificate.hostnameMatches) return outcome([]);
    return outcome([fail('mismatch', {host: TlsCertificate.host, names: listNames(leaf.subjectAltNames), subject: leaf.subject})]);
  },
});
