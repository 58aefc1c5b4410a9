import {defineCheck, fail, inconclusive, info, outcome, warn} from '../src/core/check.js';
import type {Finding, HttpResponse} from '../src/core/types.js';
import {EXPOSED_FILES, judgeable, leakEvidence} from '../src/lib/exposed-files.js';

/**
 * Two bodies this similar are one page: an SPA shell served twice differs only by a per-request
 * nonce or CSRF token (a few dozen bytes of several KB), a leaked file shares nothing with it.
 */
const SAME_PAGE = 0.9;
/** Evidence is the signature's marker, never the secret after it; 80 characters show any of them whole. */
const MAX_EVIDENCE = 80;

const FILES = new Map(EXPOSED_FILES.map((f) => [f.path, f]));

/** Share of the longer text covered by the common start and end of both (1 = identical). */
function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  const shortest = Math.min(a.length, b.length);
  let start = 0;
  while (start < shortest && a[start] === b[start]) start++;
  let end = 0;
  while (end < shortest - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return (start + end) / longest;
}

/**
 * Whether an answer is the site's answer to any miss: the canary's status and the same page, once
 * each body's own path is removed (soft 404s echo it). A real file served by the same catch-all
 * (nginx `try_files $uri /index.html` serves a `.env` that exists) shares nothing with the page.
 */
function isMissAnswer(res: HttpResponse, path: string, miss: HttpResponse, missPath: string): boolean {
  if (res.status !== miss.status) return false;
  return similarity(res.body.split(path).join(''), miss.body.split(missPath).join('')) >= SAME_PAGE;
}

// eslint-disable-next-line no-control-regex -- control characters are what printable() shows as \xNN
const CONTROL = /[\x00-\x1f\x7f]/g;

/** Control characters (binary magic such as .DS_Store's) shown as \xNN, whitespace as one space. */
function printable(text: string): string {
  return text
    .slice(0, MAX_EVIDENCE)
    .replace(/\s+/g, ' ')
    .replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const messages = {
  exposed: '{{path}} is served (HTTP {{status}}) and holds {{name}}: it contains "{{evidence}}".',
  'catch-all':
    'The site answers HTTP {{status}} to {{path}}, a path that cannot exist: only content signatures were trusted, and answers that look like that one were not counted.',
  'canary-unavailable':
    'How the site answers a path that does not exist could not be learned ({{reason}}), so no answer can be told from a fallback page.',
  'path-unavailable': '{{path}} could not be judged: {{reason}}.',
} as const;
type Id = keyof typeof messages;

export default defineCheck({
  meta: {
    id: 'exposed-files',
    family: 'exposure',
    title: 'No sensitive files are served',
    failureTitle: 'Sensitive files are served',
    description:
      'A deployed `.git/` folder gives away the whole source history, a `.env` or SQL dump the database password, a stray `phpinfo.php` the exact versions and paths. Attackers request these paths on every site they find. Each file counts only when its content proves it (a `200` alone never does), and a random path is requested first so a site that answers every path with its app shell is not reported. [OWASP](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/04-Review_Old_Backup_and_Unreferenced_Files_for_Sensitive_Information)',
    fixes: {
      generic:
        'Delete the file from the web root and keep it out of the deploy (build into a clean folder; `.dockerignore` / `.gitignore`), then rotate every secret it held. Deny what should never be served.',
      stacks: {
        nginx: '`location ~ /\\.(?!well-known/) { deny all; }`',
        apache: '`RedirectMatch 404 /\\.(?!well-known/)`, and remove `/server-status` (`mod_status`)',
        express: "serve only a build folder: `express.static('public', {dotfiles: 'deny'})`",
        spring: '`management.endpoints.web.exposure.include=health`',
      },
    },
    severity: 'high',
    cwe: [538],
    owasp: ['A01:2021', 'A05:2021'],
    requiredArtifacts: ['ExposedPaths'],
    messages,
  },
  defaultOptions: {},
  run({ExposedPaths}) {
    const {canary, probes} = ExposedPaths;
    const canaryAnswer = judgeable(canary);
    if ('reason' in canaryAnswer) return outcome([inconclusive('canary-unavailable', {reason: canaryAnswer.reason})]);
    const miss = canaryAnswer.response;
    const leaks: Finding<Id>[] = [];
    const unknown: Finding<Id>[] = [];
    for (const exchange of probes) {
      const file = FILES.get(exchange.path);
      if (!file) continue;
      const answer = judgeable(exchange);
      if ('reason' in answer) {
        unknown.push(inconclusive('path-unavailable', {path: exchange.path, reason: answer.reason}));
        continue;
      }
      const res = answer.response;
      const evidence = leakEvidence(file, res.body);
      // Part of a body shows a leak, never its absence.
      if (evidence === undefined && res.bodyCut !== undefined) {
        unknown.push(inconclusive('path-unavailable', {path: exchange.path, reason: res.bodyCut}));
        continue;
      }
      if (evidence === undefined || isMissAnswer(res, exchange.path, miss, canary.path)) continue;
      const data = {path: exchange.path, status: res.status, name: file.name, evidence: printable(evidence), severity: file.severity};
      leaks.push(file.severity === 'low' ? warn('exposed', data) : fail('exposed', data));
    }
    const notes = miss.status >= 200 && miss.status < 300 ? [info('catch-all', {status: miss.status, path: canary.path})] : [];
    // A confirmed leak is the verdict whatever the paths that could not be judged would have shown.
    const confirmed = leaks.some((f) => f.kind === 'fail');
    return outcome([...leaks, ...(confirmed ? [] : unknown), ...notes]);
  },
});
