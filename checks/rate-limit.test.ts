import check from './rate-limit.js';
import {limitedBy, probeError, rateLimitBurst, unlimitedBurst} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const bursts = (...list: ReturnType<typeof rateLimitBurst>[]) => ({RateLimitBursts: list});

checkTester.run(check, {
  pass: [
    {name: 'a 429 with Retry-After and RateLimit headers', artifacts: bursts(rateLimitBurst()), messageIds: ['limited'], page: '/api/login'},
    {name: 'a 429 with Retry-After alone', artifacts: bursts(rateLimitBurst(limitedBy(429, {'retry-after': '30'}))), messageIds: ['limited']},
    {
      name: 'a 429 with an HTTP-date Retry-After',
      artifacts: bursts(rateLimitBurst(limitedBy(429, {'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT'}))),
      messageIds: ['limited'],
    },
    {
      name: 'a 429 with draft-07 RateLimit headers and no Retry-After',
      artifacts: bursts(rateLimitBurst(limitedBy(429, {'ratelimit-policy': '10;w=60', ratelimit: 'limit=10, remaining=0, reset=60'}))),
      messageIds: ['limited'],
    },
    {
      name: 'a 429 with X-RateLimit headers only',
      artifacts: bursts(rateLimitBurst(limitedBy(429, {'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1735689600'}))),
      messageIds: ['limited'],
    },
    {
      name: 'a 503 that says when to come back is a limit',
      artifacts: bursts(rateLimitBurst(limitedBy(503, {'retry-after': '1'}))),
      messageIds: ['limited'],
    },
    {
      name: 'a limit at the very first request (an earlier run used the quota)',
      artifacts: bursts(rateLimitBurst({limitedAt: 1, sent: 6, statuses: [429, 429, 429, 429, 429, 429]})),
      messageIds: ['limited'],
    },
  ],
  warn: [
    {
      name: 'a 429 that gives no hint when to retry',
      artifacts: bursts(rateLimitBurst(limitedBy(429))),
      messageIds: ['no-retry-signal'],
      page: '/api/login',
    },
    {
      name: 'a 429 whose Retry-After is not a valid value',
      artifacts: bursts(rateLimitBurst(limitedBy(429, {'retry-after': 'soon'}))),
      messageIds: ['no-retry-signal'],
    },
    {
      name: 'a plain 503 after normal answers, as nginx limit_req sends by default',
      artifacts: bursts(rateLimitBurst(limitedBy(503))),
      messageIds: ['plain-503'],
    },
  ],
  fail: [
    {name: 'thirty 200s and no limit', artifacts: bursts(unlimitedBurst()), messageIds: ['never-limited'], page: '/api/login'},
    {name: 'thirty 401s are answers, not a limit', artifacts: bursts(unlimitedBurst(401)), messageIds: ['never-limited']},
    {
      name: 'one endpoint limited and another not',
      artifacts: bursts(rateLimitBurst(), {...unlimitedBurst(), path: '/api/reset'}),
      messageIds: ['never-limited', 'limited'],
    },
  ],
  error: [
    {
      name: 'a burst whose first request met an outage',
      artifacts: bursts({
        path: '/api/login',
        planned: 30,
        sent: 1,
        statuses: [502],
        failures: 0,
        error: probeError('http-5xx', 'the first request answered HTTP 502'),
      }),
      messageIds: ['burst-error'],
      page: '/api/login',
    },
    {
      name: 'a burst cut short by a lost connection',
      artifacts: bursts({...unlimitedBurst(200, 7), failures: 1, error: probeError('connection-reset')}),
      messageIds: ['burst-error'],
    },
    {
      name: "a Cloudflare challenge sent with 429 is the CDN's, not the endpoint's limit",
      artifacts: bursts({
        path: '/api/login',
        planned: 30,
        sent: 1,
        statuses: [429],
        failures: 0,
        error: probeError(
          'waf-challenge',
          'the first answer came from a WAF (a Cloudflare interstitial page answered (HTTP 429) instead of the site)',
        ),
      }),
      messageIds: ['burst-error'],
    },
    {name: 'every request answered 404: the path may be wrong', artifacts: bursts(unlimitedBurst(404)), messageIds: ['not-found']},
    {
      name: 'every request redirected: the burst never reached the endpoint',
      artifacts: bursts(unlimitedBurst(301, 30, {location: 'https://app.example.com/api/login/'})),
      messageIds: ['redirected'],
    },
    {
      name: 'an inconclusive burst outranks a failure elsewhere',
      artifacts: bursts(unlimitedBurst(), {...unlimitedBurst(404), path: '/api/otp'}),
      messageIds: ['never-limited', 'not-found'],
    },
  ],
});
