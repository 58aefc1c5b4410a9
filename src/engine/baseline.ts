/**
 * `--baseline previous-report.json`: gate only on what got worse. A failing finding is known when
 * the baseline had the same check failing with the same message id on the same page of the same
 * target; a result gates only if it has a failing finding that is not known.
 */
import {UsageError} from '../core/errors.js';
import {MiB, readInputFile} from '../core/files.js';
import {SCHEMA_VERSION, type BaselineDiff, type CheckResult, type FindingRef, type Report, type TargetReport} from '../core/report.js';
import {redactUrl} from '../core/redact.js';

const failing = (r: CheckResult): boolean => r.status === 'fail' || r.status === 'error';

/** Findings that make a result fail, located; a result failing with no such finding counts as one. */
function failingRefs(t: Pick<TargetReport, 'url' | 'results'>): FindingRef[] {
  return t.results.filter(failing).flatMap((r) => {
    const bad = r.findings.filter((f) => f.kind === 'fail' || f.kind === 'error');
    const refs = bad.length > 0 ? bad : [{messageId: r.status, message: r.title}];
    // A baseline written before query values were masked still matches, and shows no secret.
    return refs.map((f) => ({
      url: redactUrl(t.url),
      id: r.id,
      messageId: f.messageId,
      ...('page' in f && f.page ? {page: f.page} : {}),
      message: f.message,
    }));
  });
}

const key = (f: FindingRef): string => JSON.stringify([f.url, f.id, f.messageId, f.page ?? '/']);

/** Marks each failing result new or known, and lists what appeared and what was resolved. */
export function compareBaseline(
  targets: readonly TargetReport[],
  baseline: Pick<Report, 'startedAt' | 'targets'>,
  file: string,
): {targets: TargetReport[]; diff: BaselineDiff} {
  const before = new Set(baseline.targets.flatMap(failingRefs).map(key));
  const nowRefs = targets.flatMap(failingRefs);
  const now = new Set(nowRefs.map(key));
  const fresh = nowRefs.filter((f) => !before.has(key(f)));
  const freshKeys = new Set(fresh.map((f) => JSON.stringify([f.url, f.id])));
  return {
    targets: targets.map((t) => ({
      ...t,
      results: t.results.map((r) => (failing(r) ? {...r, baseline: freshKeys.has(JSON.stringify([redactUrl(t.url), r.id])) ? 'new' : 'known'} : r)),
    })),
    diff: {
      file,
      startedAt: baseline.startedAt,
      new: fresh,
      resolved: baseline.targets.flatMap(failingRefs).filter((f) => !now.has(key(f))),
    },
  };
}

/**
 * A saved report's size cap. Every result carries its description and remediation, so a target costs
 * 30–60 KB of JSON: a 2,000-target fleet with the demo's mix of faults writes 109 MiB (read back here
 * in 1.9 s, 520 MB peak). The cap leaves a fleet twice that room and stops a runaway file.
 */
export const MAX_REPORT_BYTES = 256 * MiB;

/** Reads a saved JSON report (`--baseline`, `shipcheck report`); a file that is not one is a usage error (exit 2). */
export async function loadReport(file: string): Promise<Report> {
  const text = await readInputFile(file, 'report file', MAX_REPORT_BYTES);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`"${file}" is not JSON; expected a report from shipcheck scan --json`);
  }
  if (
    !isRecord(data) ||
    data.schemaVersion !== SCHEMA_VERSION ||
    !isRecord(data.tool) ||
    data.tool.name !== 'shipcheck' ||
    !Array.isArray(data.targets) ||
    typeof data.startedAt !== 'string' ||
    !isRecord(data.summary) ||
    !Array.isArray(data.expiredWaivers) ||
    typeof data.passed !== 'boolean'
  )
    throw new UsageError(`"${file}" is not a shipcheck report (schemaVersion ${SCHEMA_VERSION})`);
  const targets: readonly unknown[] = data.targets;
  for (const t of targets)
    if (!isRecord(t) || typeof t.url !== 'string' || !Array.isArray(t.results)) throw new UsageError(`"${file}" has a malformed target entry`);
  // Checked as far as above; the rest is trusted as shipcheck wrote it.
  return data as unknown as Report;
}

/** An object (or array) whose properties can be read; JSON.parse gives `unknown` until narrowed. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
