/**
 * What the Action does, start to end: inputs → the scan `shipcheck scan` runs (engine/run runScan,
 * not oclif) → the JSON report and SARIF files → GitHub (comment, status, summary, annotations,
 * tracking issue) → step outputs → the exit code `fail-on` asks for. Posting never changes it.
 */
import {randomUUID} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {appendFile, mkdir, readFile, writeFile} from 'node:fs/promises';
import {dirname, join, relative, resolve} from 'node:path';
import {parseHeaderFlag} from '../core/target.js';
import {DEFAULT_SARIF_LOCATION, parseLocation} from '../engine/output.js';
import type {ScanRequest} from '../engine/request.js';
import {runScan} from '../engine/run.js';
import {ShipcheckError, UsageError} from '../core/errors.js';
import {packageRoot} from '../core/paths.js';
import {isWarning, type Report, type SourceLocation} from '../core/report.js';
import {presentedCounts} from '../formatters/results.js';
import {formatSarif} from '../formatters/sarif.js';
import {maskCommand, workflowCommand} from '../github/commands.js';
import {githubContext} from '../github/context.js';
import {postToGitHub} from '../github/post.js';
import {readInputs, type ActionInputs, type FailOn} from './inputs.js';
import {firstLine} from '../core/text.js';

/** One line of the step's log. */
export type Print = (line: string) => void;

function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {version: string}).version;
}

/**
 * Where SARIF results without a location of their own point (code scanning rejects a result
 * without one): the config file, else the line of the running workflow that names the URL.
 */
async function sarifLocation(inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<SourceLocation> {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  if (inputs.config) return {file: relative(workspace, resolve(inputs.config)).replace(/\\/g, '/'), line: 1};
  // GITHUB_WORKFLOW_REF: owner/repo/.github/workflows/file.yml@refs/heads/main
  const workflow = /^[^/]+\/[^/]+\/(.+)@/.exec(env.GITHUB_WORKFLOW_REF ?? '')?.[1];
  if (!workflow) return {file: 'shipcheck.yml', line: 1};
  const text = await readFile(join(workspace, workflow), 'utf8').catch(() => '');
  const {url} = inputs;
  const line = url ? text.split('\n').findIndex((l) => l.includes(url)) + 1 : 0;
  return {file: workflow, line: Math.max(1, line)};
}

function exitCode(scanExit: 0 | 1 | 3, report: Report, failOn: FailOn): number {
  if (failOn === 'never') return 0;
  if (failOn === 'warn' && scanExit === 0 && report.targets.some((t) => t.results.some(isWarning))) return 1;
  return scanExit;
}

/**
 * Appends step outputs to GITHUB_OUTPUT in the multi-line form, with a random delimiter that no
 * value can contain by accident (and none that does is written).
 */
async function setOutputs(file: string | undefined, outputs: Readonly<Record<string, string>>): Promise<void> {
  if (!file) return;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    if (value.includes(delimiter)) throw new UsageError(`output ${name} contains the delimiter`);
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  await appendFile(file, text);
}

/** The file's absolute path, its folder created: report paths are often `reports/…` in a fresh checkout. */
async function prepareFile(file: string, what: string): Promise<string> {
  const path = resolve(file);
  try {
    await mkdir(dirname(path), {recursive: true});
  } catch {
    throw new UsageError(`cannot create the folder for the ${what} "${file}"`);
  }
  return path;
}

/** The scan `shipcheck scan` would run for these inputs (headers already parsed), its JSON report written to `reportPath`. */
export function scanRequest(inputs: ActionInputs, headers: Readonly<Record<string, string>>, reportPath: string): ScanRequest {
  return {
    urls: inputs.url ? [inputs.url] : [],
    ...(inputs.config ? {configFile: inputs.config} : {}),
    ...(inputs.tlsProfile ? {tlsProfile: inputs.tlsProfile} : {}),
    headers,
    paths: inputs.paths,
    apiPaths: [],
    rateLimitPaths: [],
    authEndpoints: [],
    trustedOrigins: inputs.trustedOrigins ?? [],
    output: {
      formats: ['console'],
      jsonFile: reportPath,
      jsonOnStdout: false,
      sarifLocation: parseLocation(DEFAULT_SARIF_LOCATION),
      colour: false,
      progress: 'auto',
    },
    version: version(),
  };
}

/**
 * The step outputs. `failed` and `warnings` count results as every report reads them: only what
 * gates is failed, and a failure at level warn (or waived, or known in the baseline) is a warning.
 */
export function stepOutputs(report: Report, paths: {readonly report: string; readonly sarif: string}): Record<string, string> {
  const counts = presentedCounts(report.targets.flatMap((t) => t.results));
  return {
    passed: String(report.passed),
    failed: String(counts.fail),
    warnings: String(counts.warn),
    'report-path': paths.report,
    'sarif-path': paths.sarif,
  };
}

/** Posting is best effort: a missing token or repository is a warning, never the step's failure. */
async function post(report: Report, inputs: ActionInputs, env: NodeJS.ProcessEnv, print: Print): Promise<void> {
  const warn = (message: string): void => print(workflowCommand('warning', {title: 'shipcheck'}, `${message}; nothing is posted to GitHub`));
  if (!inputs.token) {
    warn('the token input is empty');
    return;
  }
  let context;
  try {
    context = await githubContext({...env, GITHUB_TOKEN: inputs.token});
  } catch (error) {
    if (error instanceof UsageError) {
      warn(error.message);
      return;
    }
    throw error;
  }
  await postToGitHub(report, {
    context,
    comment: inputs.comment,
    status: inputs.status,
    summary: inputs.summary,
    trackingIssue: inputs.trackingIssue,
    ...(inputs.key ? {key: inputs.key} : {}),
    print,
  });
}

async function action(env: NodeJS.ProcessEnv, print: Print): Promise<number> {
  const inputs = readInputs(env);
  // Parsed once; the values are masked as parsed, before anything else is printed.
  const headers = Object.fromEntries(inputs.headers.map(parseHeaderFlag));
  for (const secret of [inputs.token, ...Object.values(headers)]) if (secret) print(maskCommand(secret));

  const reportPath = await prepareFile(inputs.reportFile, 'JSON report');
  const sarifPath = await prepareFile(inputs.sarifFile, 'SARIF report');
  const run = await runScan(scanRequest(inputs, headers, reportPath));
  // The console report quotes the target's text: between these markers the runner reads no line as
  // a workflow command, whatever the target put in a header.
  const endToken = randomUUID();
  print(`::stop-commands::${endToken}`);
  for (const line of run.stdout.trimEnd().split('\n')) print(line);
  print(`::${endToken}::`);
  const {report} = run;
  try {
    await writeFile(sarifPath, formatSarif(report, {defaultLocation: await sarifLocation(inputs, env)}));
  } catch {
    throw new UsageError(`cannot write the SARIF report to "${inputs.sarifFile}"`);
  }

  if (inputs.comment || inputs.status || inputs.summary || inputs.trackingIssue) await post(report, inputs, env, print);

  await setOutputs(env.GITHUB_OUTPUT, stepOutputs(report, {report: reportPath, sarif: sarifPath}));
  return exitCode(run.exitCode, report, inputs.failOn);
}

/** Runs the Action; returns the exit code (2 bad input, 3 could not run). Never throws. */
export async function runAction(env: NodeJS.ProcessEnv, print: Print): Promise<number> {
  try {
    return await action(env, print);
  } catch (error) {
    if (error instanceof ShipcheckError) {
      print(workflowCommand('error', {title: 'shipcheck'}, error.message));
      return error.exitCode;
    }
    print(workflowCommand('error', {title: 'shipcheck'}, `internal error: ${firstLine(error)}`));
    return 3;
  }
}
