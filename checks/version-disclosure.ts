import {defineCheck, fail, outcome, warn} from '../src/core/check.js';
import {DISCLOSURE_HEADERS} from '../src/lib/disclosure-headers.js';
import {headerValues} from '../src/lib/headers.js';
import {judgePages, PAGE_MESSAGES} from '../src/lib/pages.js';

export default defineCheck({
  meta: {
    id: 'version-disclosure',
    family: 'disclosure',
    title: 'Responses do not reveal software versions',
    failureTitle: 'Responses reveal software versions',
    description:
      'Headers such as `Server: nginx/1.22.1` or `X-Powered-By: PHP/8.2.7` tell an attacker exactly which known vulnerabilities to try, and which sites to hit first when a new one is published. [OWASP](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/01-Information_Gathering/02-Fingerprint_Web_Server)',
    remediation:
      "Remove the headers, or the version from them. nginx: `server_tokens off;` and `proxy_hide_header X-Powered-By;` · Apache: `ServerTokens Prod` and `Header always unset X-Powered-By` · PHP: `expose_php = Off` · Express: `app.disable('x-powered-by')` · ASP.NET: `<httpRuntime enableVersionHeader=\"false\" />` and `MvcHandler.DisableMvcResponseHeader = true`.",
    severity: 'low',
    requiredArtifacts: ['Pages'],
    messages: {
      disclosed: 'The {{header}} header reveals {{reveals}}: "{{value}}".',
      ...PAGE_MESSAGES,
    },
  },
  defaultOptions: {},
  run({Pages}) {
    return outcome(
      judgePages(Pages, (response) =>
        DISCLOSURE_HEADERS.flatMap(({header, name, pattern, kind}) =>
          headerValues(response, header)
            .filter((value) => value !== '' && (pattern === undefined || pattern.test(value)))
            .map((value) => (kind === 'fail' ? fail : warn)('disclosed', {header, reveals: name, value: value})),
        ),
      ),
    );
  },
});
