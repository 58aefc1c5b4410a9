import type {HttpResponse, Page} from '../core/types.js';
import {inconclusiveReason} from '../lib/inconclusive.js';
import {ProbeFailure, probeError, type HttpClient} from './http.js';
import {mapLimit, type Probe} from './probe.js';

/** Requests in flight per probe: enough to overlap loopback latency, polite to a staging box. */
export const PROBE_CONCURRENCY = 4;

/**
 * Fetches one URL for judging: a ProbeFailure, a 5xx or a challenge page becomes the page's error,
 * so the checks that read it say `error` rather than judging a crash page or a WAF's headers.
 */
export async function fetchForJudging(
  client: HttpClient,
  url: string,
  headers: Record<string, string> = {},
): Promise<{response?: HttpResponse; error?: Page['error']}> {
  try {
    const response = await client.request({url, headers, redirects: 'same-host', withCredentials: true});
    const why = inconclusiveReason(response);
    return why ? {error: probeError(why.code, why.message, response.url)} : {response};
  } catch (error) {
    if (error instanceof ProbeFailure) return {error: error.probeError};
    throw error;
  }
}

export const pagesProbe: Probe<'Pages'> = {
  artifact: 'Pages',
  title: 'Fetch the pages',
  async gather(target, {client}) {
    const paths = ['/', ...target.paths];
    return mapLimit(paths, PROBE_CONCURRENCY, async (path): Promise<Page> => {
      const url = path === '/' ? target.url.href : new URL(path, target.url).href;
      return {path, url, ...(await fetchForJudging(client, url))};
    });
  },
};
