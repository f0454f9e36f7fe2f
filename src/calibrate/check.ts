/**
 * The posterior predictive check: runs that draw the calibrated parameters
 * from a posterior (and the rest from their priors), set beside every figure
 * history reports, each marked in sample (a fit target) or out of sample
 * (validation only). Per figure: the simulated median and P5–P95 over the
 * runs, and whether the reported figure lies inside; overall: the share that
 * does (coverage) and the out-of-sample figures' median absolute error.
 */
import { quantile } from '../run/calibration.js';
import { firstOrderIndex } from '../sweep/sensitivity.js';
import type { Scenario } from '../scenario/schema.js';
import type { SweepData } from '../sweep/outputs.js';

/** One reported figure the check compares. */
export interface CheckFigure {
  name: string;
  label: string;
  metric: string;
  unit: 'fraction' | 'h';
  reported: number;
  inSample: boolean;
}

/** One figure's row of the check. */
export interface CheckRow {
  name: string;
  label: string;
  unit: 'fraction' | 'h';
  inSample: boolean;
  median: number | null;
  p5: number | null;
  p95: number | null;
  reported: number;
  /** Whether P5 ≤ reported ≤ P95 (a figure that never happened counts as later than any). */
  inside: boolean;
}

/** What the check found overall. */
export interface CheckSummary {
  inside: number;
  of: number;
  coverage: number;
  /** Median over the out-of-sample figures in hours of |simulated median − reported|. */
  validationMedianAbsErrorHours: number | null;
  /** P95 − P5 of everything restored, hours; null when P95 is "never". */
  allRestoredWidthHours: number | null;
}

const HOUR = 3_600_000;

/** Every figure `history:` reports, in order: restart curve points, each service's milestones, usable curve points (never a fit target), all-restored. */
export function checkFigures(scenario: Scenario): CheckFigure[] {
  const history = scenario.history;
  if (history === undefined) return [];
  const targets = scenario.calibration?.targets ?? [];
  const names = new Map(scenario.services.map((s) => [s.id, s.name]));
  const figures: CheckFigure[] = history.serverCurve.map(([h, f]) => ({ name: `serverCurve@${h}`, label: `servers running at ${h} h`, metric: `curve:${h}`, unit: 'fraction', reported: f, inSample: targets.includes('serverCurve') }));
  for (const [id, reported] of Object.entries(history.services)) {
    for (const field of ['firstUsable', 'normal'] as const) {
      const value = reported[field];
      if (value === undefined) continue;
      const name = `services.${id}.${field}`;
      figures.push({ name, label: `${names.get(id) ?? id} ${field === 'firstUsable' ? 'first usable' : 'normal'}`, metric: `${id}:${field === 'firstUsable' ? 'usable' : 'normal'}_h`, unit: 'h', reported: value / HOUR, inSample: targets.includes(name) });
    }
  }
  for (const [h, f] of history.usableCurve) figures.push({ name: `usableCurve@${h}`, label: `systems usable again at ${h} h`, metric: `usable:${h}`, unit: 'fraction', reported: f, inSample: false });
  if (history.allRestored !== undefined) figures.push({ name: 'allRestored', label: 'everything restored', metric: 'all_restored_h', unit: 'h', reported: history.allRestored / HOUR, inSample: targets.includes('allRestored') });
  return figures;
}

/** Each run's value of each figure (null: never happened), from a check's sweep data (one cell). */
export function figureValues(data: SweepData, figures: readonly CheckFigure[]): Array<Array<number | null>> {
  const m = data.columns.metrics.length;
  const columns = figures.map((f) => data.columns.metrics.indexOf(f.metric));
  return data.seeds.map((_, t) => columns.map((k) => (k < 0 || !Number.isFinite(data.metrics[t * m + k]!) ? null : data.metrics[t * m + k]!)));
}

/** The rows and summary of a check from each run's values. */
export function checkRows(figures: readonly CheckFigure[], values: ReadonlyArray<ReadonlyArray<number | null>>): { rows: CheckRow[]; summary: CheckSummary } {
  const rows = figures.map((f, i): CheckRow => {
    // Never back counts as later than any run that was: it stays in the ranks.
    const xs = values.map((v) => v[i] ?? Infinity);
    const finite = (x: number | null) => (x === null || !Number.isFinite(x) ? null : x);
    const p5 = quantile(xs, 0.05);
    const p95 = quantile(xs, 0.95);
    return { name: f.name, label: f.label, unit: f.unit, inSample: f.inSample, median: finite(quantile(xs, 0.5)), p5: finite(p5), p95: finite(p95), reported: f.reported, inside: p5 !== null && p95 !== null && p5 <= f.reported && f.reported <= p95 };
  });
  const inside = rows.filter((r) => r.inside).length;
  const errors = rows.filter((r) => !r.inSample && r.unit === 'h').map((r) => (r.median === null ? Infinity : Math.abs(r.median - r.reported)));
  const mae = quantile(errors, 0.5);
  const all = rows.find((r) => r.name === 'allRestored');
  return {
    rows,
    summary: {
      inside,
      of: rows.length,
      coverage: rows.length === 0 ? 0 : inside / rows.length,
      validationMedianAbsErrorHours: mae === null || !Number.isFinite(mae) ? null : mae,
      allRestoredWidthHours: all === undefined || all.p5 === null || all.p95 === null ? null : all.p95 - all.p5,
    },
  };
}

/** The check as a Markdown table. */
export function checkMarkdown(rows: readonly CheckRow[]): string {
  const f = (x: number | null, unit: 'h' | 'fraction') => (x === null ? 'not back' : unit === 'h' ? x.toFixed(1) : `${(x * 100).toFixed(1)}%`);
  const lines = ['| figure | fit or validation | simulated median | P5–P95 | reported | inside |', '| --- | --- | ---: | ---: | ---: | :---: |'];
  for (const r of rows) lines.push(`| ${r.label} | ${r.inSample ? 'fit (in sample)' : 'validation (out of sample)'} | ${f(r.median, r.unit)} | ${f(r.p5, r.unit)}–${f(r.p95, r.unit)} | ${f(r.reported, r.unit)} | ${r.inside ? 'yes' : '**no**'} |`);
  return lines.join('\n');
}

/** One parameter's first-order index for one figure. */
export interface HangsOn {
  figure: string;
  path: string;
  index: number;
}

/** Parameters kept per figure, largest index first. */
const KEPT = 3;

/**
 * What each figure's spread over the check's runs hangs on: per figure, the (at most three) parameters
 * of largest first-order index (src/sweep/sensitivity.ts) of at least 0.1 (below it, with a few hundred runs, mostly sampling noise), from each run's drawn
 * factors (`factors[run][parameter]`, in `paths` order). Figures with no spread are left out.
 */
export function hangsOn(figures: readonly CheckFigure[], values: ReadonlyArray<ReadonlyArray<number | null>>, paths: readonly string[], factors: ReadonlyArray<readonly number[]>): HangsOn[] {
  const out: HangsOn[] = [];
  figures.forEach((f, i) => {
    const y = values.map((v) => v[i] ?? NaN);
    const found = paths
      .map((path, k) => ({ path, index: firstOrderIndex(factors.map((x) => x[k]!), y) }))
      .filter((x): x is { path: string; index: number } => x.index !== null && x.index >= 0.1)
      .sort((a, b) => b.index - a.index || (a.path < b.path ? -1 : 1))
      .slice(0, KEPT);
    for (const x of found) out.push({ figure: f.name, path: x.path, index: Math.round(x.index * 1000) / 1000 });
  });
  return out;
}

/** The sensitivity table in Markdown: per figure with a spread, what it hangs on. */
export function hangsOnMarkdown(figures: readonly CheckFigure[], found: readonly HangsOn[]): string {
  const lines = ['| figure | what its spread hangs on (first-order index) |', '| --- | --- |'];
  for (const f of figures) {
    const mine = found.filter((x) => x.figure === f.name);
    if (mine.length > 0) lines.push(`| ${f.label} | ${mine.map((x) => `${x.path} ${x.index.toFixed(2)}`).join('; ')} |`);
  }
  return lines.join('\n');
}
