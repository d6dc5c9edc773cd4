/**
 * Seeded randomness for the practice console's conversation layer. Each visitor gets its own stream,
 * keyed by (run seed, visitor id), so one visitor's messages do not shift when the trainee's actions
 * change how many other visitors reach them: an attempt replays from its seed and inputs alone.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';

export interface Stream {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** FNV-1a over the key: a stable 32-bit hash that mixes the visitor id into the seed. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** A stream for one purpose: `streamFor(seed, 'visitor:v12')`. */
export function streamFor(seed: number, key: string): Stream {
  const rng = xoroshiro128plus((seed ^ hashKey(key)) | 0);
  return {
    next: () => uniformFloat64(rng),
    int: (min, max) => uniformInt(rng, min, max),
    between: (min, max) => min + uniformFloat64(rng) * (max - min),
    pick: (items) => items[uniformInt(rng, 0, items.length - 1)],
  };
}
