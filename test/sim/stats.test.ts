import { describe, expect, it } from 'vitest';
import { Tally, TimeWeighted } from '../../sim/index.js';

describe('Tally', () => {
  it('keeps count, sum, mean, sample variance, min and max of its observations', () => {
    const xs = [4, 8, 15, 16, 23, 42];
    const t = new Tally();
    xs.forEach((x) => t.add(x));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
    expect(t.count).toBe(6);
    expect(t.sum).toBe(108);
    expect(t.mean).toBeCloseTo(mean, 12);
    expect(t.variance).toBeCloseTo(variance, 10);
    expect(t.sd).toBeCloseTo(Math.sqrt(variance), 10);
    expect([t.min, t.max]).toEqual([4, 42]);
  });

  it('stays exact for large offsets where the naive formula cancels', () => {
    const t = new Tally();
    [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16].forEach((x) => t.add(x));
    expect(t.variance).toBeCloseTo(30, 6);
  });

  it('reports NaN mean for no observations and NaN variance for one', () => {
    const t = new Tally();
    expect(t.mean).toBeNaN();
    t.add(3);
    expect(t.mean).toBe(3);
    expect(t.variance).toBeNaN();
  });
});

describe('TimeWeighted', () => {
  it('integrates a step function and averages it over time', () => {
    const q = new TimeWeighted(0, 0);
    q.update(2, 3); // 0 on [0, 2)
    q.update(5, 1); // 3 on [2, 5)
    q.add(9, 4); //    1 on [5, 9), then 5
    expect(q.integral(10)).toBe(0 * 2 + 3 * 3 + 1 * 4 + 5 * 1);
    expect(q.mean(10)).toBeCloseTo(18 / 10, 12);
    expect([q.min, q.max, q.value]).toEqual([0, 5, 5]);
  });

  it('mean() at the start time returns the current value', () => {
    expect(new TimeWeighted(100, 7).mean(100)).toBe(7);
  });

  it('measures from its start time, not from zero', () => {
    const q = new TimeWeighted(10, 2);
    expect(q.mean(20)).toBe(2);
  });

  it('rejects time going backwards', () => {
    const q = new TimeWeighted();
    q.update(5, 1);
    expect(() => q.update(4, 2)).toThrow(/time went backwards \(4 < 5\)/);
  });
});
