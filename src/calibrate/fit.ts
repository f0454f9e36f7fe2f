/**
 * `firedrill calibrate`'s fit: a sweep of one design over `draws` runs that
 * draw every parameter from its prior, on run seeds derived from the fit's
 * seed, through the sweep's pool, journal and lock (so it is as resumable
 * after a kill, and as independent of the worker count, as a sweep); then
 * rejection ABC on the journal (abc.ts) and the posterior file.
 */
import { join } from 'node:path';
import { UsageError } from '../cli/errors.js';
import { writeOutput } from '../files/output.js';
import { drawFactors } from '../scenario/draws.js';
import { makePlan, type Plan, type Shard } from '../sweep/plan.js';
import type { ProgressMode } from '../sweep/progress.js';
import { readSweepData, runSweep, type SweepOutcome } from '../sweep/sweep.js';
import { acceptClosest, distances, DISTANCE_TEXT, targetFigures } from './abc.js';
import type { PosteriorFile } from './posterior.js';

/** What a fit computes; the same spec and seed give the same posterior, byte for byte. */
export interface FitSpec {
  /** The base scenario a design must extend, or null. */
  scenario: string | null;
  /** The design the history happened on (a built-in name or a file). */
  design: string;
  /** The decider; null: the scenario's first policy. */
  policy: string | null;
  seed: number;
  draws: number;
  accept: number;
}

/** How it runs (changes nothing in what it computes). */
export interface FitRunOptions {
  out: string;
  workers?: number;
  progress?: NodeJS.WriteStream;
  progressMode?: ProgressMode;
}

/** The fit's plan: one cell, `draws` runs drawing from the priors on seeds derived from `seed` (or a shard's slice of them). */
export function fitPlan(spec: FitSpec, shard: Shard | null = null): Plan {
  if (spec.accept > spec.draws) throw new UsageError(`--accept: expected at most --draws (${spec.draws}) runs, got ${spec.accept}`);
  const plan = makePlan({ scenario: spec.scenario, designs: [spec.design], seeds: `1..${spec.draws}`, policies: spec.policy === null ? [] : [spec.policy], vary: [], parameters: 'priors', drawsFrom: spec.seed }, shard);
  const scenario = plan.cells[0]!.scenario;
  if (scenario.calibration === undefined) throw new UsageError(`${spec.design}: scenario ${scenario.id} names no calibration targets (a calibration: section with targets:), so there is nothing to fit to`);
  if (scenario.history === undefined) throw new UsageError(`${spec.design}: scenario ${scenario.id} has no history: to fit to`);
  if (!plan.cells[0]!.uncertainty!.parameters.some((p) => p.tag === 'calibrated')) throw new UsageError(`${spec.design}: scenario ${scenario.id} has no calibrated parameter with a prior (its parameters: section): nothing to fit`);
  return plan;
}

/**
 * Runs (or resumes) the fit's runs in `out/fit`, then writes `out/posterior.json`; returns it and what the
 * runs did. A shard's plan runs its slice only (posterior null): `firedrill merge` puts the slices'
 * `fit` folders together, and the same command without --shard then finds every run done.
 */
export async function runFit(spec: FitSpec, options: FitRunOptions, plan: Plan = fitPlan(spec)): Promise<{ posterior: PosteriorFile | null; runs: SweepOutcome; file: string }> {
  const cell = plan.cells[0]!;
  const folder = join(options.out, 'fit');
  const runs = await runSweep(plan, {
    out: folder,
    outputs: false,
    label: `firedrill calibrate ${spec.design} --seed ${spec.seed} --draws ${spec.draws}${plan.shard === null ? '' : ` --shard ${plan.shard.index}/${plan.shard.count}`}`,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.progress === undefined ? {} : { progress: options.progress }),
    ...(options.progressMode === undefined ? {} : { progressMode: options.progressMode }),
  });
  const file = join(options.out, 'posterior.json');
  if (plan.shard !== null) return { posterior: null, runs, file };
  const data = readSweepData(folder);
  const scenario = cell.scenario;
  const figures = targetFigures(scenario.calibration!.targets, scenario.history!);
  const d = distances(data, figures);
  const kept = acceptClosest(d, spec.accept);
  const parameters = cell.uncertainty!.parameters;
  const calibrated = parameters.flatMap((p, i) => (p.tag === 'calibrated' ? [i] : []));
  const posterior: PosteriorFile = {
    kind: 'firedrill-posterior',
    version: 1,
    scenario: scenario.id,
    design: cell.design,
    policy: cell.policy,
    method: `rejection ABC: ${spec.draws} runs drawing every parameter from its prior, the ${spec.accept} closest to the targets kept (the calibrated factors; the assumed ones are integrated out)`,
    targets: [...scenario.calibration!.targets],
    distance: DISTANCE_TEXT,
    seed: spec.seed,
    draws: spec.draws,
    accepted: spec.accept,
    tolerance: d[kept.at(-1)!]!,
    parameters: calibrated.map((i) => ({ path: parameters[i]!.path, text: parameters[i]!.text, prior: parameters[i]!.prior })),
    // The factors again from the run's seed, exactly as the run drew them (the journal keeps them rounded).
    particles: kept.map((t) => {
      const seed = data.seeds[t]!;
      const { factors } = drawFactors(parameters, seed, null);
      return { seed, distance: d[t]!, factors: calibrated.map((i) => factors[i]!) };
    }),
  };
  writeOutput(file, `${JSON.stringify(posterior, null, 1)}\n`);
  return { posterior, runs, file };
}
