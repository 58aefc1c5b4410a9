import {defineCheck, fail, inconclusive, outcome, warn} from '../src/core/check.js';
import type {ErrorProbe, Finding, FindingData, Page} from '../src/core/types.js';
import {findSignatures} from '../src/lib/error-signatures.js';

/** Enough of a path to recognise the request; the long-path probe's 4 KiB segment is cut. */
const SHOWN_PATH_CHARS = 80;

/**
 * The page a finding is filed under. The missing page is a fresh random path each run: it is named
 * by what it is, so a baseline or a waiver recognises the same finding from one run to the next.
 */
function findingPage(probe: ErrorProbe, shown: string): string {
  return probe.provocation === 'not-found' ? '/shipcheck-<random>' : shown;
}

function shownPath(path: string): string {
  return path.length > SHOWN_PATH_CHARS ? `${path.slice(0, SHOWN_PATH_CHARS - 1)}… (${path.length} characters)` : path;
}

const messages = {
  disclosed: '{{method}} {{path}} ({{provocation}}) answered HTTP {{status}} with {{signatures}}: "{{excerpt}}".',
  'error-with-200':
    '{{method}} {{path}} ({{provocation}}) answered HTTP {{status}}, a success status, with error text ({{signature}}): caches and search engines keep it, and monitoring that counts 5xx answers never sees the failure.',
  'version-banner':
    '{{method}} {{path}} ({{provocation}}) answered HTTP {{status}} with a default error page showing the {{signature}}: "{{excerpt}}".',
  'probe-unavailable': 'No provoked error could be judged; the {{provocation}} request ({{method}} {{path}}): {{reason}}.',
  'probe-not-judged': 'The {{provocation}} request ({{method}} {{path}}) was not judged: {{reason}}.',
} as const;
type Id = keyof typeof messages;

/**
 * Answers that are a gateway's or a limiter's, not the application's error handling: a 502/503/504
 * (a proxy in front of a down app, a maintenance page), Cloudflare's 520–527 and 530 (its own pages
 * when the origin fails or cannot be reached), a 429, a challenge page. Without a leak in them, they
 * say nothing about what the application shows when it fails. A 500 is the app's own.
 */
const NOT_THE_APP = new Set([502, 503, 504, 520, 521, 522, 523, 524, 525, 526, 527, 530]);

/** Leaks and banners in one body. */
function signatureFindings(body: string, status: number, on: FindingData, page: string): {findings: Finding<Id>[]; leaked: boolean} {
  const found = findSignatures(body);
  const leaks = found.filter((m) => m.signature.kind !== 'version-banner');
  const findings: Finding<Id>[] = [];
  const first = leaks[0];
  if (first) {
    const signatures = leaks.map((m) => m.signature.name).join(', ');
    findings.push(fail('disclosed', {...on, status, signatures, excerpt: first.excerpt}, page));
    if (status >= 200 && status < 300) findings.push(warn('error-with-200', {...on, status, signature: first.signature.name}, page));
  }
  for (const banner of found.filter((m) => m.signature.kind === 'version-banner'))
    findings.push(warn('version-banner', {...on, status, signature: banner.signature.name, excerpt: banner.excerpt}, page));
  return {findings, leaked: first !== undefined};
}

/** One provoked answer: its findings, and whether it shows the application's own error handling. */
function judgeProbe(probe: ErrorProbe): {findings: Finding<Id>[]; judged: boolean; reason?: string} {
  const shown = shownPath(probe.path);
  const page = findingPage(probe, shown);
  const request: FindingData = {provocation: probe.provocation, method: probe.method, path: shown};
  if (!probe.response) return {findings: [], judged: false, reason: probe.error?.message ?? 'no response'};
  const {status} = probe.response;
  const {findings, leaked} = signatureFindings(probe.response.body, status, request, page);
  if (leaked) return {findings, judged: true};
  // Part of a body shows a leak, never its absence.
  const notApp =
    probe.error?.message ?? (NOT_THE_APP.has(status) ? `HTTP ${status}, a gateway's, CDN's or maintenance answer` : probe.response.bodyCut);
  return notApp === undefined ? {findings, judged: true} : {findings, judged: false, reason: notApp};
}

/** The pages the other checks judge (the target URL and each `--path`), crash pages included. */
function judgePage(page: Page): Finding<Id>[] {
  if (!page.response) return [];
  const on = {provocation: 'page', method: 'GET', path: page.path};
  return signatureFindings(page.response.body, page.response.status, on, page.path).findings;
}

export default defineCheck({
  meta: {
    id: 'error-disclosure',
    family: 'disclosure',
    title: 'Error pages reveal nothing about the application',
    failureTitle: 'Error pages reveal stack traces, debug pages or internals',
    description:
      "A stack trace, framework debug page or SQL error shown to a visitor hands an attacker the framework, the file layout, the code path and sometimes queries and settings; Werkzeug's debugger even runs code. The check provokes errors the way an attacker would (a missing page, an unsupported method, a malformed query string, an overlong path and, for each `--api-path`, malformed JSON) and reads the answers, and it reads every page fetched for the other checks (the target and each `--path`, crash pages included). Where the answers show Werkzeug, Rails, Laravel or Symfony it asks once for that framework's debug console. A 502/503/504 (or a CDN's 52x), 429, challenge page or redirect to another origin without a leak says nothing about the application's error handling: such answers are listed as not judged, and when no answer was the application's the check is inconclusive. [OWASP WSTG: Improper Error Handling](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/08-Testing_for_Error_Handling/01-Testing_For_Improper_Error_Handling)",
    fixes: {
      generic: 'Turn debug output off in production and serve generic error pages with an error status (4xx/5xx, never 200).',
      stacks: {
        express: '`NODE_ENV=production` or an error handler that never sends `err.stack`',
        node: 'catch errors in the request handler and answer a generic 500 without `err.stack`',
        django: '`DEBUG = False`',
        flask: 'no `debug=True` / `FLASK_DEBUG`',
        laravel: '`APP_DEBUG=false`',
        rails: '`config.consider_all_requests_local = false`',
        php: '`display_errors = Off`',
        aspnet: '`<customErrors mode="On" />`',
        spring: '`server.error.include-stacktrace=never`',
        nginx: '`server_tokens off;`',
        apache: '`ServerSignature Off` and `ServerTokens Prod`',
      },
    },
    severity: 'medium',
    cwe: [209],
    owasp: ['A05:2021', 'A04:2021'],
    requiredArtifacts: ['ErrorPages', 'Pages'],
    messages,
  },
  defaultOptions: {},
  run({ErrorPages, Pages}) {
    const judged = ErrorPages.map((probe) => ({probe, ...judgeProbe(probe)}));
    const findings = [...judged.flatMap((j) => j.findings), ...Pages.flatMap(judgePage)];
    // Provocations answered by a gateway, a limiter or a WAF: listed as not judged beside answers
    // that were; when none was the application's, the check could not see its error handling at all.
    const anyJudged = judged.some((j) => j.judged) || findings.some((f) => f.kind === 'fail');
    for (const j of judged.filter((x) => !x.judged)) {
      const shown = shownPath(j.probe.path);
      const page = findingPage(j.probe, shown);
      const data = {provocation: j.probe.provocation, method: j.probe.method, path: shown, reason: j.reason ?? 'no response'};
      findings.push(anyJudged ? warn('probe-not-judged', data, page) : inconclusive('probe-unavailable', data, page));
    }
    return outcome(findings);
  },
});
