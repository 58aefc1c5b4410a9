/** What the Markdown, HTML, JUnit and SARIF formatters read the same way from a report. */
import {isBlocking, type CheckResult, type Report, type TargetReport} from '../core/report.js';
import type {Severity} from '../core/types.js';

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

/** Gating results first, then by severity; stable, so report order breaks ties. */
export function byUrgency(a: Entry, b: Entry): number {
  const gate = Number(isBlocking(b.result)) - Number(isBlocking(a.result));
  return gate !== 0 ? gate : SEVERITIES.indexOf(a.result.severity) - SEVERITIES.indexOf(b.result.severity);
}

/**
 * Why a result that is not passing does or does not gate, in words: the user's level, a waiver,
 * the baseline. Waiver reasons come from the config; callers escape them for their medium.
 */
export function gateNotes(r: CheckResult): string[] {
  const notes: string[] = [];
  if (r.status === 'pass' || r.status === 'skipped') return notes;
  if (isBlocking(r)) notes.push('blocking');
  else if (r.level !== 'error') notes.push(`level ${r.level}: does not gate`);
  if (r.waiver)
    notes.push(r.waiver.expired ? `waiver expired ${r.waiver.expires}` : `waived until ${r.waiver.expires}: ${r.waiver.reason}`);
  if (r.baseline) notes.push(r.baseline === 'new' ? 'new since the baseline' : 'known in the baseline: does not gate');
  return notes;
}

/** "0.60 s". */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** "1 check", "2 checks". */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
