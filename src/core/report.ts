/** The versioned report: the only input of every formatter and of the GitHub poster. */
import type {TlsGrade} from '../lib/tls-grade.js';
import type {Family, FindingData, FindingKind, Level, ProbeError, Severity, Status} from './types.js';

export const SCHEMA_VERSION = 1;

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
  /** The passing title when the check passed, else its failure title. */
  readonly title: string;
  readonly description: string;
  readonly remediation: string;
  readonly findings: readonly ReportFinding[];
}

export interface TargetReport {
  readonly url: string;
  readonly durationMs: number;
  /** Set when the target could not be reached at all (exit code 3). */
  readonly unreachable?: Pick<ProbeError, 'code' | 'message'>;
  /** SSL Labs-style letter grade of the TLS setup, when both TLS artifacts were gathered. */
  readonly tlsGrade?: TlsGrade;
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
  readonly targets: readonly TargetReport[];
  readonly summary: Summary;
  readonly passed: boolean;
}

/** A result gates the run when the user's level is `error` and it failed or could not be judged (fail closed). */
export function isBlocking(result: Pick<CheckResult, 'level' | 'status'>): boolean {
  return result.level === 'error' && (result.status === 'fail' || result.status === 'error');
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
