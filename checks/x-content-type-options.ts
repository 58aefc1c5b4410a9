import {defineCheck, fail, info, outcome} from '../src/core/check.js';
import type {Finding, HttpResponse} from '../src/core/types.js';
import {headerList} from '../src/lib/headers.js';
import {judgePages, PAGE_MESSAGES} from '../src/core/pages.js';

const messages = {
  missing: 'The response has no X-Content-Type-Options header.',
  invalid: 'X-Content-Type-Options is "{{value}}"; browsers disable sniffing only when its first value is "nosniff".',
  'extra-values':
    'X-Content-Type-Options is "{{value}}": browsers read only the first value, so sniffing is off, but send "nosniff" once (scanners that expect exactly that value, such as Mozilla Observatory, report this one as invalid).',
  ...PAGE_MESSAGES,
} as const;
type Id = keyof typeof messages;

/**
 * The Fetch standard's "determine nosniff" (https://fetch.spec.whatwg.org/#determine-nosniff):
 * split the header's combined value into its list, and sniffing is off when the first member is
 * "nosniff" in any case. Two `nosniff` lines and one `nosniff, nosniff` line are the same field
 * (RFC 9110 §5.3), so they get the same verdict.
 */
function judge(response: HttpResponse): Finding<Id>[] {
  const values = headerList(response, 'x-content-type-options');
  if (values === undefined) return [fail('missing')];
  const value = values.join(', ');
  if (values[0]?.toLowerCase() !== 'nosniff') return [fail('invalid', {value})];
  return values.length > 1 ? [info('extra-values', {value})] : [];
}

export default defineCheck({
  meta: {
    id: 'x-content-type-options',
    family: 'headers',
    title: 'MIME sniffing is disabled',
    failureTitle: 'MIME sniffing is not disabled',
    description:
      'Without `X-Content-Type-Options: nosniff` a browser may guess a response\'s type and run an uploaded file as script or style. Browsers read the first value of the header (Fetch, "determine nosniff"). [MDN](https://developer.mozilla.org/docs/Web/HTTP/Headers/X-Content-Type-Options)',
    fixes: {
      generic: 'Send the header once, with the single value `nosniff`.',
      stacks: {
        nginx: '`add_header X-Content-Type-Options "nosniff" always;`',
        apache: '`Header always set X-Content-Type-Options "nosniff"`',
        express: '`app.use(helmet())`',
      },
      note: 'When both the app and a proxy add it, remove one of them.',
    },
    severity: 'medium',
    cwe: [693],
    owasp: ['A05:2021'],
    requiredArtifacts: ['Pages'],
    messages,
  },
  defaultOptions: {},
  run({Pages}) {
    return outcome(judgePages(Pages, judge));
  },
});
