import { describe, expect, it } from 'vitest';
import { createStreams, normal } from '../../sim/index.js';
import { ecdf, normalQuantile, pairedDifference, percentiles, quantileSorted, tQuantile, wilsonInterval } from '../../src/sweep/stats.js';

describe('sweep statistics', () => {
  it('P50/P90/P99 interpolate between order statistics (type 7, as R and NumPy)', () => {
    const xs = Array.from({ length: 11 }, (_, i) => i * 10); // 0, 10, …, 100
    expect(percentiles(xs)).toEqual({ p50: 50, p90: 90, p99: 99 });
    const p = percentiles([3, 1, 2, 4]);
    expect(p.p50).toBe(2.5);
    expect(p.p90).toBeCloseTo(3.7, 12);
    expect(p.p99).toBeCloseTo(3.97, 12);
    expect(quantileSorted([5], 0.9)).toBe(5);
  });

  it('counts runs that never came back as later than any that did', () => {
    expect(percentiles([1, 2, 3, NaN])).toEqual({ p50: 2.5, p90: Infinity, p99: Infinity });
    expect(percentiles([1, 2, NaN, NaN]).p50).toBe(Infinity);
  });

  it('gives the ECDF as steps at each distinct value', () => {
    expect(ecdf([3, 1, 2, 2, NaN])).toEqual([
      [1, 0.2],
      [2, 0.6],
      [3, 0.8],
    ]);
  });

  it('knows the normal and t quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829, 5);
    expect(tQuantile(0.975, 9)).toBeCloseTo(2.262, 2);
    expect(tQuantile(0.975, 29)).toBeCloseTo(2.045, 3);
    expect(tQuantile(0.975, 100)).toBeCloseTo(1.984, 3);
  });

  it('a paired-difference 95% interval covers a known difference in about 95% of synthetic sweeps', () => {
    // Model: design A's recovery ~ N(100, 20) per seed; B = A − 5 + N(0, 3) on the same seed. True difference −5.
    const rng = createStreams(42).get('synthetic');
    let covered = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < 20; i++) {
        const x = normal(rng, 100, 20);
        a.push(x);
        b.push(x - 5 + normal(rng, 0, 3));
      }
      const d = pairedDifference(a, b);
      if (d.ci95[0] <= -5 && -5 <= d.ci95[1]) covered++;
    }
    // 95% ± 3 binomial standard errors (0.49 points each).
    expect(covered / trials).toBeGreaterThan(0.935);
    expect(covered / trials).toBeLessThan(0.965);
  });

  it('leaves out pairs where a run never came back, and says how many', () => {
    expect(pairedDifference([1, 2, NaN], [2, 4, 5])).toMatchObject({ n: 2, excluded: 1, mean: 1.5 });
  });

  it('wilsonInterval gives the Wilson score interval: inside [0, 1], not empty at 0 of n (reference values from R prop.test without continuity correction)', () => {
    const [lo, hi] = wilsonInterval(0, 20)!;
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.1611, 4);
    const [a, b] = wilsonInterval(7, 20)!;
    expect(a).toBeCloseTo(0.1812, 4);
    expect(b).toBeCloseTo(0.5671, 4);
    expect(wilsonInterval(20, 20)![1]).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
