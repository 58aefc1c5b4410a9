import check from './cors.js';
import {corsProbe, probeError} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const FOREIGN = 'https://attacker.example';
const SUFFIX = 'https://evilexample.com';
const PREFIX = 'https://app.example.com.evil.example';
const HTTP_SAME_HOST = 'http://app.example.com';
const CREDENTIALS = {'access-control-allow-credentials': 'true'};
const lost = (path = '/api'): ReturnType<typeof corsProbe> => ({path, origin: FOREIGN, variant: 'foreign', error: probeError('timeout')});

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
    {name: 'a probe that failed is inconclusive', artifacts: {CorsProbes: [corsProbe(FOREIGN, 'foreign', {}), lost()]}, messageIds: ['probe-failed'], page: '/api'},
    {
      name: 'a failure on another path does not excuse a failed probe',
      artifacts: {CorsProbes: [corsProbe(FOREIGN, 'foreign', {'access-control-allow-origin': FOREIGN, ...CREDENTIALS}, '/'), lost('/api')]},
      messageIds: ['probe-failed', 'reflected-with-credentials'],
    },
  ],
});
