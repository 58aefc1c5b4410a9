import check from './x-content-type-options.js';
import {answer, hardened, pages, probeError, TARGET, type HeaderChanges} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const xcto = (value: HeaderChanges[string]) => ({Pages: pages(hardened({'x-content-type-options': value}))});

checkTester.run(check, {
  pass: [
    {name: 'nosniff is set', artifacts: {Pages: pages(hardened())}},
    {name: 'case and spaces do not matter', artifacts: xcto(' NoSniff ')},
    {name: 'nosniff twice on one line is noted', artifacts: xcto('nosniff, nosniff'), messageIds: ['extra-values']},
    {name: 'nosniff on two header lines is noted the same way', artifacts: xcto(['nosniff', 'nosniff']), messageIds: ['extra-values']},
    {
      name: 'browsers read only the first value, so a later one does not undo nosniff',
      artifacts: xcto('nosniff, sniff'),
      messageIds: ['extra-values'],
    },
  ],
  warn: [
    {
      name: 'a page answered by a 5xx beside a judged one is listed as not judged',
      artifacts: {Pages: pages(hardened(), {path: '/login', error: probeError('http-5xx', 'answered 502')})},
      messageIds: ['page-not-judged'],
      page: '/login',
    },
  ],
  fail: [
    {name: 'the header is absent', artifacts: xcto(undefined), messageIds: ['missing']},
    {name: 'the value is wrong', artifacts: xcto('sniff'), messageIds: ['invalid']},
    {name: 'the header is empty', artifacts: xcto(''), messageIds: ['invalid']},
    {name: 'a first value other than nosniff on one line fails', artifacts: xcto('sniff, nosniff'), messageIds: ['invalid']},
    {name: 'a first header line other than nosniff fails the same way', artifacts: xcto(['sniff', 'nosniff']), messageIds: ['invalid']},
    {
      name: 'a second page lacks the header',
      artifacts: {Pages: pages(hardened(), {path: '/api', response: hardened({'x-content-type-options': undefined})})},
      messageIds: ['missing'],
      page: '/api',
    },
  ],
  error: [
    {
      name: 'no page could be judged, so the check is inconclusive, not a pass',
      artifacts: {Pages: [{path: '/', url: TARGET.url, error: probeError('timeout', 'timed out after 10000 ms')}]},
      messageIds: ['page-unavailable'],
      page: '/',
    },
    {
      name: "a WAF's answer is not judged, even though it lacks the header",
      artifacts: {Pages: [{path: '/', url: TARGET.url, response: answer(403, 'Just a moment...'), error: probeError('waf-challenge')}]},
      messageIds: ['page-unavailable'],
      page: '/',
    },
  ],
});
