/**
 * What a finished sweep writes: `runs.csv` (one row per run, in the canonical
 * order) and `summary.json` (distributions per arm — a design under a policy —,
 * paired differences against the first arm on the same seeds, sensitivity to
 * each `--vary` value). Both are functions of the runs alone, so they are the same
 * whatever the workers, shards or interruptions.
 */
import type { Columns } from './results.js';
import { firstOrderIndex } from './sensitivity.js';
import { ecdf, pairedDifference, percentiles } from './stats.js';
import type { DesignSummary, SweepSummary } from './summary.js';

/** Everything the outputs are made from. */
export interface SweepData {
  scenario: string;
  seedsText: string;
  seeds: number[];
  cells: Array<{ design: string; policy: string; variation: string }>;
  columns: Columns;
  /** metrics[(cell × seeds + seedIndex) × metricCount + m]; NaN for no value. */
  metrics: Float64Array;
  /** How the runs drew their parameters, if they did (the spec's `parameters`). */
  parameters?: 'priors' | { posteriorSha256: string };
  /** The posterior's file as the command that wrote the outputs named it, for the report's replay commands. */
  posteriorFile?: string;
}

const r3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);
const csvCell = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** The runs as CSV. */
export function runsCsv(data: SweepData): string {
  const m = data.columns.metrics.length;
  const lines = [['design', 'policy', 'variation', 'seed', ...data.columns.metrics].map(csvCell).join(',')];
  data.cells.forEach((cell, c) => {
    data.seeds.forEach((seed, i) => {
      const at = (c * data.seeds.length + i) * m;
      const values: string[] = [];
      for (let k = 0; k < m; k++) {
        const x = data.metrics[at + k]!;
        values.push(Number.isFinite(x) ? String(x) : '');
      }
      lines.push([csvCell(cell.design), csvCell(cell.policy), csvCell(cell.variation), String(seed), ...values].join(','));
    });
  });
  return `${lines.join('\n')}\n`;
}

/** The values of one metric over the seeds of one cell. */
function metric(data: SweepData, cell: number, name: string): Float64Array {
  const m = data.columns.metrics.length;
  const k = data.columns.metrics.indexOf(name);
  const out = new Float64Array(data.seeds.length);
  for (let i = 0; i < data.seeds.length; i++) out[i] = data.metrics[(cell * data.seeds.length + i) * m + k]!;
  return out;
}

const pct = (xs: Float64Array) => {
  const p = percentiles(xs);
  return { p50: r3(p.p50), p90: r3(p.p90), p99: r3(p.p99) };
};

/** At most `max` points of an ECDF, always keeping the last. */
function thin<T>(points: T[], max = 200): T[] {
  if (points.length <= max) return points;
  const step = points.length / max;
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) out.push(points[Math.floor(i * step)]!);
  out.push(points.at(-1)!);
  return out;
}

/** The summary of a finished sweep. */
export function summarize(data: SweepData): SweepSummary {
  const designNames = [...new Set(data.cells.map((c) => c.design))];
  const policies = [...new Set(data.cells.map((c) => c.policy))];
  const variations = [...new Set(data.cells.map((c) => c.variation))];
  // An arm is a design under a policy; its label says only what varies in the sweep.
  const label = (design: string, policy: string) => (policies.length === 1 ? design : designNames.length === 1 ? policy : `${design} · ${policy}`);
  const arms = designNames.flatMap((design) => policies.filter((policy) => data.cells.some((c) => c.design === design && c.policy === policy)).map((policy) => ({ design, policy, label: label(design, policy) })));
  const designs = arms.map((a) => a.label);
  const cellOf = (arm: string, variation: string) => {
    const { design, policy } = arms.find((a) => a.label === arm)!;
    return data.cells.findIndex((c) => c.design === design && c.policy === policy && c.variation === variation);
  };
  const perDesign = arms.map(({ design, policy, label: armLabel }) => {
    const c = cellOf(armLabel, 'base');
    const all = metric(data, c, 'all_restored_h');
    const promise = metric(data, c, 'promise_kept');
    const kept = Array.from(promise).filter((x) => !Number.isNaN(x));
    // Worst: the latest to be restored (never restored is worst of all); best: the earliest. Ties go to the first seed.
    let worst = 0;
    let best = 0;
    const key = (i: number) => (Number.isNaN(all[i]!) ? Infinity : all[i]!);
    for (let i = 1; i < all.length; i++) {
      if (key(i) > key(worst)) worst = i;
      if (key(i) < key(best)) best = i;
    }
    // The ECDF of all-restored hours, each step with the seed of the run that made it.
    const order = Array.from(all.keys()).sort((a, b) => key(a) - key(b) || a - b);
    const steps: Array<[number, number, number]> = [];
    order.forEach((i, rank) => {
      if (!Number.isFinite(all[i]!)) return;
      steps.push([r3(all[i]!)!, Math.round(((rank + 1) / all.length) * 1e6) / 1e6, data.seeds[i]!]);
    });
    const totalLoss = metric(data, c, 'ledger:total_loss');
    return {
      design: armLabel,
      designName: design,
      policy,
      runs: all.length,
      allRestoredHours: pct(all),
      neverRestored: Array.from(all).filter((x) => Number.isNaN(x)).length,
      promiseKept: kept.length === 0 ? null : r3(kept.filter((x) => x === 1).length / kept.length),
      promiseRuns: kept.length,
      worst: { seed: data.seeds[worst]!, allRestoredHours: r3(all[worst]!) },
      best: { seed: data.seeds[best]!, allRestoredHours: r3(all[best]!) },
      ecdf: thin(steps),
      services: data.columns.services.map((id) => {
        const normal = metric(data, c, `${id}:normal_h`);
        const usable = metric(data, c, `${id}:usable_h`);
        const steps = (xs: Float64Array) => thin(ecdf(xs).map(([h, f]) => [r3(h)!, Math.round(f * 1e6) / 1e6] as [number, number]));
        return { id, usable: pct(usable), normal: pct(normal), ecdf: steps(normal), usableEcdf: steps(usable) };
      }),
      ledger: data.columns.groups.map((g) => {
        const loss = pct(metric(data, c, `ledger:${g}:loss`));
        const entry: DesignSummary['ledger'][number] = { group: g, loss: { p50: loss.p50, p90: loss.p90 } };
        // Sweeps begun before these columns existed have none.
        if (data.columns.metrics.includes(`ledger:${g}:hours`)) {
          const perPerson = metric(data, c, `ledger:${g}:loss_per_person`);
          const hours = pct(metric(data, c, `ledger:${g}:hours`));
          const p = pct(perPerson);
          entry.perPerson = Array.from(perPerson).every((x) => Number.isNaN(x)) ? null : { p50: p.p50, p90: p.p90 };
          entry.hours = { p50: hours.p50, p90: hours.p90 };
        }
        return entry;
      }),
      totalLoss: (({ p50, p90 }) => ({ p50, p90 }))(pct(totalLoss)),
    };
  });
  const first = designs[0]!;
  const paired = designs.slice(1).flatMap((design) =>
    ['all_restored_h', ...data.columns.services.flatMap((id) => [`${id}:usable_h`, `${id}:normal_h`])].map((name) => {
      const d = pairedDifference(metric(data, cellOf(first, 'base'), name), metric(data, cellOf(design, 'base'), name));
      return { a: first, b: design, metric: name, n: d.n, excluded: d.excluded, meanDifference: r3(d.mean), ci95: [r3(d.ci95[0]), r3(d.ci95[1])] as [number | null, number | null] };
    }),
  );
  const sensitivity = designs.flatMap((design) => {
    const base = percentiles(metric(data, cellOf(design, 'base'), 'all_restored_h')).p50;
    return variations
      .filter((v) => v !== 'base')
      .map((variation) => {
        const p50 = percentiles(metric(data, cellOf(design, variation), 'all_restored_h')).p50;
        const [path, value] = [variation.slice(0, variation.indexOf('=')), variation.slice(variation.indexOf('=') + 1)];
        return { design, path, value, allRestoredP50: r3(p50), baseP50: r3(base), delta: r3(p50 - base) };
      });
  });
  const uncertainty = data.parameters === undefined || data.columns.params === undefined ? undefined : whatItHangsOn(data, designs, cellOf);
  return {
    kind: 'firedrill-sweep-summary' as const,
    version: 3 as const,
    scenario: data.scenario,
    policies,
    seeds: data.seedsText,
    runs: data.cells.length * data.seeds.length,
    designs,
    variations,
    services: data.columns.services,
    groups: data.columns.groups,
    ...(data.columns.names === undefined ? {} : { names: data.columns.names }),
    ...(data.columns.currencyUnit === undefined ? {} : { currencyUnit: data.columns.currencyUnit }),
    perDesign,
    paired,
    sensitivity,
    ...(uncertainty === undefined ? {} : { uncertainty }),
  };
}

/** Indices smaller than this are left out of the summary: too small to act on, and mostly sampling noise. */
const SMALLEST_INDEX = 0.01;
/** Parameters kept per arm and outcome, largest index first. */
const INDICES_KEPT = 10;

/** What the outcomes of a sweep that drew its parameters hang on: first-order indices per arm (base variation). */
function whatItHangsOn(data: SweepData, designs: string[], cellOf: (arm: string, variation: string) => number): NonNullable<SweepSummary['uncertainty']> {
  const params = data.columns.params!;
  const outcomes = ['all_restored_h', ...data.columns.services.map((id) => `${id}:normal_h`)];
  const indices: NonNullable<SweepSummary['uncertainty']>['indices'] = [];
  const unexplained: NonNullable<SweepSummary['uncertainty']>['unexplained'] = [];
  for (const design of designs) {
    const c = cellOf(design, 'base');
    const factors = params.map((p) => metric(data, c, `param:${p}`));
    for (const outcome of outcomes) {
      const y = metric(data, c, outcome);
      const found = params.map((path, i) => ({ path, index: firstOrderIndex(factors[i]!, y) }));
      if (found.every((f) => f.index === null)) continue;
      const explained = found.reduce((sum, f) => sum + (f.index ?? 0), 0);
      unexplained.push({ design, metric: outcome, share: r3(Math.max(0, 1 - explained))! });
      found
        .filter((f): f is { path: string; index: number } => f.index !== null && f.index >= SMALLEST_INDEX)
        .sort((a, b) => b.index - a.index || (a.path < b.path ? -1 : 1))
        .slice(0, INDICES_KEPT)
        .forEach((f) => indices.push({ design, metric: outcome, path: f.path, index: r3(f.index)! }));
    }
  }
  const source = data.parameters === 'priors' ? 'prior' : 'posterior';
  return { source, posteriorSha256: typeof data.parameters === 'object' ? data.parameters.posteriorSha256 : null, posteriorFile: typeof data.parameters === 'object' ? (data.posteriorFile ?? null) : null, indices, unexplained };
}

export type { SweepSummary };
