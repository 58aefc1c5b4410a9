import check from './https-redirect.js';
import {goodChain, hardened, hop, HTTP_TARGET, pages, probeError, response} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const START = 'http://app.example.com/';
const plainPage = response({}, {url: START});
/** The HTTPS target's own page, fetched fine. */
const PAGES = pages(hardened());
const chain = (hops: ReturnType<typeof hop>[], final = hardened()) => ({RedirectChain: {startUrl: START, hops, final}, Pages: PAGES});
const failed = (code: Parameters<typeof probeError>[0], hops: ReturnType<typeof hop>[] = []) => ({
  RedirectChain: {startUrl: START, hops, error: probeError(code)},
  Pages: PAGES,
});
/** The chain left the host after these hops: complete as observed. */
const leaving = (hops: ReturnType<typeof hop>[]) => ({RedirectChain: {startUrl: START, hops, leftHost: true}, Pages: PAGES});
const PLAIN_TARGET = {...HTTP_TARGET, url: 'http://app.example.com:8080/'};
const PLAIN_START = 'http://app.example.com:8080/';

checkTester.run(check, {
  pass: [
    {name: 'one 301 to the same host over HTTPS', artifacts: {RedirectChain: goodChain(), Pages: PAGES}},
    {
      name: 'apex to https apex to https www is judged by the hops seen, though the chain leaves the host',
      artifacts: leaving([hop(START, 301, 'https://app.example.com/'), hop('https://app.example.com/', 301, 'https://www.app.example.com/')]),
    },
    {
      name: 'an http:// target that redirects to https on its own host passes',
      artifacts: {
        RedirectChain: {startUrl: PLAIN_START, hops: [hop(PLAIN_START, 301, 'https://app.example.com/')], final: hardened()},
        Pages: pages(hardened()),
      },
      target: PLAIN_TARGET,
    },
    {
      name: 'a 503 from the final HTTPS page does not hide a first hop that was seen',
      artifacts: {RedirectChain: {startUrl: START, hops: [hop(START, 301, 'https://app.example.com/')], error: probeError('http-5xx')}, Pages: PAGES},
    },
    {name: 'a permanent 308 is as good as a 301', artifacts: chain([hop(START, 308, 'https://app.example.com/')])},
    {
      name: 'moving on to www after the same-host hop is fine',
      artifacts: chain(
        [hop(START, 301, 'https://app.example.com/'), hop('https://app.example.com/', 301, 'https://www.app.example.com/')],
        hardened({}, {url: 'https://www.app.example.com/'}),
      ),
    },
    {name: 'nothing listening on port 80 exposes nothing', artifacts: failed('connection-refused'), messageIds: ['http-closed']},
  ],
  warn: [
    {
      name: 'a temporary 302 is not remembered by browsers',
      artifacts: chain([hop(START, 302, 'https://app.example.com/')]),
      messageIds: ['temporary'],
    },
    {
      name: 'four redirects are more than the default three',
      artifacts: chain([
        hop(START, 301, 'https://app.example.com/'),
        hop('https://app.example.com/', 301, 'https://app.example.com/a'),
        hop('https://app.example.com/a', 301, 'https://app.example.com/b'),
        hop('https://app.example.com/b', 301, 'https://app.example.com/c'),
      ]),
      messageIds: ['long-chain'],
    },
  ],
  fail: [
    {name: 'the page is served over plain HTTP without a redirect', artifacts: chain([], plainPage), messageIds: ['no-redirect']},
    {
      name: 'the first redirect goes to another host',
      artifacts: chain([hop(START, 301, 'https://www.app.example.com/')], hardened({}, {url: 'https://www.app.example.com/'})),
      messageIds: ['first-hop-other-host'],
    },
    {
      name: 'the first redirect stays on plain HTTP',
      artifacts: chain([hop(START, 301, '/en/'), hop('http://app.example.com/en/', 301, 'https://app.example.com/en/')]),
      messageIds: ['first-hop-http'],
    },
    {
      name: 'a scheme-relative Location keeps the plain-HTTP scheme',
      artifacts: chain([hop(START, 301, '//app.example.com/')]),
      messageIds: ['first-hop-http'],
    },
    {name: 'a Location that is not a URL leads nowhere', artifacts: chain([hop(START, 301, 'https://[bad')]), messageIds: ['bad-location']},
    {
      name: 'a later hop back to plain HTTP fails, naming the hop',
      artifacts: chain(
        [hop(START, 301, 'https://app.example.com/'), hop('https://app.example.com/', 302, 'http://app.example.com/legacy')],
        response({}, {url: 'http://app.example.com/legacy'}),
      ),
      messageIds: ['downgrade'],
    },
    {
      name: 'a chain that leaves the host for plain HTTP fails',
      artifacts: leaving([hop(START, 301, 'https://app.example.com/'), hop('https://app.example.com/', 301, 'http://www.app.example.com/')]),
      messageIds: ['downgrade'],
    },
    {
      name: 'the HTTPS target itself redirects to plain HTTP',
      artifacts: {
        RedirectChain: goodChain(),
        Pages: pages(response({}, {url: 'http://app.example.com/', redirects: [hop('https://app.example.com/', 301, 'http://app.example.com/')]})),
      },
      messageIds: ['page-downgrade'],
    },
    {
      name: 'an http:// target served without a redirect fails',
      artifacts: {
        RedirectChain: {startUrl: PLAIN_START, hops: [], final: response({}, {url: PLAIN_START})},
        Pages: pages(response({}, {url: PLAIN_START})),
      },
      target: PLAIN_TARGET,
      messageIds: ['no-redirect'],
    },
  ],
  error: [
    {name: 'a timeout on port 80 is inconclusive', artifacts: failed('timeout'), messageIds: ['chain-error']},
    {
      name: 'a redirect loop is inconclusive',
      artifacts: failed('redirect-loop', [hop(START, 301, 'https://app.example.com/')]),
      messageIds: ['chain-error'],
    },
    {name: 'a 429 on port 80 is inconclusive', artifacts: failed('rate-limited'), messageIds: ['chain-error']},
    {
      name: 'a redirect to an HTTPS port where nothing listens is inconclusive, never "nothing listens on port 80"',
      artifacts: failed('connection-refused', [hop(START, 301, 'https://app.example.com/')]),
      messageIds: ['chain-error'],
    },
    {
      name: 'a chain recorded without a final response, still on the host, is inconclusive',
      artifacts: {RedirectChain: {startUrl: START, hops: [hop(START, 301, 'https://app.example.com/')]}, Pages: PAGES},
      messageIds: ['chain-error'],
    },
    {
      name: 'port 80 closed while the HTTPS target is down too is inconclusive',
      artifacts: {
        RedirectChain: {startUrl: START, hops: [], error: probeError('connection-refused')},
        Pages: [{path: '/', url: 'https://app.example.com/', error: probeError('connection-refused')}],
      },
      messageIds: ['target-down'],
    },
    {
      name: 'an http:// target that refuses connections is inconclusive, never "nothing listens"',
      artifacts: {
        RedirectChain: {startUrl: PLAIN_START, hops: [], error: probeError('connection-refused')},
        Pages: [{path: '/', url: PLAIN_START, error: probeError('connection-refused')}],
      },
      target: PLAIN_TARGET,
      messageIds: ['target-down'],
    },
  ],
});
