/**
 * What the Action does, start to end: inputs → the scan `shipcheck scan` runs (engine/run runScan,
 * not oclif), or in merge mode the merge of shard reports `shipcheck merge` runs (engine/merge) →
 * the JSON report and SARIF files → GitHub (comment, status, summary, annotations, tracking issue)
 * → step outputs → the exit code `fail-on` asks for. Posting never changes it.
 */
import {randomUUID} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {appendFile, mkdir, readdir, readFile, stat, writeFile} from 'node:fs/promises';
import {basename, dirname, join, relative, resolve} from 'node:path';
import {parseHeader} from '../core/target.js';
import {DEFAULT_SARIF_LOCATION, parseLocation} from '../engine/output.js';
import {runMerge, type MergeRequest} from '../engine/merge.js';
import type {OutputRequest, ScanRequest} from '../engine/request.js';
import {runScan} from '../engine/run.js';
import {interruptedLine, interruptOnSignals, type InterruptWatch} from '../engine/scan.js';
import {failOnExit} from '../engine/policy.js';
import {ShipcheckError, UsageError} from '../core/errors.js';
import {packageRoot} from '../core/paths.js';
import {type Report, type SourceLocation} from '../core/report.js';
import {presentedCounts} from '../formatters/results.js';
import {formatSarif, sarifCategory} from '../formatters/sarif.js';
import {maskCommand, workflowCommand} from '../github/commands.js';
import {githubContext} from '../github/context.js';
import {postToGitHub} from '../github/post.js';
import {readInputs, type ActionInputs} from './inputs.js';
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

/** The console report to the log, the JSON report to `reportPath`. */
function outputRequest(reportPath: string): OutputRequest {
  return {
    formats: ['console'],
    file: {path: reportPath, format: 'json'},
    jsonOnStdout: false,
    sarifLocation: parseLocation(DEFAULT_SARIF_LOCATION),
    colour: false,
    progress: 'auto',
  };
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
    ...(inputs.shard ? {shard: inputs.shard} : {}),
    ...(inputs.openapi ? {openapi: inputs.openapi} : {}),
    ...(inputs.openapiMethods ? {openapiMethods: inputs.openapiMethods} : {}),
    output: outputRequest(reportPath),
    version: version(),
  };
}

/** The files of `dir` whose names `pattern` matches, `*` standing for any run of characters; sorted. */
async function matching(dir: string, pattern: RegExp, entry: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new UsageError(`input reports: cannot read the folder of "${entry}"`);
  }
  const files: string[] = [];
  for (const name of names.filter((n) => pattern.test(n)).sort()) {
    const file = join(dir, name);
    if ((await stat(file).catch(() => undefined))?.isFile()) files.push(file);
  }
  return files;
}

/**
 * The `reports` input as files: each line a file, a folder (its `*.json` files, as
 * actions/download-artifact leaves them) or a pattern with `*` in its last part (`shards/*.json`).
 * Node 20 has no fs glob (22 does), and the shards of one matrix land in one folder. A line that
 * matches nothing is an error: a merge that silently skips a shard would pass on a part of the fleet.
 */
export async function reportFiles(entries: readonly string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const entry of entries) {
    const path = resolve(entry);
    let found: string[];
    if (dirname(entry).includes('*')) throw new UsageError(`input reports: "${entry}" has * in a folder name; only the file name may have one`);
    if (basename(entry).includes('*')) {
      const pattern = new RegExp(
        `^${basename(entry)
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      );
      found = await matching(dirname(path), pattern, entry);
    } else if ((await stat(path).catch(() => undefined))?.isDirectory()) {
      found = await matching(path, /\.json$/, entry);
    } else {
      // A plain file: loadReport says it if it cannot be read.
      found = [path];
    }
    if (found.length === 0) throw new UsageError(`input reports: "${entry}" matches no file`);
    for (const file of found) files.add(file);
  }
  return [...files];
}

/** The merge `shipcheck merge` would run for these inputs, its JSON report written to `reportPath`. */
export async function mergeRequest(inputs: ActionInputs, reportPath: string): Promise<MergeRequest> {
  // The merged report may be written among the shards' (reports/ and reports/merged.json): it is not one of them.
  const files = (await reportFiles(inputs.reports)).filter((file) => file !== reportPath);
  return {files, output: outputRequest(reportPath)};
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

async function action(env: NodeJS.ProcessEnv, print: Print, watch: InterruptWatch): Promise<number> {
  const inputs = readInputs(env);
  // Parsed once; the values are masked as parsed, before anything else is printed.
  const headers = Object.fromEntries(inputs.headers.map((h) => parseHeader(h, 'input headers')));
  for (const secret of [inputs.token, ...Object.values(headers)]) if (secret) print(maskCommand(secret));

  const reportPath = await prepareFile(inputs.reportFile, 'JSON report');
  const sarifPath = await prepareFile(inputs.sarifFile, 'SARIF report');
  const run =
    inputs.mode === 'merge'
      ? await runMerge(await mergeRequest(inputs, reportPath))
      : await runScan(scanRequest(inputs, headers, reportPath), {signal: watch.signal});
  // The console report quotes the target's text: between these markers the runner reads no line as
  // a workflow command, whatever the target put in a header.
  const endToken = randomUUID();
  print(`::stop-commands::${endToken}`);
  for (const line of run.stdout.trimEnd().split('\n')) print(line);
  print(`::${endToken}::`);
  const {report} = run;
  try {
    // Each key and each shard is its own code scanning category, or their uploads replace each other.
    const category = sarifCategory(inputs.key, inputs.shard);
    await writeFile(sarifPath, formatSarif(report, {defaultLocation: await sarifLocation(inputs, env), ...(category ? {category} : {})}));
  } catch {
    throw new UsageError(`cannot write the SARIF report to "${inputs.sarifFile}"`);
  }
  await setOutputs(env.GITHUB_OUTPUT, stepOutputs(report, {report: reportPath, sarif: sarifPath}));

  // A cancelled job keeps its files (the report and SARIF, for upload-artifact with `if: always()`),
  // but posts nothing: a partial report must not replace the last complete comment or status.
  const signal = watch.received();
  if (signal !== undefined) {
    print(workflowCommand('warning', {title: 'shipcheck'}, interruptedLine(report, signal)));
    return watch.exitCode() ?? 1;
  }
  if (inputs.comment || inputs.status || inputs.summary || inputs.trackingIssue) await post(report, inputs, env, print);
  return failOnExit(run.exitCode, report, inputs.failOn);
}

/** Runs the Action; returns the exit code (2 bad input, 3 could not run). Never throws. */
export async function runAction(env: NodeJS.ProcessEnv, print: Print): Promise<number> {
  // SIGINT (the runner's cancellation) and SIGTERM stop the scan; what it had is still written.
  const watch = interruptOnSignals();
  try {
    return await action(env, print, watch);
  } catch (error) {
    if (error instanceof ShipcheckError) {
      print(workflowCommand('error', {title: 'shipcheck'}, error.message));
      return error.exitCode;
    }
    print(workflowCommand('error', {title: 'shipcheck'}, `internal error: ${firstLine(error)}`));
    return 3;
  } finally {
    watch.dispose();
  }
}
