import check from './auth-required.js';
import {authEndpoint, probeError, response, type AuthVariant} from '../test/helpers/artifacts.js';
import {checkTester} from '../test/helpers/check-tester.js';

const status = (code: number, headers: Record<string, string> = {}, body = '') => response(headers, {status: code, body});
const ADMIN = '<!doctype html><h1>Admin</h1><table><tr><td>alice@example.com</td><td>owner</td></tr></table>';
const LOGIN_FORM = '<form method="post" action="/login"><input name="user"><input type="password" name="pw"><button>Log in</button></form>';
const CHANGE_PASSWORD = '<h1>Admin</h1><form><input type=password name=old><input type=password name=new><input type=password name=again></form>';
const refused = () => status(401, {'www-authenticate': 'Bearer'});
/** Refused every way except `variant`, which gets `given`. */
const except = (variant: AuthVariant, given: ReturnType<typeof status> | ReturnType<typeof probeError>) => (v: AuthVariant) =>
  v === variant ? given : refused();
const endpoints = (...list: ReturnType<typeof authEndpoint>[]) => ({AuthEndpoints: list});
/** Every attempt as the probe stores an answer it cannot judge: the answer kept beside its error. */
const keptBeside = (error: ReturnType<typeof probeError>, endpoint: ReturnType<typeof authEndpoint>) => ({
  ...endpoint,
  attempts: endpoint.attempts.map((a) => ({...a, error})),
});
/** A 429 from the site's limiter to every request. */
const limited = (retryAfter?: string) =>
  keptBeside(
    probeError('rate-limited', 'the server answered HTTP 429 (rate-limited); re-run after the limit resets'),
    authEndpoint(() => status(429, retryAfter === undefined ? {} : {'retry-after': retryAfter}, 'Too Many Requests')),
  );

checkTester.run(check, {
  pass: [
    {name: '401 to every variant', artifacts: endpoints(authEndpoint(refused)), messageIds: ['refused'], page: '/admin'},
    {name: '403 to every variant', artifacts: endpoints(authEndpoint(() => status(403))), messageIds: ['refused']},
    {
      name: 'a redirect to the configured login URL',
      artifacts: endpoints(authEndpoint(() => status(302, {location: '/auth/sign-on?next=/admin'}), {loginUrl: '/auth/sign-on'})),
      messageIds: ['refused'],
    },
    {
      name: 'a redirect to the configured login URL given absolute',
      artifacts: endpoints(
        authEndpoint(() => status(303, {location: 'https://app.example.com/session/new'}), {loginUrl: 'https://app.example.com/session/new/'}),
      ),
      messageIds: ['refused'],
    },
    {
      name: 'a redirect to /login with no login URL configured',
      artifacts: endpoints(authEndpoint(() => status(302, {location: '/login?next=%2Fadmin'}))),
      messageIds: ['refused'],
    },
    {
      name: 'a redirect to an identity provider',
      artifacts: endpoints(authEndpoint(() => status(302, {location: 'https://id.example.net/realms/x/protocol/openid-connect/auth?client_id=app'}))),
      messageIds: ['refused'],
    },
    {
      name: 'a redirect to a Django login page',
      artifacts: endpoints(authEndpoint(() => status(302, {location: '/accounts/login/?next=/admin/'}))),
      messageIds: ['refused'],
    },
    {
      name: 'a status the endpoint declares as its refusal',
      artifacts: endpoints(authEndpoint(() => status(400), {refusal: [400, 401]})),
      messageIds: ['refused'],
    },
    {
      name: 'a 404 without credentials and content with them is a refusal by hiding',
      artifacts: endpoints(authEndpoint(() => status(404), {control: status(200, {}, ADMIN)})),
      messageIds: ['hidden', 'refused'],
    },
    {
      name: 'a login form without credentials and other content with them is a refusal',
      artifacts: endpoints(authEndpoint(() => status(200, {}, LOGIN_FORM), {control: status(200, {}, ADMIN)})),
      messageIds: ['login-page-refusal', 'refused'],
    },
    {
      name: 'a POST endpoint that refuses',
      artifacts: endpoints(authEndpoint(refused, {method: 'POST', path: '/api/users'})),
      messageIds: ['refused'],
    },
    {
      name: 'a control over plain HTTP is not sent, and is only noted',
      artifacts: endpoints(authEndpoint(refused, {control: probeError('not-applicable', 'the positive control is sent only over HTTPS')})),
      messageIds: ['control-not-sent', 'refused'],
    },
  ],
  warn: [
    {
      name: 'a login form served with 200 and no control to compare',
      artifacts: endpoints(authEndpoint(() => status(200, {}, LOGIN_FORM))),
      messageIds: ['login-page'],
      page: '/admin',
    },
    {
      name: 'credentials that do not open the endpoint',
      artifacts: endpoints(authEndpoint(refused, {control: status(401)})),
      messageIds: ['control-refused', 'refused'],
    },
    {
      name: 'credentials that only get the login form too',
      artifacts: endpoints(authEndpoint(() => status(200, {}, LOGIN_FORM), {control: status(200, {}, LOGIN_FORM)})),
      messageIds: ['control-refused', 'login-page'],
    },
    {
      name: 'a control that met the rate limiter is not a refused credential',
      artifacts: endpoints(authEndpoint(refused, {control: status(429, {'retry-after': '60'})})),
      messageIds: ['control-failed', 'refused'],
    },
    {
      name: 'a control that crashed',
      artifacts: endpoints(authEndpoint(refused, {control: probeError('http-5xx', 'the server answered HTTP 500')})),
      messageIds: ['control-failed', 'refused'],
    },
  ],
  fail: [
    {
      name: 'an admin page served with no credentials',
      artifacts: endpoints(authEndpoint(() => status(200, {}, ADMIN))),
      messageIds: ['served'],
      page: '/admin',
    },
    {
      name: 'an unsigned JWT accepted while the others are refused',
      artifacts: endpoints(authEndpoint(except('alg-none-jwt', status(200, {}, '{"user":"admin"}')), {path: '/api/me'})),
      messageIds: ['alg-none-accepted'],
      page: '/api/me',
    },
    {
      name: 'an unsigned JWT accepted where the plain request is sent to log in',
      artifacts: endpoints(
        authEndpoint((v) => (v === 'alg-none-jwt' ? status(200, {}, ADMIN) : status(302, {location: '/login'})), {path: '/panel'}),
      ),
      messageIds: ['alg-none-accepted'],
      page: '/panel',
    },
    {
      name: 'an endpoint open to everyone serves the unsigned JWT too, and that is no separate finding',
      artifacts: endpoints(authEndpoint(() => status(200, {}, '{"user":"admin"}'), {path: '/api/me'})),
      messageIds: ['served'],
      page: '/api/me',
    },
    {
      name: 'an unsigned JWT served while the plain request was lost is content served, not proof of a forged token',
      artifacts: endpoints(
        authEndpoint((v) => (v === 'alg-none-jwt' ? status(200, {}, ADMIN) : v === 'no-credentials' ? probeError('timeout') : refused())),
      ),
      messageIds: ['served', 'attempt-error'],
    },
    {
      name: 'an unsigned JWT served while the plain request met the limiter is content served',
      artifacts: endpoints(authEndpoint((v) => (v === 'alg-none-jwt' ? status(200, {}, ADMIN) : v === 'no-credentials' ? status(429) : refused()))),
      messageIds: ['served', 'rate-limited'],
    },
    {
      name: 'any random bearer token accepted',
      artifacts: endpoints(authEndpoint(except('invalid-bearer', status(200, {}, ADMIN)))),
      messageIds: ['served'],
    },
    {
      name: 'a 204 to an anonymous DELETE did the deed',
      artifacts: endpoints(authEndpoint(() => status(204), {method: 'DELETE', path: '/api/users/1'})),
      messageIds: ['served'],
    },
    {
      name: 'a change-password form is content, not a login form',
      artifacts: endpoints(authEndpoint(() => status(200, {}, CHANGE_PASSWORD))),
      messageIds: ['served'],
    },
    {
      name: 'a served endpoint stays failed when another attempt was lost',
      artifacts: endpoints(authEndpoint((v) => (v === 'no-credentials' ? status(200, {}, ADMIN) : probeError('timeout')))),
      messageIds: ['served', 'attempt-error'],
    },
    {
      name: 'a working control does not excuse content served to a forged token',
      artifacts: endpoints(authEndpoint(except('alg-none-jwt', status(200, {}, ADMIN)), {control: status(200, {}, ADMIN)})),
      messageIds: ['alg-none-accepted'],
    },
  ],
  error: [
    {
      name: 'a 404 with no control: the route may not exist',
      artifacts: endpoints(authEndpoint(() => status(404))),
      messageIds: ['not-found'],
      page: '/admin',
    },
    {
      name: 'a 404 stays inconclusive when the control is refused too',
      artifacts: endpoints(authEndpoint(() => status(404), {control: status(404)})),
      messageIds: ['not-found', 'control-refused'],
    },
    {
      name: 'a 5xx answer',
      artifacts: endpoints(authEndpoint(() => probeError('http-5xx', 'the server answered HTTP 502'))),
      messageIds: ['attempt-error'],
    },
    {
      name: 'a 5xx answer kept beside its error is not judged by its status',
      artifacts: endpoints(
        keptBeside(
          probeError('http-5xx', 'the server answered HTTP 502'),
          authEndpoint(() => status(502)),
        ),
      ),
      messageIds: ['attempt-error'],
    },
    {
      name: 'a 503 answer built without its error is still no refusal question',
      artifacts: endpoints(authEndpoint(() => status(503, {'retry-after': '120'}))),
      messageIds: ['attempt-error'],
    },
    {
      name: 'a 429 with Retry-After is the limiter speaking, not the endpoint',
      artifacts: endpoints(limited('60')),
      messageIds: ['rate-limited'],
      page: '/admin',
    },
    {name: 'a 429 with Retry-After as a date', artifacts: endpoints(limited('Wed, 21 Oct 2026 07:28:00 GMT')), messageIds: ['rate-limited']},
    {name: 'a 429 without Retry-After', artifacts: endpoints(limited()), messageIds: ['rate-limited']},
    {name: 'a 429 with a Retry-After that is no valid value', artifacts: endpoints(limited('soon')), messageIds: ['rate-limited']},
    {
      name: 'a 429 to one request while the others are refused',
      artifacts: endpoints(authEndpoint(except('alg-none-jwt', status(429, {'retry-after': '30'})))),
      messageIds: ['rate-limited'],
    },
    {
      name: 'a 429 is no refusal even when the refusal list names it',
      artifacts: endpoints(authEndpoint(() => status(429, {'retry-after': '30'}), {refusal: [401, 403, 429]})),
      messageIds: ['rate-limited'],
    },
    {
      name: 'a WAF challenge in place of the endpoint',
      artifacts: endpoints(
        authEndpoint(except('no-credentials', probeError('waf-challenge', 'a Cloudflare challenge page answered (HTTP 403) instead of the site'))),
      ),
      messageIds: ['attempt-error'],
    },
    {
      name: 'a redirect that goes somewhere other than a login page',
      artifacts: endpoints(authEndpoint(() => status(301, {location: '/admin/'}))),
      messageIds: ['redirect-elsewhere'],
    },
    {
      name: 'a redirect to a login-looking path that is not the configured login URL',
      artifacts: endpoints(authEndpoint(() => status(302, {location: '/login'}), {loginUrl: '/sso/start'})),
      messageIds: ['redirect-elsewhere'],
    },
    {name: 'a redirect without a Location', artifacts: endpoints(authEndpoint(() => status(302))), messageIds: ['unexpected-status']},
    {
      name: 'a 400 that is not a declared refusal',
      artifacts: endpoints(authEndpoint(except('malformed-token', status(400)))),
      messageIds: ['unexpected-status'],
    },
    {
      name: 'an inconclusive endpoint outranks a failure elsewhere',
      artifacts: endpoints(
        authEndpoint(() => status(200, {}, ADMIN)),
        authEndpoint(() => status(404), {path: '/internal'}),
      ),
      messageIds: ['served', 'not-found'],
    },
  ],
});
