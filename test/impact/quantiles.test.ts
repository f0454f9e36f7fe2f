import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRunningMedian, median, percentiles, runningMedian } from '../../src/impact/quantiles.js';

const of = (...xs: number[]) => Float64Array.from(xs);

describe('quantiles of the draws', () => {
  it('median() and percentiles() take the nearest rank', () => {
    expect(median(of(5, 1, 4, 2, 3))).toBe(3);
    expect(median(of(4, 1, 3, 2))).toBe(2);
    expect(percentiles(of(10, 1, 9, 2, 8, 3, 7, 4, 6, 5))).toEqual({ p10: 1, p50: 5, p90: 9 });
  });

  it('runningMedian() keeps the last median when its rank holds, and looks beside it when the rank moved', () => {
    const state = createRunningMedian(new Float64Array(5));
    // First call: the guess (draw 0, value 5) is the largest, four ranks off: found beside it.
    expect(runningMedian(state, of(5, 1, 4, 2, 3))).toBe(3);
    expect(state.guess).toBe(4);
    // Everyone grows, draw 4 is still in the middle.
    expect(runningMedian(state, of(6, 1, 5, 3, 4))).toBe(4);
    expect(state.guess).toBe(4);
    // Draw 1 overtakes everyone: the median is one rank above draw 4's value.
    expect(runningMedian(state, of(6, 9, 5, 3, 4))).toBe(5);
    expect(state.guess).toBe(2);
    // Ties: draws 0, 1 and 2 at 7 hold ranks 2–4; the median is 7 though draw 2's rank moved down.
    expect(runningMedian(state, of(7, 7, 7, 3, 4))).toBe(7);
    // Values below: two ranks down from draw 2.
    expect(runningMedian(state, of(1, 2, 7, 3, 4))).toBe(3);
    expect(state.guess).toBe(3);
  });

  it('runningMedian() gives what median() gives, for series that drift, jump and tie', () => {
    const series = fc.record({
      start: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 60 }),
      steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 60 })), { maxLength: 12 }),
    });
    fc.assert(
      fc.property(series, ({ start, steps }) => {
        const values = Float64Array.from(start);
        const state = createRunningMedian(new Float64Array(values.length));
        expect(runningMedian(state, values)).toBe(median(Float64Array.from(values)));
        for (const [kind, changes] of steps) {
          for (let i = 0; i < values.length; i++) {
            const c = changes[i % Math.max(1, changes.length)] ?? 0;
            // 0: small growth for a few draws; 1: every draw grows; 2: a reshuffle; 3: nothing moves.
            if (kind === 0 && i % 7 === 0) values[i]! += c / 10;
            else if (kind === 1) values[i]! += c;
            else if (kind === 2) values[i] = c * 3;
          }
          expect(runningMedian(state, values)).toBe(median(Float64Array.from(values)));
        }
      }),
      { seed: 17, numRuns: 300 },
    );
  });
});
