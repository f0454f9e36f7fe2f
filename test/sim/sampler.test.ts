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
    expect(meanOf({ kind: 'lognormal', median: 2, p90: 4 }) > 2).toBe(true);
    expect(meanOf({ kind: 'weibull', shape: 1, scale: 3 })).toBeCloseTo(3, 1);
    expect(meanOf({ kind: 'triangular', min: 0, mode: 3, max: 6 })).toBeCloseTo(3, 1);
    expect(meanOf({ kind: 'truncatedNormal', mean: 0, sd: 1, min: 0, max: Infinity })).toBeCloseTo(Math.sqrt(2 / Math.PI), 1);
    expect(meanOf({ kind: 'empirical', points: [[0, 0], [4, 1]] })).toBeCloseTo(2, 1);
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
