import {defineCheck, fail, info, inconclusive, outcome} from '../src/core/check.js';
import type {Finding, FindingData, HttpResponse, RedirectChain} from '../src/core/types.js';
import {headerValues} from '../src/lib/headers.js';
import {parseHsts, PRELOAD_MIN_MAX_AGE, type HstsPolicy} from '../src/lib/hsts.js';
import {hostAnswered, judgePages, PAGE_MESSAGES} from '../src/core/pages.js';

interface HstsOptions {
  /** max-age below this many seconds fails. */
  minMaxAge: number;
  /** Fail on every unmet hstspreload.org rule, even when the header does not ask to be preloaded. */
  requirePreload: boolean;
}

const defaultOptions: HstsOptions = {
  // Six months (182.5 days × 86400 s) is MDN Observatory's pass mark. Between that and a year there
  // is no separate warning: one year matters only to hstspreload.org, whose rule reports it.
  minMaxAge: 15_768_000,
  requirePreload: false,
};

type Verdict = (messageId: Id, data?: FindingData) => Finding<Id>;

/** One Strict-Transport-Security header that a browser would honour. */
function hasValidHsts(response: Pick<HttpResponse, 'headers'>): boolean {
  const values = headerValues(response, 'strict-transport-security');
  return values.length === 1 && parseHsts(values[0] ?? '').ok;
}

/**
 * hstspreload.org's redirect rule: the http:// URL must first redirect to https:// on the same host,
 * so the host itself sets HSTS before anything else is loaded. Nothing listening on port 80 qualifies.
 */
function redirectRule(chain: RedirectChain, unmet: Verdict, unknown: Verdict): Finding<Id>[] {
  const first = chain.hops[0];
  if (first === undefined) {
    if (chain.error?.code === 'connection-refused') return [];
    if (chain.error) return [unknown('preload-redirect-unknown', {url: chain.startUrl, reason: chain.error.message})];
    return [unmet('preload-redirect', {url: chain.startUrl, detail: 'it answers without redirecting'})];
  }
  const to = URL.canParse(first.location, first.url) ? new URL(first.location, first.url) : undefined;
  if (to?.protocol === 'https:' && to.hostname === new URL(chain.startUrl).hostname) return [];
  const detail = `its first redirect goes to ${first.location}`;
  return [unmet('preload-redirect', {url: chain.startUrl, detail})];
}

/** Each of hstspreload.org's submission rules the site does not meet. */
function preloadFindings(policy: HstsPolicy, response: HttpResponse, chain: RedirectChain, requirePreload: boolean): Finding<Id>[] {
  // The preload token asks browsers to hard-code the domain; asking without qualifying is a failure,
  // not asking makes the unmet rules a note for whoever plans to submit later.
  const binding = policy.preload || requirePreload;
  const unmet: Verdict = binding ? fail : info;
  const findings: Finding<Id>[] = [];
  if (policy.maxAge < PRELOAD_MIN_MAX_AGE) {
    findings.push(unmet('preload-max-age', {maxAge: policy.maxAge, minimum: PRELOAD_MIN_MAX_AGE}));
  }
  if (!policy.includeSubDomains) findings.push(unmet('preload-include-subdomains'));
  if (!policy.preload) findings.push(unmet('preload-token'));
  findings.push(...redirectRule(chain, unmet, binding ? inconclusive : info));
  for (const hop of response.redirects) {
    if (hop.url.startsWith('https://') && !hasValidHsts(hop)) {
      findings.push(unmet('preload-redirect-hsts', {url: hop.url, status: hop.status}));
    }
  }
  return findings;
}

function judge(response: HttpResponse, chain: RedirectChain, options: HstsOptions): Finding<Id>[] {
  // RFC 6797 §8.1: a browser ignores the header unless it arrived over HTTPS without certificate
  // errors (§7.2: over plain HTTP too). Observatory reports this as hsts-invalid-cert.
  if (response.url.startsWith('http://')) return [fail('received-over-http', {url: response.url})];
  if (response.certificateRejected !== undefined) return [fail('rejected-certificate', {reason: response.certificateRejected})];
  const values = headerValues(response, 'strict-transport-security');
  if (values.length === 0) return [fail('missing')];
  const value = values.join(', ');
  if (values.length > 1) return [fail('duplicate', {value})];
  const parsed = parseHsts(values[0] ?? '');
  if (!parsed.ok) {
    return [parsed.error.code === 'list' ? fail('duplicate', {value}) : fail('invalid', {value, reason: parsed.error.detail})];
  }
  const {policy} = parsed;
  if (policy.maxAge === 0) return [fail('max-age-zero')];
  const findings: Finding<Id>[] = [];
  if (policy.maxAge < options.minMaxAge) {
    findings.push(fail('max-age-short', {maxAge: policy.maxAge, minimum: options.minMaxAge}));
  }
  // Observatory passes a policy without includeSubDomains (it is a preload rule, reported below).
  if (!policy.includeSubDomains) findings.push(info('no-include-subdomains'));
  findings.push(...preloadFindings(policy, response, chain, options.requirePreload));
  return findings;
}

const messages = {
  'not-https': 'The target {{url}} is plain HTTP; browsers ignore Strict-Transport-Security received over HTTP.',
  missing: 'The response has no Strict-Transport-Security header.',
  duplicate: 'Strict-Transport-Security is sent more than once ("{{value}}"); browsers honour only the first or drop them all, so send exactly one.',
  invalid: 'Strict-Transport-Security "{{value}}" is ignored by browsers: {{reason}}.',
  'max-age-zero': 'Strict-Transport-Security has max-age=0, which tells browsers to forget the HSTS policy.',
  'max-age-short': 'max-age is {{maxAge}} seconds, below the minimum of {{minimum}}.',
  'received-over-http':
    'The target page arrived over plain HTTP ({{url}}) after a redirect; browsers ignore Strict-Transport-Security received over HTTP.',
  'rejected-certificate':
    'Browsers reject the certificate ({{reason}}) and ignore Strict-Transport-Security received over such a connection (RFC 6797 §8.1).',
  'no-include-subdomains':
    'Strict-Transport-Security lacks includeSubDomains: subdomains stay reachable over plain HTTP, where an attacker can set cookies for this domain.',
  'preload-max-age': 'Not preload-ready: hstspreload.org requires max-age of at least {{minimum}} seconds; it is {{maxAge}}.',
  'preload-include-subdomains': 'Not preload-ready: hstspreload.org requires includeSubDomains.',
  'preload-token': 'Not preload-ready: the header has no preload directive.',
  'preload-redirect': 'Not preload-ready: {{url}} must first redirect to https:// on the same host, but {{detail}}.',
  'preload-redirect-unknown': 'Whether {{url}} first redirects to https:// on the same host is unknown: {{reason}}.',
  'preload-redirect-hsts':
    'Not preload-ready: the {{status}} redirect from {{url}} has no valid Strict-Transport-Security header; hstspreload.org requires it on every HTTPS redirect.',
  ...PAGE_MESSAGES,
} as const;
type Id = keyof typeof messages;

export default defineCheck({
  meta: {
    id: 'hsts',
    family: 'hsts',
    title: 'HTTPS is enforced with HSTS',
    failureTitle: 'HTTPS is not enforced with HSTS',
    description:
      '`Strict-Transport-Security` makes a browser use HTTPS for the host for `max-age` seconds, so a network attacker cannot downgrade the next visit to plain HTTP or strip TLS on a typed or linked `http://` URL. [MDN](https://developer.mozilla.org/docs/Web/HTTP/Headers/Strict-Transport-Security)',
    fixes: {
      generic: 'Send one `Strict-Transport-Security: max-age=63072000; includeSubDomains; preload` header from the HTTPS server, on redirects too.',
      stacks: {
        nginx: '`add_header Strict-Transport-Security "max-age=63072000; includeSubDomains; preload" always;`',
        apache: '`Header always set Strict-Transport-Security "max-age=63072000; includeSubDomains; preload"`',
        express: '`app.use(helmet.hsts({maxAge: 63072000, includeSubDomains: true, preload: true}))`',
      },
      note: 'Leave out `preload` unless every subdomain serves HTTPS and you will submit the domain at hstspreload.org.',
    },
    severity: 'high',
    cwe: [319],
    owasp: ['A02:2021', 'A05:2021'],
    requiredArtifacts: ['Pages', 'RedirectChain'],
    messages,
  },
  defaultOptions,
  strictOptions: {minMaxAge: PRELOAD_MIN_MAX_AGE, requirePreload: true},
  run({Pages, RedirectChain}, options, target) {
    if (!target.https) return outcome([fail('not-https', {url: target.url})]);
    // HSTS is set per host, so the target URL's own response decides (a redirect to another host
    // included: the header belongs on it); further paths add nothing.
    return outcome(judgePages(Pages.slice(0, 1), (response) => judge(response, RedirectChain, options), hostAnswered));
  },
});
