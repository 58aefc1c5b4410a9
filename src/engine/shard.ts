/**
 * `--shard i/n`: one deterministic share of the targets, for a fleet split over a CI matrix. A
 * target's shard follows from its normalized URL alone, so reordering the config, or adding a
 * target, never moves the others between shards, and shards 1..n partition the targets exactly.
 */
import {createHash} from 'node:crypto';
import {UsageError} from '../core/errors.js';

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * The shard (1-based) a URL falls in: the first 4 bytes of its SHA-256 as a uint32, mod `count`.
 * A hash rather than the URL's text spreads look-alike URLs (…/a, …/b) over the shards evenly.
 */
export function shardOf(url: string, count: number): number {
  return (createHash('sha256').update(url).digest().readUInt32BE(0) % count) + 1;
}

/**
 * The targets of `shard` in their given order; all of them without one. An empty share is not an
 * error (a matrix may have more shards than the fleet has targets): `onEmpty` gets one line to say so.
 */
export function selectShard<T extends {readonly url: URL}>(targets: readonly T[], shard: Shard | undefined, onEmpty: (line: string) => void): T[] {
  if (shard === undefined) return [...targets];
  const mine = targets.filter((t) => shardOf(t.url.href, shard.count) === shard.index);
  if (mine.length === 0)
    onEmpty(`shard ${shard.index}/${shard.count} has none of the ${targets.length} targets: its report lists no target and passes`);
  return mine;
}

/** `i/n`, as `--shard` and the Action's `shard` input take it; `name` is how the message calls the value. */
export function parseShard(text: string, name: string): Shard {
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`${name} must be i/n with 1 ≤ i ≤ n ≤ 999, e.g. 2/3`);
  return {index, count};
}
