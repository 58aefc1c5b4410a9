import type {ArtifactMap, ArtifactName} from '../core/types.js';
import type {Target} from '../core/target.js';
import type {HttpClient} from './http.js';
import type {Gate} from './limiter.js';

export interface ProbeContext {
  readonly client: HttpClient;
  /** The overall deadline. */
  readonly signal: AbortSignal;
  /**
   * The target's request budget and the run's per-origin slots, for connections a probe opens
   * itself (TLS handshakes); the client's requests already go through it. None: no limit.
   */
  readonly gate?: Gate;
  /** Extra trusted CA certificates (PEM) from --ca-file / NODE_EXTRA_CA_CERTS, beside the bundled roots. */
  readonly ca?: readonly string[];
}

/** Gathers one artifact; network I/O only, no verdicts. */
export interface Probe<K extends ArtifactName = ArtifactName> {
  readonly artifact: K;
  /** What the progress view shows while it runs. */
  readonly title: string;
  /**
   * Runs after the target's other probes, alone: a burst that trips the site's limiter would
   * otherwise turn the other probes' answers into 429s.
   */
  readonly runsLast?: boolean;
  /**
   * Runs before the target's other probes: its few requests must meet the site's limiter fresh, so
   * that neither a 429 earned by other probes nor a burst position misleads it (auth-required).
   */
  readonly runsFirst?: boolean;
  /** Every request or handshake `gather` may send, one line each, for `--dry-run` (sends nothing). */
  plan(target: Target): string[];
  gather(target: Target, ctx: ProbeContext): Promise<ArtifactMap[K]>;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  // One iterator shared by every worker: each takes the next item as soon as it is free.
  const queue = items.entries();
  const worker = async (): Promise<void> => {
    for (const [i, item] of queue) results[i] = await work(item, i);
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  return results;
}
