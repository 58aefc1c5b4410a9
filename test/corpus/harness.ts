/**
 * The corpus harness: scans one running configuration with the real engine, in process, as
 * `shipcheck scan URL --http-url … --ca-file <test CA> [--api-path …]` would with the default
 * policy, and reduces the report to one verdict per family.
 */
import {CHECKS} from '../../checks/index.js';
import {resolvePolicy} from '../../src/engine/policy.js';
import type {CheckResult, TargetReport} from '../../src/core/report.js';
import {DEFAULTS, scan} from '../../src/engine/scan.js';
import {makeTarget} from '../../src/core/target.js';
import type {Status} from '../../src/core/types.js';
import type {CorpusFamily, FamilyVerdict} from './expected.js';
import type {RunningConfig} from './servers.js';

/** The recommended preset: what a user gets without a config. No burst runs: no rate-limit path is named. */
const POLICY = resolvePolicy(undefined, CHECKS);

/** Scans one configuration; the report of its one target. */
export async function scanConfig(running: RunningConfig, ca: string): Promise<TargetReport> {
  const report = await scan({
    targets: [makeTarget({url: running.url, httpUrl: running.httpUrl, apiPaths: running.apiPaths ?? []})],
    checks: CHECKS,
    policy: POLICY,
    timeoutMs: DEFAULTS.timeoutMs,
    requestTimeoutMs: DEFAULTS.requestTimeoutMs,
    maxBodyBytes: DEFAULTS.maxBodyBytes,
    concurrency: DEFAULTS.concurrency,
    perOrigin: DEFAULTS.perOrigin,
    maxRequests: DEFAULTS.maxRequests,
    ca: [ca],
    progress: 'silent',
    version: 'corpus',
    tlsProfile: 'intermediate',
  });
  return report.targets[0]!;
}

/** The results that decide a family: its checks at level `error`, the ones that gate a run. */
export function gating(target: TargetReport, family: CorpusFamily): CheckResult[] {
  return target.results.filter((r) => r.family === family && r.level === 'error');
}

/**
 * Severity order for the family verdict: a confirmed failure outranks a check that could not be
 * judged (the family is bad whatever that check would have shown), which outranks a warning.
 */
const RANK: Readonly<Record<Exclude<Status, 'skipped'>, number>> = {pass: 0, warn: 1, error: 2, fail: 3};

/**
 * A family's verdict: the worst status among its checks at level `error`, by RANK. Skipped checks
 * (nothing of theirs applies to the target) do not count; when every one of them is skipped, so is
 * the family.
 */
export function familyVerdict(target: TargetReport, family: CorpusFamily): FamilyVerdict {
  let worst: FamilyVerdict = 'skipped';
  for (const {status} of gating(target, family)) {
    if (status === 'skipped') continue;
    if (worst === 'skipped' || RANK[status] > RANK[worst]) worst = status;
  }
  return worst;
}

/** What decided a family, for a disagreement: each gating check's status and the message ids it gave. */
export function explain(target: TargetReport, family: CorpusFamily): string {
  return gating(target, family)
    .map((r) => `${r.id}=${r.status}${r.findings.length > 0 ? `[${[...new Set(r.findings.map((f) => f.messageId))].join(', ')}]` : ''}`)
    .join(' ');
}
