import {defineCheck, fail, info, inconclusive, outcome, pass, warn} from '../src/core/check.js';
import type {Finding, FindingData, RedirectChain, RedirectHop} from '../src/core/types.js';

/** Redirects a browser does not remember, so every visit to http:// goes over plain HTTP again; 301 and 308 are permanent. */
const TEMPORARY = new Set([302, 303, 307]);

interface HttpsRedirectOptions {
  /** More redirects than this is a warning: each costs a round trip, and each plain-HTTP one can be tampered with. */
  maxHops: number;
}

const defaultOptions: HttpsRedirectOptions = {maxHops: 3};

/** "301 http://a/ → 200 https://a/": each hop's status and URL, then the final response's. */
function describeChain(chain: RedirectChain): string {
  const steps = chain.hops.map((h) => `${h.status} ${h.url}`);
  if (chain.final) steps.push(`${chain.final.status} ${chain.final.url}`);
  return steps.join(' → ');
}

const isHttp = (url: string): boolean => url.startsWith('http://');

/** The first hop decides whether this host ever gets to set HSTS: it must go to https:// on the same host, for good. */
function judgeFirstHop(first: RedirectHop, startUrl: string, evidence: FindingData): Finding[] {
  const findings: Finding[] = [];
  const to = URL.canParse(first.location, first.url) ? new URL(first.location, first.url) : undefined;
  if (to === undefined) {
    findings.push(fail('bad-location', {location: first.location, ...evidence}));
  } else if (to.hostname !== new URL(startUrl).hostname) {
    findings.push(fail('first-hop-other-host', {to: to.href, ...evidence}));
  } else if (to.protocol !== 'https:') {
    findings.push(fail('first-hop-http', {to: to.href, ...evidence}));
  }
  if (TEMPORARY.has(first.status)) findings.push(warn('temporary', {status: first.status, ...evidence}));
  return findings;
}

export default defineCheck({
  meta: {
    id: 'https-redirect',
    family: 'redirect',
    title: 'HTTP redirects to HTTPS',
    failureTitle: 'HTTP does not redirect to HTTPS',
    description:
      'A visitor who types the bare domain or follows an old `http://` link arrives over plain HTTP. Unless that request is redirected straight to HTTPS on the same host, the page is served where anyone on the network can read and change it, and the host never gets to set HSTS. [OWASP](https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html)',
    remediation:
      "Answer every plain-HTTP request with one permanent redirect to the same host over HTTPS. nginx (in the `listen 80` server): `return 301 https://$host$request_uri;` · Apache: `Redirect permanent / https://example.com/` · Express (behind a proxy, with `app.set('trust proxy', 1)`): `app.use((req, res, next) => req.secure ? next() : res.redirect(301, 'https://' + req.hostname + req.originalUrl))`. Redirect to another host (such as `www`) only after that first hop.",
    severity: 'high',
    requiredArtifacts: ['RedirectChain'],
    messages: {
      'http-closed': 'Nothing listens on {{url}}: no page is ever served over plain HTTP.',
      'chain-error': 'The redirect chain from {{url}} could not be followed to the end ({{code}}): {{reason}}.',
      'no-redirect': '{{url}} answers {{status}} over plain HTTP instead of redirecting to HTTPS.',
      'bad-location': 'The first redirect points to "{{location}}", which is not a URL.',
      'first-hop-other-host':
        'The first redirect goes to {{to}}, another host: HSTS for this host is never set, and hstspreload.org requires the same host first.',
      'first-hop-http': 'The first redirect goes to {{to}}, still plain HTTP.',
      'ends-on-http': 'The redirects end on {{url}}, served over plain HTTP.',
      temporary: 'The first redirect is a temporary {{status}}; use 301 or 308 so browsers remember it.',
      'long-chain': 'It takes {{hops}} redirects to reach the page, more than {{max}}.',
    },
  },
  defaultOptions,
  run({RedirectChain: chain}, options) {
    const {hops, final, error} = chain;
    if (error?.code === 'connection-refused' && hops.length === 0) return pass(info('http-closed', {url: chain.startUrl}));
    const evidence = {chain: describeChain(chain)};
    const findings: Finding[] = [];
    if (error || !final) {
      const reason = error?.message ?? 'the chain ended without a final response';
      findings.push(inconclusive('chain-error', {url: chain.startUrl, code: error?.code ?? 'internal', reason, ...evidence}));
    }
    const first = hops[0];
    if (first) findings.push(...judgeFirstHop(first, chain.startUrl, evidence));
    if (final && isHttp(final.url)) {
      const url = final.url;
      findings.push(first ? fail('ends-on-http', {url, ...evidence}) : fail('no-redirect', {url, status: final.status, ...evidence}));
    }
    if (hops.length > options.maxHops) findings.push(warn('long-chain', {hops: hops.length, max: options.maxHops, ...evidence}));
    return outcome(findings);
  },
});
