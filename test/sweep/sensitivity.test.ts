import { describe, expect, it } from 'vitest';
import { createStreams } from '../../sim/index.js';
import { binsFor, firstOrderIndex, MIN_RUNS } from '../../src/sweep/sensitivity.js';

describe('firstOrderIndex', () => {
  const rng = createStreams(1).get('test');
  const n = 2000;
  const a = Float64Array.from({ length: n }, () => rng());
  const b = Float64Array.from({ length: n }, () => rng());
  const noise = Float64Array.from({ length: n }, () => rng());

  it('finds the variance shares of an additive model: y = 2a + b (4/5 and 1/5), and none for a parameter that does nothing', () => {
    const y = a.map((x, i) => 2 * x + b[i]!);
    expect(firstOrderIndex(a, y)).toBeCloseTo(0.8, 1);
    expect(firstOrderIndex(b, y)).toBeCloseTo(0.2, 1);
    expect(firstOrderIndex(noise, y)!).toBeLessThan(0.02);
  });

  it('sees an effect that is not linear: y = (a − ½)², which no correlation sees', () => {
    const y = a.map((x) => (x - 0.5) ** 2);
    expect(firstOrderIndex(a, y)!).toBeGreaterThan(0.95);
  });

  it('counts runs that never came back as late as the latest that did, and gives nothing for too few runs', () => {
    const y = a.map((x) => (x > 0.9 ? NaN : x));
    expect(firstOrderIndex(a, y)!).toBeGreaterThan(0.9);
    expect(firstOrderIndex(a.slice(0, MIN_RUNS - 1), a.slice(0, MIN_RUNS - 1))).toBeNull();
    expect(firstOrderIndex(a, new Float64Array(n).fill(3))).toBeNull();
    expect(binsFor(100)).toBe(10);
    expect(binsFor(10_000)).toBe(20);
  });
});
