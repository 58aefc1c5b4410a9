import {defineCheck, fail, outcome, warn} from '../src/core/check.js';
import {headerValues} from '../src/lib/headers.js';
import {judgePages, PAGE_MESSAGES} from '../src/core/pages.js';
import {parsePermissionsPolicy} from '../src/lib/permissions-policy.js';

/** Features that reach the user's devices, location, money or identity: never for every origin. */
const POWERFUL_FEATURES: ReadonlySet<string> = new Set([
  'accelerometer',
  'ambient-light-sensor',
  'bluetooth',
  'camera',
  'clipboard-read',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'identity-credentials-get',
  'idle-detection',
  'local-fonts',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-create',
  'publickey-credentials-get',
  'serial',
  'usb',
  'xr-spatial-tracking',
]);

export default defineCheck({
  meta: {
    id: 'permissions-policy',
    family: 'headers',
    title: 'Permissions-Policy limits powerful browser features',
    failureTitle: 'Permissions-Policy does not limit powerful browser features',
    description:
      'Permissions-Policy switches off the browser features a site does not use (camera, microphone, geolocation, payment, USB …), so that neither an injected script nor an embedded third-party frame can ask the visitor for them. [MDN](https://developer.mozilla.org/docs/Web/HTTP/Headers/Permissions-Policy)',
    fixes: {
      generic:
        'Deny each powerful feature the site does not use, with the Structured Field syntax, e.g. `Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()`.',
      stacks: {
        nginx: '`add_header Permissions-Policy "camera=(), microphone=(), geolocation=(), payment=(), usb=()" always;`',
        apache: '`Header always set Permissions-Policy "camera=(), microphone=(), geolocation=(), payment=(), usb=()"`',
        express:
          '(helmet does not send it) `app.use((req, res, next) => { res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()"); next(); })`',
      },
      note: 'Grant a feature to named origins (`camera=(self "https://meet.example")`), never to `*`.',
    },
    severity: 'low',
    cwe: [693],
    owasp: ['A05:2021'],
    requiredArtifacts: ['Pages'],
    messages: {
      missing:
        'The response sets no Permissions-Policy (or an empty one), so scripts and frames on the page may ask for camera, microphone, geolocation and other features it does not use.',
      invalid: 'Permissions-Policy "{{value}}" is not a valid Structured Field Dictionary, so browsers ignore the whole header.',
      'feature-policy-only': 'Only the deprecated Feature-Policy header is set; current browsers read Permissions-Policy, whose syntax differs.',
      'powerful-feature-wildcard': 'Permissions-Policy grants {{features}} to every origin (*).',
      ...PAGE_MESSAGES,
    },
  },
  defaultOptions: {},
  run({Pages}) {
    return outcome(
      judgePages(Pages, (response) => {
        const values = headerValues(response, 'permissions-policy');
        if (values.length === 0) {
          return [warn(headerValues(response, 'feature-policy').length > 0 ? 'feature-policy-only' : 'missing')];
        }
        // Several field lines of one Structured Field are parsed as one, joined by commas.
        const value = values.join(', ');
        const policy = parsePermissionsPolicy(value);
        if (!policy) return [fail('invalid', {value: value})];
        if (policy.size === 0) return [warn('missing')];
        const open = [...policy].filter(([feature, allow]) => POWERFUL_FEATURES.has(feature) && allow.includes('*'));
        if (open.length === 0) return [];
        return [warn('powerful-feature-wildcard', {features: open.map(([f]) => f).join(', ')})];
      }),
    );
  },
});
