import { describe, expect, it } from 'vitest';
import {
  createEmpirical,
  createStreams,
  empirical,
  exponential,
  lognormal,
  lognormalFromMedianP90,
  normal,
  triangular,
  truncatedNormal,
  uniform,
  weibull,
  type Rng,
} from '../../sim/index.js';

const N = 100_000;
const sample = (f: (rng: Rng) => number, seed = 1, n = N) => {
  const rng = createStreams(seed).get('dist');
  return Array.from({ length: n }, () => f(rng));
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};
const quantile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))]!;
/** |observed mean − expected| within 4 standard errors. */
const expectMean = (xs: number[], expected: number, sigma: number) => expect(Math.abs(mean(xs) - expected)).toBeLessThan((4 * sigma) / Math.sqrt(xs.length));

/** Standard normal CDF from Numerical Recipes' erfc (fractional error < 1.2e-7, fine in the tails). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const y = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  const erfc = y;
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}
const density = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);

describe('distributions', () => {
  it('exponential(rng, mean) has mean and sd equal to its mean, one draw each', () => {
    const xs = sample((r) => exponential(r, 3));
    expectMean(xs, 3, 3);
    expect(sd(xs)).toBeCloseTo(3, 1);
    let calls = 0;
    const counting: Rng = () => (calls++, 0.5);
    exponential(counting, 1);
    expect(calls).toBe(1);
    expect(exponential(() => 0.5, 2)).toBeCloseTo(2 * Math.LN2, 12);
  });

  it('uniform(rng, min, max) stays in [min, max) with the middle as mean', () => {
    const xs = sample((r) => uniform(r, 10, 20));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...xs)).toBeLessThan(20);
    expectMean(xs, 15, 10 / Math.sqrt(12));
  });

  it('normal(rng, mean, sd) has that mean and sd, two draws each', () => {
    const xs = sample((r) => normal(r, 5, 2));
    expectMean(xs, 5, 2);
    expect(sd(xs)).toBeCloseTo(2, 1);
    let calls = 0;
    normal(() => (calls++, 0.3), 0, 1);
    expect(calls).toBe(2);
  });

  it('lognormalFromMedianP90 gives draws with that median and 90th percentile', () => {
    const { mu, sigma } = lognormalFromMedianP90(8, 24);
    const xs = sample((r) => lognormal(r, mu, sigma));
    expect(quantile(xs, 0.5) / 8).toBeCloseTo(1, 1);
    expect(quantile(xs, 0.9) / 24).toBeCloseTo(1, 1);
    expect(() => lognormalFromMedianP90(5, 4)).toThrow(/0 < median < p90/);
  });

  it('weibull(rng, k, λ) has mean λ Γ(1 + 1/k): λ for k = 1, λ√π/2 for k = 2', () => {
    expectMean(sample((r) => weibull(r, 1, 4)), 4, 4);
    const k2 = sample((r) => weibull(r, 2, 4));
    expectMean(k2, (4 * Math.sqrt(Math.PI)) / 2, 4 * Math.sqrt(1 - Math.PI / 4));
  });

  it('triangular(rng, min, mode, max) stays in range with mean (min + mode + max) / 3', () => {
    const xs = sample((r) => triangular(r, 1, 2, 6));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...xs)).toBeLessThanOrEqual(6);
    const variance = (1 + 4 + 36 - 2 - 6 - 12) / 18;
    expectMean(xs, 3, Math.sqrt(variance));
    expect(quantile(xs, 0.2)).toBeCloseTo(1 + Math.sqrt(0.2 * 5 * 1), 1); // inverse CDF left of the mode
  });

  for (const [label, mu, s, lo, hi] of [
    ['around the mean', 0, 1, -1, 2],
    ['a wide interval', 10, 3, -100, 100],
    ['a far right tail', 0, 1, 4, Infinity],
    ['a narrow tail', 0, 1, 3, 3.1],
    ['the left tail', 2, 0.5, -Infinity, 0.5],
  ] as const) {
    it(`truncatedNormal stays inside and has the exact truncated mean: ${label}`, () => {
      const xs = sample((r) => truncatedNormal(r, mu, s, lo, hi), 3, 40_000);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...xs)).toBeLessThanOrEqual(hi);
      const a = (lo - mu) / s;
      const b = (hi - mu) / s;
      const mass = phi(b) - phi(a);
      const exact = mu + (s * (density(a) - (Number.isFinite(b) ? density(b) : 0))) / mass;
      // sd of a truncated normal is below s: s bounds the standard error.
      expectMean(xs, exact, s);
    });
  }

  it('empirical(rng, table) follows the piecewise-linear CDF (Kolmogorov–Smirnov distance < 0.02)', () => {
    const table = createEmpirical([[0, 0], [10, 0.5], [12, 0.9], [30, 1]]);
    const xs = sample((r) => empirical(r, table), 4, 20_000).sort((a, b) => a - b);
    const cdf = (x: number) => (x <= 10 ? (x / 10) * 0.5 : x <= 12 ? 0.5 + ((x - 10) / 2) * 0.4 : 0.9 + ((x - 12) / 18) * 0.1);
    let d = 0;
    xs.forEach((x, i) => (d = Math.max(d, Math.abs(cdf(x) - (i + 1) / xs.length), Math.abs(cdf(x) - i / xs.length))));
    expect(d).toBeLessThan(0.02);
  });

  it('createEmpirical rejects too few points, decreasing points and probabilities that do not run 0 → 1', () => {
    expect(() => createEmpirical([[1, 0]])).toThrow(/at least two points/);
    expect(() => createEmpirical([[5, 0], [3, 1]])).toThrow(/must not decrease/);
    expect(() => createEmpirical([[1, 0.1], [3, 1]])).toThrow(/start at p = 0 and end at p = 1/);
    expect(() => createEmpirical([[1, 0], [3, 0.9]])).toThrow(/start at p = 0 and end at p = 1/);
  });
});
