/**
 * `shipcheck merge`: the reports of the shards of one fleet (`--shard i/n`) combined into the report
 * one unsharded run would have written — the same targets, summary, verdict and exit code — then
 * delivered and posted once, as `scan` does. Shared by the command and the Action's merge mode.
 */
import {UsageError} from '../core/errors.js';
import {summarize, type BaselineDiff, type FindingRef, type Report, type Waiver, reportPasses} from '../core/report.js';
import type {GitHubRequest} from '../github/from-request.js';
import {loadReport} from './baseline.js';
import {checkOutput, collect, deliver, type TextSink} from './output.js';
import type {OutputRequest} from './request.js';

/** One shard's report and the file it came from, for messages that name it. */
export interface ShardReport {
  readonly file: string;
  readonly report: Report;
}

export interface MergeRequest {
  /** The shards' JSON reports (from `scan --output` or the Action's report-file). */
  readonly files: readonly string[];
  readonly output: OutputRequest;
  readonly github?: GitHubRequest;
}

export interface MergeRun {
  readonly report: Report;
  /** What was printed on stdout, when the caller gave no sink of its own (empty when it did). */
  readonly stdout: string;
  /** As `scan`'s: 0 the merged report passed, 1 it did not, 3 a target could not be reached. */
  readonly exitCode: 0 | 1 | 3;
}

/** The numeric parts of a version, `1.10.0-rc.1` → [1, 10, 0]; what is not a number counts as 0. */
function versionParts(version: string): number[] {
  return version
    .replace(/[-+].*$/, '')
    .split('.')
    .map((part) => Number(part) || 0);
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Reports of one major version share a format and verdict rules; across majors they may not. */
function newestVersion(first: ShardReport, shards: readonly ShardReport[]): string {
  const major = versionParts(first.report.tool.version)[0];
  const other = shards.find((s) => versionParts(s.report.tool.version)[0] !== major);
  if (other)
    throw new UsageError(
      `"${other.file}" was written by shipcheck ${other.report.tool.version} and "${first.file}" by ${first.report.tool.version}: merge reports of one major version (run every shard with the same shipcheck)`,
    );
  return shards.map((s) => s.report.tool.version).reduce((newest, v) => (compareVersions(v, newest) > 0 ? v : newest));
}

/** A target in two reports means one shard's report was given twice (or two matrices were mixed). */
function checkDisjoint(shards: readonly ShardReport[]): void {
  const seen = new Map<string, string>();
  for (const {file, report} of shards) {
    // Several entries of one URL within a report are the config's doing, not a repeated shard.
    for (const url of new Set(report.targets.map((t) => t.url))) {
      const other = seen.get(url);
      if (other === file) throw new UsageError(`"${file}" is given twice: give each shard's report once`);
      if (other !== undefined)
        throw new UsageError(`${url} is in both "${other}" and "${file}": was one shard's report given twice? Give each shard's report once`);
      seen.set(url, file);
    }
  }
}

const refKey = (f: FindingRef): string => JSON.stringify([f.url, f.id, f.messageId, f.page ?? '/']);

/** By URL, in code-unit order (no locale): the order of the merged report, whatever the shards' order. */
const byUrl = (a: {readonly url: string}, b: {readonly url: string}): number => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

/**
 * The shards' comparisons with one baseline, as one. Each shard saw only its own targets: what it
 * lists as new is new, but its "resolved" also holds every failure of the other shards' targets.
 * A failure is resolved fleet-wide only when no shard still has it, i.e. every shard lists it.
 */
function mergeBaselines(shards: readonly ShardReport[]): BaselineDiff | undefined {
  const diffs = shards.flatMap(({file, report}) => (report.baseline ? [{file, diff: report.baseline}] : []));
  const [first] = diffs;
  if (first === undefined) return undefined;
  const uncompared = shards.find((s) => s.report.baseline === undefined);
  if (uncompared)
    throw new UsageError(`"${first.file}" was compared with a baseline and "${uncompared.file}" was not: run every shard with the same --baseline`);
  const other = diffs.find((d) => d.diff.startedAt !== first.diff.startedAt);
  if (other)
    throw new UsageError(`"${first.file}" and "${other.file}" were compared with different baselines: run every shard with the same --baseline`);
  const resolvedBy = diffs.map((d) => new Set(d.diff.resolved.map(refKey)));
  return {
    ...first.diff,
    new: diffs.flatMap((d) => d.diff.new).sort(byUrl),
    resolved: first.diff.resolved.filter((ref) => resolvedBy.every((keys) => keys.has(refKey(ref)))),
  };
}

/** The same expired waiver, listed by every shard that read the config, once. */
function uniqueWaivers(shards: readonly ShardReport[]): Waiver[] {
  const byKey = new Map<string, Waiver>();
  for (const w of shards.flatMap((s) => s.report.expiredWaivers)) byKey.set(JSON.stringify([w.check, w.target, w.path, w.reason, w.expires]), w);
  return [...byKey.values()];
}

/**
 * The reports must be the shards of one run, each once: the same n, every i from 1 to n. A missing
 * shard (a matrix job that failed before it uploaded) would otherwise merge into a report that
 * passes without ever judging that share of the fleet. Reports written without `--shard` merge as
 * given, but not mixed with sharded ones.
 */
function checkShares(shards: readonly ShardReport[]): void {
  const sharded = shards.filter((s) => s.report.shard !== undefined);
  if (sharded.length === 0) return;
  const unsharded = shards.find((s) => s.report.shard === undefined);
  if (unsharded) throw new UsageError(`"${unsharded.file}" was not written with --shard, the others were: give the reports of one sharded run`);
  const count = sharded[0]?.report.shard?.count ?? 0;
  const other = sharded.find((s) => s.report.shard?.count !== count);
  if (other)
    throw new UsageError(
      `"${other.file}" is shard ${other.report.shard?.index}/${other.report.shard?.count}, the others are of ${count}: give the reports of one run`,
    );
  const seen = new Map<number, string>();
  for (const s of sharded) {
    const index = s.report.shard?.index ?? 0;
    const earlier = seen.get(index);
    if (earlier !== undefined) throw new UsageError(`"${earlier}" and "${s.file}" are both shard ${index}/${count}`);
    seen.set(index, s.file);
  }
  const missing = Array.from({length: count}, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0)
    throw new UsageError(
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: give the report of every shard (merge refuses a partial fleet)`,
    );
}

/**
 * The shards as one report. Throws UsageError (exit 2) for reports that do not belong together:
 * none at all, different major versions, a target in two of them, different baselines.
 * Reports of another schema version never get here: loadReport refuses them.
 */
export function mergeReports(shards: readonly ShardReport[]): Report {
  const [first] = shards;
  if (first === undefined) throw new UsageError('nothing to merge: give the JSON report of every shard');
  const version = newestVersion(first, shards);
  checkDisjoint(shards);
  checkShares(shards);
  // By URL: the shards finish in any order, and a config's order is not in the reports.
  const targets = shards.flatMap((s) => s.report.targets).sort(byUrl);
  const summary = summarize(targets);
  const expiredWaivers = uniqueWaivers(shards);
  const baseline = mergeBaselines(shards);
  const spans = shards.map((s) => ({start: Date.parse(s.report.startedAt), duration: s.report.durationMs}));
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.start + s.duration));
  const interrupted = shards.some((s) => s.report.interrupted);
  return {
    schemaVersion: first.report.schemaVersion,
    tool: {name: 'shipcheck', version},
    startedAt: new Date(start).toISOString(),
    // The wall span from the first shard's start to the last one's end, as one run would have taken.
    durationMs: end - start,
    // One interrupted shard leaves the fleet's report partial: its targets not run are in it as such.
    ...(interrupted ? {interrupted: true} : {}),
    targets,
    summary,
    expiredWaivers,
    ...(baseline ? {baseline} : {}),
    passed: reportPasses({...(interrupted ? {interrupted} : {}), summary, expiredWaivers, targets}),
  };
}

/** Reads each file (loadReport: a regular file holding a shipcheck report) and merges them. */
export async function mergeFiles(files: readonly string[]): Promise<Report> {
  const shards: ShardReport[] = [];
  for (const file of files) shards.push({file, report: await loadReport(file)});
  return mergeReports(shards);
}

/**
 * The files in; the merged report, what to print and the exit code out. Where to post is resolved
 * before anything is read, and the report is posted after the outputs are written, as runScan does.
 */
export async function runMerge(request: MergeRequest, log: (line: string) => void = () => undefined, stdout?: TextSink): Promise<MergeRun> {
  checkOutput(request.output);
  // Loaded only with --github: Octokit costs start-up time every other run would pay.
  const post = request.github ? await (await import('../github/from-request.js')).prepareGitHub(request.github) : undefined;
  const report = await mergeFiles(request.files);
  const kept = collect();
  await deliver(report, request.output, stdout ?? kept.sink, log);
  if (post) await post(report);
  const exitCode = report.targets.some((t) => t.unreachable) ? 3 : report.passed ? 0 : 1;
  return {report, stdout: kept.text(), exitCode};
}
