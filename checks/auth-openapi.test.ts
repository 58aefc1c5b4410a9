import check from './auth-openapi.js';
import {probeError, response, TARGET, type AuthVariant} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';
import type {AuthAttempt, HttpResponse, OpenApiOperationProbe, ProbeError} from '../src/core/types.js';

type Answer = HttpResponse | ProbeError;
const status = (code: number, headers: Record<string, string> = {}, body = '') => response(headers, {status: code, body});
const ITEMS = '[{"id":1,"owner":"alice@example.com"}]';
const LOGIN_FORM = '<form method="post" action="/login"><input name="user"><input type="password" name="pw"><button>Log in</button></form>';
const refused = () => status(401, {'www-authenticate': 'Bearer'});
const BEARER: AuthVariant[] = ['no-credentials', 'invalid-bearer', 'malformed-token', 'alg-none-jwt'];

/** A secured operation (GET /items/{id} by default, sent as /items/1) asked the bearer ways, each answered by `answerFor`. */
function operation(
  answerFor: (variant: AuthVariant) => Answer,
  options: {method?: string; path?: string; variants?: AuthVariant[]; control?: Answer; notProbed?: string} = {},
): OpenApiOperationProbe {
  const {method = 'GET', path = '/items/{id}', variants = BEARER} = options;
  const sent = path.replace(/\{[^}]*\}/g, '1');
  const url = new URL(sent, TARGET.url).href;
  const attempt = (variant: AuthVariant, given: Answer): AuthAttempt =>
    'kind' in given ? {method, path: sent, variant, error: given} : {method, path: sent, variant, response: {...given, url}};
  return {
    method,
    path,
    sent,
    parameters: 'id=1',
    refusal: [401, 403],
    ...(options.notProbed === undefined ? {} : {notProbed: options.notProbed}),
    attempts:
      options.notProbed === undefined
        ? [...variants.map((v) => attempt(v, answerFor(v))), ...(options.control ? [attempt('positive-control', options.control)] : [])]
        : [],
  };
}

const doc = (...operations: OpenApiOperationProbe[]) => ({OpenApiOperations: {document: 'openapi.yaml', public: 2, operations}});
const except = (variant: AuthVariant, given: Answer) => (v: AuthVariant) => (v === variant ? given : refused());
const POST_OFF = 'POST is not enabled: add it with --openapi-methods GET,HEAD,POST';

checkTester.run(check, {
  pass: [
    {
      name: 'every secured operation refuses',
      artifacts: doc(
        operation(refused),
        operation(() => status(403), {path: '/me'}),
      ),
      messageIds: ['coverage', 'refused'],
    },
    {
      name: 'an API key operation refuses the request without a key and a random key',
      artifacts: doc(operation(refused, {variants: ['no-credentials', 'invalid-api-key']})),
      messageIds: ['coverage', 'refused'],
    },
    {
      name: 'a redirect to a login page on the same host is a refusal',
      artifacts: doc(operation(() => status(302, {location: '/login?next=/items/1'}))),
      messageIds: ['coverage', 'refused'],
    },
    {
      name: 'a 404 without credentials and content with them is a refusal by hiding',
      artifacts: doc(operation(() => status(404), {control: status(200, {}, ITEMS)})),
      messageIds: ['coverage', 'refused'],
    },
    {
      name: 'a POST not enabled is listed as not probed beside a refused GET',
      artifacts: doc(operation(refused), operation(refused, {method: 'POST', path: '/items', notProbed: POST_OFF})),
      messageIds: ['coverage', 'refused', 'not-probed'],
    },
  ],
  warn: [
    {
      name: 'a 404 with the example parameters is inconclusive for that operation, not a pass',
      artifacts: doc(
        operation(refused, {path: '/me'}),
        operation(() => status(404)),
      ),
      messageIds: ['coverage', 'refused', 'not-found'],
    },
    {
      name: 'a 405 is read like a 404',
      artifacts: doc(
        operation(refused, {path: '/me'}),
        operation(() => status(405)),
      ),
      messageIds: ['coverage', 'refused', 'not-found'],
    },
    {
      name: 'a 429 is the limiter, not a refusal',
      artifacts: doc(
        operation(refused, {path: '/me'}),
        operation(() => status(429, {'retry-after': '30'})),
      ),
      messageIds: ['coverage', 'refused', 'rate-limited'],
    },
    {
      name: 'a 5xx cannot be judged',
      artifacts: doc(
        operation(refused, {path: '/me'}),
        operation(() => probeError('http-5xx', 'the server answered HTTP 502')),
      ),
      messageIds: ['coverage', 'refused', 'attempt-error'],
    },
    {
      name: 'a redirect to a login page on another host is not counted as a refusal',
      artifacts: doc(
        operation(refused, {path: '/me'}),
        operation(() => status(302, {location: 'https://id.example.net/login'})),
      ),
      messageIds: ['coverage', 'refused', 'redirect-elsewhere'],
    },
    {
      name: 'a login form served with 200 and no control',
      artifacts: doc(
        operation(refused, {path: '/me'}),
        operation(() => status(200, {}, LOGIN_FORM)),
      ),
      messageIds: ['coverage', 'refused', 'login-page'],
    },
    {
      name: 'a 400 is neither refusal nor content',
      artifacts: doc(operation(refused, {path: '/me'}), operation(except('malformed-token', status(400)))),
      messageIds: ['coverage', 'refused', 'unexpected-status'],
    },
    {
      name: 'a document without a secured operation has nothing to test',
      artifacts: doc(),
      messageIds: ['no-secured-operations'],
    },
  ],
  fail: [
    {
      name: 'a secured GET served without credentials',
      artifacts: doc(
        operation(refused, {path: '/me'}),
        operation(() => status(200, {}, ITEMS)),
      ),
      messageIds: ['coverage', 'refused', 'open'],
    },
    {
      name: 'one open operation fails the check even when another is inconclusive',
      artifacts: doc(
        operation(() => status(200, {}, ITEMS)),
        operation(() => status(404), {path: '/orders/{id}'}),
      ),
      messageIds: ['coverage', 'open', 'not-found'],
    },
    {
      name: 'an unsigned JWT accepted while the plain request is refused',
      artifacts: doc(operation(except('alg-none-jwt', status(200, {}, ITEMS)))),
      messageIds: ['coverage', 'alg-none-accepted'],
    },
    {
      name: 'a random API key accepted',
      artifacts: doc(operation(except('invalid-api-key', status(200, {}, ITEMS)), {variants: ['no-credentials', 'invalid-api-key']})),
      messageIds: ['coverage', 'open'],
    },
    {
      name: 'a secured POST served without credentials once POST is enabled',
      artifacts: doc(operation(() => status(201, {}, '{"id":7}'), {method: 'POST', path: '/items'})),
      messageIds: ['coverage', 'open'],
    },
  ],
  error: [
    {
      name: 'nothing could be judged: every operation answered 404',
      artifacts: doc(
        operation(() => status(404)),
        operation(() => status(404), {path: '/orders/{id}'}),
      ),
      messageIds: ['coverage', 'not-found', 'nothing-judged'],
    },
    {
      name: 'no secured operation could be sent: every method is off',
      artifacts: doc(operation(refused, {method: 'POST', path: '/items', notProbed: POST_OFF})),
      messageIds: ['coverage', 'not-probed', 'none-probed'],
    },
  ],
});
