import {defineCheck, fail, info, inconclusive, outcome, warn} from '../src/core/check.js';
import type {CorsProbe, Finding, HttpResponse} from '../src/core/types.js';
import {headerValue, headerValues} from '../src/lib/headers.js';

/** What one probe's response allows the origin it sent. */
function judgeResponse(probe: CorsProbe, response: HttpResponse): Finding<Id>[] {
  const allowed = headerValues(response, 'access-control-allow-origin');
  if (allowed.length === 0) return [];
  const acao = allowed.join(', ');
  // The Fetch standard matches ACAC against the exact bytes `true`: `True` grants nothing.
  const acac = headerValue(response, 'access-control-allow-credentials');
  const credentials = acac === 'true';
  const data = {
    path: probe.path,
    origin: probe.origin,
    acao: acao,
    acac: acac ?? 'absent',
  };
  // The header holds one origin or `*`; a list (comma or space separated) makes the browser refuse the read.
  if (allowed.length > 1 || /[\s,]/.test(acao)) return [warn('invalid', data)];
  if (acao === '*') return [credentials ? warn('wildcard-with-credentials', data) : info('wildcard', data)];
  if (acao !== probe.origin) return [];
  if (!credentials) return [warn('reflected', data)];
  return [fail(probe.variant === 'http-same-host' ? 'http-origin-with-credentials' : 'reflected-with-credentials', data)];
}

const messages = {
  'reflected-with-credentials':
    '{{path}} echoes the {{origin}} origin with credentials (ACAO "{{acao}}", ACAC "{{acac}}"): that site can read it with the user\'s cookies.',
  'http-origin-with-credentials':
    '{{path}} trusts the plain-HTTP origin {{origin}} with credentials (ACAO "{{acao}}", ACAC "{{acac}}"): a network attacker who injects script into the HTTP site can read it with the user\'s cookies.',
  reflected: '{{path}} echoes the {{origin}} origin (ACAO "{{acao}}"): any site can read the response, though without the user\'s cookies.',
  'wildcard-with-credentials':
    '{{path}} sends ACAO "*" with ACAC "{{acac}}"; browsers refuse that pair, but it shows credentialed cross-site reads were meant to work.',
  wildcard: '{{path}} sends ACAO "*": any site may read it without cookies, as suits a public resource.',
  invalid: '{{path}} sends ACAO "{{acao}}", not a single origin; browsers refuse the read.',
  'probe-failed': 'The CORS probe of {{path}} with origin {{origin}} failed: {{reason}}.',
} as const;
type Id = keyof typeof messages;

export default defineCheck({
  meta: {
    id: 'cors',
    family: 'cors',
    title: 'CORS does not trust foreign origins',
    failureTitle: 'CORS trusts foreign origins',
    description:
      'When a response allows an untrusted `Origin` in `Access-Control-Allow-Origin` together with `Access-Control-Allow-Credentials: true`, any site the user visits can read it with their cookies: account data, CSRF tokens, API keys. Probes send an unrelated origin, `null`, look-alikes of the host (`evil` + domain, host + `.evil.example`) and the host over plain HTTP; for each origin named with `--trusted-origin` (a front end of the site, say `https://app.example.com`), also its look-alikes (`evilapp.example.com`, `evil.app.example.com`, `app.example.com.evil.example`) and its `http://` form. A trusted origin is never sent as a hostile one, so allowing it passes. [OWASP](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/11-Client-side_Testing/07-Testing_Cross_Origin_Resource_Sharing)',
    fixes: {
      generic:
        'Compare the `Origin` header with a fixed list of exact origins (scheme, host and port) and echo it only on a match; never echo it unchecked, never allow `null` or `http://` origins with credentials.',
      stacks: {
        nginx:
          '`map $http_origin $cors_origin { default ""; "https://app.example.com" $http_origin; }` then `add_header Access-Control-Allow-Origin $cors_origin always;`',
        apache:
          '`SetEnvIf Origin "^https://app\\.example\\.com$" CORS_OK` then `Header always set Access-Control-Allow-Origin "%{HTTP_ORIGIN}e" env=CORS_OK`',
        express: "`app.use(cors({origin: ['https://app.example.com'], credentials: true}))`",
      },
    },
    severity: 'high',
    cwe: [942],
    owasp: ['A05:2021', 'A01:2021'],
    requiredArtifacts: ['CorsProbes'],
    messages,
  },
  defaultOptions: {},
  run({CorsProbes}) {
    // A 429, 5xx or challenge answer is kept beside its error: its headers are not the site's CORS policy.
    const judged = CorsProbes.map((probe) => ({probe, findings: probe.response && !probe.error ? judgeResponse(probe, probe.response) : undefined}));
    const failedPaths = new Set(judged.filter((j) => j.findings?.some((f) => f.kind === 'fail')).map((j) => j.probe.path));
    return outcome(
      judged.flatMap(({probe, findings}): Finding<Id>[] => {
        if (findings) return findings.map((f) => ({...f, page: probe.path}));
        // A path already failed stays failed whatever the missing probe would have shown: only a note.
        const note = failedPaths.has(probe.path) ? info : inconclusive;
        const reason = probe.error?.message ?? 'no response';
        return [note('probe-failed', {path: probe.path, origin: probe.origin, reason}, probe.path)];
      }),
    );
  },
});
