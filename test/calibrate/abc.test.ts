import { describe, expect, it } from 'vitest';
import { acceptClosest, distance, targetFigures } from '../../src/calibrate/abc.js';
import { runSeeds } from '../../src/sweep/plan.js';

const HOUR = 3_600_000;
const history = { serverCurve: [[0.7, 0.5], [17, 0.33]] as Array<[number, number]>, services: { mail: { normal: 65.7 * HOUR } }, allRestored: 127.7 * HOUR };

describe('targetFigures', () => {
  it('turns calibration targets into the sweep columns a fit reads, with the reported values in hours', () => {
    expect(targetFigures(['serverCurve', 'services.mail.normal', 'allRestored'], history)).toEqual([
      { name: 'serverCurve@0.7', metric: 'curve:0.7', reported: 0.5, unit: 'fraction' },
      { name: 'serverCurve@17', metric: 'curve:17', reported: 0.33, unit: 'fraction' },
      { name: 'services.mail.normal', metric: 'mail:normal_h', reported: 65.7, unit: 'h' },
      { name: 'allRestored', metric: 'all_restored_h', reported: 127.7, unit: 'h' },
    ]);
  });
});

describe('distance', () => {
  const figures = targetFigures(['serverCurve', 'allRestored'], history);
  it('is the root mean square of fraction differences and relative errors, never-happened counting as 1', () => {
    expect(distance([0.5, 0.33, 127.7], figures)).toBe(0);
    expect(distance([0.6, 0.33, 127.7], figures)).toBeCloseTo(Math.sqrt(0.01 / 3), 12);
    expect(distance([0.5, 0.33, 127.7 * 1.5], figures)).toBeCloseTo(Math.sqrt(0.25 / 3), 12);
    expect(distance([0.5, 0.33, NaN], figures)).toBeCloseTo(Math.sqrt(1 / 3), 12);
  });
});

describe('acceptClosest', () => {
  it('keeps the closest runs, a tie going to the earlier draw, whatever order they are given in', () => {
    expect(acceptClosest([0.3, 0.1, 0.2, 0.1, 0.5], 3)).toEqual([1, 3, 2]);
    expect(acceptClosest([0.3, 0.1], 5)).toEqual([1, 0]);
  });
});

describe('runSeeds', () => {
  it("derives a fit's run seeds from its seed and the draw number alone: distinct, not seed + k, the same for a draw whatever the count", () => {
    const ten = runSeeds({ seeds: '1..10', drawsFrom: 1 });
    const twenty = runSeeds({ seeds: '1..20', drawsFrom: 1 });
    expect(twenty.slice(0, 10)).toEqual(ten);
    expect(new Set(twenty).size).toBe(20);
    expect(runSeeds({ seeds: '1..10', drawsFrom: 2 })).not.toEqual(ten);
    expect(ten.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 32)).toBe(true);
    expect(runSeeds({ seeds: '1..3' })).toEqual([1, 2, 3]);
  });
});
