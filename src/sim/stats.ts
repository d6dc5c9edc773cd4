/**
 * Statistics over replications: means, sample variances and Student-t confidence intervals.
 *
 * Used by the compare view (policies run on the same visitor stream, hence paired differences) and by
 * the tests that hold the simulator to the Erlang formulas. The t quantile is computed, not tabulated:
 * the t CDF comes from the regularized incomplete beta function (a Lentz continued fraction, as in
 * Numerical Recipes §6.4), inverted by bisection, so any level and any (even fractional) degrees of
 * freedom work, as Welch's interval needs.
 */

export interface Interval {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); null below 2 values. */
  sd: number | null;
  /** Half-width of the interval; null below 2 values (no spread to estimate). */
  halfWidth: number | null;
  low: number | null;
  high: number | null;
  level: number;
}

/** Arithmetic mean; NaN for no values. */
export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length > 0 ? s / xs.length : NaN;
}

/** Sample variance (divides by n − 1), two-pass for accuracy; NaN below 2 values. */
export function variance(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const m = mean(xs);
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - m;
    ss += d * d;
    comp += d;
  }
  return (ss - (comp * comp) / n) / (n - 1);
}

export function stdDev(xs: ArrayLike<number>): number {
  return Math.sqrt(variance(xs));
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; about 15 significant digits). */
export function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  // The continued fraction converges fast only on this side of the mean; use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df > 0, may be fractional). */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t with `df` degrees of freedom, e.g. (0.975, 9) ≈ 2.262. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`df must be > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
    if (hi > 1e12) return Infinity;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Student-t confidence interval for the mean of independent replications. */
export function confidenceInterval(xs: ArrayLike<number>, level = 0.95): Interval {
  const n = xs.length;
  const m = mean(xs);
  if (n < 2) return { n, mean: m, sd: null, halfWidth: null, low: null, high: null, level };
  const sd = stdDev(xs);
  const halfWidth = (studentTQuantile(1 - (1 - level) / 2, n - 1) * sd) / Math.sqrt(n);
  return { n, mean: m, sd, halfWidth, low: m - halfWidth, high: m + halfWidth, level };
}

/**
 * Interval for the mean difference a_i − b_i of paired replications: the compare view runs policies on
 * the same visitor stream (common random numbers), so replication i of each shares its arrivals and
 * the pairing removes their shared noise.
 */
export function pairedDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  level = 0.95,
): Interval {
  if (a.length !== b.length) throw new RangeError('paired samples must have the same length');
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i] - b[i];
  return confidenceInterval(d, level);
}

/** Welch's interval for mean(a) − mean(b) of independent samples with unequal variances. */
export function welchDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  level = 0.95,
): Interval {
  const na = a.length;
  const nb = b.length;
  const m = mean(a) - mean(b);
  if (na < 2 || nb < 2) {
    return { n: na + nb, mean: m, sd: null, halfWidth: null, low: null, high: null, level };
  }
  const va = variance(a) / na;
  const vb = variance(b) / nb;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { n: na + nb, mean: m, sd: 0, halfWidth: 0, low: m, high: m, level };
  const df = (va + vb) ** 2 / ((va * va) / (na - 1) + (vb * vb) / (nb - 1));
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, df) * se;
  return { n: na + nb, mean: m, sd: se, halfWidth, low: m - halfWidth, high: m + halfWidth, level };
}
