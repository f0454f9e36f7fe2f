/**
 * Rejection ABC (approximate Bayesian computation; Pritchard et al. 1999):
 * draw every parameter from its prior, simulate, and keep the draws whose
 * simulated history lies closest to the reported one. The kept draws'
 * calibrated factors are a sample of their posterior; the assumed
 * parameters, drawn from their priors in every run, are integrated out.
 * Pure: the runs come in as sweep data, the choice is a function of them.
 */
import type { SweepData } from '../sweep/outputs.js';

/** One figure a fit compares: its `history:` target name, its journal column and the reported value. */
export interface TargetFigure {
  /** `serverCurve@17`, `allRestored`, `services.ID.firstUsable`. */
  name: string;
  metric: string;
  reported: number;
  /** `fraction`: compared as a difference of fractions; `h`: as a relative error. */
  unit: 'fraction' | 'h';
}

/** What the distance is, in words, for the posterior file and the docs. */
export const DISTANCE_TEXT =
  'root mean square over the target figures of the difference in fraction of servers running (restart curve points) or the relative error (hours); a figure that never happened counts as an error of 1';

/** The figures of `targets` (a scenario's `calibration.targets`) in `history`, each with its sweep column. */
export function targetFigures(targets: readonly string[], history: { serverCurve: ReadonlyArray<readonly [number, number]>; services: Record<string, { firstUsable?: number; normal?: number }>; allRestored?: number }): TargetFigure[] {
  const HOUR = 3_600_000;
  return targets.flatMap((target): TargetFigure[] => {
    if (target === 'serverCurve') return history.serverCurve.map(([h, f]) => ({ name: `serverCurve@${h}`, metric: `curve:${h}`, reported: f, unit: 'fraction' }));
    if (target === 'allRestored') return [{ name: target, metric: 'all_restored_h', reported: history.allRestored! / HOUR, unit: 'h' }];
    const [, id, field] = target.split('.') as [string, string, 'firstUsable' | 'normal'];
    return [{ name: target, metric: `${id}:${field === 'firstUsable' ? 'usable' : 'normal'}_h`, reported: history.services[id]![field]! / HOUR, unit: 'h' }];
  });
}

/** The distance of one run's figures (in `figures` order; NaN: never happened) to the reported ones. */
export function distance(simulated: readonly number[], figures: readonly TargetFigure[]): number {
  let sum = 0;
  figures.forEach((f, i) => {
    const x = simulated[i]!;
    const e = !Number.isFinite(x) ? 1 : f.unit === 'fraction' ? x - f.reported : (x - f.reported) / f.reported;
    sum += e * e;
  });
  return Math.sqrt(sum / figures.length);
}

/** Each run's distance, in task order, from a fit's sweep data (one cell). */
export function distances(data: SweepData, figures: readonly TargetFigure[]): number[] {
  const m = data.columns.metrics.length;
  const columns = figures.map((f) => {
    const k = data.columns.metrics.indexOf(f.metric);
    if (k < 0) throw new RangeError(`the fit's runs have no ${f.metric} column`);
    return k;
  });
  return data.seeds.map((_, t) => distance(columns.map((k) => data.metrics[t * m + k]!), figures));
}

/**
 * The `accept` runs of smallest distance, in order of distance (a tie goes to the earlier draw), so the
 * choice depends on the runs alone, never on the order they finished in.
 */
export function acceptClosest(d: readonly number[], accept: number): number[] {
  return d
    .map((x, t) => [x, t] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, accept)
    .map(([, t]) => t);
}
