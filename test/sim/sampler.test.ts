import { describe, expect, it } from 'vitest';
import { createSampler, createStreams, type DistributionSpec } from '../../sim/index.js';

const meanOf = (spec: DistributionSpec, n = 50_000) => {
  const draw = createSampler(spec);
  const rng = createStreams(11).get('sampler');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += draw(rng);
  return sum / n;
};

describe('createSampler', () => {
  it('samples every kind with the right mean', () => {
    expect(meanOf({ kind: 'constant', value: 7 })).toBe(7);
    expect(meanOf({ kind: 'exponential', mean: 2 })).toBeCloseTo(2, 1);
    expect(meanOf({ kind: 'uniform', min: 1, max: 3 })).toBeCloseTo(2, 1);
    expect(meanOf({ kind: 'normal', mean: 4, sd: 1 })).toBeCloseTo(4, 1);
    expect(meanOf({ kind: 'lognormal', mu: 0, sigma: 0.5 })).toBeCloseTo(Math.exp(0.125), 1);
    expect(meanOf({ kind: 'weibull', shape: 1, scale: 3 })).toBeCloseTo(3, 1);
    expect(meanOf({ kind: 'triangular', min: 0, mode: 3, max: 6 })).toBeCloseTo(3, 1);
    expect(meanOf({ kind: 'truncatedNormal', mean: 0, sd: 1, min: 0, max: Infinity })).toBeCloseTo(Math.sqrt(2 / Math.PI), 1);
    expect(meanOf({ kind: 'empirical', points: [[0, 0], [4, 1]] })).toBeCloseTo(2, 1);
  });

  it('samples a lognormal given by its median and P90 with the mean that implies', () => {
    // median m, P90 p: mu = ln m, sigma = ln(p / m) / z90, mean = exp(mu + sigma^2 / 2) = 2.3152 for (2, 4).
    const z90 = 1.2815515655446004;
    const sigma = Math.log(4 / 2) / z90;
    const mean = 2 * Math.exp((sigma * sigma) / 2);
    const sd = mean * Math.sqrt(Math.exp(sigma * sigma) - 1);
    // 50,000 draws: the sample mean's standard error is sd / sqrt(n) = 0.006; four of them is 0.024,
    // while P90 taken as the P95 (z 1.645) would move the mean to 2.19 and P90 as the P80 (z 0.842) to 2.81.
    const tolerance = (4 * sd) / Math.sqrt(50_000);
    expect(tolerance).toBeLessThan(0.03);
    expect(Math.abs(meanOf({ kind: 'lognormal', median: 2, p90: 4 }) - mean)).toBeLessThan(tolerance);
  });

  it('rejects bad parameters with a message naming the distribution and the parameter', () => {
    expect(() => createSampler({ kind: 'exponential', mean: 0 })).toThrow(/exponential distribution: mean must be > 0, got 0/);
    expect(() => createSampler({ kind: 'uniform', min: 3, max: 3 })).toThrow(/uniform distribution: needs finite min < max/);
    expect(() => createSampler({ kind: 'lognormal', median: 4, p90: 3 })).toThrow(/lognormal needs 0 < median < p90/);
    expect(() => createSampler({ kind: 'weibull', shape: 0, scale: 1 })).toThrow(/weibull distribution: needs shape > 0/);
    expect(() => createSampler({ kind: 'triangular', min: 0, mode: 9, max: 5 })).toThrow(/triangular distribution: needs min <= mode <= max/);
    expect(() => createSampler({ kind: 'truncatedNormal', mean: 0, sd: 1, min: 2, max: 1 })).toThrow(/truncatedNormal distribution: needs min < max/);
    expect(() => createSampler({ kind: 'constant', value: NaN })).toThrow(/constant distribution: value must be a finite number/);
    expect(() => createSampler({ kind: 'gamma' } as never)).toThrow(/unknown distribution kind "gamma"/);
  });
});
