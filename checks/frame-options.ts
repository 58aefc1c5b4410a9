import {defineCheck, fail, outcome} from '../src/core/check.js';
import type {Finding, HttpResponse} from '../src/core/types.js';
import {isUnrestrictedSource, parseCsp} from '../src/lib/csp.js';
import {headerList, headerValues} from '../src/lib/headers.js';
import {judgePages, PAGE_MESSAGES} from '../src/core/pages.js';

const messages = {
  missing: 'Neither CSP frame-ancestors nor X-Frame-Options is set, so any site may frame the page.',
  'frame-ancestors-permissive': 'CSP "{{value}}" lets any site frame the page, and browsers then ignore X-Frame-Options.',
  'xfo-conflict': 'X-Frame-Options has conflicting values ({{value}}); not every browser resolves them the same way.',
  'xfo-allow-from': 'X-Frame-Options is "{{value}}"; browsers ignore ALLOW-FROM, so the page is not protected.',
  'xfo-invalid': 'X-Frame-Options is "{{value}}"; browsers act only on DENY or SAMEORIGIN.',
  ...PAGE_MESSAGES,
} as const;
type Id = keyof typeof messages;

function judgeXFrameOptions(response: HttpResponse): Finding<Id>[] {
  // HTML reads the header's combined list ("get, decode, and split"), so a value repeated on one
  // line and on two lines is the same field (https://html.spec.whatwg.org/#the-x-frame-options-header).
  const values = headerList(response, 'x-frame-options');
  if (values === undefined) return [fail('missing')];
  const value = values.join(', ');
  // An empty member (a trailing comma) names no value; HTML keeps it, and still blocks beside DENY.
  const distinct = new Set(values.filter((v) => v !== '').map((v) => v.toLowerCase()));
  // HTML blocks on conflicting values, but engines have not always agreed; a conflict also means
  // two layers (app and proxy) each set the header, and the next change to either decides.
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
    fixes: {
      generic:
        "Add `frame-ancestors 'none'` (or `'self'`, or the partner origins that may frame the page) to the Content-Security-Policy and send `X-Frame-Options: DENY` once.",
      stacks: {
        nginx: '`add_header X-Frame-Options "DENY" always;`',
        apache: '`Header always set X-Frame-Options "DENY"`',
        express: "`app.use(helmet())` (sends `frame-ancestors 'self'` and `X-Frame-Options: SAMEORIGIN`)",
      },
      note: 'Remove `ALLOW-FROM`: browsers ignore it.',
    },
    severity: 'medium',
    cwe: [1021],
    owasp: ['A05:2021', 'A04:2021'],
    requiredArtifacts: ['Pages'],
    messages,
  },
  defaultOptions: {},
  run({Pages}) {
    return outcome(
      judgePages(Pages, (response): Finding<Id>[] => {
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
