import {defineCheck, fail, inconclusive, info, outcome, warn} from '../src/core/check.js';
import type {Finding, HttpResponse} from '../src/core/types.js';
import {headerValue} from '../src/lib/headers.js';
import {inconclusiveReason} from '../src/lib/inconclusive.js';
import {fieldValues, isContactUri, parseExpires, parseSecurityTxt} from '../src/lib/security-txt.js';

/** RFC 9116 §2.5.5 recommends an Expires less than a year ahead, so stale contacts age out. */
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Expires against the server's own clock (its `Date` header): a check is a pure function and must
 * not read the clock, and the response says when it was made.
 */
function judgeExpires(response: HttpResponse, values: readonly string[]): Finding<Id>[] {
  const [expires, ...more] = values;
  if (expires === undefined) return [warn('no-expires')];
  if (more.length > 0) return [warn('expires-repeated', {count: values.length})];
  const at = parseExpires(expires);
  if (!at) return [warn('expires-invalid', {expires})];
  const date = headerValue(response, 'date');
  const now = date === undefined ? NaN : Date.parse(date);
  if (date === undefined || Number.isNaN(now)) return [info('expiry-not-judged', {expires})];
  if (at.getTime() <= now) return [warn('expired', {expires, date})];
  return at.getTime() - now > YEAR_MS ? [info('expires-far', {expires})] : [];
}

function judgeFile(response: HttpResponse): Finding<Id>[] {
  const parsed = parseSecurityTxt(response.body);
  const contentType = headerValue(response, 'content-type') ?? '(none)';
  // An SPA fallback or soft 404 answers 200 with a page: no fields means there is no file.
  if (parsed.fields.length === 0) return [warn('not-security-txt', {status: response.status, contentType})];
  const contacts = fieldValues(parsed, 'contact');
  return [
    ...(/^text\/plain\s*(?:;|$)/i.test(contentType) ? [] : [warn('content-type', {contentType})]),
    ...(contacts.length === 0 ? [fail('no-contact')] : []),
    ...contacts.filter((c) => !isContactUri(c)).map((contact) => warn('contact-invalid', {contact})),
    ...judgeExpires(response, fieldValues(parsed, 'expires')),
  ];
}

const messages = {
  missing: 'There is no security.txt: /.well-known/security.txt answers HTTP {{status}}.',
  'not-security-txt':
    '/.well-known/security.txt answers HTTP {{status}} ({{contentType}}) without any security.txt field: a fallback page, not the file.',
  redirected: '/.well-known/security.txt redirects to another host ({{location}}); that file was not judged.',
  'content-type': 'security.txt is served as "{{contentType}}"; RFC 9116 requires text/plain.',
  'no-contact': 'security.txt has no Contact field, the one thing a reporter needs.',
  'contact-invalid': 'Contact "{{contact}}" is not a mailto:, tel: or https:// URI.',
  'no-expires': 'security.txt has no Expires field (RFC 9116 requires one).',
  'expires-repeated': 'security.txt has {{count}} Expires fields; RFC 9116 allows one.',
  'expires-invalid': 'Expires "{{expires}}" is not an RFC 3339 date-time such as 2027-06-30T23:00:00Z.',
  expired: "security.txt expired on {{expires}} (the server's date is {{date}}): its contacts are stale.",
  'expires-far': 'Expires {{expires}} is more than a year ahead; RFC 9116 recommends less, so the file is reviewed.',
  'expiry-not-judged': 'The server sent no Date header, so Expires {{expires}} was not compared with its clock.',
  unavailable: '/.well-known/security.txt could not be judged: {{reason}}.',
} as const;
type Id = keyof typeof messages;

export default defineCheck({
  meta: {
    id: 'security-txt',
    family: 'exposure',
    title: 'security.txt says how to report a vulnerability',
    failureTitle: 'security.txt is missing or incomplete',
    description:
      'Someone who finds a vulnerability looks for `/.well-known/security.txt` to learn whom to tell. Without it the report goes to a support inbox, to social media, or nowhere. RFC 9116 requires `Contact` and `Expires`; an expired file is stale and should not be trusted. [RFC 9116](https://www.rfc-editor.org/rfc/rfc9116)',
    fixes: {
      generic:
        'Serve `/.well-known/security.txt` over HTTPS as `text/plain` with at least `Contact: mailto:security@example.com` and `Expires:` a date-time less than a year ahead (renew it before then). [securitytxt.org](https://securitytxt.org/) writes one.',
      stacks: {
        nginx: 'with a dot-file deny rule, exempt it: `location ~ /\\.(?!well-known/) { deny all; }`',
      },
    },
    severity: 'info',
    cwe: [16],
    owasp: ['A05:2021'],
    requiredArtifacts: ['SecurityTxt'],
    messages,
  },
  defaultOptions: {},
  run({SecurityTxt}) {
    const res = SecurityTxt.response;
    if (!res) return outcome([inconclusive('unavailable', {reason: SecurityTxt.error?.message ?? 'no response'})]);
    const why = inconclusiveReason(res);
    if (why) return outcome([inconclusive('unavailable', {reason: why.message})]);
    if (res.status >= 300 && res.status < 400) return outcome([warn('redirected', {location: headerValue(res, 'location') ?? '(none)'})]);
    if (res.status < 200 || res.status >= 300) return outcome([warn('missing', {status: res.status})]);
    return outcome(judgeFile(res));
  },
});
