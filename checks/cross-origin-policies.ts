import {defineCheck, fail, info, outcome, warn} from '../src/core/check.js';
import type {Finding, HttpResponse} from '../src/core/types.js';
import {headerValue} from '../src/lib/headers.js';
import {judgePages, PAGE_MESSAGES} from '../src/core/pages.js';
import {parseItem} from '../src/lib/permissions-policy.js';

/** The values HTML defines, each true when it keeps windows from other origins away from the page. */
const COOP_VALUES: ReadonlyMap<string, boolean> = new Map([
  ['same-origin', true],
  ['same-origin-allow-popups', true],
  ['noopener-allow-popups', true],
  ['unsafe-none', false],
]);

const messages = {
  'coop-missing': 'The response has no Cross-Origin-Opener-Policy, so windows from other origins keep a reference to it.',
  'coop-unsafe-none': 'Cross-Origin-Opener-Policy is unsafe-none, which keeps the link to windows from other origins.',
  'coop-invalid': 'Cross-Origin-Opener-Policy "{{value}}" is not a valid value; browsers treat it as unsafe-none.',
  'corp-missing': 'The response has no Cross-Origin-Resource-Policy, so any site may load it into its own pages.',
  'corp-cross-origin': 'Cross-Origin-Resource-Policy is cross-origin: any site may load the response, by choice.',
  'corp-invalid': 'Cross-Origin-Resource-Policy "{{value}}" is not a valid value; browsers ignore it.',
  ...PAGE_MESSAGES,
} as const;
type Id = keyof typeof messages;

function judgeOpenerPolicy(response: HttpResponse): Finding<Id>[] {
  // A Structured Field Item, read from the combined value (HTML's "obtain a cross-origin opener
  // policy"): tokens are case-sensitive, and "a, b", on one line or two, is not an item; either way
  // browsers fall back to unsafe-none.
  const value = headerValue(response, 'cross-origin-opener-policy');
  if (value === undefined) return [warn('coop-missing')];
  const item = parseItem(value);
  const protects = item?.type === 'token' ? COOP_VALUES.get(item.value) : undefined;
  if (protects === undefined) return [fail('coop-invalid', {value})];
  return protects ? [] : [warn('coop-unsafe-none')];
}

function judgeResourcePolicy(response: HttpResponse): Finding<Id>[] {
  // Fetch compares the combined value byte for byte, so a second value (on one line or two) or
  // another case voids it.
  const value = headerValue(response, 'cross-origin-resource-policy');
  if (value === undefined) return [warn('corp-missing')];
  if (value === 'same-origin' || value === 'same-site') return [];
  if (value === 'cross-origin') return [info('corp-cross-origin')];
  return [fail('corp-invalid', {value})];
}

export default defineCheck({
  meta: {
    id: 'cross-origin-policies',
    family: 'headers',
    title: 'Cross-origin isolation headers are set',
    failureTitle: 'Cross-origin isolation headers are missing or invalid',
    description:
      'Cross-Origin-Opener-Policy cuts the link between the page and windows from other origins that it opens or is opened by (tabnabbing, cross-window leaks); Cross-Origin-Resource-Policy stops other sites from loading the response into their own pages, where side channels such as Spectre can read it. [OWASP](https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html)',
    fixes: {
      generic: 'Send `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Resource-Policy: same-origin` on every response.',
      stacks: {
        nginx: '`add_header Cross-Origin-Opener-Policy "same-origin" always; add_header Cross-Origin-Resource-Policy "same-origin" always;`',
        apache: '`Header always set Cross-Origin-Opener-Policy "same-origin"` and `Header always set Cross-Origin-Resource-Policy "same-origin"`',
        express: '`app.use(helmet())` (sends both as `same-origin`)',
      },
      note: 'Use `same-origin-allow-popups` when the page relies on OAuth or payment pop-ups, and `same-site` for resources other subdomains load.',
    },
    severity: 'low',
    cwe: [693],
    owasp: ['A05:2021'],
    requiredArtifacts: ['Pages'],
    messages,
  },
  defaultOptions: {},
  run({Pages}) {
    return outcome(judgePages(Pages, (response) => [...judgeOpenerPolicy(response), ...judgeResourcePolicy(response)]));
  },
});
