import type {ListrTask} from 'listr2';
import {PROBES} from '../probes/index.js';
import {ProbeFailure, probeError} from '../probes/failure.js';
import {type HttpClient} from '../probes/http.js';
import type {Gate} from '../probes/limiter.js';
import type {Target} from '../core/target.js';
import {redactUrl} from '../core/redact.js';
import type {ArtifactName, Artifacts, AnyCheck} from '../core/types.js';

/** How the live progress view is drawn: a redrawn tree on a terminal, lines elsewhere, nothing for --json. */
export type ProgressMode = 'auto' | 'simple' | 'silent';

/** The artifacts the enabled checks need, each once. */
export function plan(checks: readonly AnyCheck[]): ArtifactName[] {
  return [...new Set(checks.flatMap((c) => c.meta.requiredArtifacts as ArtifactName[]))];
}

export interface TargetPlan {
  readonly target: Target;
  readonly client: HttpClient;
  /** The target's deadline (and the run's interruption): every request and handshake stops when it fires. */
  readonly signal: AbortSignal;
  /** The target's request budget and the run's per-origin slots. */
  readonly gate: Gate;
  readonly ca?: readonly string[];
  readonly artifacts: readonly ArtifactName[];
  /** Filled as probes finish. */
  readonly into: Artifacts;
}

const PHASES = [0, 1, 2] as const;
type Phase = (typeof PHASES)[number];

/** Those that run first (alone, before anything else), then the rest concurrently, then those that run last. */
function phaseOf(name: ArtifactName): Phase {
  return PROBES[name].runsFirst ? 0 : PROBES[name].runsLast ? 2 : 1;
}

/**
 * Runs one target's planned probes, phase by phase (see phaseOf). A probe that throws is stored as
 * a ProbeError: errors are data and the scan goes on. Once `stop` fires no probe starts; the
 * probes that had finished by then are returned, as only their artifacts are whole.
 */
export async function gatherTarget(
  p: TargetPlan,
  stop: AbortSignal,
  onProbeDone?: (done: number, total: number) => void,
): Promise<ReadonlySet<ArtifactName>> {
  const finished = new Set<ArtifactName>();
  let done = 0;
  for (const phase of PHASES) {
    await Promise.all(
      p.artifacts
        .filter((name) => phaseOf(name) === phase)
        .map(async (name) => {
          if (stop.aborted) return;
          (p.into as Record<ArtifactName, unknown>)[name] = await runProbe(name, p);
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- narrowed to false before the await, but the run may have been interrupted during it.
          if (!stop.aborted) finished.add(name);
          onProbeDone?.(++done, p.artifacts.length);
        }),
    );
  }
  return finished;
}

/** One probe's artifact, or why there is none; when the budget refused one of its requests, the budget's error. */
async function runProbe(name: ArtifactName, p: TargetPlan): Promise<NonNullable<Artifacts[ArtifactName]>> {
  const gate = p.gate.forProbe();
  let value: NonNullable<Artifacts[ArtifactName]>;
  try {
    value = await PROBES[name].gather(p.target, {client: p.client.through(gate), signal: p.signal, gate, ...(p.ca ? {ca: p.ca} : {})});
  } catch (error) {
    if (error instanceof ProbeFailure) value = error.probeError;
    else value = probeError('internal', `the ${name} probe crashed: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Part of what the probe was asked to gather is missing: judging the rest could pass a check on half the evidence.
  return gate.refused ?? value;
}

export interface PoolOptions {
  /** Targets scanned at once. */
  readonly concurrency: number;
  readonly mode: ProgressMode;
  /** The run's interruption: once it fires no target starts. */
  readonly stop: AbortSignal;
}

/**
 * Scans the targets `concurrency` at a time with the live view on stderr (stdout is the report's):
 * on a terminal each running target with its count of probes done, and each finished one as a line
 * that stays; elsewhere one line per finished target; nothing for --json. `scanOne` reports
 * progress as text and returns the target's line. A target not started when `stop` fires is left
 * alone, without a line. listr2 runs the pool when there is a view, loaded only then (it costs
 * 35–60 ms of start-up); its own SIGINT handler (which exits 127) is off: the caller owns the signals.
 */
export async function runTargets(
  targets: readonly Target[],
  options: PoolOptions,
  scanOne: (target: Target, index: number, progress: (text: string) => void) => Promise<string>,
): Promise<void> {
  // @types/node types `isTTY` as boolean, but Node leaves it undefined when stderr is a pipe or a file.
  const stderr: {readonly isTTY?: boolean; readonly columns?: number} = process.stderr;
  const live = options.mode === 'auto' && stderr.isTTY === true && (stderr.columns ?? 0) > 0;
  const silent = options.mode === 'silent';
  let crash: {error: unknown} | undefined;
  /** One target; `task` is listr2's, whose title is the view (none when silent). */
  const scanAt = async (target: Target, index: number, task?: {title: string}): Promise<void> => {
    if (options.stop.aborted || crash) return;
    const name = redactUrl(target.url.href);
    if (live && task) task.title = name;
    try {
      const line = await scanOne(target, index, (text) => {
        if (live && task) task.title = `${name} ${text}`;
      });
      if (task) task.title = line;
    } catch (error) {
      // A bug, not a probe error (those are data): no new target starts and the run fails with it.
      crash ??= {error};
    }
  };
  if (silent) {
    // `concurrency` workers, each taking the next target in order, as listr2's concurrent list does.
    const queue = targets.entries();
    const worker = async (): Promise<void> => {
      for (const [index, target] of queue) await scanAt(target, index);
    };
    await Promise.all(Array.from({length: Math.min(options.concurrency, targets.length)}, worker));
    if (crash) throw crash.error;
    return;
  }
  const {Listr, ListrLogger, ProcessOutput} = await import('listr2');
  const logger = new ListrLogger({processOutput: new ProcessOutput(process.stderr, process.stderr)});
  const list = new Listr(
    targets.map((target, index): ListrTask => ({
      // Untitled until it finishes, so that off a terminal the simple renderer prints one line per finished target.
      task: (_, task) => scanAt(target, index, task),
    })),
    {
      concurrent: options.concurrency,
      exitOnError: false,
      registerSignalListeners: false,
      renderer: 'default',
      fallbackRenderer: 'simple',
      fallbackRendererCondition: !live,
      rendererOptions: {logger, collapseSubtasks: false},
      fallbackRendererOptions: {logger},
    } as never,
  );
  await list.run();
  if (crash) throw crash.error;
}
