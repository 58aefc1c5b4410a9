import check from './referrer-policy.js';
import {answer, hardened, pages, probeError, TARGET} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const policy = (value: string | string[] | undefined) => ({Pages: pages(hardened({'referrer-policy': value}))});

checkTester.run(check, {
  pass: [
    {name: 'the hardened baseline passes', artifacts: policy('strict-origin-when-cross-origin')},
    {name: 'no-referrer passes', artifacts: policy('no-referrer')},
    {name: 'same-origin passes', artifacts: policy('same-origin')},
    {name: 'strict-origin passes', artifacts: policy('strict-origin')},
    {name: 'case does not matter', artifacts: policy('No-Referrer')},
    {name: 'the last known token of a list decides', artifacts: policy('unsafe-url, strict-origin-when-cross-origin')},
    {name: 'an unknown token after a good one is ignored', artifacts: policy('no-referrer, future-policy')},
    {name: 'the last of several header lines decides, as on one line', artifacts: policy(['unsafe-url', 'same-origin'])},
    {name: 'an empty member of the list is skipped', artifacts: policy('no-referrer,')},
  ],
  warn: [
    {name: 'the header is absent', artifacts: policy(undefined), messageIds: ['missing']},
    {name: 'no token is a known policy', artifacts: policy('never, strict'), messageIds: ['unrecognized']},
    {name: 'origin sends the origin everywhere', artifacts: policy('origin'), messageIds: ['origin-only']},
    {name: 'origin-when-cross-origin sends the origin over HTTP', artifacts: policy('origin-when-cross-origin'), messageIds: ['origin-only']},
    {
      name: 'a page that timed out beside a judged one is listed as not judged',
      artifacts: {Pages: pages(hardened(), {path: '/login', error: probeError('timeout', 'timed out after 10000 ms')})},
      messageIds: ['page-not-judged'],
      page: '/login',
    },
  ],
  fail: [
    {name: 'unsafe-url sends full URLs', artifacts: policy('unsafe-url'), messageIds: ['full-url']},
    {name: 'no-referrer-when-downgrade sends full URLs to HTTPS sites', artifacts: policy('no-referrer-when-downgrade'), messageIds: ['full-url']},
    {name: 'a leaky policy last in a list decides', artifacts: policy('no-referrer, unsafe-url'), messageIds: ['full-url']},
    {name: 'a leaky policy on the last header line decides the same way', artifacts: policy(['no-referrer', 'unsafe-url']), messageIds: ['full-url']},
    {
      name: 'a second page with a leaky policy is named',
      artifacts: {Pages: pages(hardened(), {path: '/share', response: hardened({'referrer-policy': 'unsafe-url'})})},
      messageIds: ['full-url'],
      page: '/share',
    },
  ],
  error: [
    {
      name: 'no page could be judged, so the check is inconclusive, not a pass',
      artifacts: {Pages: [{path: '/', url: TARGET.url, response: answer(429, 'slow down'), error: probeError('rate-limited', 'answered 429')}]},
      messageIds: ['page-unavailable'],
      page: '/',
    },
  ],
});
