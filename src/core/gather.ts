import {Listr, ListrLogger, ProcessOutput, type ListrTask} from 'listr2';
import {PROBES} from '../probes/index.js';
import {ProbeFailure, probeError, type HttpClient} from '../probes/http.js';
import type {Target} from './target.js';
import type {ArtifactName, Artifacts, AnyCheck} from './types.js';

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
      task: (_, task) =>
        task.newListr(
          p.artifacts.map((name) => ({
            title: PROBES[name].title,
            task: async () => {
              (p.into as Record<ArtifactName, unknown>)[name] = await runProbe(name, p);
            },
          })),
          {concurrent: true, exitOnError: false},
        ),
    })),
    {
      concurrent: false,
      exitOnError: false,
      renderer: mode === 'silent' ? 'silent' : 'default',
      fallbackRenderer: 'simple',
      fallbackRendererCondition: mode === 'simple' || !process.stderr.isTTY || !process.stderr.columns,
      rendererOptions: {logger, collapseSubtasks: false},
      fallbackRendererOptions: {logger},
    } as never,
  );
  await list.run();
}

async function runProbe(name: ArtifactName, p: TargetPlan): Promise<NonNullable<Artifacts[ArtifactName]>> {
  try {
    return await PROBES[name].gather(p.target, {client: p.client, signal: p.signal});
  } catch (error) {
    if (error instanceof ProbeFailure) return error.probeError;
    return probeError('internal', `the ${name} probe crashed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
