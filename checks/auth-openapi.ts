import {defineCheck, fail, inconclusive, info, outcome, warn} from '../src/core/check.js';
import type {AuthAttempt, Finding, OpenApiOperationProbe, OpenApiOperations} from '../src/core/types.js';
import {classifyAnswer, isLoginForm} from '../src/lib/auth-answer.js';
import {inconclusiveReason} from '../src/lib/inconclusive.js';

/** What became of one secured operation; the coverage counts these. */
type OperationOutcome = 'refused' | 'open' | 'inconclusive' | 'not-probed';

type Judged = {readonly refused: true} | {readonly refused: false; readonly open: boolean; readonly finding: Finding<Id>};

/** Whether the positive control was let in: a 2xx that is not a login form, from an answer that can be judged. */
function controlOpens(control: AuthAttempt | undefined): boolean {
  const response = control?.response;
  if (!response || control.error || inconclusiveReason(response)) return false;
  return response.status >= 200 && response.status < 300 && !isLoginForm(response);
}

/**
 * One request without valid credentials, judged by the rules auth-required uses (src/lib/auth-answer.ts)
 * with two differences an API description calls for: 405 is read like 404 (the example parameters
 * or the method found no route), and only a login page on the target's own host counts as a refusal.
 */
function judgeAttempt(op: OpenApiOperationProbe, attempt: AuthAttempt, opens: boolean, plainRefused: boolean): Judged {
  const where = {method: op.method, path: op.path, variant: attempt.variant};
  const answer = classifyAnswer(attempt, op.refusal);
  const unsure = (finding: Finding<Id>): Judged => ({refused: false, open: false, finding});
  switch (answer.kind) {
    case 'rate-limited':
      return unsure(warn('rate-limited', {...where, status: answer.status, retryAfter: answer.retryAfter, rerun: answer.rerun}, op.path));
    case 'lost':
      return unsure(warn('attempt-error', {...where, reason: answer.reason}, op.path));
    case 'refused':
      return {refused: true};
    case 'content': {
      if (answer.loginForm) return opens ? {refused: true} : unsure(warn('login-page', {...where, status: answer.status}, op.path));
      const id = attempt.variant === 'alg-none-jwt' && plainRefused ? 'alg-none-accepted' : 'open';
      return {refused: false, open: true, finding: fail(id, {...where, status: answer.status, sent: op.sent, excerpt: answer.excerpt}, op.path)};
    }
    case 'redirect':
      return answer.login && answer.sameHost
        ? {refused: true}
        : unsure(warn('redirect-elsewhere', {...where, status: answer.status, location: answer.location}, op.path));
    case 'missing':
      // With credentials the route answers, so "not found" without them is a refusal by hiding.
      return opens ? {refused: true} : unsure(warn('not-found', {...where, status: answer.status, parameters: op.parameters}, op.path));
    case 'unexpected':
      return answer.status === 405
        ? unsure(warn('not-found', {...where, status: answer.status, parameters: op.parameters}, op.path))
        : unsure(warn('unexpected-status', {...where, status: answer.status}, op.path));
  }
}

/** The operation's one finding, and what became of it. */
function judgeOperation(op: OpenApiOperationProbe): {outcome: OperationOutcome; finding: Finding<Id>} {
  const row = {method: op.method, path: op.path, operation: op.operationId ?? '', sent: op.sent};
  if (op.notProbed !== undefined)
    return {outcome: 'not-probed', finding: info('not-probed', {...row, outcome: 'not-probed', statuses: '', reason: op.notProbed}, op.path)};
  const anonymous = op.attempts.filter((a) => a.variant !== 'positive-control');
  const opens = controlOpens(op.attempts.find((a) => a.variant === 'positive-control'));
  const plain = anonymous.find((a) => a.variant === 'no-credentials');
  const plainRefused = plain !== undefined && judgeAttempt(op, plain, opens, false).refused;
  const judged = anonymous.map((a) => judgeAttempt(op, a, opens, plainRefused));
  const statuses = op.attempts.map((a) => `${a.variant} ${a.response?.status ?? 'no answer'}`).join(', ');
  const with_ = (finding: Finding<Id>, result: OperationOutcome): {outcome: OperationOutcome; finding: Finding<Id>} => ({
    outcome: result,
    finding: {...finding, data: {...row, ...finding.data, outcome: result, statuses}},
  });
  const unsettled = judged.flatMap((j) => (j.refused ? [] : [j]));
  const open = unsettled.find((j) => j.open);
  if (open) return with_(open.finding, 'open');
  const [first] = unsettled;
  if (first) return with_(first.finding, 'inconclusive');
  return with_(info('refused', {}, op.path), 'refused');
}

const ORDER: Readonly<Record<OperationOutcome, number>> = {open: 0, inconclusive: 1, refused: 2, 'not-probed': 3};

function judge(artifact: OpenApiOperations): Finding<Id>[] {
  const {document, operations} = artifact;
  if (operations.length === 0) return [warn('no-secured-operations', {document, public: artifact.public})];
  const results = operations.map(judgeOperation);
  const count = (o: OperationOutcome): number => results.filter((r) => r.outcome === o).length;
  const coverage = {
    document,
    secured: operations.length,
    probed: operations.length - count('not-probed'),
    refused: count('refused'),
    open: count('open'),
    inconclusive: count('inconclusive'),
    notProbed: count('not-probed'),
    public: artifact.public,
  };
  const rows = [...results].sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome]).map((r) => r.finding);
  // Inconclusive operations beside judged ones leave a warning; with none judged there is no verdict at all.
  // Said right after the coverage, so that it stays first whatever the report leaves out.
  const verdict =
    coverage.probed === 0
      ? [inconclusive('none-probed', {secured: coverage.secured})]
      : coverage.refused + coverage.open === 0
        ? [inconclusive('nothing-judged', {probed: coverage.probed})]
        : [];
  return [info('coverage', coverage), ...verdict, ...rows];
}

const messages = {
  coverage:
    '{{document}}: secured operations {{secured}}, probed {{probed}} (refused {{refused}}, open {{open}}, inconclusive {{inconclusive}}), not probed as their method is not enabled {{notProbed}}; public operations, not tested: {{public}}.',
  open: '{{method}} {{path}} answered HTTP {{status}} to the {{variant}} request ({{sent}}): its content is served without authentication. The body starts: "{{excerpt}}"',
  'alg-none-accepted':
    '{{method}} {{path}} answered HTTP {{status}} to an unsigned JWT (alg "none") claiming to be admin ({{sent}}), while it refused the request without credentials: the server reads tokens without verifying their signature. The body starts: "{{excerpt}}"',
  refused: '{{method}} {{path}} refused every request without valid credentials ({{statuses}}).',
  'not-probed': '{{method}} {{path}} was not sent: {{reason}}.',
  'not-found':
    '{{method}} {{path}} answered {{status}} to the {{variant}} request: not found with example parameters ({{parameters}}). Give the parameters examples that exist on this deployment, or a positive control (--auth-credentials-env) to show the route is there.',
  'login-page':
    '{{method}} {{path}} answered HTTP {{status}} with a login form to the {{variant}} request: the content looks withheld, but a status cannot prove it. Answer 401/403, or give a positive control (--auth-credentials-env).',
  'redirect-elsewhere':
    '{{method}} {{path}} redirected the {{variant}} request (HTTP {{status}}) to {{location}}, which is not a login page on this host.',
  'unexpected-status':
    '{{method}} {{path}} answered HTTP {{status}} to the {{variant}} request, neither a refusal (401, 403) nor content: it cannot show whether authentication is enforced.',
  'rate-limited':
    '{{method}} {{path}} was rate-limited: the {{variant}} request got HTTP {{status}} ({{retryAfter}}), which shows nothing about authentication. Re-run {{rerun}}, or lower --per-origin.',
  'attempt-error': 'The {{variant}} request to {{method}} {{path}} could not be judged: {{reason}}.',
  'none-probed':
    'None of the {{secured}} secured operations was sent: their methods are not enabled. Widen --openapi-methods (e.g. GET,HEAD,POST) against a deployment where that is safe.',
  'nothing-judged': 'None of the {{probed}} operations sent could be judged (see each below): nothing shows that they refuse anonymous requests.',
  'no-secured-operations':
    '{{document}} declares no secured operation ({{public}} public): there is nothing to test. Declare `security` on the operations that need credentials, or globally.',
} as const;
type Id = keyof typeof messages;

export default defineCheck({
  meta: {
    id: 'auth-openapi',
    family: 'auth',
    title: 'Every secured operation of the OpenAPI document refuses anonymous requests',
    failureTitle: 'A secured operation of the OpenAPI document serves anonymous requests',
    description:
      "Broken access control lives in the route nobody listed. With `--openapi`, every operation whose effective `security` is not empty (its own, else the document's; `[]` or an empty alternative `{}` makes it public) is asked without valid credentials the ways its schemes allow: no credentials at all; for bearer, OAuth2 and OpenID Connect a random token, a malformed one and an unsigned JWT (`alg: none`) claiming admin; for HTTP Basic random credentials; for an API key a random key where the scheme puts it (header, query or cookie). Path, query and header parameters come from the document's examples, defaults and enums, else format-aware dummies. A 2xx is a failure; 401/403 or a redirect to a login page on the same host is a refusal; a 404 or 405 (not found with the example parameters), a 429, a 5xx or a challenge is inconclusive for that operation. Only GET and HEAD are sent unless `--openapi-methods` widens them. The check fails when any operation is open, warns when some are inconclusive, and is inconclusive only when none could be judged. It is a check of its own beside auth-required because its verdict is over a whole document: one open operation fails it even when others could not be judged, and it reports coverage. [OWASP A01:2021](https://owasp.org/Top10/A01_2021-Broken_Access_Control/)",
    fixes: {
      generic:
        'Put authentication in front of the router, not in each handler, so that a new route is protected by default; answer 401 (with `WWW-Authenticate`) or 403. Keep the OpenAPI `security` declarations true to the code, and give path parameters examples that exist on the scanned deployment.',
      stacks: {
        express:
          "`app.use('/api', requireAuth)` before the routes, where requireAuth calls `jwt.verify(token, key, {algorithms: ['HS256']})` and answers `res.sendStatus(401)` on failure; mount public routes before it",
        nginx: '`auth_request /auth;` at the server level, with `auth_request off;` only on the public locations',
      },
    },
    severity: 'high',
    cwe: [306, 862],
    owasp: ['A01:2021', 'A07:2021'],
    requiredArtifacts: ['OpenApiOperations'],
    // One finding an operation, the JSON's per-operation evidence: kept whole for documents of up to
    // ~10,000 secured operations (~5 MB of report), not cut at the default 50.
    maxFindings: 10_000,
    messages,
  },
  defaultOptions: {},
  run({OpenApiOperations}) {
    return outcome(judge(OpenApiOperations));
  },
});
