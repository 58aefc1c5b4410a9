import {defineCheck, fail, inconclusive, info, outcome, warn} from '../src/core/check.js';
import type {AuthAttempt, AuthEndpoint, Finding} from '../src/core/types.js';
import {classifyAnswer, isLoginForm} from '../src/lib/auth-answer.js';
import {inconclusiveReason} from '../src/lib/inconclusive.js';

type Judged = {readonly refused: true; readonly note?: Finding<Id>} | {readonly refused: false; readonly finding: Finding<Id>};

/** What the positive control showed: whether the credentials open the endpoint, and any note about it. */
function judgeControl(endpoint: AuthEndpoint, control: AuthAttempt | undefined): {opens: boolean; findings: Finding<Id>[]} {
  if (!control) return {opens: false, findings: []};
  const where = {path: endpoint.path, method: endpoint.method};
  const {response} = control;
  // A 429, 5xx or challenge answer says nothing about whether the credentials are accepted.
  const error = control.error ?? (response ? inconclusiveReason(response) : undefined);
  if (!response || error) {
    const data = {...where, reason: error?.message ?? 'no response'};
    const note = error?.code === 'not-applicable' ? info('control-not-sent', data, endpoint.path) : warn('control-failed', data, endpoint.path);
    return {opens: false, findings: [note]};
  }
  if (response.status >= 200 && response.status < 300 && !isLoginForm(response)) return {opens: true, findings: []};
  const status = isLoginForm(response) ? `${response.status} with a login form` : String(response.status);
  return {opens: false, findings: [warn('control-refused', {...where, status}, endpoint.path)]};
}

/**
 * `plainRefused`: the request without credentials was refused, so content served to the unsigned
 * JWT was opened by the token itself; otherwise the endpoint is simply open to everyone.
 */
function judgeAttempt(endpoint: AuthEndpoint, attempt: AuthAttempt, controlOpens: boolean, plainRefused: boolean): Judged {
  const page = endpoint.path;
  const where = {path: endpoint.path, method: endpoint.method, variant: attempt.variant};
  const answer = classifyAnswer(attempt, endpoint.refusal, endpoint.loginUrl);
  switch (answer.kind) {
    case 'rate-limited':
      return {
        refused: false,
        finding: inconclusive('rate-limited', {...where, status: answer.status, retryAfter: answer.retryAfter, rerun: answer.rerun}, page),
      };
    case 'lost':
      return {refused: false, finding: inconclusive('attempt-error', {...where, reason: answer.reason}, page)};
    case 'refused':
      return {refused: true};
    case 'content': {
      const data = {...where, status: answer.status};
      // The content is withheld only if the credentials show something else at the same place.
      if (answer.loginForm)
        return controlOpens
          ? {refused: true, note: info('login-page-refusal', data, page)}
          : {refused: false, finding: warn('login-page', data, page)};
      const id = attempt.variant === 'alg-none-jwt' && plainRefused ? 'alg-none-accepted' : 'served';
      return {refused: false, finding: fail(id, {...data, excerpt: answer.excerpt}, page)};
    }
    case 'redirect':
      // An identity provider lives on its own host: a login redirect anywhere is a refusal.
      return answer.login
        ? {refused: true}
        : {refused: false, finding: inconclusive('redirect-elsewhere', {...where, status: answer.status, location: answer.location}, page)};
    case 'missing': {
      const data = {...where, status: answer.status};
      // With credentials the route exists, so "not found" without them is a refusal by hiding.
      return controlOpens ? {refused: true, note: info('hidden', data, page)} : {refused: false, finding: inconclusive('not-found', data, page)};
    }
    case 'unexpected':
      return {
        refused: false,
        finding: inconclusive('unexpected-status', {...where, status: answer.status, refusal: endpoint.refusal.join(', ')}, page),
      };
  }
}

function judgeEndpoint(endpoint: AuthEndpoint): Finding<Id>[] {
  const control = endpoint.attempts.find((a) => a.variant === 'positive-control');
  const anonymous = endpoint.attempts.filter((a) => a.variant !== 'positive-control');
  const {opens, findings: controlFindings} = judgeControl(endpoint, control);
  const plain = anonymous.find((a) => a.variant === 'no-credentials');
  const plainRefused = plain !== undefined && judgeAttempt(endpoint, plain, opens, false).refused;
  const judged = anonymous.map((a) => judgeAttempt(endpoint, a, opens, plainRefused));
  const findings = judged.flatMap((j) => (j.refused ? (j.note ? [j.note] : []) : [j.finding]));
  // A served endpoint stays failed whatever a lost attempt would have shown: those become notes.
  const failed = findings.some((f) => f.kind === 'fail');
  const settled = failed ? findings.map((f) => (f.kind === 'error' ? {...f, kind: 'info' as const} : f)) : findings;
  const refusedAll = judged.every((j) => j.refused);
  const statuses = anonymous.map((a) => `${a.variant} ${a.response?.status ?? 'no answer'}`).join(', ');
  const summary = refusedAll ? [info('refused', {path: endpoint.path, method: endpoint.method, statuses}, endpoint.path)] : [];
  return [...settled, ...controlFindings, ...summary];
}

const messages = {
  served:
    '{{method}} {{path}} answered HTTP {{status}} to the {{variant}} request: its content is served without authentication. The body starts: "{{excerpt}}"',
  'alg-none-accepted':
    '{{method}} {{path}} answered HTTP {{status}} to an unsigned JWT (alg "none") claiming to be admin: the server reads tokens without verifying their signature. The body starts: "{{excerpt}}"',
  'login-page':
    '{{method}} {{path}} answered HTTP {{status}} with a login form to the {{variant}} request: the content looks withheld, but a status cannot prove it. Answer 401/403 or redirect to the login page, or give a positive control (--auth-credentials-env) so the two can be compared.',
  'login-page-refusal':
    '{{method}} {{path}} answered the {{variant}} request with a login form (HTTP {{status}}) and the positive control with other content: counted as a refusal.',
  hidden: '{{method}} {{path}} answered {{status}} to the {{variant}} request and content to the positive control: a refusal by hiding the route.',
  'redirect-elsewhere':
    '{{method}} {{path}} redirected the {{variant}} request (HTTP {{status}}) to {{location}}, which is not a login page: name the path that answers, or set loginUrl.',
  'not-found':
    '{{method}} {{path}} answered {{status}} to the {{variant}} request: the route may not exist. Check the path, or give a positive control (--auth-credentials-env) to show it does.',
  'unexpected-status':
    "{{method}} {{path}} answered HTTP {{status}} to the {{variant}} request, neither a refusal ({{refusal}}) nor content: it cannot show whether authentication is enforced. If it is the refusal, add it to the endpoint's refusal list.",
  'rate-limited':
    '{{method}} {{path}} was rate-limited: the {{variant}} request got HTTP {{status}} ({{retryAfter}}), which shows nothing about authentication and never counts as a refusal. Re-run {{rerun}}.',
  'attempt-error': 'The {{variant}} request to {{method}} {{path}} could not be judged: {{reason}}.',
  'control-refused':
    '{{method}} {{path}} did not accept the positive-control credentials (HTTP {{status}}): the check cannot tell a refusal from a dead route there.',
  'control-failed': 'The positive-control request to {{method}} {{path}} failed: {{reason}}.',
  'control-not-sent': 'No positive control for {{method}} {{path}}: {{reason}}.',
  refused: '{{method}} {{path}} refused every request without valid credentials ({{statuses}}).',
} as const;
type Id = keyof typeof messages;

export default defineCheck({
  meta: {
    id: 'auth-required',
    family: 'auth',
    title: 'Protected endpoints refuse anonymous requests',
    failureTitle: 'A protected endpoint serves anonymous requests',
    description:
      'An admin page or API route that answers without valid credentials is open to anyone who finds it. Each endpoint named with `--auth-path` is asked four ways: with no credentials, with a random bearer token, with a malformed token and with an unsigned JWT (`alg: none`) claiming to be admin, and must refuse each (401 or 403 by default, or a redirect to the login page: the configured `loginUrl`, else a path such as /login, /signin, /auth, /sso or /oauth). A 2xx is a failure (named a forged-token failure only when the same request without credentials was refused); a 404, a 5xx, a WAF challenge or another redirect is inconclusive, and so is a 429, which is the rate limiter speaking, never a refusal: re-run once it resets. These requests go out before every other probe of the target, so no earlier probe spends the limit. A login form served with 200 withholds the content but cannot be told from the page by its status, so it is a warning unless a positive control (`--auth-credentials-env`) shows other content there; the control also turns a 404 into a refusal by hiding. [OWASP API2:2023](https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/)',
    fixes: {
      generic:
        'Authenticate before routing to the handler, and answer 401 (with `WWW-Authenticate`) or 403 to an API, or redirect a page to the login URL.',
      stacks: {
        nginx: '`auth_basic "Staff"; auth_basic_user_file /etc/nginx/htpasswd;` or `auth_request /auth;` on the location',
        express:
          "a middleware before the routes that calls `jwt.verify(token, key, {algorithms: ['HS256']})` (never `jwt.decode`, never `none`) and answers `res.sendStatus(401)` on failure",
      },
    },
    severity: 'high',
    cwe: [306, 284],
    owasp: ['A01:2021', 'A07:2021'],
    requiredArtifacts: ['AuthEndpoints'],
    messages,
  },
  defaultOptions: {},
  run({AuthEndpoints}) {
    return outcome(AuthEndpoints.flatMap(judgeEndpoint));
  },
});
