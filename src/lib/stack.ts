/**
 * What serves a site, told by what it sends anyway: the Server and X-Powered-By headers of its pages
 * and the tell-tales of its error pages (see error-signatures). The console then shows each failure's
 * fix for that stack. A guess from headers a proxy may rewrite, so it only picks which fix to show.
 */
import type {DetectedStack} from '../core/report.js';
import {isProbeError, type Artifacts, type HttpResponse, type Stack} from '../core/types.js';
import {findSignatures} from './error-signatures.js';
import {headerValue} from './headers.js';

/** Header value patterns, most specific first: `Apache-Coyote` is Tomcat, not Apache httpd. */
const HEADER_PATTERNS: readonly {readonly header: string; readonly pattern: RegExp; readonly stack: Stack}[] = [
  {header: 'server', pattern: /\b(?:nginx|openresty)\b/i, stack: 'nginx'},
  {header: 'server', pattern: /\bapache\b(?!-coyote)/i, stack: 'apache'},
  {header: 'server', pattern: /\bcaddy\b/i, stack: 'caddy'},
  {header: 'server', pattern: /\bmicrosoft-iis\b/i, stack: 'iis'},
  {header: 'server', pattern: /\bkestrel\b/i, stack: 'aspnet'},
  {header: 'server', pattern: /\bwerkzeug\b/i, stack: 'flask'},
  {header: 'x-powered-by', pattern: /\bexpress\b/i, stack: 'express'},
  {header: 'x-powered-by', pattern: /\bnext\.js\b/i, stack: 'node'},
  {header: 'x-powered-by', pattern: /\bphp\b/i, stack: 'php'},
  {header: 'x-powered-by', pattern: /\basp\.net\b/i, stack: 'aspnet'},
  {header: 'x-aspnet-version', pattern: /\d/, stack: 'aspnet'},
];

/** Error-page signatures (by id prefix) that name the framework that rendered the page. */
const SIGNATURE_STACKS: readonly {readonly prefix: string; readonly stack: Stack}[] = [
  {prefix: 'django-', stack: 'django'},
  {prefix: 'werkzeug-', stack: 'flask'},
  {prefix: 'laravel-', stack: 'laravel'},
  {prefix: 'rails-', stack: 'rails'},
  {prefix: 'ruby-', stack: 'rails'},
  {prefix: 'express-', stack: 'express'},
  {prefix: 'node-', stack: 'node'},
  {prefix: 'spring-', stack: 'spring'},
  {prefix: 'aspnet-', stack: 'aspnet'},
  {prefix: 'dotnet-', stack: 'aspnet'},
  {prefix: 'whoops', stack: 'php'},
  {prefix: 'symfony-', stack: 'php'},
  {prefix: 'php-', stack: 'php'},
  {prefix: 'nginx-', stack: 'nginx'},
  {prefix: 'apache-', stack: 'apache'},
  {prefix: 'iis-', stack: 'iis'},
];

/** What a framework runs on: its platform's fixes apply too, after its own (Express apps are Node servers). */
const RUNS_ON: Readonly<Partial<Record<Stack, Stack>>> = {express: 'node', laravel: 'php'};

/** Evidence quotes a header value at most this long. */
const MAX_EVIDENCE = 60;

const quote = (value: string): string => (value.length > MAX_EVIDENCE ? `${value.slice(0, MAX_EVIDENCE - 1)}…` : value);

function fromHeaders(response: HttpResponse): DetectedStack[] {
  return HEADER_PATTERNS.flatMap(({header, pattern, stack}) => {
    const value = headerValue(response, header);
    return value !== undefined && pattern.test(value) ? [{stack, evidence: `${header}: ${quote(value)}`}] : [];
  });
}

function fromErrorPage(response: HttpResponse, what: string): DetectedStack[] {
  return findSignatures(response.body).flatMap(({signature}) => {
    const known = SIGNATURE_STACKS.find((s) => signature.id.startsWith(s.prefix));
    return known ? [{stack: known.stack, evidence: `${what}: ${signature.name}`}] : [];
  });
}

/**
 * The stacks the artifacts show, each once, most telling first: the main page's headers (what the
 * visitor's request met first), then the error pages' tell-tales and headers, then the other pages'
 * headers; a framework's platform right after it.
 */
export function detectStacks(artifacts: Artifacts): DetectedStack[] {
  const pages = artifacts.Pages === undefined || isProbeError(artifacts.Pages) ? [] : artifacts.Pages;
  const errors = artifacts.ErrorPages === undefined || isProbeError(artifacts.ErrorPages) ? [] : artifacts.ErrorPages;
  const [main, ...others] = pages.flatMap((p) => (p.response ? [p.response] : []));
  const seen = [
    ...(main ? fromHeaders(main) : []),
    ...errors.flatMap((e) => (e.response ? [...fromErrorPage(e.response, `${e.response.status} page`), ...fromHeaders(e.response)] : [])),
    ...others.flatMap(fromHeaders),
  ];
  const out: DetectedStack[] = [];
  const add = (d: DetectedStack): void => {
    if (!out.some((o) => o.stack === d.stack)) out.push(d);
  };
  for (const d of seen) {
    add(d);
    const platform = RUNS_ON[d.stack];
    if (platform) add({stack: platform, evidence: d.evidence});
  }
  return out;
}
