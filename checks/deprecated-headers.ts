import {defineCheck, fail, outcome, warn} from '../src/core/check.js';
import type {Finding} from '../src/core/types.js';
import {headerValue} from '../src/lib/headers.js';
import {judgePages, PAGE_MESSAGES} from '../src/core/pages.js';

const messages = {
  'x-xss-protection':
    'X-XSS-Protection is "{{value}}"; the auditor it enables is gone from browsers and could leak content where it remains. Send 0 or nothing.',
  'expect-ct': 'Expect-CT is obsolete: browsers now require Certificate Transparency for every publicly trusted certificate.',
  'public-key-pins':
    '{{header}} is sent: key pinning is obsolete, and a client that still honours it locks visitors out after the next certificate change.',
  'feature-policy': 'Feature-Policy is deprecated; browsers read Permissions-Policy instead.',
  ...PAGE_MESSAGES,
} as const;
type Id = keyof typeof messages;

export default defineCheck({
  meta: {
    id: 'deprecated-headers',
    family: 'headers',
    title: 'No obsolete security headers are sent',
    failureTitle: 'Obsolete security headers are sent',
    description:
      'Some security headers outlived the features they controlled. `X-XSS-Protection` switched on an XSS auditor that browsers removed because it could itself leak page content; `Expect-CT` ended with Certificate Transparency becoming mandatory; `Public-Key-Pins` was dropped because one wrong pin locks visitors out for the whole max-age; `Feature-Policy` became Permissions-Policy. [OWASP](https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html)',
    fixes: {
      generic: 'Delete the lines that send them, or strip them at the proxy.',
      stacks: {
        nginx: '`add_header X-XSS-Protection "0" always;` (or no header), `proxy_hide_header Public-Key-Pins;`, `proxy_hide_header Expect-CT;`',
        apache: '`Header always set X-XSS-Protection "0"`, `Header always unset Public-Key-Pins`',
        express: '`app.use(helmet())` (sends `X-XSS-Protection: 0`)',
      },
      note: 'Move Feature-Policy rules to Permissions-Policy.',
    },
    severity: 'low',
    cwe: [693],
    owasp: ['A05:2021'],
    requiredArtifacts: ['Pages'],
    messages,
  },
  defaultOptions: {},
  run({Pages}) {
    return outcome(
      judgePages(Pages, (response) => {
        const findings: Finding<Id>[] = [];
        const xss = headerValue(response, 'x-xss-protection');
        // "0" switches the auditor off; parameters after it change nothing.
        if (xss !== undefined && !/^0\s*(?:;|$)/.test(xss)) {
          findings.push(warn('x-xss-protection', {value: xss}));
        }
        if (headerValue(response, 'expect-ct') !== undefined) findings.push(warn('expect-ct'));
        for (const header of ['Public-Key-Pins', 'Public-Key-Pins-Report-Only']) {
          if (headerValue(response, header) !== undefined) findings.push(fail('public-key-pins', {header}));
        }
        if (headerValue(response, 'feature-policy') !== undefined) findings.push(warn('feature-policy'));
        return findings;
      }),
    );
  },
});
