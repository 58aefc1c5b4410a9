import {defineCheck, fail, outcome, warn} from '../src/core/check.js';
import type {Finding, HttpResponse} from '../src/core/types.js';
import {headerList} from '../src/lib/headers.js';
import {judgePages, PAGE_MESSAGES} from '../src/core/pages.js';

/** Each policy the Referrer Policy spec defines, by what it sends to other origins. */
const VERDICTS: ReadonlyMap<string, 'pass' | 'origin' | 'url'> = new Map([
  ['no-referrer', 'pass'],
  ['same-origin', 'pass'],
  ['strict-origin', 'pass'],
  ['strict-origin-when-cross-origin', 'pass'],
  ['origin', 'origin'],
  ['origin-when-cross-origin', 'origin'],
  ['no-referrer-when-downgrade', 'url'],
  ['unsafe-url', 'url'],
]);

const messages = {
  missing: 'The response has no Referrer-Policy header; current browsers default to strict-origin-when-cross-origin, older ones send full URLs.',
  unrecognized: 'Referrer-Policy "{{value}}" names no policy browsers know, so they fall back to their default.',
  'full-url': 'Referrer-Policy is {{policy}}: the full URL, query string included, goes to other sites.',
  'origin-only': 'Referrer-Policy is {{policy}}: the origin goes to other sites, even over plain HTTP.',
  ...PAGE_MESSAGES,
} as const;
type Id = keyof typeof messages;

/**
 * The Referrer Policy spec's header parsing (https://w3c.github.io/webappsec-referrer-policy/#parse-referrer-policy-from-header):
 * the header's list, its field lines joined first, so one line and several lines are the same field;
 * the last token it knows wins, so that a list can name a new policy after a fallback for older
 * browsers. Case is ignored, as Chromium's `ReferrerPolicyFromString` does: a capitalised token is a
 * typo, not another policy.
 */
function judge(response: HttpResponse): Finding<Id>[] {
  const values = headerList(response, 'referrer-policy');
  if (values === undefined) return [warn('missing')];
  const policy = values
    .map((t) => t.toLowerCase())
    .filter((t) => VERDICTS.has(t))
    .at(-1);
  if (policy === undefined) return [warn('unrecognized', {value: values.join(', ')})];
  const verdict = VERDICTS.get(policy);
  if (verdict === 'url') return [fail('full-url', {policy})];
  if (verdict === 'origin') return [warn('origin-only', {policy})];
  return [];
}

export default defineCheck({
  meta: {
    id: 'referrer-policy',
    family: 'headers',
    title: 'Referrer-Policy keeps URLs on the site',
    failureTitle: 'Referrer-Policy sends full URLs to other sites',
    description:
      'The Referer header tells every site a page links to or loads from which URL the visitor came from, including paths and query strings that may hold tokens or personal data. A strict policy sends other origins at most the origin, and only over HTTPS. [MDN](https://developer.mozilla.org/docs/Web/HTTP/Headers/Referrer-Policy)',
    fixes: {
      generic: 'Send `Referrer-Policy: strict-origin-when-cross-origin` (or stricter) on every response.',
      stacks: {
        nginx: '`add_header Referrer-Policy "strict-origin-when-cross-origin" always;`',
        apache: '`Header always set Referrer-Policy "strict-origin-when-cross-origin"`',
        express: '`app.use(helmet())` (sends `no-referrer`) or `helmet.referrerPolicy({policy: "strict-origin-when-cross-origin"})`',
      },
    },
    severity: 'low',
    cwe: [200],
    owasp: ['A05:2021', 'A01:2021'],
    requiredArtifacts: ['Pages'],
    messages,
  },
  defaultOptions: {},
  run({Pages}) {
    return outcome(judgePages(Pages, judge));
  },
});
