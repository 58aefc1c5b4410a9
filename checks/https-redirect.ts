import {defineCheck, fail, info, inconclusive, outcome, warn} from '../src/core/check.js';
import type {Finding, FindingData, Page, RedirectChain, RedirectHop} from '../src/core/types.js';

/** Redirects a browser does not remember, so every visit to http:// goes over plain HTTP again; 301 and 308 are permanent. */
const TEMPORARY = new Set([302, 303, 307]);

interface HttpsRedirectOptions {
  /** More redirects than this is a warning: each costs a round trip, and each plain-HTTP one can be tampered with. */
  maxHops: number;
}

const defaultOptions: HttpsRedirectOptions = {maxHops: 3};

/** "301 http://a/ → 200 https://a/": each hop's status and URL, then the final response's (or where it left the host). */
function describeChain(chain: RedirectChain): string {
  const steps = chain.hops.map((h) => `${h.status} ${h.url}`);
  const last = chain.hops.at(-1);
  if (chain.final) steps.push(`${chain.final.status} ${chain.final.url}`);
  else if (chain.leftHost && last) steps.push(`(another host) ${last.location}`);
  return steps.join(' → ');
}

const isHttp = (url: string): boolean => url.startsWith('http://');

/**
 * Errors that are still an answer at the end of the chain (the final page was a 5xx, a 429 or a
 * challenge): the redirects before it were observed in full. Any other error (a dead port, a loop,
 * a timeout) broke the chain on the way, so a pass cannot be given.
 */
const ANSWERED = new Set(['http-5xx', 'waf-challenge', 'rate-limited']);

/** The first hop decides whether this host ever gets to set HSTS: it must go to https:// on the same host, for good. */
function judgeFirstHop(first: RedirectHop, startUrl: string, evidence: FindingData): Finding<Id>[] {
  const findings: Finding<Id>[] = [];
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

/** Every later hop that points back to plain HTTP: the page is then served where it can be read and changed. */
function downgrades(hops: readonly RedirectHop[], evidence: FindingData, offset = 1): Finding<Id>[] {
  return hops.flatMap((h, i) =>
    isHttp(h.location) ? [fail('downgrade', {hop: i + offset, from: h.url, to: h.location, status: h.status, ...evidence})] : [],
  );
}

/** The chain from the plain-HTTP URL. */
function judgeChain(chain: RedirectChain, options: HttpsRedirectOptions, evidence: FindingData): Finding<Id>[] {
  const {hops, final, error} = chain;
  const first = hops[0];
  if (first === undefined) {
    if (error) return [inconclusive('chain-error', {url: chain.startUrl, code: error.code, reason: error.message, ...evidence})];
    if (final && isHttp(final.url)) return [fail('no-redirect', {url: final.url, status: final.status, ...evidence})];
    return [inconclusive('chain-error', {url: chain.startUrl, code: 'internal', reason: 'the chain ended without a response', ...evidence})];
  }
  const findings = [...judgeFirstHop(first, chain.startUrl, evidence), ...downgrades(hops.slice(1), evidence, 2)];
  // A chain that leaves the host is complete as observed (Observatory judges the hops it saw); one
  // that broke on the way, or ended with nothing, is not.
  if (error && !ANSWERED.has(error.code)) {
    findings.push(inconclusive('chain-error', {url: chain.startUrl, code: error.code, reason: error.message, ...evidence}));
  } else if (!error && !final && !chain.leftHost) {
    findings.push(
      inconclusive('chain-error', {url: chain.startUrl, code: 'internal', reason: 'the chain ended without a final response', ...evidence}),
    );
  }
  if (hops.length > options.maxHops) findings.push(warn('long-chain', {hops: hops.length, max: options.maxHops, ...evidence}));
  return findings;
}

const messages = {
  'http-closed': 'Nothing listens on {{url}} while the HTTPS site answers: no page is served over plain HTTP there.',
  'chain-error': 'The redirect chain from {{url}} could not be followed to the end ({{code}}): {{reason}}.',
  'no-redirect': '{{url}} answers {{status}} over plain HTTP instead of redirecting to HTTPS.',
  'bad-location': 'The first redirect points to "{{location}}", which is not a URL.',
  'first-hop-other-host':
    'The first redirect goes to {{to}}, another host: HSTS for this host is never set, and hstspreload.org requires the same host first.',
  'first-hop-http': 'The first redirect goes to {{to}}, still plain HTTP.',
  downgrade: 'Redirect {{hop}} ({{status}} from {{from}}) goes back to plain HTTP: {{to}}.',
  'page-downgrade': 'Fetching the target {{url}} is redirected ({{status}} from {{from}}) to plain HTTP: {{to}}.',
  'target-down': 'Nothing answers on {{url}}, and the target itself did not answer either ({{reason}}): nothing was observed.',
  temporary: 'The first redirect is a temporary {{status}}; use 301 or 308 so browsers remember it.',
  'long-chain': 'It takes {{hops}} redirects to reach the page, more than {{max}}.',
} as const;
type Id = keyof typeof messages;

export default defineCheck({
  meta: {
    id: 'https-redirect',
    family: 'redirect',
    title: 'HTTP redirects to HTTPS',
    failureTitle: 'HTTP does not redirect to HTTPS',
    description:
      'A visitor who types the bare domain or follows an old `http://` link arrives over plain HTTP. Unless that request is redirected straight to HTTPS on the same host, the page is served where anyone on the network can read and change it, and the host never gets to set HSTS. A plain-HTTP port where nothing listens (the connection refused) passes while the HTTPS site answers, as in MDN Observatory (`redirection-not-needed-no-http`) and hstspreload.org (its redirect rule applies "if you are listening on port 80"): no page is served over plain HTTP there. [OWASP](https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html)',
    fixes: {
      generic: 'Answer every plain-HTTP request with one permanent redirect (301 or 308) to the same host over HTTPS.',
      stacks: {
        nginx: 'in the `listen 80` server, `return 301 https://$host$request_uri;`',
        apache: '`Redirect permanent / https://example.com/`',
        express:
          "behind a proxy, with `app.set('trust proxy', 1)`: `app.use((req, res, next) => req.secure ? next() : res.redirect(301, 'https://' + req.hostname + req.originalUrl))`",
      },
      note: 'Redirect to another host (such as `www`) only after that first hop.',
    },
    severity: 'high',
    cwe: [319],
    owasp: ['A02:2021', 'A05:2021'],
    requiredArtifacts: ['RedirectChain', 'Pages'],
    messages,
  },
  defaultOptions,
  run({RedirectChain: chain, Pages}, options, target) {
    const evidence = {chain: describeChain(chain)};
    const main: Page | undefined = Pages[0];
    // The HTTPS page itself must not send the visitor back to plain HTTP on the way.
    const pageDowngrades = target.https
      ? (main?.response?.redirects ?? []).flatMap((h) =>
          isHttp(h.location) ? [fail('page-downgrade', {url: target.url, from: h.url, to: h.location, status: h.status})] : [],
        )
      : [];
    if (chain.error?.code === 'connection-refused' && chain.hops.length === 0) {
      // Port 80 closed is a pass only when the site answers over HTTPS: for an http:// target, or a
      // target that is down, nothing was observed at all.
      if (!target.https || main?.response === undefined) {
        const reason = (target.https ? main?.error?.message : chain.error.message) ?? 'no response';
        return outcome([inconclusive('target-down', {url: chain.startUrl, reason})]);
      }
      return outcome([info('http-closed', {url: chain.startUrl}), ...pageDowngrades]);
    }
    return outcome([...judgeChain(chain, options, evidence), ...pageDowngrades]);
  },
});
