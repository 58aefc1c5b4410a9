import {isIP} from 'node:net';
import type {CorsProbe} from '../core/types.js';
import type {Target} from '../core/target.js';
import {fetchForJudging, pageUrls, PROBE_CONCURRENCY} from './pages.js';
import {mapLimit, type Probe} from './probe.js';

/** A host nobody can own (RFC 2606 reserves .example), so a reflected value is unmistakable. */
const ATTACKER = 'shipcheck-attacker.example';

/** The registrable-looking tail of a host (last two labels), for the suffix look-alike. */
function tail(host: string): string {
  return host.split('.').slice(-2).join('.');
}

/** The Origins sent to each page, one per server-side mistake they catch. */
export function corsOrigins(url: URL): Array<{origin: string; variant: CorsProbe['variant']}> {
  return [
    {origin: `https://${ATTACKER}`, variant: 'foreign'},
    {origin: 'null', variant: 'null'},
    // `origin.endsWith("example.com")` accepts this. An IP address has no domain to imitate.
    ...(isIP(url.hostname.replace(/^\[|\]$/g, '')) ? [] : [{origin: `https://${ATTACKER.split('.')[0]}${tail(url.hostname)}`, variant: 'suffix' as const}]),
    // An unanchored /app\.example\.com/ or startsWith accepts this.
    {origin: `https://${url.hostname}.${ATTACKER}`, variant: 'prefix'},
    {origin: `http://${url.host}`, variant: 'http-same-host'},
  ];
}

function jobs(target: Target): Array<{path: string; url: string; origin: string; variant: CorsProbe['variant']}> {
  const urls = pageUrls(target);
  return ['/', ...target.paths].flatMap((path, i) => corsOrigins(target.url).map((o) => ({path, url: urls[i]!, ...o})));
}

export const corsProbe: Probe<'CorsProbes'> = {
  artifact: 'CorsProbes',
  title: 'Send cross-origin requests',
  plan: (target) => jobs(target).map((j) => `GET ${j.url} with Origin: ${j.origin}`),
  async gather(target, {client}) {
    return mapLimit(jobs(target), PROBE_CONCURRENCY, async ({path, url, origin, variant}): Promise<CorsProbe> => ({
      path,
      origin,
      variant,
      ...(await fetchForJudging(client, url, {origin})),
    }));
  },
};
