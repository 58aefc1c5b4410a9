import check from './hsts.js';
import {goodChain, hardened, hop, HTTP_TARGET, pages, probeError, response, TARGET} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const hsts = (value: string | readonly string[] | undefined) => pages(hardened({'strict-transport-security': value}));
/** The target's response with this HSTS value, behind the good redirect chain. */
const withHsts = (value: string | readonly string[] | undefined) => ({Pages: hsts(value), RedirectChain: goodChain()});
const chainTo = (location: string) => ({
  startUrl: 'http://app.example.com/',
  hops: [hop('http://app.example.com/', 301, location)],
  final: hardened(),
});
const closedPort80 = {startUrl: 'http://app.example.com/', hops: [], error: probeError('connection-refused')};
const timedOut = {startUrl: 'http://app.example.com/', hops: [], error: probeError('timeout')};
const httpsHop = (headers = {}) => hop('https://app.example.com/', 302, 'https://app.example.com/home', headers);

/** The apex's answer: a redirect to www (another host, so the pages probe marks it redirected-away). */
const toWww = (changes: Record<string, string | undefined> = {}) => ({
  path: '/',
  url: TARGET.url,
  response: hardened({location: 'https://www.example.com/', ...changes}, {status: 301}),
});

checkTester.run(check, {
  pass: [
    {
      name: 'an apex that sends everything to www carries the header on that redirect',
      artifacts: {Pages: [{...toWww(), error: probeError('redirected-away')}], RedirectChain: goodChain()},
    },
    {
      name: 'the hardened baseline behind a same-host 301 qualifies for preloading',
      artifacts: {Pages: pages(hardened()), RedirectChain: goodChain()},
    },
    {
      name: 'directive names are case-insensitive and values may be quoted',
      artifacts: withHsts('MAX-AGE="63072000" ; INCLUDESUBDOMAINS; Preload'),
    },
    {name: 'an unknown directive is ignored', artifacts: withHsts('max-age=63072000; includeSubDomains; preload; report-uri=x')},
    {name: 'nothing listening on port 80 meets the preload redirect rule', artifacts: {Pages: pages(hardened()), RedirectChain: closedPort80}},
    {
      name: 'an HTTPS redirect that carries HSTS meets the preload rule',
      artifacts: {
        Pages: pages(hardened({}, {redirects: [httpsHop({'strict-transport-security': 'max-age=63072000; includeSubDomains; preload'})]})),
        RedirectChain: goodChain(),
      },
    },
    {
      name: 'without the preload token the unmet preload rules are only notes',
      artifacts: {Pages: hsts('max-age=20000000; includeSubDomains'), RedirectChain: chainTo('https://www.app.example.com/')},
      messageIds: ['preload-max-age', 'preload-token', 'preload-redirect'],
    },
    {
      name: 'without the preload token an HTTPS redirect lacking HSTS is only a note',
      artifacts: {
        Pages: pages(hardened({'strict-transport-security': 'max-age=63072000; includeSubDomains'}, {redirects: [httpsHop()]})),
        RedirectChain: goodChain(),
      },
      messageIds: ['preload-redirect-hsts', 'preload-token'],
    },
    {
      name: 'without the preload token an unknown redirect chain is only a note',
      artifacts: {Pages: hsts('max-age=63072000; includeSubDomains'), RedirectChain: timedOut},
      messageIds: ['preload-redirect-unknown', 'preload-token'],
    },
    {
      name: 'a policy without includeSubDomains passes with a note, as Observatory judges it',
      artifacts: withHsts('max-age=63072000'),
      messageIds: ['no-include-subdomains', 'preload-include-subdomains', 'preload-token'],
    },
  ],
  fail: [
    {
      name: 'a plain-HTTP target cannot set HSTS',
      artifacts: withHsts('max-age=63072000; includeSubDomains; preload'),
      target: HTTP_TARGET,
      messageIds: ['not-https'],
    },
    {name: 'the header is absent', artifacts: withHsts(undefined), messageIds: ['missing']},
    {
      name: "an apex's redirect to www without the header",
      artifacts: {Pages: [{...toWww({'strict-transport-security': undefined}), error: probeError('redirected-away')}], RedirectChain: goodChain()},
      messageIds: ['missing'],
    },
    {
      name: 'two headers are sent',
      artifacts: withHsts(['max-age=63072000; includeSubDomains; preload', 'max-age=0']),
      messageIds: ['duplicate'],
    },
    {
      name: 'two headers arrive joined with a comma',
      artifacts: withHsts('max-age=63072000; includeSubDomains; preload, max-age=0'),
      messageIds: ['duplicate'],
    },
    {name: 'a repeated directive makes the header invalid', artifacts: withHsts('max-age=63072000; max-age=63072000'), messageIds: ['invalid']},
    {name: 'max-age that is not a number makes the header invalid', artifacts: withHsts('max-age=1y; includeSubDomains'), messageIds: ['invalid']},
    {name: 'a header without max-age is invalid', artifacts: withHsts('includeSubDomains; preload'), messageIds: ['invalid']},
    {name: 'max-age=0 switches HSTS off', artifacts: withHsts('max-age=0; includeSubDomains'), messageIds: ['max-age-zero']},
    {
      name: 'three months is below the six-month minimum',
      artifacts: withHsts('max-age=7776000; includeSubDomains'),
      messageIds: ['max-age-short', 'preload-max-age', 'preload-token'],
    },
    {
      name: 'HSTS received after a redirect to plain HTTP is not credited',
      artifacts: {Pages: pages(hardened({}, {url: 'http://app.example.com/'})), RedirectChain: goodChain()},
      messageIds: ['received-over-http'],
    },
    {
      name: 'HSTS received over a certificate browsers reject is not credited (RFC 6797 §8.1)',
      artifacts: {Pages: pages(hardened({}, {certificateRejected: 'the certificate expired on 2026-01-01'})), RedirectChain: goodChain()},
      messageIds: ['rejected-certificate'],
    },
    {
      name: 'the strict preset needs a full year',
      artifacts: withHsts('max-age=31449600; includeSubDomains; preload'),
      options: check.strictOptions,
      messageIds: ['max-age-short', 'preload-max-age'],
    },
    {
      name: 'asking for preload with six months fails the one-year rule',
      artifacts: withHsts('max-age=15768000; includeSubDomains; preload'),
      messageIds: ['preload-max-age'],
    },
    {
      name: 'asking for preload without includeSubDomains fails',
      artifacts: withHsts('max-age=63072000; preload'),
      messageIds: ['no-include-subdomains', 'preload-include-subdomains'],
    },
    {
      name: 'requirePreload fails a header without the preload token',
      artifacts: withHsts('max-age=63072000; includeSubDomains'),
      options: {requirePreload: true},
      messageIds: ['preload-token'],
    },
    {
      name: 'asking for preload while HTTP first redirects to another host fails',
      artifacts: {Pages: pages(hardened()), RedirectChain: chainTo('https://www.app.example.com/')},
      messageIds: ['preload-redirect'],
    },
    {
      name: 'asking for preload while HTTP first redirects to HTTP fails',
      artifacts: {Pages: pages(hardened()), RedirectChain: chainTo('/en/')},
      messageIds: ['preload-redirect'],
    },
    {
      name: 'asking for preload while HTTP answers without redirecting fails',
      artifacts: {
        Pages: pages(hardened()),
        RedirectChain: {startUrl: 'http://app.example.com/', hops: [], final: response({}, {url: 'http://app.example.com/'})},
      },
      messageIds: ['preload-redirect'],
    },
    {
      name: 'asking for preload while an HTTPS redirect lacks HSTS fails',
      artifacts: {Pages: pages(hardened({}, {redirects: [httpsHop()]})), RedirectChain: goodChain()},
      messageIds: ['preload-redirect-hsts'],
    },
  ],
  error: [
    {
      name: 'a 429 answer is the limiter, not the target page: inconclusive',
      artifacts: {
        Pages: [{path: '/', url: TARGET.url, response: hardened({}, {status: 429}), error: probeError('rate-limited')}],
        RedirectChain: goodChain(),
      },
      messageIds: ['page-unavailable'],
    },
    {
      name: 'the target page could not be fetched',
      artifacts: {Pages: [{path: '/', url: TARGET.url, error: probeError('timeout')}], RedirectChain: goodChain()},
      messageIds: ['page-unavailable'],
      page: '/',
    },
    {
      name: 'asking for preload while the redirect chain is unknown is inconclusive',
      artifacts: {Pages: pages(hardened()), RedirectChain: timedOut},
      messageIds: ['preload-redirect-unknown'],
    },
  ],
});
