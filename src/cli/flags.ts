/**
 * The oclif flag declarations of `scan`, `demo` and `report`. Kept apart from run.ts, which the
 * GitHub Action bundles: @oclif/core would drag ~9 MB (typescript included) into it.
 */
import {Flags} from '@oclif/core';
import {FIX_MODES} from '../formatters/fixes.js';
import {FORMAT_NAMES} from '../formatters/index.js';
import {DEFAULTS, LIMITS} from '../engine/scan.js';
import {FAIL_ON} from '../engine/policy.js';
import {DEFAULT_BURST, MAX_BURST, MAX_PATHS, MAX_TRUSTED_ORIGINS} from '../core/target.js';
import {TLS_PROFILES} from '../core/types.js';

/** What fails the run, as the Action's fail-on input: `scan`, `demo` and `merge` take it. */
export const failOnFlag = Flags.string({
  summary: 'What fails the run (exit 1): error (gating checks, the default), warn (warnings too) or never (report only, exit 0).',
  options: [...FAIL_ON],
});

/** The output flags `scan`, `demo` and `report` share. */
export const outputFlags = {
  format: Flags.string({
    char: 'f',
    multiple: true,
    options: FORMAT_NAMES,
    summary: 'Output format: console (default), json, markdown, sarif, junit, html (repeatable; several need --output-dir).',
  }),
  'output-dir': Flags.string({char: 'd', summary: 'Write each format to <dir>/shipcheck.<ext> (created if missing).'}),
  'sarif-location': Flags.string({
    summary: 'File (and :LINE) in the repository that SARIF results point at, e.g. .github/workflows/deploy.yml:14 (default shipcheck.yml:1).',
  }),
  color: Flags.boolean({
    allowNo: true,
    default: true,
    summary: 'Colour the console format on a terminal; NO_COLOR turns it off, FORCE_COLOR=1 on (into a pipe too), --no-color off over both.',
  }),
  fixes: Flags.string({
    options: [...FIX_MODES],
    summary: 'Fixes the console format shows: detected (default; for the server or framework the scan saw) or all (every stack).',
  }),
};

export const scanFlags = {
  'http-url': Flags.string({summary: 'Where to test the HTTP→HTTPS redirect from (default: the same host on port 80).'}),
  'ca-file': Flags.string({summary: 'PEM file of extra CA certificates to trust (added to the bundled roots).'}),
  config: Flags.string({char: 'c', summary: 'Config file (default: shipcheck.yml, .yaml or .json in this folder).'}),
  only: Flags.string({
    summary: 'Run only these checks, comma-separated: families, check ids, OWASP Top 10 categories or CWEs (e.g. headers,csp,owasp:A05,cwe:319).',
  }),
  skip: Flags.string({summary: 'Skip these checks, comma-separated, named as for --only (e.g. tls,security-txt).'}),
  preset: Flags.string({summary: 'Check levels and options: recommended (default) or strict.', options: ['recommended', 'strict']}),
  'tls-profile': Flags.string({
    summary: 'Mozilla server-side TLS profile to judge TLS against: modern, intermediate (default) or old.',
    options: [...TLS_PROFILES],
  }),
  concurrency: Flags.integer({
    summary: `Targets scanned at once (default ${DEFAULTS.concurrency}, at most ${LIMITS.concurrency}).`,
    min: 1,
    max: LIMITS.concurrency,
  }),
  'per-origin': Flags.integer({
    summary: `Connections in flight to one origin at once, bursts included (default ${DEFAULTS.perOrigin}, at most ${LIMITS.perOrigin}).`,
    min: 1,
    max: LIMITS.perOrigin,
  }),
  'max-requests': Flags.integer({
    summary: `Requests and handshakes one target may cost at most (default ${DEFAULTS.maxRequests}).`,
    min: 1,
    max: LIMITS.maxRequests,
  }),
  shard: Flags.string({summary: 'Scan only shard i of n of the targets (e.g. 2/3), chosen by URL: stable whatever the order.'}),
  timeout: Flags.integer({summary: `Overall deadline per target in ms (default ${DEFAULTS.timeoutMs}, 1000 to 600000).`, min: 1000, max: 600_000}),
  header: Flags.string({
    char: 'H',
    multiple: true,
    summary: "A request header sent to the target's origin only, e.g. 'Authorization: Bearer …'. Redacted in every output.",
  }),
  path: Flags.string({multiple: true, summary: `Another page of the same site to judge too (repeatable, at most ${MAX_PATHS}), e.g. /login.`}),
  'api-path': Flags.string({
    multiple: true,
    summary: `A JSON API endpoint (repeatable, at most ${MAX_PATHS}): the error-disclosure check sends it one malformed JSON body.`,
  }),
  'rate-limit-path': Flags.string({
    multiple: true,
    summary: `An endpoint that must rate-limit, e.g. /api/login (repeatable, at most ${MAX_PATHS}). Without one, no burst is sent.`,
  }),
  burst: Flags.integer({summary: `Requests in each rate-limit burst (default ${DEFAULT_BURST}, at most ${MAX_BURST}).`, min: 1, max: MAX_BURST}),
  'auth-path': Flags.string({
    multiple: true,
    summary: `An endpoint that must refuse anonymous requests, '/admin' or 'POST /api/users' (repeatable, at most ${MAX_PATHS}).`,
  }),
  'trusted-origin': Flags.string({
    multiple: true,
    summary: `An origin the CORS allow-list means to admit, e.g. https://app.example.com (repeatable, at most ${MAX_TRUSTED_ORIGINS}): its look-alikes are tried too.`,
  }),
  openapi: Flags.string({
    summary: 'OpenAPI 3.0/3.1 document (YAML or JSON): every operation it declares secured must refuse anonymous requests.',
  }),
  'openapi-methods': Flags.string({
    summary: 'Methods of the --openapi operations that may be sent, comma-separated (default GET,HEAD; e.g. GET,HEAD,POST).',
  }),
  'auth-credentials-env': Flags.string({
    summary: "Environment variable holding a header ('Name: value') that grants access: auth-required then also checks it is accepted.",
  }),
  baseline: Flags.string({summary: 'A previous JSON report: only failures that are new since it gate the run.'}),
  'dry-run': Flags.boolean({summary: 'Print every request the scan would send, and send none.'}),
  json: Flags.boolean({summary: 'Print the JSON report to stdout instead of the summary; no progress view.'}),
  output: Flags.string({
    char: 'o',
    summary: 'Also write the report to this file: in the --format given (e.g. --format html -o report.html), else JSON.',
  }),
  'fail-on': failOnFlag,
  ...outputFlags,
};

/** Posting to GitHub: the token comes from GITHUB_TOKEN only, never from a flag. */
export const githubFlags = {
  github: Flags.boolean({summary: 'Post to GitHub: sticky PR comment, commit status, job summary (token from GITHUB_TOKEN).'}),
  repo: Flags.string({summary: 'owner/name, outside Actions.', dependsOn: ['github']}),
  pr: Flags.integer({summary: 'Pull request number, outside Actions.', min: 1, dependsOn: ['github']}),
  sha: Flags.string({summary: 'Commit for the status, outside Actions (in Actions: the PR head from the event).', dependsOn: ['github']}),
  'tracking-issue': Flags.boolean({
    summary: 'Scheduled audits: open or update an issue while failing, close it when all passes.',
    dependsOn: ['github'],
  }),
  'github-key': Flags.string({summary: 'Names the comment, issue and status context when several jobs scan one commit.', dependsOn: ['github']}),
};
