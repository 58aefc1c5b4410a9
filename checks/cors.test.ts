import check from './cors.js';
import {corsProbe, probeError} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const FOREIGN = 'https://attacker.example';
const SUFFIX = 'https://evilexample.com';
const PREFIX = 'https://app.example.com.evil.example';
const HTTP_SAME_HOST = 'http://app.example.com';
const CREDENTIALS = {'access-control-allow-credentials': 'true'};
const lost = (path = '/api'): ReturnType<typeof corsProbe> => ({path, origin: FOREIGN, variant: 'foreign', error: probeError('timeout')});
/** The site's own front end, named with --trusted-origin, and the look-alikes the probe sends for it. */
const TRUSTED = 'https://app.example.test';
const TRUSTED_SUFFIX = 'https://shipcheck-attackerapp.example.test';
const TRUSTED_SUBDOMAIN = 'https://shipcheck-attacker.app.example.test';
const TRUSTED_HTTP = 'http://app.example.test';
/** An answer kept beside its error (a 429 here): the probe could not judge it. */
const unjudgeable = (probe: ReturnType<typeof corsProbe>): ReturnType<typeof corsProbe> => ({
  ...probe,
  error: probeError('rate-limited', 'the server answered HTTP 429 (rate-limited; Retry-After: 30); re-run after the limit resets'),
});

checkTester.run(check, {
  pass: [
    {name: 'no CORS headers at all', artifacts: {CorsProbes: [corsProbe(FOREIGN, 'foreign', {}), corsProbe('null', 'null', {})]}},
    {
      name: 'the site allows only its own origin',
      artifacts: {CorsProbes: [corsProbe(SUFFIX, 'suffix', {'access-control-allow-origin': 'https://app.example.com', ...CREDENTIALS})]},
    },
    {
      name: 'a wildcard without credentials is a public resource',
      artifacts: {CorsProbes: [corsProbe(FOREIGN, 'foreign', {'access-control-allow-origin': '*'})]},
      messageIds: ['wildcard'],
    },
    {name: 'no probes, nothing to judge', artifacts: {CorsProbes: []}},
    {
      name: 'a look-alike of a trusted origin gets the trusted origin back, which grants it nothing',
      artifacts: {
        CorsProbes: [
          corsProbe(TRUSTED_SUFFIX, 'suffix', {'access-control-allow-origin': TRUSTED, ...CREDENTIALS}),
          corsProbe(TRUSTED_SUBDOMAIN, 'suffix', {'access-control-allow-origin': TRUSTED, ...CREDENTIALS}),
          corsProbe(TRUSTED_HTTP, 'http-same-host', {'access-control-allow-origin': TRUSTED, ...CREDENTIALS}),
        ],
      },
    },
  ],
  warn: [
    {
      name: 'credentials spelt True grant nothing, so an echo is read without cookies',
      artifacts: {CorsProbes: [corsProbe(FOREIGN, 'foreign', {'access-control-allow-origin': FOREIGN, 'access-control-allow-credentials': 'True'})]},
      messageIds: ['reflected'],
    },
    {
      name: 'an echoed foreign origin without credentials',
      artifacts: {CorsProbes: [corsProbe(FOREIGN, 'foreign', {'access-control-allow-origin': FOREIGN})]},
      messageIds: ['reflected'],
    },
    {
      name: 'a wildcard with credentials shows credentialed reads were intended',
      artifacts: {CorsProbes: [corsProbe(FOREIGN, 'foreign', {'access-control-allow-origin': '*', ...CREDENTIALS})]},
      messageIds: ['wildcard-with-credentials'],
    },
    {
      name: 'two ACAO headers are refused by browsers',
      artifacts: {CorsProbes: [corsProbe(FOREIGN, 'foreign', {'access-control-allow-origin': [FOREIGN, 'https://app.example.com']})]},
      messageIds: ['invalid'],
    },
    {
      name: 'a list of origins in one ACAO is refused by browsers',
      artifacts: {CorsProbes: [corsProbe(FOREIGN, 'foreign', {'access-control-allow-origin': `https://app.example.com ${FOREIGN}`})]},
      messageIds: ['invalid'],
    },
    {
      name: 'a look-alike of a trusted origin accepted without credentials is read without cookies',
      artifacts: {CorsProbes: [corsProbe(TRUSTED_SUFFIX, 'suffix', {'access-control-allow-origin': TRUSTED_SUFFIX})]},
      messageIds: ['reflected'],
    },
  ],
  fail: [
    {
      name: 'a foreign origin is echoed with credentials',
      artifacts: {CorsProbes: [corsProbe(FOREIGN, 'foreign', {'access-control-allow-origin': FOREIGN, ...CREDENTIALS}, '/api/me')]},
      messageIds: ['reflected-with-credentials'],
      page: '/api/me',
    },
    {
      name: 'the null origin is echoed with credentials',
      artifacts: {CorsProbes: [corsProbe('null', 'null', {'access-control-allow-origin': 'null', ...CREDENTIALS})]},
      messageIds: ['reflected-with-credentials'],
    },
    {
      name: 'an endsWith check lets evil plus the domain in',
      artifacts: {CorsProbes: [corsProbe(SUFFIX, 'suffix', {'access-control-allow-origin': SUFFIX, ...CREDENTIALS})]},
      messageIds: ['reflected-with-credentials'],
    },
    {
      name: 'an unanchored regex lets the host as a subdomain of evil in',
      artifacts: {CorsProbes: [corsProbe(PREFIX, 'prefix', {'access-control-allow-origin': PREFIX, ...CREDENTIALS})]},
      messageIds: ['reflected-with-credentials'],
    },
    {
      name: 'an endsWith check on a trusted host lets evil glued to it in',
      artifacts: {CorsProbes: [corsProbe(TRUSTED_SUFFIX, 'suffix', {'access-control-allow-origin': TRUSTED_SUFFIX, ...CREDENTIALS})]},
      messageIds: ['reflected-with-credentials'],
    },
    {
      name: 'any subdomain of a trusted host is let in with credentials',
      artifacts: {CorsProbes: [corsProbe(TRUSTED_SUBDOMAIN, 'suffix', {'access-control-allow-origin': TRUSTED_SUBDOMAIN, ...CREDENTIALS})]},
      messageIds: ['reflected-with-credentials'],
    },
    {
      name: 'a trusted host is trusted over plain HTTP with credentials',
      artifacts: {CorsProbes: [corsProbe(TRUSTED_HTTP, 'http-same-host', {'access-control-allow-origin': TRUSTED_HTTP, ...CREDENTIALS})]},
      messageIds: ['http-origin-with-credentials'],
    },
    {
      name: 'the host over plain HTTP is trusted with credentials',
      artifacts: {CorsProbes: [corsProbe(HTTP_SAME_HOST, 'http-same-host', {'access-control-allow-origin': HTTP_SAME_HOST, ...CREDENTIALS})]},
      messageIds: ['http-origin-with-credentials'],
    },
    {
      name: 'a failed probe on a path that already failed does not hide the failure',
      artifacts: {CorsProbes: [corsProbe(FOREIGN, 'foreign', {'access-control-allow-origin': FOREIGN, ...CREDENTIALS}, '/api'), lost()]},
      messageIds: ['reflected-with-credentials', 'probe-failed'],
    },
  ],
  error: [
    {
      name: 'an answer from the limiter is not judged by its CORS headers',
      artifacts: {CorsProbes: [unjudgeable(corsProbe(FOREIGN, 'foreign', {}, '/api'))]},
      messageIds: ['probe-failed'],
      page: '/api',
    },
    {
      name: 'a reflecting answer the probe could not judge is inconclusive, not a failure',
      artifacts: {CorsProbes: [unjudgeable(corsProbe(FOREIGN, 'foreign', {'access-control-allow-origin': FOREIGN, ...CREDENTIALS}))]},
      messageIds: ['probe-failed'],
    },
    {
      name: 'a probe that failed is inconclusive',
      artifacts: {CorsProbes: [corsProbe(FOREIGN, 'foreign', {}), lost()]},
      messageIds: ['probe-failed'],
      page: '/api',
    },
    {
      name: 'a failure on another path does not excuse a failed probe',
      artifacts: {CorsProbes: [corsProbe(FOREIGN, 'foreign', {'access-control-allow-origin': FOREIGN, ...CREDENTIALS}, '/'), lost('/api')]},
      messageIds: ['probe-failed', 'reflected-with-credentials'],
    },
  ],
});
