import check from './cross-origin-policies.js';
import {answer, hardened, pages, probeError, TARGET, type HeaderChanges} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const page = (changes: HeaderChanges) => ({Pages: pages(hardened(changes))});
const coop = (value: string | string[] | undefined) => page({'cross-origin-opener-policy': value});
const corp = (value: string | string[] | undefined) => page({'cross-origin-resource-policy': value});

checkTester.run(check, {
  pass: [
    {name: 'the hardened baseline passes', artifacts: page({})},
    {name: 'same-origin-allow-popups keeps pop-ups working and passes', artifacts: coop('same-origin-allow-popups')},
    {name: 'noopener-allow-popups passes', artifacts: coop('noopener-allow-popups')},
    {name: 'a reporting endpoint parameter is valid', artifacts: coop('same-origin; report-to="coop"')},
    {name: 'CORP same-site passes', artifacts: corp('same-site')},
    {name: 'CORP cross-origin is a deliberate choice, noted', artifacts: corp('cross-origin'), messageIds: ['corp-cross-origin']},
  ],
  warn: [
    {name: 'COOP is absent', artifacts: coop(undefined), messageIds: ['coop-missing']},
    {name: 'COOP unsafe-none protects nothing', artifacts: coop('unsafe-none'), messageIds: ['coop-unsafe-none']},
    {name: 'CORP is absent', artifacts: corp(undefined), messageIds: ['corp-missing']},
    {
      name: 'a page that did not resolve beside a judged one is listed as not judged',
      artifacts: {Pages: pages(hardened(), {path: '/api', error: probeError('dns', 'host not found')})},
      messageIds: ['page-not-judged'],
      page: '/api',
    },
  ],
  fail: [
    {name: 'an unknown COOP value is invalid', artifacts: coop('same_origin'), messageIds: ['coop-invalid']},
    {name: 'COOP tokens are case-sensitive', artifacts: coop('Same-Origin'), messageIds: ['coop-invalid']},
    {name: 'a quoted COOP value is a string, not a token', artifacts: coop('"same-origin"'), messageIds: ['coop-invalid']},
    {name: 'two COOP headers void each other', artifacts: coop(['same-origin', 'same-origin']), messageIds: ['coop-invalid']},
    {name: 'two COOP values on one line void each other the same way', artifacts: coop('same-origin, same-origin'), messageIds: ['coop-invalid']},
    {name: 'an unknown CORP value is invalid', artifacts: corp('same-host'), messageIds: ['corp-invalid']},
    {name: 'CORP values are case-sensitive', artifacts: corp('Same-Origin'), messageIds: ['corp-invalid']},
    {name: 'two CORP headers void each other', artifacts: corp(['same-origin', 'same-site']), messageIds: ['corp-invalid']},
    {name: 'two CORP values on one line void each other the same way', artifacts: corp('same-origin, same-origin'), messageIds: ['corp-invalid']},
  ],
  error: [
    {
      name: 'no page could be judged, so the check is inconclusive, not a pass',
      artifacts: {Pages: [{path: '/', url: TARGET.url, response: answer(503, 'maintenance'), error: probeError('http-5xx', 'answered 503')}]},
      messageIds: ['page-unavailable'],
      page: '/',
    },
  ],
});
