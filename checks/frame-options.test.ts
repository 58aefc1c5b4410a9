import check from './frame-options.js';
import {answer, hardened, pages, probeError, TARGET, type HeaderChanges} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

/** The baseline policy without frame-ancestors, so that X-Frame-Options decides. */
const NO_ANCESTORS = "default-src 'self'; script-src 'self' 'nonce-r4nd0m'; object-src 'none'; base-uri 'none'";

const page = (changes: HeaderChanges) => ({Pages: pages(hardened(changes))});
const xfo = (value: string | string[] | undefined) => page({'content-security-policy': NO_ANCESTORS, 'x-frame-options': value});
const ancestors = (value: string, xfoValue?: string) =>
  page({'content-security-policy': `${NO_ANCESTORS}; frame-ancestors ${value}`, 'x-frame-options': xfoValue});

checkTester.run(check, {
  pass: [
    {name: 'the hardened baseline passes', artifacts: page({})},
    {name: 'X-Frame-Options DENY alone protects', artifacts: xfo('DENY')},
    {name: 'X-Frame-Options is case-insensitive', artifacts: xfo(' sameorigin ')},
    {name: 'the same value sent on two lines is no conflict', artifacts: xfo(['DENY', 'deny'])},
    {name: 'the same value twice on one line is no conflict either', artifacts: xfo('DENY, deny')},
    {name: 'a trailing comma adds no second value', artifacts: xfo('DENY,')},
    {name: "frame-ancestors 'self' alone protects", artifacts: ancestors("'self'")},
    {name: 'frame-ancestors naming partner hosts protects', artifacts: ancestors('https://partner.example *.example.com')},
    {
      name: 'a restrictive frame-ancestors wins over a bad X-Frame-Options',
      artifacts: ancestors("'none'", 'ALLOWALL'),
    },
    {
      name: 'frame-ancestors in a second header protects too',
      artifacts: page({'content-security-policy': [NO_ANCESTORS, "frame-ancestors 'none'"], 'x-frame-options': undefined}),
    },
    {
      name: 'one restrictive frame-ancestors among several policies protects',
      artifacts: page({'content-security-policy': `frame-ancestors *, frame-ancestors 'self'`, 'x-frame-options': undefined}),
    },
  ],
  fail: [
    {name: 'neither header is set', artifacts: xfo(undefined), messageIds: ['missing']},
    {
      name: 'frame-ancestors in a report-only policy does not count',
      artifacts: page({
        'content-security-policy': undefined,
        'content-security-policy-report-only': "frame-ancestors 'none'",
        'x-frame-options': undefined,
      }),
      messageIds: ['missing'],
    },
    {
      name: 'frame-ancestors * lets any site frame the page even beside X-Frame-Options DENY',
      artifacts: ancestors('*', 'DENY'),
      messageIds: ['frame-ancestors-permissive'],
    },
    {
      name: 'a scheme-only frame-ancestors lets any site frame the page',
      artifacts: ancestors("'self' https:"),
      messageIds: ['frame-ancestors-permissive'],
    },
    {name: 'ALLOW-FROM is ignored by browsers', artifacts: xfo('ALLOW-FROM https://partner.example'), messageIds: ['xfo-allow-from']},
    {name: 'ALLOWALL is not a protective value', artifacts: xfo('ALLOWALL'), messageIds: ['xfo-invalid']},
    {name: 'an empty X-Frame-Options is not a protective value', artifacts: xfo(''), messageIds: ['xfo-invalid']},
    {name: 'two headers with conflicting values', artifacts: xfo(['DENY', 'ALLOWALL']), messageIds: ['xfo-conflict']},
    {name: 'one header joining conflicting values', artifacts: xfo('DENY, SAMEORIGIN'), messageIds: ['xfo-conflict']},
    {
      name: 'a second page without protection is named',
      artifacts: {
        Pages: pages(hardened(), {path: '/embed', response: hardened({'content-security-policy': undefined, 'x-frame-options': undefined})}),
      },
      messageIds: ['missing'],
      page: '/embed',
    },
  ],
  warn: [
    {
      name: 'a page behind a WAF challenge beside a judged one is listed as not judged',
      artifacts: {Pages: pages(hardened(), {path: '/login', error: probeError('waf-challenge', 'a WAF challenge answered')})},
      messageIds: ['page-not-judged'],
      page: '/login',
    },
  ],
  error: [
    {
      name: 'no page could be judged, so the check is inconclusive, not a pass',
      artifacts: {Pages: [{path: '/', url: TARGET.url, response: answer(503, 'down'), error: probeError('http-5xx', 'answered 503')}]},
      messageIds: ['page-unavailable'],
      page: '/',
    },
  ],
});
