import {defineCheck, info, outcome, warn} from '../src/core/check.js';
import type {Finding, HttpResponse} from '../src/core/types.js';
import {hasVersion, INTERNAL_HOST_HEADERS, SOFTWARE_HEADERS, softwareNamed} from '../src/lib/disclosure-headers.js';
import {headerValues} from '../src/lib/headers.js';
import {judgePages, PAGE_MESSAGES} from '../src/core/pages.js';

const messages = {
  'version-disclosed': 'The {{header}} header names {{names}} with its version: "{{value}}".',
  'product-named': 'The {{header}} header names {{names}} without a version: "{{value}}".',
  'internal-host': 'The {{header}} header names an internal host: "{{value}}".',
  ...PAGE_MESSAGES,
} as const;
type Id = keyof typeof messages;

/**
 * OWASP ZAP's passive rules set the bar: a Server header with a version is a Low finding and a bare
 * product name only informational (10036). ZAP's X-Powered-By rule (10037) raises Low for any
 * value; here every header follows 10036's split, since a product name without a version leaves no
 * known vulnerability to look up and is usually guessable from the pages anyway.
 */
function judge(response: HttpResponse): Finding<Id>[] {
  const findings: Finding<Id>[] = [];
  for (const entry of SOFTWARE_HEADERS) {
    for (const value of headerValues(response, entry.header)) {
      const named = softwareNamed(entry, value);
      if (named === '') continue;
      const data = {header: entry.header, names: entry.names, value};
      findings.push(hasVersion(named) ? warn('version-disclosed', data) : info('product-named', data));
    }
  }
  for (const {header} of INTERNAL_HOST_HEADERS) {
    for (const value of headerValues(response, header)) if (value !== '') findings.push(warn('internal-host', {header, value}));
  }
  return findings;
}

export default defineCheck({
  meta: {
    id: 'version-disclosure',
    family: 'disclosure',
    title: 'Responses do not reveal software versions',
    failureTitle: 'Responses reveal software versions',
    description:
      "Headers such as `Server: nginx/1.22.1` or `X-Powered-By: PHP/8.2.7` tell an attacker exactly which known vulnerabilities to try, and which sites to hit first when a new one is published. A version is a warning and a bare product name (`Server: nginx`, `X-Powered-By: Express`) only a note, as in OWASP ZAP's passive rule 10036. [OWASP](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/01-Information_Gathering/02-Fingerprint_Web_Server)",
    fixes: {
      generic: 'Remove the headers, or the version from them.',
      stacks: {
        nginx: '`server_tokens off;` and `proxy_hide_header X-Powered-By;`',
        apache: '`ServerTokens Prod` and `Header always unset X-Powered-By`',
        php: '`expose_php = Off`',
        express: "`app.disable('x-powered-by')`",
        aspnet: '`<httpRuntime enableVersionHeader="false" />` and `MvcHandler.DisableMvcResponseHeader = true`',
      },
    },
    severity: 'low',
    cwe: [200, 497],
    owasp: ['A05:2021', 'A01:2021'],
    requiredArtifacts: ['Pages'],
    messages,
  },
  defaultOptions: {},
  run({Pages}) {
    return outcome(judgePages(Pages, judge));
  },
});
