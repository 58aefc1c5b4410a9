import {setMaxListeners} from 'node:events';
import {HttpClient} from '../probes/http.js';
import {PROBES} from '../probes/index.js';
import {tlsGradeOf} from '../lib/tls/grade.js';
import {evaluateCheck, type Policy} from './evaluate.js';
import {gather, plan, type ProgressMode, type TargetPlan} from './gather.js';
import {makeRedactor} from '../core/redact.js';
import {compareBaseline} from './baseline.js';
import {SCHEMA_VERSION, summarize, type CheckResult, type Report, type TargetReport} from '../core/report.js';
import {applyWaivers, expiredWaivers, type WaiverConfig} from './waivers.js';
import type {Target} from '../core/target.js';
import {isProbeError, type AnyCheck, type Artifacts, type ProbeErrorCode, type TargetInfo, type TlsProfile} from '../core/types.js';

export interface ScanOptions {
  readonly targets: readonly Target[];
  readonly checks: readonly AnyCheck[];
  /** Level and options per check id; checks at level `off` are neither gathered for nor reported. */
  readonly policy: ReadonlyMap<string, Policy>;
  /** Overall deadline per target. */
  readonly timeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly ca?: readonly string[];
  readonly progress: ProgressMode;
  readonly version: string;
  readonly tlsProfile: TlsProfile;
  /** Accepted risks from the config. */
  readonly waivers?: readonly WaiverConfig[];
  /** A previous report: only failures new since it gate the run. */
  readonly baseline?: {readonly file: string; readonly report: Pick<Report, 'startedAt' | 'targets'>};
  /** The clock waivers are judged by (tests fix it). */
  readonly now?: Date;
  /** Targets scanned at once. */
  readonly concurrency: number;
  /** Connections (and handshakes) in flight to one origin at once, across every target and probe. */
  readonly perOrigin: number;
  /** Requests and handshakes one target may cost at most. */
  readonly maxRequests: number;
}

/** Default caps: a scan of one site fits in these on any sane deployment. */
export const DEFAULTS = {
  timeoutMs: 30_000,
  requestTimeoutMs: 10_000,
  maxBodyBytes: 512 * 1024,
  concurrency: 4,
  perOrigin: 4,
  maxRequests: 2000,
} as const;

/** Hard limits of the fleet options. */
export const LIMITS = {concurrency: 32, perOrigin: 16, maxRequests: 100_000} as const;

/** Failures of the first request that mean nothing listens there at all. */
const UNREACHABLE: readonly ProbeErrorCode[] = ['dns', 'connection-refused', 'connection-reset', 'timeout'];

function unreachable(artifacts: Artifacts): TargetReport['unreachable'] {
  const pages = artifacts.Pages;
  const first = pages === undefined ? undefined : isProbeError(pages) ? pages : pages[0]?.error;
  return first && UNREACHABLE.includes(first.code) ? {code: first.code, message: first.message} : undefined;
}

/**
 * Why nothing that gates was judged, or undefined when at least one check at level `error` reached
 * pass or fail. "0 passed, 0 failed" is not a pass: a run that judged nothing says so and fails.
 */
export function notJudged(results: readonly CheckResult[]): string | undefined {
  const gating = results.filter((r) => r.level === 'error');
  if (gating.some((r) => r.status === 'pass' || r.status === 'fail' || r.status === 'warn')) return undefined;
  if (gating.length === 0) return 'no check that gates the run is enabled for this target';
  const reasons = new Map<string, string[]>();
  for (const r of gating) {
    const why = r.findings[0]?.message ?? r.status;
    reasons.set(why, [...(reasons.get(why) ?? []), r.id]);
  }
  const parts = [...reasons].slice(0, 3).map(([why, ids]) => `${ids.join(', ')}: ${why}`);
  const more = reasons.size > 3 ? ` (and ${reasons.size - 3} more reasons)` : '';
  return `none of the ${gating.length} gating checks could be judged — ${parts.join('; ')}${more}`;
}

/** The checks to run, each with its policy; a check the policy does not name is off. */
function enabledChecks(options: ScanOptions): {check: AnyCheck; policy: Policy}[] {
  return options.checks.flatMap((check) => {
    const policy = options.policy.get(check.meta.id);
    return policy === undefined || policy.level === 'off' ? [] : [{check, policy}];
  });
}

/** What each target would be sent, probe by probe, without sending anything (`--dry-run`). */
export function scanPlan(options: ScanOptions): {target: string; probes: {title: string; requests: string[]}[]}[] {
  const artifacts = plan(enabledChecks(options).map((e) => e.check));
  return options.targets.map((target) => ({
    target: target.url.href,
    probes: artifacts.map((name) => ({title: PROBES[name].title, requests: PROBES[name].plan(target)})),
  }));
}

/** gather → judge: every target's probes, then every enabled check, into one report. */
export async function scan(options: ScanOptions): Promise<Report> {
  const started = Date.now();
  const enabled = enabledChecks(options);
  const artifacts = plan(enabled.map((e) => e.check));
  const plans = options.targets.map((target): TargetPlan & {started: number} => {
    const signal = AbortSignal.timeout(options.timeoutMs);
    // Every request and handshake in flight listens on the target's deadline: up to 8 TLS hellos,
    // 6 burst requests and 4 per HTTP probe at once, past Node's leak warning at 10.
    setMaxListeners(64, signal);
    const client = new HttpClient({
      signal,
      requestTimeoutMs: options.requestTimeoutMs,
      maxBodyBytes: options.maxBodyBytes,
      ...(options.ca ? {ca: options.ca} : {}),
      credentials: {origin: target.url.origin, headers: target.headers},
    });
    return {target, client, signal, ...(options.ca ? {ca: options.ca} : {}), artifacts, into: {}, started: Date.now()};
  });
  const rejectedBy = new Map<TargetPlan, string>();
  try {
    await gather(plans, options.progress);
  } finally {
    await Promise.all(
      plans.map(async (p) => {
        const why = await p.client.certificateRejected();
        if (why !== undefined) rejectedBy.set(p, why);
        await p.client.close();
      }),
    );
  }
  const judged = plans.map((p): TargetReport => {
    const redact = makeRedactor([...Object.values(p.target.headers), ...(p.target.authControl ? [p.target.authControl[1]] : [])]);
    const info: TargetInfo = {
      url: p.target.url.href,
      host: p.target.url.hostname,
      https: p.target.url.protocol === 'https:',
      tlsProfile: options.tlsProfile,
    };
    const rejected = rejectedBy.get(p);
    const results = enabled.map(({check, policy}) => evaluateCheck(check, policy, p.into, info, redact, rejected));
    const down = unreachable(p.into);
    const grade = tlsGradeOf(p.into, options.tlsProfile);
    const idle = down ? undefined : notJudged(results);
    return {
      url: p.target.url.href,
      durationMs: Date.now() - p.started,
      ...(down ? {unreachable: down} : {}),
      ...(idle ? {notJudged: idle} : {}),
      ...(rejected ? {certificateRejected: redact(rejected)} : {}),
      ...(grade ? {tlsGrade: grade} : {}),
      ...(p.target.source ? {source: p.target.source} : {}),
      results,
    };
  });
  const now = options.now ?? new Date();
  const waived = applyWaivers(judged, options.waivers ?? [], now);
  const compared = options.baseline ? compareBaseline(waived, options.baseline.report, options.baseline.file) : undefined;
  const targets = compared?.targets ?? waived;
  const summary = summarize(targets);
  const expired = expiredWaivers(options.waivers ?? [], now);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: {name: 'shipcheck', version: options.version},
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    targets,
    summary,
    expiredWaivers: expired,
    ...(compared ? {baseline: compared.diff} : {}),
    passed: summary.blocking === 0 && expired.length === 0 && !targets.some((t) => t.notJudged),
  };
}
