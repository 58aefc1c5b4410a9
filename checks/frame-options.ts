import {defineCheck, fail, outcome} from '../src/core/check.js';
import type {Finding, HttpResponse} from '../src/core/types.js';
import {isUnrestrictedSource, parseCsp} from '../src/lib/csp.js';
import {headerValues} from '../src/lib/headers.js';
import {judgePages, PAGE_MESSAGES} from '../src/lib/pages.js';

function judgeXFrameOptions(response: HttpResponse): Finding[] {
  // Each header separately, then each comma-joined value: a proxy may add a second one either way.
  const tokens = headerValues(response, 'x-frame-options')
    .flatMap((v) => v.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (tokens.length === 0) return [fail('missing')];
  const value = tokens.join(', ');
  const distinct = new Set(tokens.map((t) => t.toLowerCase()));
  // The HTML standard blocks on conflicting values, but engines have not always agreed; a conflict also
  // means two layers (app and proxy) each set the header, and the next change to either decides.
  if (distinct.size > 1) return [fail('xfo-conflict', {value})];
  const [only = ''] = distinct;
  if (only === 'deny' || only === 'sameorigin') return [];
  if (only.startsWith('allow-from')) return [fail('xfo-allow-from', {value})];
  return [fail('xfo-invalid', {value})];
}

export default defineCheck({
  meta: {
    id: 'frame-options',
    family: 'headers',
    title: 'Pages cannot be framed by other sites',
    failureTitle: 'Pages can be framed by other sites',
    description:
      "A page that any site may show in a frame can be overlaid with decoys so that a visitor's clicks land on its buttons (clickjacking). CSP `frame-ancestors` decides where a page may be framed and overrides `X-Frame-Options` where both are sent; `X-Frame-Options: DENY` or `SAMEORIGIN` covers older browsers. [OWASP](https://cheatsheetseries.owasp.org/cheatsheets/Clickjacking_Defense_Cheat_Sheet.html)",
    remediation:
      "Add `frame-ancestors 'none'` (or `'self'`, or the partner origins that may frame the page) to the Content-Security-Policy and send `X-Frame-Options: DENY` once. nginx: `add_header X-Frame-Options \"DENY\" always;` · Apache: `Header always set X-Frame-Options \"DENY\"` · Express: `app.use(helmet())` (sends `frame-ancestors 'self'` and `X-Frame-Options: SAMEORIGIN`). Remove `ALLOW-FROM`: browsers ignore it.",
    severity: 'medium',
    requiredArtifacts: ['Pages'],
    messages: {
      missing: 'Neither CSP frame-ancestors nor X-Frame-Options is set, so any site may frame the page.',
      'frame-ancestors-permissive':
        'CSP "{{value}}" lets any site frame the page, and browsers then ignore X-Frame-Options.',
      'xfo-conflict':
        'X-Frame-Options has conflicting values ({{value}}); not every browser resolves them the same way.',
      'xfo-allow-from': 'X-Frame-Options is "{{value}}"; browsers ignore ALLOW-FROM, so the page is not protected.',
      'xfo-invalid': 'X-Frame-Options is "{{value}}"; browsers act only on DENY or SAMEORIGIN.',
      ...PAGE_MESSAGES,
    },
  },
  defaultOptions: {},
  run({Pages}) {
    return outcome(
      judgePages(Pages, (response) => {
        // Only enforced policies count: frame-ancestors in a report-only policy blocks nothing.
        const ancestors = parseCsp(headerValues(response, 'content-security-policy')).flatMap(
          (policy) => policy.directives.get('frame-ancestors') ?? [],
        );
        // Every enforced policy must allow a framing, so one restrictive frame-ancestors protects the page.
        if (ancestors.some((d) => !d.sources.some(isUnrestrictedSource))) return [];
        const [permissive] = ancestors;
        if (permissive) return [fail('frame-ancestors-permissive', {value: `frame-ancestors ${permissive.value}`})];
        return judgeXFrameOptions(response);
      }),
    );
  },
});
