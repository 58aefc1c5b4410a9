import check from './deprecated-headers.js';
import {hardened, pages, probeError, TARGET, type HeaderChanges} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const page = (changes: HeaderChanges) => ({Pages: pages(hardened(changes))});

checkTester.run(check, {
  pass: [
    {name: 'the hardened baseline passes', artifacts: page({})},
    {name: 'X-XSS-Protection 0 switches the auditor off', artifacts: page({'x-xss-protection': '0'})},
    {name: 'parameters after 0 change nothing', artifacts: page({'x-xss-protection': '0; mode=block'})},
  ],
  warn: [
    {name: 'X-XSS-Protection 1; mode=block is a warning', artifacts: page({'x-xss-protection': '1; mode=block'}), messageIds: ['x-xss-protection']},
    {name: 'X-XSS-Protection 1 is a warning', artifacts: page({'x-xss-protection': '1'}), messageIds: ['x-xss-protection']},
    {name: 'Expect-CT is obsolete', artifacts: page({'expect-ct': 'max-age=86400, enforce'}), messageIds: ['expect-ct']},
    {name: 'Feature-Policy is deprecated', artifacts: page({'feature-policy': "camera 'none'"}), messageIds: ['feature-policy']},
    {
      name: 'X-XSS-Protection 0 and 1 on two lines is read as one value, as on one line',
      artifacts: page({'x-xss-protection': ['0', '1; mode=block']}),
      messageIds: ['x-xss-protection'],
    },
    {
      name: 'a page with a TLS failure beside a judged one is listed as not judged',
      artifacts: {Pages: pages(hardened(), {path: '/old', error: probeError('tls', 'certificate expired')})},
      messageIds: ['page-not-judged'],
      page: '/old',
    },
  ],
  fail: [
    {
      name: 'Public-Key-Pins fails',
      artifacts: page({'public-key-pins': 'pin-sha256="d6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM="; max-age=5184000'}),
      messageIds: ['public-key-pins'],
    },
    {
      name: 'Public-Key-Pins-Report-Only fails too',
      artifacts: page({'public-key-pins-report-only': 'pin-sha256="d6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM="; max-age=5184000'}),
      messageIds: ['public-key-pins'],
    },
    {
      name: 'every obsolete header is reported at once',
      artifacts: page({'public-key-pins': 'max-age=1', 'expect-ct': 'max-age=0', 'x-xss-protection': '1'}),
      messageIds: ['public-key-pins', 'expect-ct', 'x-xss-protection'],
    },
  ],
  error: [
    {
      name: 'no page could be judged, so the check is inconclusive, not a pass',
      artifacts: {Pages: [{path: '/', url: TARGET.url, error: probeError('tls', 'certificate expired')}]},
      messageIds: ['page-unavailable'],
      page: '/',
    },
  ],
});
