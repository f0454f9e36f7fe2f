/**
 * One run reduced to the numbers a sweep keeps: a fixed list of metrics per
 * run (hours, whether the promise held, ledger totals), NaN where a run has
 * no value (a service never back, a design without that service).
 */
import { usableShareAt } from '../run/calibration.js';
import type { RunResult } from '../run/runScenario.js';
import type { Scenario } from '../scenario/schema.js';
import { currencyUnit } from '../scenario/currency.js';
import type { Cell } from './plan.js';

/** What each run row holds, in order. */
export interface Columns {
  services: string[];
  groups: string[];
  metrics: string[];
  /** What people call the designs, services and groups, by id (absent in sweeps begun before names were kept). */
  names?: Names;
  /** The parameters runs draw, by path: each run's factor is a `param:PATH` metric (absent when runs use the values as written). */
  params?: string[];
  /**
   * Hours of the reported restart curve: each run's fraction of servers running then is a `curve:H`
   * metric. Kept by sweeps that draw their parameters, so a fit and a check against history read them
   * (absent otherwise).
   */
  curve?: number[];
  /** Hours of the reported usable curve (`usable:H`: the demand-weighted share of services usable then), kept as `curve` is. */
  usable?: number[];
  /** What follows an amount of money, as the scenario writes its currency (absent in sweeps begun before it was kept). */
  currencyUnit?: string;
}

/** Names by id, for the report. */
export interface Names {
  designs: Record<string, string>;
  services: Record<string, string>;
  groups: Record<string, string>;
}

/** The union of every cell's services and ledger groups, in order of first appearance. */
export function columnsOf(cells: Cell[]): Columns {
  const services: string[] = [];
  const groups: string[] = [];
  const params: string[] = [];
  const curve: number[] = [];
  const usable: number[] = [];
  const names: Names = { designs: {}, services: {}, groups: {} };
  for (const cell of cells) {
    for (const p of cell.uncertainty?.parameters ?? []) if (!params.includes(p.path)) params.push(p.path);
    if (cell.uncertainty !== undefined) for (const [h] of cell.scenario.history?.serverCurve ?? []) if (!curve.includes(h)) curve.push(h);
    if (cell.uncertainty !== undefined) for (const [h] of cell.scenario.history?.usableCurve ?? []) if (!usable.includes(h)) usable.push(h);
    names.designs[cell.design] ??= cell.title;
    for (const s of cell.scenario.services) {
      if (!services.includes(s.id)) services.push(s.id);
      names.services[s.id] ??= s.name;
    }
    for (const g of cell.scenario.impact?.groups ?? []) {
      if (!groups.includes(g.id)) groups.push(g.id);
      names.groups[g.id] ??= g.name;
    }
  }
  const metrics = [
    'all_restored_h',
    'promise_kept',
    ...services.flatMap((id) => [`${id}:usable_h`, `${id}:normal_h`]),
    // Amounts in the scenario's currency; sweeps begun before this named them `…_won` (olderNames.ts reads those).
    ...groups.map((g) => `ledger:${g}:loss`),
    // In the viewer's units: what one person lost (median of the ledger's draws), and hours without the services.
    ...groups.flatMap((g) => [`ledger:${g}:loss_per_person`, `ledger:${g}:hours`]),
    'ledger:total_loss',
    'ledger:total_compensation',
    ...params.map((p) => `param:${p}`),
    ...curve.map((h) => `curve:${h}`),
    ...usable.map((h) => `usable:${h}`),
  ];
  const unit = cells.length === 0 ? undefined : currencyUnit(cells[0]!.scenario);
  return { services, groups, metrics, names, ...(unit === undefined ? {} : { currencyUnit: unit }), ...(params.length === 0 ? {} : { params }), ...(curve.length === 0 ? {} : { curve }), ...(usable.length === 0 ? {} : { usable }) };
}

const num = (x: number | null | undefined) => (x === null || x === undefined ? NaN : x);

/** The metrics of one run of `scenario`, in `columns.metrics` order. */
export function metricsOf(result: RunResult, columns: Columns, scenario: Scenario): number[] {
  const byService = new Map(result.services.map((s) => [s.id, s]));
  const promises = result.services.map((s) => s.promiseMet);
  const promiseKept = promises.some((p) => p === null) ? NaN : promises.every((p) => p === true) ? 1 : 0;
  const groups = new Map((result.ledger?.groups ?? []).map((g) => [g.id, g]));
  const losses = columns.groups.map((g) => num(groups.get(g)?.lossTotal?.p50));
  const perPerson = columns.metrics.includes(`ledger:${columns.groups[0]}:hours`) ? columns.groups.flatMap((g) => [num(groups.get(g)?.lossPerPerson?.p50), num(groups.get(g)?.outageHours)]) : [];
  const ledger = result.ledger?.groups ?? [];
  return [
    num(result.allRestoredHours),
    promiseKept,
    ...columns.services.flatMap((id) => [num(byService.get(id)?.firstUsableHours), num(byService.get(id)?.normalHours)]),
    ...losses,
    ...perPerson,
    ledger.length === 0 ? NaN : ledger.reduce((a, g) => a + (g.lossTotal?.p50 ?? 0), 0),
    ledger.length === 0 ? NaN : ledger.reduce((a, g) => a + (g.compensationTotal ?? 0), 0),
    ...(columns.params ?? []).map((path) => num(result.parameters?.values.find((v) => v.path === path)?.factor)),
    ...(columns.curve ?? []).map((h) => num(result.serverCurve.find((p) => Math.abs(p.hours - h) < 1e-9)?.fractionRunning)),
    ...(columns.usable ?? []).map((h) => usableShareAt(scenario, result, h)),
  ];
}
