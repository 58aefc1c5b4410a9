import check from './https-redirect.js';
import {goodChain, hardened, hop, probeError, response} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const START = 'http://app.example.com/';
const plainPage = response({}, {url: START});
const chain = (hops: ReturnType<typeof hop>[], final = hardened()) => ({RedirectChain: {startUrl: START, hops, final}});
const failed = (code: Parameters<typeof probeError>[0], hops: ReturnType<typeof hop>[] = []) => ({
  RedirectChain: {startUrl: START, hops, error: probeError(code)},
});

checkTester.run(check, {
  pass: [
    {name: 'one 301 to the same host over HTTPS', artifacts: {RedirectChain: goodChain()}},
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
    {name: 'a temporary 302 is not remembered by browsers', artifacts: chain([hop(START, 302, 'https://app.example.com/')]), messageIds: ['temporary']},
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
      name: 'the redirects end on a plain-HTTP page',
      artifacts: chain(
        [hop(START, 301, 'https://app.example.com/'), hop('https://app.example.com/', 302, 'http://app.example.com/legacy')],
        response({}, {url: 'http://app.example.com/legacy'}),
      ),
      messageIds: ['ends-on-http'],
    },
  ],
  error: [
    {name: 'a timeout on port 80 is inconclusive', artifacts: failed('timeout'), messageIds: ['chain-error']},
    {name: 'a redirect loop is inconclusive', artifacts: failed('redirect-loop', [hop(START, 301, 'https://app.example.com/')]), messageIds: ['chain-error']},
    {
      name: 'a chain recorded without a final response is inconclusive',
      artifacts: {RedirectChain: {startUrl: START, hops: [hop(START, 301, 'https://app.example.com/')]}},
      messageIds: ['chain-error'],
    },
  ],
});
