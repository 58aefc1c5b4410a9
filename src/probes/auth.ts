/**
 * Asks each endpoint the user named as protected, several ways without valid credentials, whether
 * it serves its content; and, when the user gave a header that grants access, once with it.
 *
 * Safety:
 * - The method is the one the user named for the endpoint. A POST/PUT/PATCH/DELETE goes out only
 *   because they named it so, and carries an empty body (Content-Length: 0): no data that an
 *   unprotected handler could store, while an authentication layer answers before reading a body.
 * - The user's `--header` credentials are never sent here (withCredentials false): the point is
 *   what the endpoint does without them.
 * - The positive-control header is a credential. It is passed as an explicit header on a request
 *   that follows no redirect, so it reaches exactly one URL; that URL must be on the target's origin
 *   and use HTTPS, the same rule the client applies to `--header` credentials. Over plain HTTP the
 *   control is not sent and the attempt records why.
 * - Redirects are never followed: a 3xx and its Location are the answer to judge.
 * - 429s, 5xx answers and WAF challenges are stored as the attempt's error: they show nothing about
 *   access. The answer is kept beside it, for its status and Retry-After.
 * - The probe runs before every other probe of the target: its few requests must meet the site's
 *   limiter fresh, not one that the pages, CORS or error probes have already spent.
 */
import {randomBytes} from 'node:crypto';
import type {AuthEndpointSpec, Target} from '../core/target.js';
import type {AuthAttempt, AuthEndpoint, HttpResponse, ProbeError} from '../core/types.js';
import {inconclusiveReason} from '../lib/inconclusive.js';
import {ProbeFailure, probeError} from './failure.js';
import {type HttpClient, type RequestSpec} from './http.js';
import {PROBE_CONCURRENCY} from './pages.js';
import {mapLimit, type Probe} from './probe.js';

const NO_AUTH_PATH = 'no endpoint named: pass --auth-path /admin (or authPaths in the config) to test that it refuses anonymous requests';

type Variant = AuthAttempt['variant'];

/** A token no server issued: 32 random bytes, base64url, as opaque tokens usually look. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A token that is not even well-formed (`%` is outside base64url and the JWT grammar). */
export const MALFORMED_TOKEN = 'not.a.jwt%%';

/** An unsigned JWT (RFC 7519 §6, `alg: none`) claiming admin: accepted only by code that decodes without verifying. */
export function unsignedJwt(nowSeconds: number): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({alg: 'none', typ: 'JWT'})}.${part({sub: 'admin', role: 'admin', iat: nowSeconds})}.`;
}

/** The requests without valid credentials every protected endpoint must refuse, each with how --dry-run describes it. */
export const ANONYMOUS: readonly {variant: Exclude<Variant, 'positive-control'>; describe: string; header: () => string | undefined}[] = [
  {variant: 'no-credentials', describe: 'no credentials', header: () => undefined},
  {variant: 'invalid-bearer', describe: 'Authorization: Bearer <random token>', header: () => `Bearer ${randomToken()}`},
  {variant: 'malformed-token', describe: `Authorization: Bearer ${MALFORMED_TOKEN}`, header: () => `Bearer ${MALFORMED_TOKEN}`},
  {
    variant: 'alg-none-jwt',
    describe: 'Authorization: Bearer <unsigned alg-none JWT claiming admin>',
    header: () => `Bearer ${unsignedJwt(Math.floor(Date.now() / 1000))}`,
  },
];

export const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the control credential may go to this URL: the target's own origin, over HTTPS only. */
export function controlAllowed(url: URL, target: Target): boolean {
  return url.protocol === 'https:' && url.origin === target.url.origin;
}

export const CONTROL_OVER_HTTP = 'the positive control is sent only over HTTPS: it is a credential';

interface Job {
  readonly endpoint: number;
  readonly spec: AuthEndpointSpec;
  readonly variant: Variant;
  readonly headers?: Readonly<Record<string, string>>;
  /** The positive control's header: the client sends it only to the target's origin over verified HTTPS. */
  readonly secretHeaders?: Readonly<Record<string, string>>;
  /** Set when the request must not be sent (the control over plain HTTP). */
  readonly refused?: ProbeError;
}

function jobs(target: Target): Job[] {
  return target.authEndpoints.flatMap((spec, endpoint): Job[] => {
    const url = new URL(spec.path, target.url);
    const anonymous = ANONYMOUS.map(({variant, header}): Job => {
      const value = header();
      return {endpoint, spec, variant, ...(value === undefined ? {} : {headers: {authorization: value}})};
    });
    if (!target.authControl) return anonymous;
    const [name, value] = target.authControl;
    const control: Job = controlAllowed(url, target)
      ? {endpoint, spec, variant: 'positive-control', secretHeaders: {[name.toLowerCase()]: value}}
      : {endpoint, spec, variant: 'positive-control', refused: probeError('not-applicable', CONTROL_OVER_HTTP, url.href)};
    return [...anonymous, control];
  });
}

async function attempt(client: HttpClient, url: string, spec: AuthEndpointSpec, job: Job): Promise<{response?: HttpResponse; error?: ProbeError}> {
  if (job.refused) return {error: job.refused};
  return askOnce(client, {
    url,
    method: spec.method,
    ...(job.headers ? {headers: job.headers} : {}),
    ...(job.secretHeaders ? {secretHeaders: job.secretHeaders} : {}),
    ...(BODY_METHODS.has(spec.method) ? {body: ''} : {}),
  });
}

/**
 * One request to a protected endpoint, none of the user's --header credentials, no redirect
 * followed; a 429, 5xx or challenge answer is kept beside its error (see the header comment).
 */
export async function askOnce(
  client: HttpClient,
  request: Pick<RequestSpec, 'url' | 'method' | 'headers' | 'secretHeaders' | 'body'>,
): Promise<{response?: HttpResponse; error?: ProbeError}> {
  try {
    const response = await client.request({...request, redirects: 'none', withCredentials: false});
    const why = inconclusiveReason(response);
    return why ? {response, error: probeError(why.code, why.message, response.url)} : {response};
  } catch (error) {
    if (error instanceof ProbeFailure) return {error: error.probeError};
    throw error;
  }
}

export const authProbe: Probe<'AuthEndpoints'> = {
  artifact: 'AuthEndpoints',
  title: 'Ask the protected endpoints without credentials',
  runsFirst: true,
  plan: (target) =>
    target.authEndpoints.flatMap((spec) => {
      const url = new URL(spec.path, target.url);
      const body = BODY_METHODS.has(spec.method) ? ', empty body' : '';
      const line = (what: string): string => `${spec.method} ${url.href} with ${what} (redirects not followed${body})`;
      const control = target.authControl
        ? [
            controlAllowed(url, target)
              ? line(`your ${target.authControl[0]} header from the environment, value not shown`)
              : `no positive control for ${url.href}: ${CONTROL_OVER_HTTP}`,
          ]
        : [];
      return [...ANONYMOUS.map((a) => line(a.describe)), ...control];
    }),
  async gather(target, {client}) {
    if (target.authEndpoints.length === 0) throw new ProbeFailure(probeError('not-applicable', NO_AUTH_PATH));
    const all = jobs(target);
    const results = await mapLimit(all, PROBE_CONCURRENCY, async (job) => ({
      job,
      outcome: await attempt(client, new URL(job.spec.path, target.url).href, job.spec, job),
    }));
    return target.authEndpoints.map((spec, i): AuthEndpoint => ({
      path: spec.path,
      method: spec.method,
      refusal: spec.refusal,
      ...(spec.loginUrl === undefined ? {} : {loginUrl: spec.loginUrl}),
      attempts: results.flatMap(({job, outcome}) =>
        job.endpoint === i ? [{method: spec.method, path: spec.path, variant: job.variant, ...outcome}] : [],
      ),
    }));
  },
};
