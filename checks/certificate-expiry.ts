import {defineCheck, fail, inconclusive, outcome, warn} from '../src/core/check.js';
import type {Finding} from '../src/core/types.js';
import {daysBetween, NO_CERTIFICATE} from '../src/lib/tls/cert-chain.js';
import {MOZILLA_PROFILES} from '../src/lib/tls/mozilla.js';

interface CertificateExpiryOptions {
  /** Fewer days than this left before notAfter warns. */
  warnDays: number;
  /** A lifetime above the profile's maximum fails instead of warning. */
  failLongLifetime: boolean;
}

const defaultOptions: CertificateExpiryOptions = {
  // certbot and Caddy renew with 30 days left, so fewer means automated renewal failed or was never set up.
  warnDays: 30,
  failLongLifetime: false,
};

const messages = {
  'no-certificate': NO_CERTIFICATE,
  'unreadable-dates': "The certificate's validity dates ({{notBefore}} to {{notAfter}}) could not be read, so expiry cannot be judged.",
  expired: 'The certificate expired on {{notAfter}}, {{days}} days before the scan; every client rejects it.',
  'not-yet-valid': "The certificate is not valid until {{notBefore}}; every client rejects it until then (or the CA's or server's clock is wrong).",
  expiring: 'The certificate expires on {{notAfter}}, in {{days}} days; renewal should have happened by now.',
  lifetime:
    "The certificate is valid for {{days}} whole days ({{exact}} days, {{notBefore}} to {{notAfter}}), more than the {{maximum}} days Mozilla's {{profile}} profile allows.",
} as const;
type Id = keyof typeof messages;

export default defineCheck({
  meta: {
    id: 'certificate-expiry',
    family: 'tls',
    title: 'The certificate is in date',
    failureTitle: 'The certificate is out of date or expiring',
    description:
      "An expired or not-yet-valid certificate fails every connection. Expiring soon usually means renewal automation is broken, and a long lifetime means a compromised key stays usable for longer: Mozilla's profiles cap it at 366 days (90 for modern), counted in whole days from notBefore to notAfter as sslyze counts them, and browsers reject public certificates valid for more than 398 days. Dates are judged against the moment of the scan. [CA/B Forum Baseline Requirements](https://cabforum.org/working-groups/server/baseline-requirements/documents/)",
    fixes: {
      generic: "Automate renewal over ACME and reload the server afterwards, and ask for 90-day certificates (Let's Encrypt's default).",
      stacks: {
        nginx: '`certbot renew --deploy-hook "systemctl reload nginx"` from the packaged systemd timer',
        apache: '`certbot renew --deploy-hook "systemctl reload apache2"` from the packaged systemd timer',
        caddy: 'renews on its own: keep its data folder on persistent storage',
      },
      note: 'After renewing, check the served dates: `openssl s_client -connect example.com:443 -servername example.com </dev/null | openssl x509 -noout -dates`.',
    },
    severity: 'high',
    cwe: [298],
    owasp: ['A02:2021', 'A07:2021'],
    requiredArtifacts: ['TlsCertificate'],
    messages,
  },
  defaultOptions,
  strictOptions: {failLongLifetime: true},
  run({TlsCertificate}, options, target) {
    const leaf = TlsCertificate.chain[0];
    if (!leaf) return outcome([inconclusive('no-certificate', {host: TlsCertificate.host, port: TlsCertificate.port})]);
    const {notBefore, notAfter} = leaf;
    const left = daysBetween(TlsCertificate.observedAt, notAfter);
    const since = daysBetween(notBefore, TlsCertificate.observedAt);
    // Whole days, rounded down, compared with `>`: sslyze's Mozilla checker (`(not_valid_after -
    // not_valid_before).days > maximum_certificate_lifespan`), so a certificate of 366 days and some hours is within 366.
    const exact = daysBetween(notBefore, notAfter);
    const lifetime = Math.floor(exact);
    if (![left, since, lifetime].every(Number.isFinite)) return outcome([inconclusive('unreadable-dates', {notBefore, notAfter})]);
    const findings: Finding<Id>[] = [];
    if (left < 0) findings.push(fail('expired', {notAfter, days: Math.ceil(-left)}));
    else if (since < 0) findings.push(fail('not-yet-valid', {notBefore}));
    else if (left < options.warnDays) findings.push(warn('expiring', {notAfter, days: Math.floor(left)}));
    const maximum = MOZILLA_PROFILES[target.tlsProfile].maximumCertificateLifespan;
    if (lifetime > maximum) {
      // Truncated to five decimals (under a second), never rounded up past the whole days it is judged by.
      const data = {days: lifetime, exact: Math.floor(exact * 100_000) / 100_000, notBefore, notAfter, maximum, profile: target.tlsProfile};
      findings.push(options.failLongLifetime ? fail('lifetime', data) : warn('lifetime', data));
    }
    return outcome(findings);
  },
});
