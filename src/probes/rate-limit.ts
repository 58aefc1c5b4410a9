/**
 * One bounded burst of anonymous GETs at each endpoint the user named, and nothing at any other.
 *
 * Safety: the user's credentials are never sent (a burst must not lock their account or spend their
 * quota), at most `target.burst` requests go out (makeTarget caps it at 500), the client never
 * retries, and new requests stop at the first answer that limits or fails, so only the requests
 * already in flight (at most BURST_CONCURRENCY - 1) follow it.
 *
 * Answers are judged in the order they arrive, which is the order the server decided them in more
 * nearly than the send order is (six requests in flight over separate connections overtake one
 * another): `limitedAt` is the position of the first limiting answer among all answers, so a
 * counter that allows 10 shows 11. The first answer that is not an ordinary one decides the burst.
 *
 * What counts as limiting: a 429; or a 503 that carries RateLimit / X-RateLimit-* headers; or a
 * 503 after the endpoint has answered normally in this burst. The last is nginx's limit_req at its
 * default (503, no Retry-After); a backend that falls over under the burst looks the same, so the
 * check warns about it rather than passing it. A first answer that is a 5xx without rate-limit
 * headers (an outage, or a maintenance page with Retry-After) or a WAF challenge stops the burst
 * after that one request and becomes the burst's error.
 */
import {MAX_BURST, type Target} from '../core/target.js';
import type {HttpResponse, ProbeError, RateLimitBurst} from '../core/types.js';
import {inconclusiveReason} from '../lib/inconclusive.js';
import {parseRateLimitHeaders} from '../lib/ratelimit-headers.js';
import {ProbeFailure, probeError} from './failure.js';
import {type HttpClient} from './http.js';
import type {Probe} from './probe.js';

/**
 * Requests in flight during a burst: 6, as a browser opens per host. Enough to outpace a 1 r/s
 * limiter on a slow link, few enough that at most 5 more follow the answer that stops the burst.
 * Each request also waits for a slot of the run's per-origin limit (`--per-origin`, default 4),
 * which bounds the burst further, and counts against the target's request budget.
 */
export const BURST_CONCURRENCY = 6;

const NO_RATE_LIMIT_PATH = 'no endpoint named: pass --rate-limit-path /api/login (or rateLimitPaths in the config) to test rate limiting';

type Shot = {readonly response: HttpResponse} | {readonly failure: ProbeError};

/** Why a burst stops issuing requests after this answer (classified precisely afterwards). */
function stops(shot: Shot): boolean {
  if ('failure' in shot) return true;
  return shot.response.status === 429 || shot.response.status >= 500 || inconclusiveReason(shot.response)?.code === 'waf-challenge';
}

type Kind = 'ordinary' | 'limit' | 'already-limited' | 'failure' | 'server-error' | 'waf';

/**
 * `position` is 0-based in arrival order; the first request goes alone, so past 0 the endpoint has
 * answered normally. A 429 to that first request is a limit reached before the burst began (by
 * this run's other probes, or another client behind the same address): it says nothing of when
 * the burst is stopped.
 */
function classify(shot: Shot, position: number): Kind {
  if ('failure' in shot) return 'failure';
  const {response} = shot;
  if (inconclusiveReason(response)?.code === 'waf-challenge') return 'waf';
  if (response.status === 429) return position > 0 ? 'limit' : 'already-limited';
  if (response.status === 503) return position > 0 || parseRateLimitHeaders(response.headers).fields.length > 0 ? 'limit' : 'server-error';
  return response.status >= 500 ? 'server-error' : 'ordinary';
}

async function send(client: HttpClient, url: string): Promise<Shot> {
  try {
    return {response: await client.request({url, redirects: 'none', withCredentials: false})};
  } catch (error) {
    if (error instanceof ProbeFailure) return {failure: error.probeError};
    throw error;
  }
}

function whyStopped(kind: Kind, shot: Shot, n: number, url: string): ProbeError {
  if ('failure' in shot) {
    const which = n === 1 ? 'the first request' : `a request, after ${n - 1} normal answers,`;
    return {...shot.failure, message: `${which} got no answer: ${shot.failure.message}`};
  }
  const {status} = shot.response;
  const what = n === 1 ? 'the first answer' : `answer ${n}, after ${n - 1} normal ones,`;
  if (kind === 'already-limited') {
    const why = inconclusiveReason(shot.response)?.message ?? `the server answered HTTP ${status}`;
    return probeError('rate-limited', `before any burst, ${why}: the limit was reached by earlier requests`, url);
  }
  const waf = kind === 'waf' ? inconclusiveReason(shot.response) : undefined;
  if (waf) return probeError('waf-challenge', `${what} came from a WAF (${waf.message}): the site's own limit could not be measured`, url);
  return probeError(
    'http-5xx',
    n === 1
      ? `the first request answered HTTP ${status}, so no burst was sent`
      : `${what} was HTTP ${status}: the server failed under the burst before any limit showed`,
    url,
  );
}

/** The burst's record: statuses in send order; the first non-ordinary answer to arrive decides. */
function summarize(path: string, planned: number, url: string, shots: readonly Shot[], arrived: readonly Shot[]): RateLimitBurst {
  const statuses = shots.flatMap((s) => ('response' in s ? [s.response.status] : []));
  const failures = shots.filter((s) => 'failure' in s).length;
  const kinds = arrived.map(classify);
  const stop = kinds.findIndex((k) => k !== 'ordinary');
  const before = stop === -1 ? arrived : arrived.slice(0, stop);
  const lastOk = before.findLast((s): s is {response: HttpResponse} => 'response' in s)?.response;
  const base = {path, planned, sent: shots.length, statuses, failures, ...(lastOk ? {lastOk} : {})};
  const shot = arrived[stop];
  const kind = kinds[stop];
  // Both are absent when stop is -1: every answer was ordinary.
  if (shot === undefined || kind === undefined) return base;
  if (kind === 'limit' && 'response' in shot) return {...base, limitedAt: stop + 1, limited: shot.response};
  return {...base, error: whyStopped(kind, shot, stop + 1, url)};
}

/** Requests one burst may send: makeTarget already rejects more than MAX_BURST; the code that sends enforces it too. */
function burstSize(target: Target): number {
  return Math.min(target.burst, MAX_BURST);
}

async function burst(client: HttpClient, target: Target, path: string): Promise<RateLimitBurst> {
  const url = new URL(path, target.url).href;
  const size = burstSize(target);
  // The first request goes alone: when it already fails, one request is all the endpoint gets.
  const first = await send(client, url);
  const shots: Shot[] = [first];
  const arrived: Shot[] = [first];
  let stopped = stops(first);
  let next = 1;
  const worker = async (): Promise<void> => {
    while (!stopped && next < size) {
      const i = next++;
      const shot = await send(client, url);
      shots[i] = shot;
      arrived.push(shot);
      if (stops(shot)) stopped = true;
    }
  };
  await Promise.all(Array.from({length: Math.min(BURST_CONCURRENCY, size - 1)}, worker));
  return summarize(path, size, url, shots, arrived);
}

export const rateLimitProbe: Probe<'RateLimitBursts'> = {
  runsLast: true,
  artifact: 'RateLimitBursts',
  title: 'Send a bounded burst at each rate-limited endpoint',
  plan: (target) =>
    target.rateLimitPaths.map(
      (p) =>
        `${burstSize(target)} × GET ${new URL(p, target.url).href} (no credentials; ${BURST_CONCURRENCY} at a time after the first; stops at the first 429, 5xx, challenge or lost request)`,
    ),
  async gather(target, {client}) {
    if (target.rateLimitPaths.length === 0) throw new ProbeFailure(probeError('not-applicable', NO_RATE_LIMIT_PATH));
    const bursts: RateLimitBurst[] = [];
    // One endpoint at a time: overlapping bursts would share a per-client limit and blur each count.
    for (const path of target.rateLimitPaths) bursts.push(await burst(client, target, path));
    return bursts;
  },
};
