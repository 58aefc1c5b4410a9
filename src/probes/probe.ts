import type {ArtifactMap, ArtifactName} from '../core/types.js';
import type {Target} from '../core/target.js';
import type {HttpClient} from './http.js';

export interface ProbeContext {
  readonly client: HttpClient;
  /** The overall deadline. */
  readonly signal: AbortSignal;
}

/** Gathers one artifact; network I/O only, no verdicts. */
export interface Probe<K extends ArtifactName = ArtifactName> {
  readonly artifact: K;
  /** What the progress view shows while it runs. */
  readonly title: string;
  gather(target: Target, ctx: ProbeContext): Promise<ArtifactMap[K]>;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  return results;
}
