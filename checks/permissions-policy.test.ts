import check from './permissions-policy.js';
import {answer, hardened, pages, probeError, TARGET, type HeaderChanges} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const page = (changes: HeaderChanges) => ({Pages: pages(hardened(changes))});
const policy = (value: string | string[] | undefined) => page({'permissions-policy': value});

checkTester.run(check, {
  pass: [
    {name: 'the hardened baseline passes', artifacts: page({})},
    {name: 'a feature granted to named origins passes', artifacts: policy('camera=(self "https://meet.example"), microphone=self')},
    {name: 'a harmless feature granted to every origin passes', artifacts: policy('fullscreen=*, camera=()')},
    {name: 'parameters are valid syntax', artifacts: policy('camera=();report-to=main, geolocation=()')},
    {name: 'several headers are read as one policy', artifacts: policy(['camera=()', 'geolocation=()'])},
  ],
  warn: [
    {name: 'the header is absent', artifacts: policy(undefined), messageIds: ['missing']},
    {name: 'the header is empty', artifacts: policy(''), messageIds: ['missing']},
    {
      name: 'only the deprecated Feature-Policy is set',
      artifacts: page({'permissions-policy': undefined, 'feature-policy': "camera 'none'"}),
      messageIds: ['feature-policy-only'],
    },
    {name: 'the camera is granted to every origin', artifacts: policy('camera=*, microphone=()'), messageIds: ['powerful-feature-wildcard']},
    {name: 'a wildcard inside a list grants every origin', artifacts: policy('geolocation=(self *)'), messageIds: ['powerful-feature-wildcard']},
    {
      name: 'a page whose connection was reset beside a judged one is listed as not judged',
      artifacts: {Pages: pages(hardened(), {path: '/login', error: probeError('connection-reset', 'connection reset')})},
      messageIds: ['page-not-judged'],
      page: '/login',
    },
  ],
  fail: [
    {name: 'Feature-Policy syntax in Permissions-Policy is invalid', artifacts: policy("camera 'none'; microphone 'none'"), messageIds: ['invalid']},
    {name: 'an upper-case feature name is invalid', artifacts: policy('Camera=()'), messageIds: ['invalid']},
    {name: 'a trailing comma is invalid', artifacts: policy('camera=(),'), messageIds: ['invalid']},
    {name: 'an allowlist without parentheses is invalid', artifacts: policy('camera=self "https://meet.example"'), messageIds: ['invalid']},
    {
      name: 'one invalid header voids the others it is joined with',
      artifacts: policy(['camera=()', 'microphone=none;']),
      messageIds: ['invalid'],
    },
  ],
  error: [
    {
      name: 'no page could be judged, so the check is inconclusive, not a pass',
      artifacts: {Pages: [{path: '/', url: TARGET.url, response: answer(502, 'bad gateway'), error: probeError('http-5xx', 'answered 502')}]},
      messageIds: ['page-unavailable'],
      page: '/',
    },
  ],
});
