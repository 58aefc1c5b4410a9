/**
 * What one answer of a protected endpoint to a request without valid credentials says: refused,
 * content served, a redirect (to a login page or elsewhere), a missing route, another status, or
 * nothing to judge (a 429, a 5xx, a challenge, no answer). The auth checks (auth-required,
 * auth-openapi) turn these into their findings; the rules live here once.
 */
import type {Exchange, HttpResponse} from '../core/types.js';
import {headerValue} from './headers.js';
import {inconclusiveReason} from './inconclusive.js';
import {parseRetryAfter} from './ratelimit-headers.js';

/**
 * A redirect here counts as "go and log in" when no login URL is configured: a path segment that
 * names a login or single-sign-on step (Django /accounts/login/, Devise /users/sign_in, WordPress
 * /wp-login.php, Keycloak …/openid-connect/auth, /oauth2/authorize, /sso, /saml …), on any host,
 * since identity providers live on their own.
 */
const LOGIN_SEGMENT =
  /^(?:log-?in|log-?on|sign-?in|sign_in|wp-login|auth|authenticate|authorize|sso|oauth2?|saml2?|openid(?:-connect)?|cas)(?:\.\w{1,5})?$/;

/** Only the start of a body is searched for a login form: a form sits near the top of the page. */
const FORM_WINDOW = 65_536;
/** Evidence excerpt length: enough to recognise a page, too short to copy one. */
const EXCERPT = 160;

/**
 * A login form has exactly one password field; change-password and sign-up forms have two or
 * three, and an admin page that shows such a form is still served content.
 */
export function isLoginForm(response: HttpResponse): boolean {
  const fields = response.body.slice(0, FORM_WINDOW).match(/<input\b[^>]*\btype\s*=\s*["']?password\b/gi);
  return fields?.length === 1;
}

const REDIRECTS = [301, 302, 303, 307, 308];

function samePlace(a: URL, b: URL): boolean {
  const path = (u: URL): string => u.pathname.replace(/\/+$/, '') || '/';
  return a.origin === b.origin && path(a) === path(b);
}

/** Whether a redirect sends the client to log in (query strings such as ?next= are ignored), and whether it stays on the host. */
function toLogin(location: string, base: string, loginUrl: string | undefined): {login: boolean; location: string; sameHost: boolean} {
  let target: URL;
  try {
    target = new URL(location, base);
  } catch {
    return {login: false, location, sameHost: false};
  }
  const sameHost = target.hostname === new URL(base).hostname;
  if (loginUrl !== undefined) return {login: samePlace(target, new URL(loginUrl, base)), location: target.href, sameHost};
  return {
    login: target.pathname
      .toLowerCase()
      .split('/')
      .some((s) => LOGIN_SEGMENT.test(s)),
    location: target.href,
    sameHost,
  };
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}

/** What the limiter's answer said about waiting, for a person deciding when to re-run. */
function retryAdvice(response: HttpResponse): {retryAfter: string; rerun: string} {
  const raw = headerValue(response, 'retry-after')?.trim().slice(0, 40);
  const parsed = parseRetryAfter(raw);
  if (parsed) {
    const wait = 'seconds' in parsed ? `${parsed.seconds} s` : parsed.date;
    return {retryAfter: `Retry-After: ${raw}`, rerun: `after ${wait} (its Retry-After)`};
  }
  return {retryAfter: raw === undefined ? 'no Retry-After' : `Retry-After "${raw}", not a valid value`, rerun: 'once its limit resets'};
}

export type Answer =
  /** The site's limiter answered: it shows nothing about authentication, and is never a refusal. */
  | {readonly kind: 'rate-limited'; readonly status: number; readonly retryAfter: string; readonly rerun: string}
  /** No answer, or one that is not the endpoint's (5xx, challenge). */
  | {readonly kind: 'lost'; readonly reason: string}
  | {readonly kind: 'refused'; readonly status: number}
  /** A 2xx: the content, unless it is a login form. */
  | {readonly kind: 'content'; readonly status: number; readonly loginForm: boolean; readonly excerpt: string}
  | {readonly kind: 'redirect'; readonly status: number; readonly login: boolean; readonly sameHost: boolean; readonly location: string}
  /** 404 or 410. */
  | {readonly kind: 'missing'; readonly status: number}
  | {readonly kind: 'unexpected'; readonly status: number};

/**
 * What an answer says. `refusal` lists the statuses that refuse; a redirect to `loginUrl` (when
 * given, else to a login-looking path) is a login redirect. The probe keeps a 429, 5xx or challenge
 * answer beside its error; one built without is held to the same rule, and a 429 is checked before
 * the refusal list: it is the limiter's answer, never the endpoint's refusal, even when listed.
 */
export function classifyAnswer(attempt: Pick<Exchange, 'response' | 'error'>, refusal: readonly number[], loginUrl?: string): Answer {
  const {response} = attempt;
  const why = attempt.error ?? (response ? inconclusiveReason(response) : undefined);
  if (why?.code === 'rate-limited' && response) return {kind: 'rate-limited', status: response.status, ...retryAdvice(response)};
  if (!response || why) return {kind: 'lost', reason: why?.message ?? 'no response'};
  const {status} = response;
  if (refusal.includes(status)) return {kind: 'refused', status};
  if (status >= 200 && status < 300) return {kind: 'content', status, loginForm: isLoginForm(response), excerpt: excerpt(response.body)};
  const redirect = REDIRECTS.includes(status) ? headerValue(response, 'location') : undefined;
  if (redirect !== undefined) return {kind: 'redirect', status, ...toLogin(redirect, response.url, loginUrl)};
  if (status === 404 || status === 410) return {kind: 'missing', status};
  return {kind: 'unexpected', status};
}
