/**
 * One run reduced to the numbers a sweep keeps: a fixed list of metrics per
 * run (hours, whether the promise held, ledger totals), NaN where a run has
 * no value (a service never back, a design without that service).
 */
import type { RunResult } from '../run/runScenario.js';
import type { Cell } from './plan.js';

/** What each run row holds, in order. */
export interface Columns {
  services: string[];
  groups: string[];
  metrics: string[];
}

/** The union of every cell's services and ledger groups, in order of first appearance. */
export function columnsOf(cells: Cell[]): Columns {
  const services: string[] = [];
  const groups: string[] = [];
  for (const cell of cells) {
    for (const s of cell.scenario.services) if (!services.includes(s.id)) services.push(s.id);
    for (const g of cell.scenario.impact?.groups ?? []) if (!groups.includes(g.id)) groups.push(g.id);
  }
  const metrics = [
    'all_restored_h',
    'promise_kept',
    ...services.flatMap((id) => [`${id}:usable_h`, `${id}:normal_h`]),
    ...groups.map((g) => `ledger:${g}:loss_won`),
    'ledger:total_loss_won',
    'ledger:total_compensation_won',
  ];
  return { services, groups, metrics };
}

const num = (x: number | null | undefined) => (x === null || x === undefined ? NaN : x);

/** The metrics of one run, in `columns.metrics` order. */
export function metricsOf(result: RunResult, columns: Columns): number[] {
  const byService = new Map(result.services.map((s) => [s.id, s]));
  const promises = result.services.map((s) => s.promiseMet);
  const promiseKept = promises.some((p) => p === null) ? NaN : promises.every((p) => p === true) ? 1 : 0;
  const groups = new Map((result.ledger?.groups ?? []).map((g) => [g.id, g]));
  const losses = columns.groups.map((g) => num(groups.get(g)?.lossTotal?.p50));
  const ledger = result.ledger?.groups ?? [];
  return [
    num(result.allRestoredHours),
    promiseKept,
    ...columns.services.flatMap((id) => [num(byService.get(id)?.firstUsableHours), num(byService.get(id)?.normalHours)]),
    ...losses,
    ledger.length === 0 ? NaN : ledger.reduce((a, g) => a + (g.lossTotal?.p50 ?? 0), 0),
    ledger.length === 0 ? NaN : ledger.reduce((a, g) => a + (g.compensationTotal ?? 0), 0),
  ];
}
