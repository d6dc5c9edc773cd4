/**
 * A fixed-size log-linear histogram for wait-time percentiles: O(1) memory however long the run.
 *
 * Zero waits (assigned at the instant of arrival, the common case) are counted exactly. Positive values
 * fall into 0.1 s bins below 3.2 s, then into 32 bins per doubling (≈ 2.2 % wide), up to 3.2·2^40 s,
 * far beyond any simulated run. A percentile is read by linear interpolation inside its bin and clamped
 * to the exact minimum and maximum seen, so its error is under one bin width.
 */

const SUB = 32;
const LINEAR_WIDTH = 0.1;
const LINEAR_TOP = SUB * LINEAR_WIDTH; // 3.2 s
const DOUBLINGS = 40;
const BINS = SUB + SUB * DOUBLINGS;

function binOf(v: number): number {
  if (v < LINEAR_TOP) return Math.floor(v / LINEAR_WIDTH);
  const e = Math.min(DOUBLINGS - 1, Math.floor(Math.log2(v / LINEAR_TOP)));
  const base = LINEAR_TOP * 2 ** e;
  const sub = Math.min(SUB - 1, Math.floor((v / base - 1) * SUB));
  return SUB + e * SUB + sub;
}

function binLow(i: number): number {
  if (i < SUB) return i * LINEAR_WIDTH;
  const e = Math.floor((i - SUB) / SUB);
  const sub = (i - SUB) % SUB;
  return LINEAR_TOP * 2 ** e * (1 + sub / SUB);
}

function binHigh(i: number): number {
  return i + 1 < BINS ? binLow(i + 1) : Infinity;
}

export class WaitHistogram {
  private readonly counts = new Float64Array(BINS);
  private zeros = 0;
  count = 0;
  min = Infinity;
  max = -Infinity;

  add(v: number): void {
    this.count++;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (v <= 0) this.zeros++;
    else this.counts[binOf(v)]++;
  }

  /** The q-quantile (0 ≤ q ≤ 1), or null when empty. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = q * this.count;
    if (rank <= this.zeros) return Math.max(0, this.min);
    let seen = this.zeros;
    for (let i = 0; i < BINS; i++) {
      const c = this.counts[i];
      if (c === 0) continue;
      if (seen + c >= rank) {
        const lo = binLow(i);
        const hi = Math.min(binHigh(i), this.max);
        const v = lo + ((rank - seen) / c) * (hi - lo);
        return Math.min(this.max, Math.max(this.min, v));
      }
      seen += c;
    }
    return this.max;
  }
}
