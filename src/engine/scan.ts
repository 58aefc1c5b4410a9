import {setMaxListeners} from 'node:events';
import {setFlagsFromString} from 'node:v8';
import {ConnectionPool, HttpClient} from '../probes/http.js';
import {PROBES} from '../probes/index.js';
import {Gate, Interruption, interruptedBy, OriginLimiter, RequestBudget} from '../probes/limiter.js';
import {tlsGradeOf} from '../lib/tls/grade.js';
import {detectStacks} from '../lib/stack.js';
import {presentedCounts} from '../formatters/results.js';
import {evaluateCheck, type Policy, resultBase} from './evaluate.js';
import {gatherTarget, plan, runTargets, type ProgressMode, type TargetPlan} from './gather.js';
import {redactUrl, targetRedactor} from '../core/redact.js';
import {compareBaseline} from './baseline.js';
import {SCHEMA_VERSION, summarize, type CheckResult, type Report, type TargetReport, reportPasses} from '../core/report.js';
import {applyWaivers, expiredWaivers, type WaiverConfig} from './waivers.js';
import type {Target} from '../core/target.js';
import {
  isProbeError,
  type AnyCheck,
  type ArtifactName,
  type Artifacts,
  type ProbeErrorCode,
  type TargetInfo,
  type TlsProfile,
} from '../core/types.js';

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
  /**
   * The user's interruption (SIGINT, SIGTERM; see interruptOnSignals): when it fires, requests in
   * flight stop, nothing new starts, and the report holds what was gathered, marked interrupted.
   */
  readonly signal?: AbortSignal;
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
  return options.targets.map((target) => {
    const redact = targetRedactor(target);
    return {
      target: redactUrl(target.url.href),
      probes: artifacts.map((name) => ({title: PROBES[name].title, requests: PROBES[name].plan(target).map(redact)})),
    };
  });
}

/** What every target of one run shares. */
interface Run {
  readonly options: ScanOptions;
  readonly enabled: readonly {check: AnyCheck; policy: Policy}[];
  readonly artifacts: readonly ArtifactName[];
  readonly limiter: OriginLimiter;
  readonly pool: ConnectionPool;
  /** The run's interruption. */
  readonly stop: AbortSignal;
}

/**
 * The result of a check whose artifacts were not all gathered before the run was interrupted: not
 * judged on part of its evidence, and never a pass.
 */
function notRunResult(check: AnyCheck, policy: Policy, stop: AbortSignal): CheckResult {
  const by = interruptedBy(stop);
  return {
    ...resultBase(check, policy),
    status: 'skipped',
    title: check.meta.title,
    findings: [
      {
        messageId: 'not-run',
        kind: 'info',
        message: `Not run: the run was interrupted${by ? ` (${by})` : ''} before the probes this check needs had finished.`,
        evidence: {},
      },
    ],
  };
}

/** A target the run was interrupted before: nothing was sent to it. */
function notRunTarget(target: Target): TargetReport {
  return {url: redactUrl(target.url.href), durationMs: 0, notRun: true, ...(target.source ? {source: target.source} : {}), results: []};
}

/** Judges what was gathered: `finished` names the artifacts that are whole (all of them unless interrupted). */
function judge(
  target: Target,
  run: Run,
  into: Artifacts,
  finished: ReadonlySet<ArtifactName>,
  rejected: string | undefined,
): Omit<TargetReport, 'durationMs'> {
  const {options} = run;
  const redact = targetRedactor(target);
  // Query values may be secrets: the report (and every check's evidence) shows the URL masked.
  const url = redactUrl(target.url.href);
  const info: TargetInfo = {url, host: target.url.hostname, https: target.url.protocol === 'https:', tlsProfile: options.tlsProfile};
  const interrupted = run.artifacts.some((name) => !finished.has(name));
  // An artifact cut short by the interruption may hold part of the evidence: only whole ones are judged.
  const whole: Artifacts = interrupted ? Object.fromEntries(Object.entries(into).filter(([name]) => finished.has(name as ArtifactName))) : into;
  const results = run.enabled.map(({check, policy}) =>
    (check.meta.requiredArtifacts as readonly ArtifactName[]).every((name) => finished.has(name))
      ? evaluateCheck(check, policy, whole, info, redact, rejected)
      : notRunResult(check, policy, run.stop),
  );
  const down = unreachable(whole);
  const grade = tlsGradeOf(whole, options.tlsProfile);
  const stacks = detectStacks(whole).map((d) => ({...d, evidence: redact(d.evidence)}));
  // An interrupted target says so; "not judged" would blame the target for what the interruption left undone.
  const idle = down || interrupted ? undefined : notJudged(results);
  return {
    url,
    ...(interrupted ? {interrupted: true} : {}),
    ...(down ? {unreachable: down} : {}),
    ...(idle ? {notJudged: idle} : {}),
    ...(rejected ? {certificateRejected: redact(rejected)} : {}),
    ...(stacks.length > 0 ? {stacks} : {}),
    ...(grade ? {tlsGrade: grade} : {}),
    ...(target.source ? {source: target.source} : {}),
    ...(target.notices.length > 0 ? {notices: target.notices} : {}),
    results,
  };
}

/** Listeners the caller itself may keep on the run's interruption signal, besides one per running target. */
const STOP_LISTENERS_OF_CALLER = 8;

/**
 * Listeners on one target's signal at once: a request in flight or waiting for a slot adds one,
 * and the target's probes have up to 4 each (8 TLS hellos) in flight or waiting, past Node's leak
 * warning at 10.
 */
const TARGET_SIGNAL_LISTENERS = 128;

/**
 * One target from start to verdict. Its deadline and its request budget start when it starts, not
 * when the run did; its client and artifacts are released once judged, so a fleet's memory holds
 * only the capped reports.
 */
async function scanTarget(target: Target, run: Run, progress: (text: string) => void): Promise<TargetReport> {
  const started = Date.now();
  const {options, stop} = run;
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException(`the ${options.timeoutMs} ms deadline of the target passed`, 'TimeoutError')),
    options.timeoutMs,
  );
  // The interruption reaches every request through the target's own signal, with its reason (see interruptedBy).
  const interrupt = (): void => deadline.abort(stop.reason);
  stop.addEventListener('abort', interrupt, {once: true});
  if (stop.aborted) interrupt();
  const {signal} = deadline;
  setMaxListeners(TARGET_SIGNAL_LISTENERS, signal);
  const gate = new Gate(run.limiter, new RequestBudget(options.maxRequests));
  const client = new HttpClient({
    signal,
    requestTimeoutMs: options.requestTimeoutMs,
    maxBodyBytes: options.maxBodyBytes,
    ...(options.ca ? {ca: options.ca} : {}),
    credentials: {origin: target.url.origin, headers: target.headers},
    gate,
    pool: run.pool,
  });
  const into: Artifacts = {};
  let finished: ReadonlySet<ArtifactName>;
  let rejected: string | undefined;
  try {
    const p: TargetPlan = {target, client, signal, gate, ...(options.ca ? {ca: options.ca} : {}), artifacts: run.artifacts, into};
    finished = await gatherTarget(p, stop, (done, total) => progress(`(${done}/${total} probes)`));
    rejected = await client.certificateRejected();
  } finally {
    clearTimeout(timer);
    stop.removeEventListener('abort', interrupt);
    await client.close();
  }
  const report = judge(target, run, into, finished, rejected);
  return {...report, durationMs: Date.now() - started};
}

/** The line the progress view prints for a finished target, counted as every format counts. */
function progressLine(t: TargetReport): string {
  const c = presentedCounts(t.results);
  const what = t.unreachable
    ? `unreachable: ${t.unreachable.message}`
    : `${t.interrupted ? 'interrupted, ' : ''}${c.fail} failed, ${c.error} inconclusive, ${c.warn} warnings, ${c.pass} passed`;
  return `${t.url} (${(t.durationMs / 1000).toFixed(2)} s): ${what}`;
}

/**
 * The baseline as far as this run could compare with it: after an interruption, the targets and
 * checks not run leave the comparison, so that their failures are not listed as resolved.
 */
function comparable(baseline: Pick<Report, 'startedAt' | 'targets'>, targets: readonly TargetReport[]): Pick<Report, 'startedAt' | 'targets'> {
  const notRun = new Set(targets.filter((t) => t.notRun).map((t) => t.url));
  const checksNotRun = new Map(targets.map((t) => [t.url, new Set(t.results.filter(isNotRun).map((r) => r.id))]));
  return {
    startedAt: baseline.startedAt,
    targets: baseline.targets
      .filter((t) => !notRun.has(t.url))
      .map((t) => ({...t, results: t.results.filter((r) => checksNotRun.get(t.url)?.has(r.id) !== true)})),
  };
}

function isNotRun(r: CheckResult): boolean {
  return r.status === 'skipped' && r.findings.some((f) => f.messageId === 'not-run');
}

/**
 * A fleet's heap is mostly garbage: a target's responses are judged and dropped, and what its report
 * keeps is small (2,000 targets keep ~50 MB). V8 lets the old generation grow to about four times
 * what survived the last full collection before it collects again, which made a 2,000-target run
 * peak at ~280 MB RSS; growing by at most 100% keeps it near 215 MB for ~0.3 s more of collection
 * over a 30 s run (both measured with --trace-gc). V8 reads this flag at each collection.
 */
const FLEET_HEAP_GROWTH = '--heap-growing-percent=100';

/**
 * gather → judge, target by target: `concurrency` targets at once, each judged as soon as its probes
 * are done. With `signal` (the user's interruption: SIGINT, SIGTERM) every request in flight stops,
 * no probe or target starts, and the report holds what was gathered, marked interrupted.
 */
export async function scan(options: ScanOptions): Promise<Report> {
  const started = Date.now();
  if (options.targets.length > 1) setFlagsFromString(FLEET_HEAP_GROWTH);
  const stop = options.signal ?? new AbortController().signal;
  // Each running target listens on the interruption: up to 32 at once, past Node's leak warning at 10.
  setMaxListeners(LIMITS.concurrency + STOP_LISTENERS_OF_CALLER, stop);
  const enabled = enabledChecks(options);
  const limiter = new OriginLimiter(options.perOrigin);
  // One pool for the whole run: however many targets share an origin, its kept-alive connections stay within the limit.
  const pool = new ConnectionPool({maxSockets: options.perOrigin, ...(options.ca ? {ca: options.ca} : {})});
  limiter.onCloseIdle((origin) => pool.closeIdle(origin));
  const run: Run = {options, enabled, artifacts: plan(enabled.map((e) => e.check)), limiter, pool, stop};
  const reports: (TargetReport | undefined)[] = [];
  try {
    await runTargets(options.targets, {concurrency: options.concurrency, mode: options.progress, stop}, async (target, index, progress) => {
      const report = await scanTarget(target, run, progress);
      reports[index] = report;
      return progressLine(report);
    });
  } finally {
    await pool.destroy();
  }
  const interrupted = stop.aborted;
  const judged = options.targets.map((target, index) => reports[index] ?? notRunTarget(target));
  const now = options.now ?? new Date();
  const waived = applyWaivers(judged, options.waivers ?? [], now);
  const baseline = options.baseline && interrupted ? {...options.baseline, report: comparable(options.baseline.report, waived)} : options.baseline;
  const compared = baseline ? compareBaseline(waived, baseline.report, baseline.file) : undefined;
  const targets = compared?.targets ?? waived;
  const summary = summarize(targets);
  const expired = expiredWaivers(options.waivers ?? [], now);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: {name: 'shipcheck', version: options.version},
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    ...(interrupted ? {interrupted: true} : {}),
    targets,
    summary,
    expiredWaivers: expired,
    ...(compared ? {baseline: compared.diff} : {}),
    passed: reportPasses({...(interrupted ? {interrupted} : {}), summary, expiredWaivers: expired, targets}),
  };
}

/** The exit code after each signal we own: 128 + its number, as shells report a process ended by it. */
const SIGNAL_EXIT_CODES = {SIGINT: 130, SIGTERM: 143} as const;
export type InterruptSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface InterruptWatch {
  /** Aborted with an Interruption by the first SIGINT or SIGTERM: pass it to the scan. */
  readonly signal: AbortSignal;
  /** The signal that came, if one did. */
  received(): InterruptSignal | undefined;
  /** 130 after SIGINT, 143 after SIGTERM; undefined when none came. */
  exitCode(): number | undefined;
  /** Gives the signals back to Node's defaults. */
  dispose(): void;
}

/**
 * Owns SIGINT and SIGTERM while a scan runs: the first aborts `signal` (the scan stops sending and
 * reports what it had gathered, so CI cancellation still leaves a report); a second ends the process
 * at once.
 */
export function interruptOnSignals(): InterruptWatch {
  const controller = new AbortController();
  let first: InterruptSignal | undefined;
  const handlers = (Object.keys(SIGNAL_EXIT_CODES) as InterruptSignal[]).map((name) => {
    const handler = (): void => {
      // A second Ctrl-C means "now": nothing more is written.
      if (first !== undefined) process.exit(SIGNAL_EXIT_CODES[name]);
      first = name;
      controller.abort(new Interruption(name));
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    received: () => first,
    exitCode: () => (first === undefined ? undefined : SIGNAL_EXIT_CODES[first]),
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}

/**
 * The one line an interrupted run prints (the CLI on stderr, the Action in its log): what was left
 * undone, and that the outputs still hold the partial report.
 */
export function interruptedLine(report: Report, signal: string): string {
  const notRun = report.targets.filter((t) => t.notRun).length;
  const cut = report.targets.filter((t) => t.interrupted).length;
  const done = report.targets.length - notRun - cut;
  return `shipcheck: interrupted by ${signal}: ${done} of ${report.targets.length} targets finished, ${cut} cut short, ${notRun} not started; the report written is partial and marked "interrupted"`;
}
