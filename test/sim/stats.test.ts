import { describe, expect, it } from 'vitest';
import {
  confidenceInterval,
  incompleteBeta,
  logGamma,
  mean,
  pairedDifference,
  studentTCdf,
  studentTQuantile,
  variance,
  welchDifference,
} from '../../src/sim/stats.ts';

describe('stats', () => {
  it('computes the mean and the sample variance (n − 1)', () => {
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9])).toBe(5);
    expect(variance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(32 / 7, 12);
    expect(mean([])).toBeNaN();
    expect(variance([3])).toBeNaN();
  });

  it('keeps the variance accurate far from zero', () => {
    expect(variance([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])).toBeCloseTo(30, 6);
  });

  it('computes ln Γ and the regularized incomplete beta', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12); // uniform
    expect(incompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 4);
  });

  it('gives the t CDF: symmetric, and Cauchy for one degree of freedom', () => {
    expect(studentTCdf(0, 5)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
    expect(studentTCdf(-2, 7) + studentTCdf(2, 7)).toBeCloseTo(1, 12);
  });

  it('matches the printed table of two-sided 95 % t quantiles', () => {
    const table: [number, number][] = [
      [1, 12.706],
      [2, 4.303],
      [4, 2.776],
      [9, 2.262],
      [19, 2.093],
      [29, 2.045],
      [120, 1.98],
    ];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 3);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.96, 3);
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-2.262, 3);
    expect(studentTQuantile(0.995, 10)).toBeCloseTo(3.169, 3);
  });

  it('builds a 95 % interval: mean ± t·s/√n', () => {
    const ci = confidenceInterval([10, 12, 9, 11, 13]);
    expect(ci.mean).toBe(11);
    expect(ci.halfWidth!).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 3);
    expect(ci.low! + ci.halfWidth!).toBeCloseTo(11, 12);
    expect(ci.level).toBe(0.95);
  });

  it('has no interval for a single replication', () => {
    const ci = confidenceInterval([4]);
    expect(ci).toMatchObject({ n: 1, mean: 4, halfWidth: null, low: null, high: null });
  });

  it('pairs replications that share a visitor stream, removing their common noise', () => {
    const a = [100, 200, 300, 400];
    const b = [99, 198, 301, 398];
    const paired = pairedDifference(a, b);
    const unpaired = welchDifference(a, b);
    expect(paired.mean).toBeCloseTo(1, 12); // differences 1, 2, −1, 2
    expect(paired.halfWidth!).toBeLessThan(unpaired.halfWidth! / 10);
    expect(() => pairedDifference([1], [1, 2])).toThrow(RangeError);
  });

  it('uses Welch–Satterthwaite degrees of freedom for independent samples', () => {
    const a = [1, 2, 3, 4, 5];
    const b = [2, 4, 6, 8, 10, 12];
    const w = welchDifference(a, b);
    const va = 2.5 / 5;
    const vb = 14 / 6;
    const df = (va + vb) ** 2 / (va ** 2 / 4 + vb ** 2 / 5);
    expect(w.mean).toBeCloseTo(3 - 7, 12);
    expect(w.halfWidth!).toBeCloseTo(studentTQuantile(0.975, df) * Math.sqrt(va + vb), 9);
  });
});
