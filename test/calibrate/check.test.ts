import { describe, expect, it } from 'vitest';
import { checkFigures, checkRows, type CheckFigure } from '../../src/calibrate/check.js';
import { loadScenario } from '../../src/scenario/load.js';

describe('checkFigures', () => {
  it('lists every figure history reports, the fit targets in sample and the usable curve never', () => {
    const figures = checkFigures(loadScenario('ovh-sbg-2021').scenario);
    expect(figures.map((f) => [f.name, f.metric, f.unit, f.reported, f.inSample])).toEqual([
      ['serverCurve@135', 'curve:135', 'fraction', 0, true],
      ['serverCurve@287', 'curve:287', 'fraction', 0.4, true],
      ['usableCurve@791', 'usable:791', 'fraction', 0.92, false],
    ]);
  });
});

describe('checkRows', () => {
  const figures: CheckFigure[] = [
    { name: 'serverCurve@17', label: 'servers running at 17 h', metric: 'curve:17', unit: 'fraction', reported: 0.33, inSample: true },
    { name: 'services.a.normal', label: 'A normal', metric: 'a:normal_h', unit: 'h', reported: 10, inSample: false },
    { name: 'services.b.normal', label: 'B normal', metric: 'b:normal_h', unit: 'h', reported: 50, inSample: false },
    { name: 'allRestored', label: 'everything restored', metric: 'all_restored_h', unit: 'h', reported: 100, inSample: false },
  ];
  // Twenty runs: the curve 0.30 … 0.49; A at 1 … 20 h; B at 1 … 20 h (all before its report); all-restored never in the last two.
  const values = Array.from({ length: 20 }, (_, i) => [(30 + i) / 100, i + 1, i + 1, i >= 18 ? null : 90 + i]);

  it('takes nearest-rank P5, median and P95, counts a figure that never happened as later than any, and says which reports lie inside', () => {
    const { rows, summary } = checkRows(figures, values);
    expect(rows.map((r) => [r.name, r.p5, r.median, r.p95, r.inside])).toEqual([
      ['serverCurve@17', 0.3, 0.39, 0.48, true],
      ['services.a.normal', 1, 10, 19, true],
      ['services.b.normal', 1, 10, 19, false],
      ['allRestored', 90, 99, null, true],
    ]);
    expect(summary).toEqual({ inside: 3, of: 4, coverage: 0.75, validationMedianAbsErrorHours: 1, allRestoredWidthHours: null });
  });
});
