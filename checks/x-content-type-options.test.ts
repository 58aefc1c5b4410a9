import check from './x-content-type-options.js';
import {hardened, pages} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

checkTester.run(check, {
  pass: [
    {name: 'nosniff is set', artifacts: {Pages: pages(hardened())}},
    {name: 'case and spaces do not matter', artifacts: {Pages: pages(hardened({'x-content-type-options': ' NoSniff '}))}},
  ],
  fail: [
    {name: 'the header is absent', artifacts: {Pages: pages(hardened({'x-content-type-options': undefined}))}, messageIds: ['missing']},
    {name: 'the value is wrong', artifacts: {Pages: pages(hardened({'x-content-type-options': 'sniff'}))}, messageIds: ['invalid']},
    {
      name: 'a second page lacks the header',
      artifacts: {Pages: pages(hardened(), {path: '/api', response: hardened({'x-content-type-options': undefined})})},
      messageIds: ['missing'],
      page: '/api',
    },
  ],
  error: [
    {
      name: 'a page that could not be fetched is inconclusive, not a pass',
      artifacts: {Pages: pages(hardened(), {path: '/login', error: {kind: 'probe-error', code: 'timeout', message: 'timed out after 10000 ms'}})},
      messageIds: ['page-unavailable'],
      page: '/login',
    },
  ],
});
