import {describe, expect, it} from '@jest/globals';
import {parseShard, selectShard, shardOf} from './shard.js';

const targets = (urls: readonly string[]): {url: URL}[] => urls.map((u) => ({url: new URL(u)}));
const FLEET = Array.from({length: 40}, (_, i) => `https://svc-${i}.staging.example.com/`);

describe('shardOf', () => {
  it('is the first 4 bytes of the URL’s SHA-256 as a uint32, mod n, counted from 1', () => {
    // Computed apart from Node, with Python's hashlib: int.from_bytes(sha256(url)[:4], 'big') % n + 1.
    expect([shardOf('https://a.example/', 3), shardOf('https://b.example/', 3)]).toEqual([2, 1]);
    expect([shardOf('https://a.example/', 7), shardOf('https://b.example/', 7)]).toEqual([4, 4]);
  });

  it('puts every URL in shard 1 of 1', () => {
    expect(new Set(FLEET.map((u) => shardOf(u, 1)))).toEqual(new Set([1]));
  });
});

describe('selectShard', () => {
  const none = (): void => undefined;

  it('gives a target the same shard whatever the order of the targets or what else is in the fleet', () => {
    const reversed = targets([...FLEET].reverse());
    const half = targets(FLEET.slice(0, 20));
    for (let index = 1; index <= 3; index++) {
      const mine = selectShard(targets(FLEET), {index, count: 3}, none).map((t) => t.url.href);
      expect(
        selectShard(reversed, {index, count: 3}, none)
          .map((t) => t.url.href)
          .sort(),
      ).toEqual([...mine].sort());
      expect(selectShard(half, {index, count: 3}, none).map((t) => t.url.href)).toEqual(mine.filter((u) => FLEET.slice(0, 20).includes(u)));
    }
  });

  it('partitions the targets: for every n, each target is in exactly one of shards 1..n', () => {
    for (let count = 1; count <= 8; count++) {
      const shards = Array.from({length: count}, (_, i) => selectShard(targets(FLEET), {index: i + 1, count}, none).map((t) => t.url.href));
      expect(shards.flat().sort()).toEqual([...FLEET].sort());
    }
  });

  it('keeps the given order within a shard', () => {
    const mine = selectShard(targets(FLEET), {index: 2, count: 3}, none).map((t) => t.url.href);
    expect(mine).toEqual(FLEET.filter((u) => mine.includes(u)));
  });

  it('says in one line when a shard gets no target, and gives it none (more shards than targets is no error)', () => {
    const lines: string[] = [];
    const fleet = targets(['https://a.example/', 'https://b.example/']);
    // Both URLs are in shard 4 of 7 (see shardOf): shard 1 of 7 is empty.
    expect(selectShard(fleet, {index: 1, count: 7}, (line) => lines.push(line))).toEqual([]);
    expect(lines).toEqual(['shard 1/7 has none of the 2 targets: its report lists no target and passes']);
    expect(selectShard(fleet, {index: 4, count: 7}, (line) => lines.push(line))).toHaveLength(2);
    expect(lines).toHaveLength(1);
  });

  it('gives every target without a shard', () => {
    expect(selectShard(targets(FLEET), undefined, none)).toHaveLength(FLEET.length);
  });
});

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('2/3', '--shard')).toEqual({index: 2, count: 3});
    expect(parseShard(' 1/1 ', '--shard')).toEqual({index: 1, count: 1});
  });

  it.each(['0/3', '4/3', '1/0', '2', 'a/b', '1/1000', '-1/3'])('refuses %s, naming the input and the range', (text) => {
    expect(() => parseShard(text, 'input shard')).toThrow('input shard must be i/n with 1 ≤ i ≤ n ≤ 999, e.g. 2/3');
  });
});
