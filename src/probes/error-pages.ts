/**
 * Provokes error answers the way an attacker would, with a handful of bounded, anonymous requests:
 * a random missing page, an unsupported method, a malformed query string, an overlong path segment,
 * and malformed JSON to each `--api-path`. Unlike the page probes it keeps 5xx answers (a crash
 * page is exactly what the `error-disclosure` check reads); only a WAF challenge becomes an error.
 */
import {randomBytes} from 'node:crypto';
import type {ErrorProbe, HttpResponse} from '../core/types.js';
import {MAX_SCANNED_CHARS} from '../lib/error-signatures.js';
import {headerValue, headerValues} from '../lib/headers.js';
import type {Target} from '../core/target.js';
import {inconclusiveReason, redirectedAway} from '../lib/inconclusive.js';
import {ProbeFailure, probeError} from './failure.js';
import {type HttpClient, type RequestSpec} from './http.js';
import {PROBE_CONCURRENCY} from './pages.js';
import {mapLimit, type Probe} from './probe.js';

/**
 * The unsupported method. PROPFIND is safe and idempotent (RFC 4918 §9.1) and, with `Depth: 0`,
 * asks about the one resource only, so even a WebDAV server changes nothing and lists no tree.
 * A made-up token would be safer still but never reaches a Node app: Node's HTTP parser answers it
 * with a bare 400. PROPFIND gets through to the app's own error handling (measured: nginx 405,
 * Express 404, Django and PHP run the page). DELETE, PUT and PATCH can change data: never sent.
 */
const BAD_METHOD = 'PROPFIND';

/**
 * Breaks query parsers: an unescaped quote for SQL built by concatenation, array and scalar forms
 * of one key (`x[]` then `x`), a truncated UTF-8 escape and a lone `%`.
 */
const MALFORMED_QUERY = '?id=%27&q=%22%27&x[]=1&x=2&%E0%A4%A=%';

/**
 * One path segment of 4 KiB: past the 255-byte file-name limit of common filesystems
 * (ENAMETOOLONG in static-file code), under the 8 KiB request-line limits of nginx and Apache,
 * so the app behind the proxy gets to answer it.
 */
const LONG_SEGMENT_CHARS = 4096;

/** A body cut off after its first member: every JSON parser rejects it. */
const MALFORMED_JSON = '{"a":';

/** Ask for HTML, as a browser does: several frameworks render their debug page only then. */
const BROWSER_ACCEPT = {accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'};

interface Provocation {
  readonly provocation: ErrorProbe['provocation'];
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** What `--dry-run` shows instead of the URL where it is random or long. */
  readonly shown: string;
}

/** The requests, in the order they are reported; `token` makes the missing path one no site has. */
function provocations(target: Target, token: string): Provocation[] {
  const stem = new URL('shipcheck-', target.url).href;
  const notFound = new URL(`shipcheck-${token}`, target.url);
  const query = new URL(target.url);
  query.search = MALFORMED_QUERY;
  const longPath = new URL(`shipcheck-${'a'.repeat(LONG_SEGMENT_CHARS - 'shipcheck-'.length)}`, target.url);
  return [
    {provocation: 'not-found', method: 'GET', url: notFound, headers: BROWSER_ACCEPT, shown: `${stem}<random hex>`},
    {
      provocation: 'bad-method',
      method: BAD_METHOD,
      url: target.url,
      headers: {...BROWSER_ACCEPT, depth: '0'},
      shown: `${target.url.href} with Depth: 0`,
    },
    {provocation: 'malformed-query', method: 'GET', url: query, headers: BROWSER_ACCEPT, shown: query.href},
    {
      provocation: 'long-path',
      method: 'GET',
      url: longPath,
      headers: BROWSER_ACCEPT,
      shown: `${stem}aaa… (one ${LONG_SEGMENT_CHARS}-character segment)`,
    },
    ...target.apiPaths.map((path): Provocation => {
      const url = new URL(path, target.url);
      return {
        provocation: 'malformed-json',
        method: 'POST',
        url,
        headers: {'content-type': 'application/json', accept: 'application/json'},
        body: MALFORMED_JSON,
        shown: `${url.href} with the malformed JSON body ${MALFORMED_JSON}`,
      };
    }),
  ];
}

/**
 * Debug consoles, asked for with one plain GET each, and only where the provoked answers show the
 * framework: a console answers on a production site only when someone left debug mode on, and
 * Werkzeug's runs Python for whoever opens it.
 */
export const DEBUG_CONSOLES: readonly {
  readonly framework: string;
  readonly path: string;
  /** Recognises the framework in one provoked answer (headers, cookies, or its error page). */
  readonly seen: (response: HttpResponse) => boolean;
}[] = [
  {
    framework: 'Werkzeug (Flask)',
    path: '/console',
    seen: (r) => /werkzeug\//i.test(headerValue(r, 'server') ?? '') || r.body.slice(0, MAX_SCANNED_CHARS).includes('Werkzeug Debugger'),
  },
  {
    framework: 'Rails',
    path: '/rails/info/properties',
    // Rack::Runtime's header is on by default in Rails; the debug exception page names itself.
    seen: (r) => headerValue(r, 'x-runtime') !== undefined || r.body.slice(0, MAX_SCANNED_CHARS).includes('Action Controller: Exception caught'),
  },
  {
    framework: 'Laravel',
    path: '/_ignition/health-check',
    seen: (r) =>
      headerValues(r, 'set-cookie').some((c) => /^laravel_session=/i.test(c)) ||
      r.body.slice(0, MAX_SCANNED_CHARS).includes('"notifier":"Laravel Client"'),
  },
  {
    framework: 'Symfony',
    path: '/_profiler/',
    // The profiler's token header is sent only while the profiler is enabled.
    seen: (r) => headerValue(r, 'x-debug-token') !== undefined,
  },
];

/**
 * Sends one provocation as is, without credentials, following redirects while they stay on the
 * target's host (an http:// origin's redirect to https://, an error sent to an error page): the
 * application's answer is the point, not its doorway's.
 */
async function provoke(client: HttpClient, p: Provocation): Promise<ErrorProbe> {
  const exchange = {provocation: p.provocation, method: p.method, path: p.url.pathname + p.url.search};
  const spec: RequestSpec = {
    url: p.url.href,
    method: p.method,
    headers: p.headers,
    ...(p.body === undefined ? {} : {body: p.body}),
    redirects: 'same-host',
    withCredentials: false,
  };
  try {
    const response = await client.request(spec);
    const why = inconclusiveReason(response) ?? redirectedAway(response);
    // The answer is always kept, a 5xx above all: a crash page is what this probe is after. A 429,
    // a challenge page or a redirect to another origin also carries why it may not be the
    // application's own error handling.
    if (why && why.code !== 'http-5xx') return {...exchange, response, error: probeError(why.code, why.message, response.url)};
    return {...exchange, response};
  } catch (error) {
    if (error instanceof ProbeFailure) return {...exchange, error: error.probeError};
    throw error;
  }
}

export const errorPagesProbe: Probe<'ErrorPages'> = {
  artifact: 'ErrorPages',
  title: 'Provoke error pages',
  plan: (target) => [
    ...provocations(target, '').map((p) => `${p.method} ${p.shown}; no credentials, redirects followed on the same host`),
    ...DEBUG_CONSOLES.map((c) => `GET ${new URL(c.path, target.url).href}, only when the answers above show ${c.framework}`),
  ],
  async gather(target, {client}) {
    const token = randomBytes(8).toString('hex');
    const provoked = await mapLimit(provocations(target, token), PROBE_CONCURRENCY, (p) => provoke(client, p));
    const answers = provoked.flatMap((p) => (p.response ? [p.response] : []));
    const consoles = DEBUG_CONSOLES.filter((c) => answers.some(c.seen)).map((c): Provocation => {
      const url = new URL(c.path, target.url);
      return {provocation: 'debug-console', method: 'GET', url, headers: BROWSER_ACCEPT, shown: url.href};
    });
    return [...provoked, ...(await mapLimit(consoles, PROBE_CONCURRENCY, (p) => provoke(client, p)))];
  },
};
