/**
 * Runs the posterior predictive check (check.ts) as a sweep that draws from
 * the posterior, in `out/check` (resumable like any sweep, and with the
 * sweep's report, whose sensitivity section then reads the posterior), and
 * writes `out/check.json`: each run's figures, the rows and the summary.
 */
import { join } from 'node:path';
import { writeOutput } from '../files/output.js';
import { makePlan } from '../sweep/plan.js';
import type { ProgressMode } from '../sweep/progress.js';
import { readSweepData, runSweep } from '../sweep/sweep.js';
import { drawFactors } from '../scenario/draws.js';
import { checkFigures, checkRows, figureValues, hangsOn, type CheckFigure, type CheckRow, type CheckSummary, type HangsOn } from './check.js';
import type { LoadedPosterior } from './posterior.js';

/** `check.json`. */
export interface CheckFile {
  kind: 'firedrill-posterior-check';
  version: 1;
  scenario: string;
  design: string;
  policy: string;
  posteriorSha256: string;
  seeds: string;
  figures: CheckFigure[];
  /** Per run: its seed, then each figure's value (null: never happened), to the thousandth as the journal keeps them. */
  runs: Array<Array<number | null>>;
  rows: CheckRow[];
  summary: CheckSummary;
  /** What each figure's spread hangs on: first-order indices of the drawn parameters over these runs. */
  sensitivity: HangsOn[];
}

/** Runs the check of `posterior` on `seeds` (`1..200`) and writes `out/check.json`. */
export async function runCheck(posterior: LoadedPosterior, spec: { scenario: string | null; design: string; policy: string; seeds: string }, options: { out: string; workers?: number; progress?: NodeJS.WriteStream; progressMode?: ProgressMode }): Promise<CheckFile> {
  const plan = makePlan({ scenario: spec.scenario, designs: [spec.design], seeds: spec.seeds, policies: [spec.policy], vary: [], parameters: { posteriorSha256: posterior.sha256 } }, null, posterior);
  const folder = join(options.out, 'check');
  await runSweep(plan, {
    out: folder,
    posteriorFile: posterior.file,
    label: `firedrill calibrate (check) ${spec.design} --seeds ${spec.seeds}`,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.progress === undefined ? {} : { progress: options.progress }),
    ...(options.progressMode === undefined ? {} : { progressMode: options.progressMode }),
  });
  const data = readSweepData(folder);
  const figures = checkFigures(plan.cells[0]!.scenario);
  const values = figureValues(data, figures);
  const { rows, summary } = checkRows(figures, values);
  // Each run's factors again from its seed, exactly as it drew them (the journal keeps them rounded).
  const uncertainty = plan.cells[0]!.uncertainty!;
  const factors = data.seeds.map((seed) => drawFactors(uncertainty.parameters, seed, uncertainty.posterior).factors);
  const file: CheckFile = {
    kind: 'firedrill-posterior-check',
    version: 1,
    scenario: plan.cells[0]!.scenario.id,
    design: plan.cells[0]!.design,
    policy: spec.policy,
    posteriorSha256: posterior.sha256,
    seeds: spec.seeds,
    figures,
    runs: values.map((v, t) => [data.seeds[t]!, ...v]),
    rows,
    summary,
    sensitivity: hangsOn(figures, values, uncertainty.parameters.map((p) => p.path), factors),
  };
  writeOutput(join(options.out, 'check.json'), `${JSON.stringify(file)}\n`);
  return file;
}
