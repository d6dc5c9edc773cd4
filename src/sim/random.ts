/**
 * Seeded randomness: one independent stream per purpose (arrivals of each visitor stream, chat
 * lengths, tie-breaks, breaks…), so that changing the policy does not change the visitor stream
 * (common random numbers) and the same seed always gives the same run.
 *
 * Built on pure-rand's xoroshiro128+ (well kept, tiny, fast).
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { Dist } from './scenario/types.ts';

export class Rng {
  private readonly gen: RandomGenerator;
  constructor(seed: number) {
    this.gen = xoroshiro128plus(seed | 0);
  }
  /** Uniform in [0, 1). */
  uniform(): number {
    return uniformFloat64(this.gen);
  }
  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }
  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.uniform();
  }
  /** One of `items`, each equally likely (never empty). */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform());
  }
  /** Standard normal (Box–Muller; one draw per two uniforms, no hidden cache). */
  normal(): number {
    const u1 = 1 - this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
  /** Draws from a scenario distribution (in the distribution's own unit). */
  sample(d: Dist): number {
    return this.draw(sampler(d));
  }
  /** Draws from a distribution whose parameters were worked out once (`sampler`). */
  draw(s: Sampler): number {
    switch (s.kind) {
      case FIXED:
        return s.a;
      case EXPONENTIAL:
        return -s.a * Math.log(1 - this.uniform());
      case UNIFORM:
        return s.a + s.b * this.uniform();
      default:
        return Math.exp(s.a + s.b * this.normal());
    }
  }
  /** Picks an index by cumulative weights (last entry = total). */
  weighted(cumulative: readonly number[]): number {
    const x = this.uniform() * cumulative[cumulative.length - 1];
    for (let i = 0; i < cumulative.length; i++) if (x < cumulative[i]) return i;
    return cumulative.length - 1;
  }
}

const FIXED = 0;
const EXPONENTIAL = 1;
const UNIFORM = 2;
const LOGNORMAL = 3;

/**
 * A scenario distribution with its parameters worked out once: a visitor stream draws two per
 * visitor, and the lognormal's underlying normal costs two logarithms and a square root to find.
 * Draws are bit for bit those of the distribution itself.
 */
export interface Sampler {
  readonly kind: number;
  /** fixed: the value; exponential: the mean; uniform: the minimum; lognormal: μ. */
  readonly a: number;
  /** uniform: max − min; lognormal: σ. */
  readonly b: number;
}

export function sampler(d: Dist): Sampler {
  switch (d.dist) {
    case 'fixed':
      return { kind: FIXED, a: d.value, b: 0 };
    case 'exponential':
      return { kind: EXPONENTIAL, a: d.mean, b: 0 };
    case 'uniform':
      return { kind: UNIFORM, a: d.min, b: d.max - d.min };
    case 'lognormal': {
      if (d.sd === 0) return { kind: FIXED, a: d.mean, b: 0 };
      // Parameters of the underlying normal, from the mean and sd of the lognormal itself.
      const s2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      return { kind: LOGNORMAL, a: Math.log(d.mean) - s2 / 2, b: Math.sqrt(s2) };
    }
  }
}

/** FNV-1a over the seed and the purpose name: a stable 32-bit seed per stream. */
function streamSeed(seed: number, purpose: string): number {
  let h = 0x811c9dc5 ^ (seed | 0);
  h = Math.imul(h, 0x01000193);
  h ^= Math.floor(seed / 0x100000000) | 0;
  h = Math.imul(h, 0x01000193);
  for (let i = 0; i < purpose.length; i++) {
    h ^= purpose.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // final avalanche (murmur3 fmix32) so nearby seeds give unrelated streams
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** An independent stream for one purpose, e.g. `stream(seed, 'arrivals:0')`. */
export function stream(seed: number, purpose: string): Rng {
  return new Rng(streamSeed(seed, purpose));
}

/** Cumulative weights of a `{key: weight}` record, in key order. */
export function cumulativeWeights(weights: Record<string, number>): {
  keys: string[];
  cumulative: number[];
} {
  const keys = Object.keys(weights);
  const cumulative: number[] = [];
  let sum = 0;
  for (const k of keys) {
    sum += weights[k];
    cumulative.push(sum);
  }
  return { keys, cumulative };
}
