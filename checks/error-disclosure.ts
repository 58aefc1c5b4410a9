import {defineCheck, fail, inconclusive, outcome, warn} from '../src/core/check.js';
import type {ErrorProbe, Finding} from '../src/core/types.js';
import {findSignatures} from '../src/lib/error-signatures.js';

/** Enough of a path to recognise the request; the long-path probe's 4 KiB segment is cut. */
const SHOWN_PATH_CHARS = 80;

function shownPath(path: string): string {
  return path.length > SHOWN_PATH_CHARS ? `${path.slice(0, SHOWN_PATH_CHARS - 1)}… (${path.length} characters)` : path;
}

function judge(probe: ErrorProbe): Finding[] {
  const page = shownPath(probe.path);
  const request = {provocation: probe.provocation, method: probe.method, path: page};
  if (!probe.response) return [inconclusive('probe-unavailable', {...request, reason: probe.error?.message ?? 'no response'}, page)];
  const {status} = probe.response;
  const found = findSignatures(probe.response.body);
  const leaks = found.filter((m) => m.signature.kind !== 'version-banner');
  const findings: Finding[] = [];
  const first = leaks[0];
  if (first) {
    const signatures = leaks.map((m) => m.signature.name).join(', ');
    findings.push(fail('disclosed', {...request, status, signatures, excerpt: first.excerpt}, page));
    if (status >= 200 && status < 300) findings.push(warn('error-with-200', {...request, status, signature: first.signature.name}, page));
  }
  for (const banner of found.filter((m) => m.signature.kind === 'version-banner'))
    findings.push(warn('version-banner', {...request, status, signature: banner.signature.name, excerpt: banner.excerpt}, page));
  return findings;
}

export default defineCheck({
  meta: {
    id: 'error-disclosure',
    family: 'disclosure',
    title: 'Error pages reveal nothing about the application',
    failureTitle: 'Error pages reveal stack traces, debug pages or internals',
    description:
      "A stack trace, framework debug page or SQL error shown to a visitor hands an attacker the framework, the file layout, the code path and sometimes queries and settings; Werkzeug's debugger even runs code. The check provokes errors the way an attacker would (a missing page, an unsupported method, a malformed query string, an overlong path and, for each `--api-path`, malformed JSON) and reads the answers. [OWASP WSTG: Improper Error Handling](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/08-Testing_for_Error_Handling/01-Testing_For_Improper_Error_Handling)",
    remediation:
      "Turn debug output off in production and serve generic error pages with an error status (4xx/5xx, never 200). Express: `NODE_ENV=production` or an error handler that never sends `err.stack` · Django: `DEBUG = False` · Flask: no `debug=True` / `FLASK_DEBUG` · Laravel: `APP_DEBUG=false` · Rails: `config.consider_all_requests_local = false` · PHP: `display_errors = Off` · ASP.NET: `<customErrors mode=\"On\" />` · Spring Boot: `server.error.include-stacktrace=never` · nginx: `server_tokens off;` · Apache: `ServerSignature Off` and `ServerTokens Prod`.",
    severity: 'medium',
    requiredArtifacts: ['ErrorPages'],
    messages: {
      disclosed: '{{method}} {{path}} ({{provocation}}) answered HTTP {{status}} with {{signatures}}: "{{excerpt}}".',
      'error-with-200':
        '{{method}} {{path}} ({{provocation}}) answered HTTP {{status}}, a success status, with error text ({{signature}}): caches and search engines keep it, and monitoring that counts 5xx answers never sees the failure.',
      'version-banner': '{{method}} {{path}} ({{provocation}}) answered HTTP {{status}} with a default error page showing the {{signature}}: "{{excerpt}}".',
      'probe-unavailable': 'The {{provocation}} request ({{method}} {{path}}) got no answer that can be judged: {{reason}}.',
    },
  },
  defaultOptions: {},
  run({ErrorPages}) {
    return outcome(ErrorPages.flatMap(judge));
  },
});
