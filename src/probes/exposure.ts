/**
 * The exposure probes: well-known files and folders that should not be served, the TRACE and
 * OPTIONS methods, and security.txt. Every request is a GET, TRACE or OPTIONS (safe methods: no
 * PUT or DELETE is ever sent, advertised methods are only read from `Allow`), without the user's
 * credentials, redirects followed while they stay on the target's host (an http:// origin's
 * redirect to https://, a folder's to its index), as the pages are fetched: what is judged is what
 * the host serves at that path, not its doorway. Answers are recorded as they came, a 5xx, a WAF
 * page or a redirect to another host included: the checks decide what can be judged.
 */
import {randomBytes} from 'node:crypto';
import type {Target} from '../core/target.js';
import type {Exchange} from '../core/types.js';
import {EXPOSED_FILES, LISTING_PATHS, TRACE_MARKER_HEADER} from '../lib/exposed-files.js';
import {ProbeFailure, probeError} from './failure.js';
import {type HttpClient, type RequestSpec} from './http.js';
import {PROBE_CONCURRENCY} from './pages.js';
import {mapLimit, type Probe} from './probe.js';

/** A path under this prefix (with 16 random hex digits) exists on no site: its answer is how the site says "miss". */
export const CANARY_PREFIX = '/shipcheck-canary-';

/** One request on the target's origin, recorded with its answer or its transport failure. */
async function exchange(client: HttpClient, target: Target, method: string, path: string, extra: Partial<RequestSpec> = {}): Promise<Exchange> {
  try {
    const response = await client.request({url: new URL(path, target.url.origin).href, method, redirects: 'same-host', ...extra});
    return {method, path, response};
  } catch (error) {
    if (error instanceof ProbeFailure) return {method, path, error: error.probeError};
    throw error;
  }
}

/** The files, then the folders. */
function probedPaths(): string[] {
  return [...EXPOSED_FILES.map((f) => f.path), ...LISTING_PATHS];
}

const NO_CREDENTIALS = '(no credentials; redirects followed on the same host)';

export const exposedPathsProbe: Probe<'ExposedPaths'> = {
  artifact: 'ExposedPaths',
  title: 'Look for exposed files and directory listings',
  plan: (target) => [
    `GET ${new URL(CANARY_PREFIX, target.url.origin).href}<random hex> ${NO_CREDENTIALS}: how the site answers a path that cannot exist`,
    ...probedPaths().map((p) => `GET ${new URL(p, target.url.origin).href} ${NO_CREDENTIALS}`),
  ],
  async gather(target, {client}) {
    // First, so every answer below can be compared with the site's answer to a miss (an SPA
    // fallback or soft 404 answers 200 with the app shell to every path).
    const canary = await exchange(client, target, 'GET', `${CANARY_PREFIX}${randomBytes(8).toString('hex')}`);
    // Content decides, so GET rather than HEAD; the client caps each body.
    const probes = await mapLimit(probedPaths(), PROBE_CONCURRENCY, (path) => exchange(client, target, 'GET', path));
    return {canary, probes};
  },
};

export const methodProbesProbe: Probe<'MethodProbes'> = {
  artifact: 'MethodProbes',
  title: 'Ask which HTTP methods the site allows',
  plan: (target) => {
    const root = new URL('/', target.url.origin).href;
    return [`TRACE ${root} with ${TRACE_MARKER_HEADER}: <random> ${NO_CREDENTIALS}`, `OPTIONS ${root} ${NO_CREDENTIALS}`];
  },
  async gather(target, {client}) {
    const [trace, options] = await Promise.all([
      exchange(client, target, 'TRACE', '/', {headers: {[TRACE_MARKER_HEADER]: randomBytes(8).toString('hex')}}),
      exchange(client, target, 'OPTIONS', '/'),
    ]);
    return {trace, options};
  },
};

const SECURITY_TXT_PATH = '/.well-known/security.txt';

export const securityTxtProbe: Probe<'SecurityTxt'> = {
  artifact: 'SecurityTxt',
  title: 'Fetch security.txt',
  plan: (target) =>
    target.url.protocol === 'https:'
      ? [`GET ${new URL(SECURITY_TXT_PATH, target.url.origin).href} (no credentials; redirects followed on the same host)`]
      : [],
  async gather(target, {client}) {
    // RFC 9116 §3: the file must be fetched over HTTPS, so an http:// target has none to judge.
    if (target.url.protocol !== 'https:')
      throw new ProbeFailure(probeError('not-applicable', 'security.txt is only served over HTTPS (RFC 9116 §3); the target is http://'));
    // RFC 9116 §3 allows a redirect; one to another host is recorded, not followed (its file is not the target's).
    return exchange(client, target, 'GET', SECURITY_TXT_PATH);
  },
};
