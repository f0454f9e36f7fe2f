/**
 * The calibration check of the Pangyo replay: medians over seeds of the
 * figures issue #4 sets bands for, beside the reported values. The numbers
 * come out of the simulation; the bands only judge them.
 */
import type { Scenario } from '../scenario/schema.js';
import type { RunEndMessage } from '../stream/protocol.js';
import { runScenario } from './runScenario.js';

/** One calibrated figure. */
export interface CalibrationRow {
  label: string;
  median: number | null;
  p10: number | null;
  p90: number | null;
  reported: number;
  low: number;
  high: number;
  ok: boolean;
  unit: 'h' | 'fraction';
}

type Pick = (end: RunEndMessage) => number | null;

const curveAt = (hours: number): Pick => (end) => end.serverCurve.find((p) => Math.abs(p.hours - hours) < 1e-9)?.fractionRunning ?? null;
const service = (id: string, field: 'firstUsableHours' | 'normalHours'): Pick => (end) => end.services.find((s) => s.id === id)?.[field] ?? null;

/** The figures and bands of issue #4's acceptance. */
export const CALIBRATION_TARGETS: Array<{ label: string; pick: Pick; reported: number; low: number; high: number; unit: 'h' | 'fraction' }> = [
  ...([[0.7, 0.5], [1.55, 0], [17, 0.33], [22.4, 0.375], [69, 0.705], [88.7, 0.97]] as const).map(([h, f]) => ({
    label: `servers running at ${h} h`,
    pick: curveAt(h),
    reported: f,
    low: Math.max(0, f - 0.1),
    high: Math.min(1, f + 0.1),
    unit: 'fraction' as const,
  })),
  { label: 'KakaoTalk messaging first usable', pick: service('kakaotalk-messaging', 'firstUsableHours'), reported: 10.2, low: 6, high: 16, unit: 'h' },
  { label: 'Kakao T taxi first usable', pick: service('kakao-t-taxi', 'firstUsableHours'), reported: 19.7, low: 12, high: 30, unit: 'h' },
  { label: 'Kakao Pay core first usable', pick: service('kakao-pay', 'firstUsableHours'), reported: 23, low: 15, high: 35, unit: 'h' },
  { label: 'Kakao Mail normal', pick: service('kakao-mail', 'normalHours'), reported: 65.7, low: 45, high: 90, unit: 'h' },
  { label: 'Daum Mail normal', pick: service('daum-mail', 'normalHours'), reported: 86.7, low: 65, high: 110, unit: 'h' },
  { label: 'everything restored', pick: (end) => end.allRestoredHours, reported: 127.7, low: 110, high: 145, unit: 'h' },
];

/**
 * The share of a scenario's systems usable again at `hours` after ignition, each service weighted by
 * its demand: those first usable by then (or never down). A service lost again later still counts:
 * what it measures is how far recovery had got.
 */
export function usableShareAt(scenario: Scenario, end: RunEndMessage, hours: number): number {
  let total = 0;
  let usable = 0;
  scenario.services.forEach((def, i) => {
    const demand = def.components.reduce((n, c) => n + c.demand, 0);
    total += demand;
    const first = end.services[i]!.firstUsableHours;
    if (first !== null && first <= hours + 1e-9) usable += demand;
  });
  return total === 0 ? 1 : usable / total;
}

/**
 * The calibration targets any scenario's own history gives: each reported point of its restart curve
 * and of its usable curve, within 10 percentage points. The same for every scenario: a replay is
 * judged by what it reported, with no code of its own.
 */
export function historyTargets(scenario: Scenario): typeof CALIBRATION_TARGETS {
  const history = scenario.history;
  if (history === undefined) return [];
  const band = (f: number) => ({ reported: f, low: Math.max(0, f - 0.1), high: Math.min(1, f + 0.1), unit: 'fraction' as const });
  return [
    ...history.serverCurve.map(([h, f]) => ({ label: `servers running at ${h} h`, pick: curveAt(h), ...band(f) })),
    ...history.usableCurve.map(([h, f]) => ({ label: `systems usable again at ${h} h`, pick: (end: RunEndMessage) => usableShareAt(scenario, end, h), ...band(f) })),
  ];
}

/** Nearest-rank quantile of the non-null values; null if none. */
export function quantile(values: Array<number | null>, p: number): number | null {
  const xs = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  return xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(p * xs.length) - 1))]!;
}

/** Runs the scenario on each seed with a policy and judges every figure by its band (by default, the Pangyo targets). */
export function calibrate(scenario: Scenario, seeds: number[], policy = 'historical', targets = CALIBRATION_TARGETS): CalibrationRow[] {
  const runs = seeds.map((seed) => runScenario({ scenario, seed, policy }));
  return targets.map((t) => {
    // A run in which a figure never happened (not back by the horizon) counts as beyond the band.
    const values = runs.map((r) => t.pick(r) ?? Infinity);
    const median = quantile(values, 0.5);
    return {
      label: t.label,
      median,
      p10: quantile(values, 0.1),
      p90: quantile(values, 0.9),
      reported: t.reported,
      low: t.low,
      high: t.high,
      ok: median !== null && median >= t.low && median <= t.high,
      unit: t.unit,
    };
  });
}

/** The calibration table in Markdown. */
export function calibrationMarkdown(rows: CalibrationRow[]): string {
  const f = (x: number | null, unit: 'h' | 'fraction') => (x === null || !Number.isFinite(x) ? 'not back' : unit === 'h' ? x.toFixed(1) : `${(x * 100).toFixed(1)}%`);
  const lines = ['| figure | simulated median | P10–P90 | reported | band | in band |', '| --- | ---: | ---: | ---: | ---: | :---: |'];
  for (const r of rows) {
    lines.push(`| ${r.label} | ${f(r.median, r.unit)} | ${f(r.p10, r.unit)}–${f(r.p90, r.unit)} | ${f(r.reported, r.unit)} | ${f(r.low, r.unit)}–${f(r.high, r.unit)} | ${r.ok ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}
