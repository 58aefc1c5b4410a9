import {defineCheck, fail, outcome} from '../src/core/check.js';
import {headerValues} from '../src/lib/headers.js';
import {judgePages, PAGE_MESSAGES} from '../src/lib/pages.js';

export default defineCheck({
  meta: {
    id: 'x-content-type-options',
    family: 'headers',
    title: 'MIME sniffing is disabled',
    failureTitle: 'MIME sniffing is not disabled',
    description:
      'Without `X-Content-Type-Options: nosniff` a browser may guess a response\'s type and run an uploaded file as script or style. [MDN](https://developer.mozilla.org/docs/Web/HTTP/Headers/X-Content-Type-Options)',
    remediation:
      'nginx: `add_header X-Content-Type-Options "nosniff" always;` · Apache: `Header always set X-Content-Type-Options "nosniff"` · Express: `app.use(helmet())`',
    severity: 'medium',
    requiredArtifacts: ['Pages'],
    messages: {
      missing: 'The response has no X-Content-Type-Options header.',
      invalid: 'X-Content-Type-Options is "{{value}}"; the only valid value is "nosniff".',
      ...PAGE_MESSAGES,
    },
  },
  defaultOptions: {},
  run({Pages}) {
    return outcome(
      judgePages(Pages, (response) => {
        const values = headerValues(response, 'x-content-type-options');
        if (values.length === 0) return [fail('missing')];
        if (values.some((v) => v.toLowerCase() !== 'nosniff')) return [fail('invalid', {value: values.join(', ')})];
        return [];
      }),
    );
  },
});
