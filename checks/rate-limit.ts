import {defineCheck, fail, inconclusive, info, outcome, warn} from '../src/core/check.js';
import type {Finding, HttpResponse, RateLimitBurst} from '../src/core/types.js';
import {headerValue} from '../src/lib/headers.js';
import {describeRateLimit, parseRateLimitHeaders, parseRetryAfter} from '../src/lib/ratelimit-headers.js';

/** `200×29, 429×1`: each status with its count, in order of first appearance. */
function statusSummary(statuses: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${status}×${n}`).join(', ') || 'no answers';
}

function retryAfterText(response: HttpResponse): string {
  const raw = headerValue(response, 'retry-after');
  const parsed = parseRetryAfter(raw);
  if (!parsed) return raw === undefined ? 'absent' : `"${raw}" (not a valid value)`;
  return 'seconds' in parsed ? `${parsed.seconds} s` : parsed.date;
}

function judge(burst: RateLimitBurst): Finding<Id>[] {
  const page = burst.path;
  const base = {path: burst.path, sent: burst.sent, planned: burst.planned};
  if (burst.error) return [inconclusive('burst-error', {path: burst.path, reason: burst.error.message}, page)];
  if (burst.limitedAt === undefined || !burst.limited) {
    const data = {...base, statuses: statusSummary(burst.statuses)};
    // A route that is missing or moved answers every request the same way, limiter or not: no verdict.
    if (burst.statuses.length > 0 && burst.statuses.every((s) => s === 404 || s === 410)) return [inconclusive('not-found', data, page)];
    if (burst.statuses.length > 0 && burst.statuses.every((s) => s >= 300 && s < 400)) {
      const location = burst.lastOk ? (headerValue(burst.lastOk, 'location') ?? 'nowhere') : 'nowhere';
      return [inconclusive('redirected', {...data, location}, page)];
    }
    return [fail('never-limited', data, page)];
  }
  const {limited} = burst;
  const signals = parseRateLimitHeaders(limited.headers);
  const retryAfter = parseRetryAfter(headerValue(limited, 'retry-after'));
  const data = {
    ...base,
    at: burst.limitedAt,
    status: limited.status,
    retryAfter: retryAfterText(limited),
    limits: describeRateLimit(signals) || 'none',
  };
  if (retryAfter || signals.fields.length > 0) return [info('limited', data, page)];
  return [warn(limited.status === 503 ? 'plain-503' : 'no-retry-signal', data, page)];
}

const messages = {
  'never-limited':
    '{{path}} answered all {{sent}} requests of the burst without limiting ({{statuses}}): nothing slows down password guessing or scraping there.',
  limited:
    '{{path}} limited the burst at answer {{at}} ({{sent}} requests sent) with HTTP {{status}}; Retry-After: {{retryAfter}}; rate-limit headers: {{limits}}.',
  'no-retry-signal':
    '{{path}} limited the burst at answer {{at}} ({{sent}} requests sent) with HTTP {{status}}, but without Retry-After or RateLimit / X-RateLimit-* headers: clients cannot tell when to try again.',
  'plain-503':
    '{{path}} answered HTTP 503 at answer {{at}} ({{sent}} requests sent), after normal answers, with no Retry-After or rate-limit headers: a limiter at its default status (nginx limit_req) or a server overloaded by the burst. Answer 429 with Retry-After so the two can be told apart.',
  'not-found':
    '{{path}} answered every one of the {{sent}} requests with "not found" ({{statuses}}): is the path right? A burst at a missing route shows nothing.',
  redirected: '{{path}} redirected all {{sent}} requests ({{statuses}}) to {{location}}: name the path that answers, not the one that redirects.',
  'burst-error': 'The burst at {{path}} could not be judged: {{reason}}.',
} as const;
type Id = keyof typeof messages;

export default defineCheck({
  meta: {
    id: 'rate-limit',
    family: 'rate-limit',
    title: 'The named endpoints limit a burst of requests',
    failureTitle: 'A named endpoint does not limit a burst of requests',
    description:
      'An endpoint that answers every request at full speed lets anyone guess passwords, one-time codes or reset tokens, or scrape and run up costs. Each endpoint named with `--rate-limit-path` gets one bounded burst of anonymous GETs (default 30, at most 500, no retries) that stops at the first 429 or 5xx. The limit should answer 429 with `Retry-After` or the IETF `RateLimit` headers so that honest clients back off. A 503 after normal answers counts as a limit (nginx `limit_req` answers 503 by default) but is reported, since an overloaded server looks the same. A 429 to the very first request is a limit reached before the burst began (by earlier requests): it shows nothing of when the burst is stopped, so the check is inconclusive. [OWASP API4:2023](https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/)',
    fixes: {
      generic:
        'Limit each client on the endpoint (e.g. 10 requests a minute) and answer the excess with 429 and `Retry-After`; behind a CDN or WAF, a rate-limiting rule on the path does it.',
      stacks: {
        nginx:
          '`limit_req_zone $binary_remote_addr zone=login:10m rate=10r/m;` and in the location `limit_req zone=login burst=5 nodelay; limit_req_status 429;`, plus `Retry-After` from an `error_page 429 @limited;` location that sets `add_header Retry-After 60 always;`',
        express:
          "`app.use('/api/login', rateLimit({windowMs: 60_000, limit: 10, standardHeaders: 'draft-8'}))` (express-rate-limit sends `Retry-After` and `RateLimit`)",
      },
    },
    severity: 'medium',
    cwe: [770, 307],
    owasp: ['A04:2021', 'A07:2021'],
    requiredArtifacts: ['RateLimitBursts'],
    messages,
  },
  defaultOptions: {},
  run({RateLimitBursts}) {
    return outcome(RateLimitBursts.flatMap(judge));
  },
});
