import type {RedirectChain} from '../core/types.js';
import {inconclusiveReason} from '../lib/inconclusive.js';
import {ProbeFailure, probeError} from './failure.js';
import type {Probe} from './probe.js';

export const redirectChainProbe: Probe<'RedirectChain'> = {
  artifact: 'RedirectChain',
  title: 'Follow the HTTP→HTTPS redirect',
  plan: (target) => [`GET ${target.httpUrl.href} (no credentials; redirects followed on the same host)`],
  async gather(target, {client}) {
    const startUrl = target.httpUrl.href;
    try {
      // No credentials: this request starts on plain HTTP.
      const res = await client.request({url: startUrl, redirects: 'same-host'});
      const hops = [...res.redirects];
      const location = res.headers.find(([name]) => name === 'location')?.[1];
      if (res.status >= 300 && res.status < 400 && location !== undefined) {
        // The chain left the host: record that hop and stop; another site's answer is not ours to judge.
        let next = location;
        try {
          next = new URL(location, res.url).href;
        } catch {
          // an unparsable Location stays as the server sent it
        }
        hops.push({url: res.url, status: res.status, location: next, headers: res.headers});
        return {startUrl, hops, leftHost: true};
      }
      const why = inconclusiveReason(res);
      if (why) return {startUrl, hops, error: probeError(why.code, why.message, res.url)};
      return {startUrl, hops, final: {...res, redirects: []}};
    } catch (error) {
      // A hop that led to a dead port is still a hop: keep what was seen before the failure.
      if (error instanceof ProbeFailure) return {startUrl, hops: [...error.hops], error: error.probeError} satisfies RedirectChain;
      throw error;
    }
  },
};
