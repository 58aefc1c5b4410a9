import {Listr, ListrLogger, ProcessOutput, type ListrTask} from 'listr2';
import {PROBES} from '../probes/index.js';
import {ProbeFailure, probeError} from '../probes/failure.js';
import {type HttpClient} from '../probes/http.js';
import type {Target} from '../core/target.js';
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
  readonly signal: AbortSignal;
  readonly ca?: readonly string[];
  readonly artifacts: readonly ArtifactName[];
  /** Filled as probes finish. */
  readonly into: Artifacts;
}

/**
 * Runs the planned probes of every target, concurrently within a target, with a listr2 progress
 * view on stderr (stdout is the report's). A probe that throws is stored as a ProbeError: errors
 * are data and the scan goes on.
 */
export async function gather(plans: readonly TargetPlan[], mode: ProgressMode): Promise<void> {
  const logger = new ListrLogger({processOutput: new ProcessOutput(process.stderr, process.stderr)});
  const list = new Listr(
    plans.map((p): ListrTask => ({
      title: p.target.url.href,
      task: (_, task) => task.newListr(probeTasks(p), {concurrent: true, exitOnError: false}),
    })),
    {
      concurrent: false,
      exitOnError: false,
      renderer: mode === 'silent' ? 'silent' : 'default',
      // Off a terminal listr2 swaps in its fallback renderer, which must stay silent for --json too.
      fallbackRenderer: mode === 'silent' ? 'silent' : 'simple',
      fallbackRendererCondition: mode === 'simple' || !process.stderr.isTTY || !process.stderr.columns,
      rendererOptions: {logger, collapseSubtasks: false},
      fallbackRendererOptions: {logger},
    } as never,
  );
  await list.run();
}

const PHASES = [0, 1, 2] as const;
type Phase = (typeof PHASES)[number];

/**
 * One task per probe, in three phases: those that run first (alone, before anything else), then the
 * rest concurrently, then those that run last once every other probe of the target is done.
 */
function probeTasks(p: TargetPlan): ListrTask[] {
  const phaseOf = (name: ArtifactName): Phase => (PROBES[name].runsFirst ? 0 : PROBES[name].runsLast ? 2 : 1);
  const pending: [number, number, number] = [0, 0, 0];
  for (const name of p.artifacts) pending[phaseOf(name)]++;
  // done[k] settles once every probe of the phases before k has finished.
  const releases: (() => void)[] = [];
  const done = PHASES.map(
    () =>
      new Promise<void>((resolve) => {
        releases.push(resolve);
      }),
  );
  const finishPhase = (phase: Phase | -1): void => {
    for (const [k, release] of releases.entries()) {
      if (k > phase && pending.slice(0, k).every((n) => n === 0)) release();
    }
  };
  finishPhase(-1);
  const store = async (name: ArtifactName): Promise<void> => {
    (p.into as Record<ArtifactName, unknown>)[name] = await runProbe(name, p);
  };
  return p.artifacts.map((name) => ({
    title: PROBES[name].title,
    task: async () => {
      const phase = phaseOf(name);
      await done[phase];
      try {
        await store(name);
      } finally {
        pending[phase]--;
        finishPhase(phase);
      }
    },
  }));
}

async function runProbe(name: ArtifactName, p: TargetPlan): Promise<NonNullable<Artifacts[ArtifactName]>> {
  try {
    return await PROBES[name].gather(p.target, {client: p.client, signal: p.signal, ...(p.ca ? {ca: p.ca} : {})});
  } catch (error) {
    if (error instanceof ProbeFailure) return error.probeError;
    return probeError('internal', `the ${name} probe crashed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
