import {isIP} from 'node:net';
import type {CorsProbe} from '../core/types.js';
import type {Target} from '../core/target.js';
import {fetchForJudging, PROBE_CONCURRENCY, targetPages} from './pages.js';
import {mapLimit, type Probe} from './probe.js';

/** The attacker's label alone, glued to a host: `shipcheck-attackerexample.com`. */
const ATTACKER_LABEL = 'shipcheck-attacker';
/** A host nobody can own (RFC 2606 reserves .example), so a reflected value is unmistakable. */
const ATTACKER = `${ATTACKER_LABEL}.example`;

interface CorsOrigin {
  origin: string;
  variant: CorsProbe['variant'];
}

/** The registrable-looking tail of a host (last two labels), for the suffix look-alike. */
function tail(host: string): string {
  return host.split('.').slice(-2).join('.');
}

const bareHost = (hostname: string): string => hostname.replace(/^\[|\]$/g, '');

/** The Origins sent to each page, one per server-side mistake they catch. */
export function corsOrigins(url: URL): CorsOrigin[] {
  return [
    {origin: `https://${ATTACKER}`, variant: 'foreign'},
    {origin: 'null', variant: 'null'},
    // `origin.endsWith("example.com")` accepts this. An IP address has no domain to imitate.
    ...(isIP(bareHost(url.hostname)) ? [] : [{origin: `https://${ATTACKER_LABEL}${tail(url.hostname)}`, variant: 'suffix' as const}]),
    // An unanchored /app\.example\.com/ or startsWith accepts this.
    {origin: `https://${url.hostname}.${ATTACKER}`, variant: 'prefix'},
    {origin: `http://${url.host}`, variant: 'http-same-host'},
  ];
}

/**
 * Look-alikes of an origin the site does trust (`https://app.example.com`), each accepted only by a
 * sloppy comparison with it; the port is kept, since a comparison that ignores it is not the mistake
 * tested. The variant names the mistake, as for the target's own host.
 */
export function trustedLookalikes(trusted: string): CorsOrigin[] {
  const {protocol, hostname, port} = new URL(trusted);
  const at = port ? `:${port}` : '';
  const ip = isIP(bareHost(hostname));
  return [
    // `endsWith("app.example.com")` accepts both; so does a wildcard meant for the site's own subdomains.
    ...(ip ? [] : [{origin: `${protocol}//${ATTACKER_LABEL}${hostname}${at}`, variant: 'suffix' as const}]),
    ...(ip ? [] : [{origin: `${protocol}//${ATTACKER_LABEL}.${hostname}${at}`, variant: 'suffix' as const}]),
    // `startsWith("https://app.example.com")` or an unanchored regex accepts this. No IPv6 host takes a label after it.
    ...(ip === 6 ? [] : [{origin: `${protocol}//${hostname}.${ATTACKER}${at}`, variant: 'prefix' as const}]),
    // A comparison of the host alone accepts the plain-HTTP origin, which any network attacker can speak for.
    ...(protocol === 'https:' ? [{origin: `http://${hostname}${at}`, variant: 'http-same-host' as const}] : []),
  ];
}

/**
 * Every Origin a page gets: the host-derived ones, then the look-alikes of each trusted origin, with
 * duplicates sent once and the trusted origins themselves never sent (their echo is the site working).
 */
function originsFor(target: Target): CorsOrigin[] {
  const trusted = new Set(target.trustedOrigins);
  const seen = new Set<string>();
  return [...corsOrigins(target.url), ...target.trustedOrigins.flatMap(trustedLookalikes)].filter(({origin}) => {
    if (trusted.has(origin) || seen.has(origin)) return false;
    seen.add(origin);
    return true;
  });
}

function jobs(target: Target): ({path: string; url: string} & CorsOrigin)[] {
  const origins = originsFor(target);
  return targetPages(target).flatMap((page) => origins.map((o) => ({...page, ...o})));
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
