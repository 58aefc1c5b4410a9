import type {Target} from '../core/target.js';
import type {Page} from '../core/types.js';
import {inconclusiveReason, redirectedAway} from '../lib/inconclusive.js';
import {ProbeFailure, probeError} from './failure.js';
import {type HttpClient} from './http.js';
import {mapLimit, type Probe} from './probe.js';

/** Requests in flight per probe: enough to overlap loopback latency, polite to a staging box. */
export const PROBE_CONCURRENCY = 4;

/**
 * Fetches one URL for judging: a ProbeFailure, a 429, a 5xx, a challenge page or a redirect to
 * another host becomes the page's error, so the header checks do not judge a crash page, a WAF's
 * headers or a door to another site; the answer itself is kept beside it (body capped like every
 * other), because a crash page is what the disclosure checks read and a redirect is what HSTS reads.
 */
export async function fetchForJudging(
  client: HttpClient,
  url: string,
  headers: Record<string, string> = {},
): Promise<Pick<Page, 'response' | 'error'>> {
  try {
    const response = await client.request({url, headers, redirects: 'same-host', withCredentials: true});
    const why = inconclusiveReason(response) ?? redirectedAway(response);
    return why ? {response, error: probeError(why.code, why.message, response.url)} : {response};
  } catch (error) {
    if (error instanceof ProbeFailure) return {error: error.probeError};
    throw error;
  }
}

/** The target URL (path `/`), then each `--path` on its origin. */
export function targetPages(target: Target): {path: string; url: string}[] {
  return [{path: '/', url: target.url.href}, ...target.paths.map((path) => ({path, url: new URL(path, target.url).href}))];
}

/** The target URL, then each `--path` on its origin. */
export function pageUrls(target: Target): string[] {
  return targetPages(target).map(({url}) => url);
}

export const pagesProbe: Probe<'Pages'> = {
  artifact: 'Pages',
  title: 'Fetch the pages',
  plan: (target) => {
    // The client sends credentials over HTTPS only: over plain http:// the plan must not promise them.
    const withHeaders = target.url.protocol === 'https:' && Object.keys(target.headers).length > 0;
    return pageUrls(target).map((url) => `GET ${url} (${withHeaders ? 'with your headers; ' : ''}redirects followed on the same host)`);
  },
  async gather(target, {client}) {
    return mapLimit(targetPages(target), PROBE_CONCURRENCY, async ({path, url}): Promise<Page> => ({
      path,
      url,
      ...(await fetchForJudging(client, url)),
    }));
  },
};
