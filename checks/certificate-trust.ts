import {defineCheck, fail, inconclusive, outcome, warn} from '../src/core/check.js';
import {NO_CERTIFICATE} from '../src/lib/tls/cert-chain.js';

export default defineCheck({
  meta: {
    id: 'certificate-trust',
    family: 'tls',
    title: 'The certificate chains to a trusted root',
    failureTitle: 'The certificate is not trusted',
    description:
      'Browsers and API clients accept a certificate only when every link from it to a root in their store verifies and is in date. Without that, users see a full-page warning or the connection fails, and anyone in the middle can present a certificate of their own. A chain that verifies only because the client fetches or caches a missing intermediate works in some browsers and fails in curl, Java, Python and mobile apps. [RFC 5280 §6](https://www.rfc-editor.org/rfc/rfc5280#section-6)',
    fixes: {
      generic:
        "Serve a certificate from a publicly trusted CA (Let's Encrypt issues them free via ACME) together with its intermediates, leaf first.",
      stacks: {
        nginx: '`ssl_certificate /etc/letsencrypt/live/example.com/fullchain.pem;` (not `cert.pem`)',
        apache: '(2.4.8+) `SSLCertificateFile /etc/letsencrypt/live/example.com/fullchain.pem`',
        node: "`https.createServer({cert: fs.readFileSync('fullchain.pem'), key: …})`",
      },
      note: 'Check with `openssl s_client -connect example.com:443 -servername example.com -showcerts`.',
    },
    severity: 'critical',
    cwe: [295],
    owasp: ['A07:2021', 'A02:2021'],
    requiredArtifacts: ['TlsCertificate'],
    messages: {
      'no-certificate': NO_CERTIFICATE,
      'self-signed': 'The certificate "{{subject}}" is self-signed; no client trusts it unless told to.',
      'unknown-issuer': 'The certificate "{{subject}}" chains to "{{issuer}}", which is not a trusted root and leads to none.',
      'incomplete-chain':
        'The server sends "{{subject}}" without the intermediate certificate of "{{issuer}}", and no trusted root can be reached from what it sends.',
      'bad-signature': 'A signature in the chain of "{{subject}}" does not verify: a certificate was altered or does not belong to its issuer.',
      'expired-in-chain': 'A certificate in the chain of "{{subject}}" has expired, so the chain no longer verifies.',
      'not-yet-valid-in-chain':
        'A certificate in the chain of "{{subject}}" is not valid yet (or the server\'s clock is wrong), so the chain does not verify.',
      untrusted: 'The certificate "{{subject}}" does not chain to a trusted root.',
      'incomplete-as-sent':
        'The chain of "{{subject}}" verifies only with intermediates the server does not send; browsers that cache them connect, while curl, Java, Python and many apps fail.',
    },
  },
  defaultOptions: {},
  run({TlsCertificate}) {
    const leaf = TlsCertificate.chain[0];
    const data = {subject: leaf?.subject ?? '(no certificate)', issuer: leaf?.issuer ?? '(no certificate)'};
    const {trusted, problem, completeAsSent} = TlsCertificate.trust;
    if (!trusted) return outcome([fail(problem ?? 'untrusted', data)]);
    // A trusted verdict needs a certificate it was reached for; without one there is nothing to pass.
    if (!leaf) return outcome([inconclusive('no-certificate', {host: TlsCertificate.host, port: TlsCertificate.port})]);
    return outcome(completeAsSent ? [] : [warn('incomplete-as-sent', data)]);
  },
});
