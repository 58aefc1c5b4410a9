/**
 * Asks every secured operation of the --openapi document, several ways without valid credentials,
 * whether it serves its content: the refusal tests of auth.ts, chosen by the operation's declared
 * schemes, and the same positive control.
 *
 * Safety, besides what auth.ts says of every protected-endpoint request:
 * - Only the methods enabled are sent (GET and HEAD unless --openapi-methods widens them); the other
 *   secured operations are listed as not probed.
 * - A request carries a body only when the operation requires one, and then the smallest valid
 *   example the planner built (src/lib/openapi/); otherwise none.
 * - The positive control goes to GET and HEAD operations only: with valid credentials a POST or a
 *   DELETE would do what it does.
 * - The whole plan is counted before anything is sent: a document that needs more requests than the
 *   target's budget sends none and says how many it needs.
 */
import type {OpenApiOperationPlan, OpenApiScheme, Target} from '../core/target.js';
import type {AuthAttempt, HttpResponse, OpenApiOperationProbe, ProbeError} from '../core/types.js';
import {ANONYMOUS, askOnce, BODY_METHODS, controlAllowed, CONTROL_OVER_HTTP, randomToken} from './auth.js';
import {ProbeFailure, probeError} from './failure.js';
import {PROBE_CONCURRENCY} from './pages.js';
import {mapLimit, type Probe} from './probe.js';

const NO_DOCUMENT = 'no OpenAPI document: pass --openapi openapi.yaml (or openapi in the config) to test every secured operation';

/** Methods the positive control may be sent with: they read, they do not change anything. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

const REFUSAL = [401, 403] as const;

/** --dry-run shows a body up to here: enough to see what it is. */
const BODY_SHOWN = 120;

/** One forged way of asking: what is sent instead of valid credentials. */
interface Forgery {
  readonly variant: Exclude<AuthAttempt['variant'], 'positive-control'>;
  readonly describe: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly query?: readonly [name: string, value: string];
}

/** The requests without valid credentials that fit the operation's schemes: always one with none at all. */
function forgeries(schemes: readonly OpenApiScheme[]): Forgery[] {
  const out: Forgery[] = [{variant: 'no-credentials', describe: 'no credentials'}];
  const bearers = schemes.filter((s) => s.kind === 'bearer');
  if (bearers.length > 0) {
    const jwt = bearers.some((s) => s.jwt);
    for (const a of ANONYMOUS) {
      if (a.variant === 'no-credentials' || (a.variant === 'alg-none-jwt' && !jwt)) continue;
      out.push({variant: a.variant, describe: a.describe, headers: {authorization: a.header() ?? ''}});
    }
  }
  if (schemes.some((s) => s.kind === 'basic')) {
    const forged = Buffer.from(`${randomToken().slice(0, 12)}:${randomToken()}`).toString('base64');
    out.push({variant: 'invalid-basic', describe: 'Authorization: Basic <random user:password>', headers: {authorization: `Basic ${forged}`}});
  }
  const keys = new Set<string>();
  for (const s of schemes) {
    if (s.kind !== 'api-key' || keys.has(`${s.in}:${s.name.toLowerCase()}`)) continue;
    keys.add(`${s.in}:${s.name.toLowerCase()}`);
    const value = randomToken();
    const describe = `a random API key in ${s.in} ${s.name}`;
    if (s.in === 'query') out.push({variant: 'invalid-api-key', describe, query: [s.name, value]});
    else if (s.in === 'cookie') out.push({variant: 'invalid-api-key', describe, headers: {cookie: `${s.name}=${value}`}});
    else out.push({variant: 'invalid-api-key', describe, headers: {[s.name.toLowerCase()]: value}});
  }
  return out;
}

interface Job {
  readonly operation: number;
  readonly op: OpenApiOperationPlan;
  readonly variant: AuthAttempt['variant'];
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly secretHeaders?: Readonly<Record<string, string>>;
  /** Set when the request must not be sent (the control over plain HTTP). */
  readonly refused?: ProbeError;
}

function urlOf(op: OpenApiOperationPlan, target: Target, query?: readonly [string, string]): URL {
  const url = new URL(op.url, target.url.origin);
  if (query) url.searchParams.set(query[0], query[1]);
  return url;
}

function isSecured(op: OpenApiOperationPlan): boolean {
  return op.schemes.length > 0;
}

function enabled(op: OpenApiOperationPlan, methods: readonly string[]): boolean {
  return methods.includes(op.method);
}

function notEnabled(op: OpenApiOperationPlan, methods: readonly string[]): string {
  return `${op.method} is not enabled: add it with --openapi-methods ${[...methods, op.method].join(',')}`;
}

/** The content headers of the operation's body, when it has one. */
function bodyHeaders(op: OpenApiOperationPlan): Record<string, string> {
  return op.body ? {'content-type': op.body.contentType} : {};
}

function jobsOf(op: OpenApiOperationPlan, operation: number, target: Target): Job[] {
  const anonymous = forgeries(op.schemes).map((f): Job => ({
    operation,
    op,
    variant: f.variant,
    url: urlOf(op, target, f.query).href,
    headers: {...op.headers, ...bodyHeaders(op), ...f.headers},
  }));
  if (!target.authControl || !SAFE_METHODS.has(op.method)) return anonymous;
  const url = urlOf(op, target);
  const [name, value] = target.authControl;
  const control: Job = controlAllowed(url, target)
    ? {operation, op, variant: 'positive-control', url: url.href, headers: op.headers, secretHeaders: {[name.toLowerCase()]: value}}
    : {
        operation,
        op,
        variant: 'positive-control',
        url: url.href,
        headers: op.headers,
        refused: probeError('not-applicable', CONTROL_OVER_HTTP, url.href),
      };
  return [...anonymous, control];
}

/** What an operation's requests say in --dry-run. */
function planLines(op: OpenApiOperationPlan, target: Target, methods: readonly string[]): string[] {
  if (!isSecured(op)) return [`not asked: ${op.method} ${op.path} is public (its effective security is empty)`];
  if (!enabled(op, methods)) return [`not sent: ${op.method} ${op.path}: ${notEnabled(op, methods)}`];
  // One line: the body comes from the document, and may hold line breaks.
  const shown = (text: string): string => (text.length > BODY_SHOWN ? `${text.slice(0, BODY_SHOWN)}…` : text).replace(/\s+/g, ' ');
  const body = op.body ? `, ${op.body.contentType} body ${shown(op.body.text)}` : BODY_METHODS.has(op.method) ? ', empty body' : '';
  const headers = Object.entries(op.headers)
    .map(([name, value]) => `, ${name}: ${value}`)
    .join('');
  const line = (url: URL, what: string): string => `${op.method} ${url.href} with ${what}${headers} (redirects not followed${body})`;
  // A forged query key is said in words: its random value is drawn when the request is sent.
  const anonymous = forgeries(op.schemes).map((f) => line(urlOf(op, target), f.describe));
  if (!target.authControl || !SAFE_METHODS.has(op.method)) return anonymous;
  const url = urlOf(op, target);
  return [
    ...anonymous,
    controlAllowed(url, target)
      ? line(url, `your ${target.authControl[0]} header from the environment, value not shown`)
      : `no positive control for ${url.href}: ${CONTROL_OVER_HTTP}`,
  ];
}

export const openApiAuthProbe: Probe<'OpenApiOperations'> = {
  artifact: 'OpenApiOperations',
  title: 'Ask every secured operation of the OpenAPI document without credentials',
  // As auth.ts: these answers must meet the site's limiter fresh.
  runsFirst: true,
  plan: (target) => (target.openapi ? target.openapi.operations.flatMap((op) => planLines(op, target, target.openapi?.methods ?? [])) : []),
  async gather(target, {client, gate}) {
    const plan = target.openapi;
    if (!plan) throw new ProbeFailure(probeError('not-applicable', NO_DOCUMENT));
    const secured = plan.operations.filter(isSecured);
    const all = secured.flatMap((op, i) => (enabled(op, plan.methods) ? jobsOf(op, i, target) : []));
    const sent = secured.filter((op) => enabled(op, plan.methods)).length;
    const budget = gate?.budget.max ?? Number.POSITIVE_INFINITY;
    if (all.length > budget)
      throw new ProbeFailure(
        probeError(
          'budget',
          `not sent: the ${sent.toLocaleString('en-US')} secured ${plan.methods.join('/')} operations of ${plan.document} need ${all.length.toLocaleString('en-US')} requests, over this target's budget of ${budget.toLocaleString('en-US')} requests and handshakes (raise it with --max-requests, above ${all.length.toLocaleString('en-US')} to leave room for the other probes)`,
        ),
      );
    const results = await mapLimit(
      all,
      PROBE_CONCURRENCY,
      async (job): Promise<{job: Job; outcome: {response?: HttpResponse; error?: ProbeError}}> => {
        if (job.refused) return {job, outcome: {error: job.refused}};
        return {
          job,
          outcome: await askOnce(client, {
            url: job.url,
            method: job.op.method,
            headers: job.headers,
            ...(job.secretHeaders ? {secretHeaders: job.secretHeaders} : {}),
            // Without a required body, a POST/PUT/PATCH/DELETE still says Content-Length: 0, as auth.ts sends them.
            ...(job.op.body ? {body: job.op.body.text} : BODY_METHODS.has(job.op.method) ? {body: ''} : {}),
          }),
        };
      },
    );
    // Grouped once: a document of thousands of operations would otherwise scan every answer for each.
    const attempts = new Map<number, AuthAttempt[]>();
    for (const {job, outcome} of results) {
      const list = attempts.get(job.operation) ?? [];
      list.push({method: job.op.method, path: job.op.url, variant: job.variant, ...outcome});
      attempts.set(job.operation, list);
    }
    return {
      document: plan.document,
      public: plan.operations.length - secured.length,
      operations: secured.map((op, i): OpenApiOperationProbe => ({
        method: op.method,
        path: op.path,
        ...(op.operationId === undefined ? {} : {operationId: op.operationId}),
        sent: op.url,
        parameters: op.parameters,
        refusal: REFUSAL,
        ...(enabled(op, plan.methods) ? {} : {notProbed: notEnabled(op, plan.methods)}),
        attempts: attempts.get(i) ?? [],
      })),
    };
  },
};
