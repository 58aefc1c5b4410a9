/** The versioned report: the only input of every formatter and of the GitHub poster. */
import type {Family, FindingData, FindingKind, Fixes, Level, OwaspId, ProbeError, Severity, Stack, Status} from './types.js';

export const SCHEMA_VERSION = 1;

/** SSL Labs' letters, plus T (untrusted certificate) and M (name mismatch). */
export type TlsGradeLetter = 'A+' | 'A' | 'A-' | 'B' | 'C' | 'D' | 'E' | 'F' | 'T' | 'M';

/** One reason the grade is no higher than it is. */
export interface TlsGradeCap {
  /** The best grade this reason allows. */
  readonly grade: TlsGradeLetter;
  /** What capped it, for a person, e.g. 'TLS 1.0 or 1.1 offered'. */
  readonly reason: string;
  /** The shipcheck check that judges the same fault (e.g. 'tls-ciphers'), when one does. */
  readonly check?: string;
}

export interface TlsGrade {
  readonly grade: TlsGradeLetter;
  /** Why the grade is lower than the score alone gives (or not A+), e.g. 'B: TLS 1.0 or 1.1 offered'. */
  readonly caps: readonly string[];
  /** The same reasons as data, in the same order, each with the check that judges its fault. */
  readonly cappedBy: readonly TlsGradeCap[];
  /** The numeric score, 0–100, before caps. */
  readonly score: number;
}

export interface ReportFinding {
  readonly messageId: string;
  readonly kind: FindingKind;
  /** Filled from the check's message, redacted and capped. Target-controlled: formatters escape it. */
  readonly message: string;
  readonly page?: string;
  /** The finding's data, redacted and capped. */
  readonly evidence: FindingData;
}

export interface CheckResult {
  readonly id: string;
  readonly family: Family;
  readonly status: Status;
  readonly level: Level;
  readonly severity: Severity;
  /** The check's CWE ids (319 is CWE-319); absent in reports written before checks carried them. */
  readonly cwe?: readonly number[];
  /** The check's OWASP Top 10 (2021) categories; absent in reports written before checks carried them. */
  readonly owasp?: readonly OwaspId[];
  /** The passing title when the check passed, else its failure title. */
  readonly title: string;
  readonly description: string;
  /** Every fix as one Markdown paragraph (see remediationText). */
  readonly remediation: string;
  /** The same fixes by stack, so that the console can show the one for the detected stack; absent in older reports. */
  readonly fixes?: Fixes;
  readonly findings: readonly ReportFinding[];
  /** A config waiver covering this result: it does not gate while `expired` is false. */
  readonly waiver?: Waiver;
  /**
   * With `--baseline`: 'new' when this result fails now but did not in the baseline, 'known' when it
   * failed there too (known failures do not gate).
   */
  readonly baseline?: 'new' | 'known';
}

/** An accepted risk, from the config: which check, where, why, and until when. */
export interface Waiver {
  readonly check: string;
  /** A glob over the target URL (and page path) the waiver covers; every target when absent. */
  readonly target?: string;
  /** A glob over the pages the findings must all be on. */
  readonly path?: string;
  readonly reason: string;
  /** ISO date (YYYY-MM-DD); the waiver ends at the end of that day, UTC. */
  readonly expires: string;
  readonly expired: boolean;
}

/** A failing finding, located: what a baseline comparison lists. */
export interface FindingRef {
  readonly url: string;
  readonly id: string;
  readonly messageId: string;
  readonly page?: string;
  readonly message: string;
}

/** The comparison with `--baseline`: failures that appeared since, and failures that went away. */
export interface BaselineDiff {
  readonly file: string;
  /** When the baseline scan started. */
  readonly startedAt: string;
  readonly new: readonly FindingRef[];
  readonly resolved: readonly FindingRef[];
}

/** A server or framework the scan saw answering, and what gave it away. */
export interface DetectedStack {
  readonly stack: Stack;
  /** E.g. `Server: nginx/1.25.3` or `404 page: Django debug page`. Target text, capped: formatters escape it. */
  readonly evidence: string;
}

/** Where a target is named (config or workflow file), for SARIF locations. */
export interface SourceLocation {
  /** Repository-relative path with forward slashes. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

export interface TargetReport {
  readonly url: string;
  /** This target's own scan, from its first probe to its verdict (targets run concurrently). */
  readonly durationMs: number;
  /**
   * Set when the run was interrupted (SIGINT, SIGTERM) while this target was being scanned: the
   * checks whose probes had not finished are `skipped` with a `not-run` finding, never judged.
   */
  readonly interrupted?: true;
  /** Set when the run was interrupted before this target started: nothing was sent to it, and it has no results. */
  readonly notRun?: true;
  /** Set when the target could not be reached at all (exit code 3). */
  readonly unreachable?: Pick<ProbeError, 'code' | 'message'>;
  /**
   * Set when no check at level `error` reached a verdict (pass or fail) for this target: one line
   * that says what could not be judged and why. Such a target never passes.
   */
  readonly notJudged?: string;
  /**
   * Set when browsers would reject the target's certificate: the root cause in one line (expired on
   * a date, name mismatch, unknown issuer …). The certificate checks fail on it; the page checks were
   * judged over a connection that did not verify it, without any of the user's credentials.
   */
  readonly certificateRejected?: string;
  /** What serves the target, most telling first (the main page's headers, then its error pages): fixes are shown for it. */
  readonly stacks?: readonly DetectedStack[];
  /** SSL Labs-style letter grade of the TLS setup, when both TLS artifacts were gathered. */
  readonly tlsGrade?: TlsGrade;
  /** The line that names this target, when known. */
  readonly source?: SourceLocation;
  /**
   * What the user asked for that this target did not get, in our own words, one line each: e.g.
   * "--header not sent: the target is plain http://" (credentials go over HTTPS only).
   */
  readonly notices?: readonly string[];
  readonly results: readonly CheckResult[];
}

export type Counts = Record<Status, number>;

export interface Summary extends Counts {
  readonly total: number;
  /** Results at level `error` whose status is fail or error: these decide `passed`. */
  readonly blocking: number;
  readonly byFamily: Partial<Record<Family, Counts>>;
}

export interface Report {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly tool: {readonly name: 'shipcheck'; readonly version: string};
  readonly startedAt: string;
  readonly durationMs: number;
  /**
   * Set when the user stopped the run (SIGINT, SIGTERM) before it finished: the report holds what
   * was gathered until then (see TargetReport `interrupted` and `notRun`), and the run does not pass.
   */
  readonly interrupted?: true;
  /** With `--shard i/n`: which share of the config's targets this report holds, so `merge` can tell when one is missing. */
  readonly shard?: {readonly index: number; readonly count: number};
  readonly targets: readonly TargetReport[];
  readonly summary: Summary;
  /** Waivers past their expiry date: each fails the run until it is renewed or removed. */
  readonly expiredWaivers: readonly Waiver[];
  /** With `--baseline`: the report compared against, and what failed there but no longer does. */
  readonly baseline?: BaselineDiff;
  /** False when any result gates (see isBlocking), a waiver has expired or the run was interrupted. */
  readonly passed: boolean;
}

/**
 * A result gates the run when the user's level is `error` and it failed or could not be judged (fail
 * closed), unless a live waiver covers it or the baseline shows it failing already.
 */
export function isBlocking(result: Pick<CheckResult, 'level' | 'status' | 'waiver' | 'baseline'>): boolean {
  if (result.waiver && !result.waiver.expired) return false;
  if (result.baseline === 'known') return false;
  return result.level === 'error' && (result.status === 'fail' || result.status === 'error');
}

/**
 * A result that does not gate but asks to be looked at: a warning, or a failure or inconclusive
 * result at level `warn`. Accepted risks (a live waiver, a failure known in the baseline) are not.
 * `fail-on: warn` gates on these too.
 */
export function isWarning(result: Pick<CheckResult, 'level' | 'status' | 'waiver' | 'baseline'>): boolean {
  if (result.level === 'off' || isBlocking(result)) return false;
  if ((result.waiver && !result.waiver.expired) || result.baseline === 'known') return false;
  return result.status === 'warn' || result.status === 'fail' || result.status === 'error';
}

/**
 * Whether a report passes: not interrupted (what was not run may be what fails), nothing gating,
 * no expired waiver, and every target judged. Scan and merge decide it alike.
 */
export function reportPasses(report: Pick<Report, 'interrupted' | 'summary' | 'expiredWaivers' | 'targets'>): boolean {
  return (
    report.interrupted !== true && report.summary.blocking === 0 && report.expiredWaivers.length === 0 && !report.targets.some((t) => t.notJudged)
  );
}

const emptyCounts = (): Counts => ({pass: 0, fail: 0, warn: 0, error: 0, skipped: 0});

export function summarize(targets: readonly TargetReport[]): Summary {
  const totals = emptyCounts();
  const byFamily: Partial<Record<Family, Counts>> = {};
  let blocking = 0;
  let total = 0;
  for (const t of targets) {
    for (const r of t.results) {
      total++;
      totals[r.status]++;
      (byFamily[r.family] ??= emptyCounts())[r.status]++;
      if (isBlocking(r)) blocking++;
    }
  }
  return {...totals, total, blocking, byFamily};
}
