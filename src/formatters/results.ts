/**
 * How every format reads a report the same way: one presentation of each result (what gates reads as
 * a failure, what does not as a warning), the notes on why, the counts, the verdict's reasons and the
 * notices on a target.
 */
import {isBlocking, type CheckResult, type Counts, type Report, type ReportFinding, type TargetReport} from '../core/report.js';
import type {Severity, Status} from '../core/types.js';

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** One check's result on one target. */
export interface Entry {
  readonly target: TargetReport;
  readonly result: CheckResult;
}

/** Every result of every target, in report order. */
export function entries(report: Report): Entry[] {
  return report.targets.flatMap((target) => target.results.map((result) => ({target, result})));
}

/**
 * How a result reads to a person, in every format: `fail` (a failure) and `error` (inconclusive,
 * failing closed) only when it gates; a failure or inconclusive check that does not gate (level
 * warn, a live waiver, known in the baseline) reads as `warn`; a check switched off as `skipped`.
 */
export function presented(r: Pick<CheckResult, 'level' | 'status' | 'waiver' | 'baseline'>): Status {
  if (r.level === 'off') return 'skipped';
  if (r.status === 'fail' || r.status === 'error') return isBlocking(r) ? r.status : 'warn';
  return r.status;
}

/** Results counted by how they read: `fail` and `error` are what gates, `warn` everything that does not. */
export function presentedCounts(results: readonly CheckResult[]): Counts {
  const counts: Counts = {pass: 0, fail: 0, warn: 0, error: 0, skipped: 0};
  for (const r of results) counts[presented(r)]++;
  return counts;
}

/** Gating results first, then by severity; stable, so report order breaks ties. */
export function byUrgency(a: Entry, b: Entry): number {
  const gate = Number(isBlocking(b.result)) - Number(isBlocking(a.result));
  return gate !== 0 ? gate : SEVERITIES.indexOf(a.result.severity) - SEVERITIES.indexOf(b.result.severity);
}

/**
 * The notes beside a result that did not pass: that it gates, or why a failure reads as a warning
 * (the user's level, a waiver, the baseline), and that a warning was in fact inconclusive. Waiver
 * reasons come from the config; callers escape them for their medium.
 */
export function gateNotes(r: CheckResult): string[] {
  const notes: string[] = [];
  if (r.status === 'pass' || r.status === 'skipped') return notes;
  const judged = r.status === 'fail' || r.status === 'error';
  if (isBlocking(r)) notes.push('blocking');
  else if (r.status === 'error') notes.push('inconclusive');
  if (judged && r.level !== 'error') notes.push(`level ${r.level}`);
  if (r.waiver) notes.push(r.waiver.expired ? `waiver expired ${r.waiver.expires}` : `waived until ${r.waiver.expires}: ${r.waiver.reason}`);
  if (r.baseline) notes.push(r.baseline === 'new' ? 'new since the baseline' : 'known in the baseline');
  return notes;
}

/** "0.60 s". */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** "1 check", "2 checks". */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * Why a run failed, as counts: "2 blocking", "1 target not judged", "1 expired waiver". Counted from
 * the results, so a hand-edited summary cannot put text where a number goes.
 */
export function failureReasons(report: Report): string[] {
  const blocking = entries(report).filter((e) => isBlocking(e.result)).length;
  const notJudged = report.targets.filter((t) => t.notJudged !== undefined).length;
  const expired = report.expiredWaivers.length;
  return [
    ...(report.interrupted ? ['interrupted'] : []),
    ...(blocking > 0 ? [`${blocking} blocking`] : []),
    ...(notJudged > 0 ? [`${plural(notJudged, 'target')} not judged`] : []),
    ...(expired > 0 ? [plural(expired, 'expired waiver')] : []),
  ];
}

/** Something a person must know about a whole target, shown once, before its results. */
export interface Notice {
  /** Whether the notice by itself fails the run. */
  readonly gates: boolean;
  readonly label: string;
  /** From the report, hence from the target: callers escape it for their medium. */
  readonly text: string;
  /** Our own words: what it means for the results. */
  readonly consequence: string;
}

/** The target's notices: not judged (it cannot pass), then a certificate browsers reject, then what it was not sent. */
export function notices(t: TargetReport): Notice[] {
  const out: Notice[] = [];
  if (t.notRun)
    out.push({gates: true, label: 'Not run', text: 'the run was interrupted before this target started', consequence: 'nothing was sent to it'});
  if (t.interrupted)
    out.push({
      gates: true,
      label: 'Interrupted',
      text: 'the run was interrupted while this target was being scanned',
      consequence: 'checks whose probes had not finished are marked not run, and the run cannot pass',
    });
  if (t.notJudged !== undefined)
    out.push({gates: true, label: 'Not judged', text: t.notJudged, consequence: 'the target cannot pass, so the run fails'});
  if (t.certificateRejected !== undefined)
    out.push({
      gates: false,
      label: 'Certificate rejected by browsers',
      text: t.certificateRejected,
      consequence: 'the page checks were judged over a connection that did not verify it, without your credentials',
    });
  for (const text of t.notices ?? []) out.push({gates: false, label: 'Note', text, consequence: 'the scan went on without it'});
  return out;
}

/** One row of an operations table (auth-openapi): a finding whose evidence names an operation and what became of it. */
export interface OperationRow {
  readonly operation: string;
  /** refused, open, inconclusive or not-probed. */
  readonly outcome: string;
  /** Each request's variant and status, e.g. "no-credentials 401, invalid-bearer 401". */
  readonly answers: string;
}

export function operationRow(f: ReportFinding): OperationRow | undefined {
  const {method, path, outcome, statuses} = f.evidence;
  if (typeof method !== 'string' || typeof path !== 'string' || typeof outcome !== 'string') return undefined;
  return {operation: `${method} ${path}`, outcome, answers: typeof statuses === 'string' ? statuses : ''};
}

/** A row finding that says nothing its table row does not (a refused or unsent operation): shown in the table only. */
export function onlyInTable(f: ReportFinding): boolean {
  return f.kind === 'info' && operationRow(f) !== undefined;
}
