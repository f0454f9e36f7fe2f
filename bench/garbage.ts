/**
 * What a sweep worker's runs leave for the garbage collector: the five designs
 * of the Pangyo scenario run in turn in one process, as a worker runs them,
 * and after a warm-up the collections are counted. Garbage is what V8's
 * helper threads work on beside the workers, and with every core running a
 * worker that work comes out of the sweep's time (bench/RESULTS.md, sweep).
 */
import { GCProfiler } from 'node:v8';
import { runScenario } from '../src/run/runScenario.js';
import { makePlan } from '../src/sweep/plan.js';
import { SWEEP_DESIGNS } from './sweep.js';

/** Parameters of the garbage benchmark. */
export interface GarbageParams {
  /** Runs before counting, so the JIT has settled. [default: 500] */
  warmup: number;
  /** Runs counted. [default: 500] */
  measured: number;
}

/** Collections per 100 runs, and time. */
export interface GarbageResult {
  runs: number;
  ms_per_run: number;
  scavenges_per_100_runs: number;
  mark_compacts_per_100_runs: number;
  /** Time the runs' thread spent stopped in collections (helper threads' work not included). */
  gc_pause_ms_per_run: number;
}

/** Runs the five designs seed by seed, as a sweep orders its tasks, and counts the collections of the measured runs. */
export function runGarbage(params: GarbageParams): GarbageResult {
  const designs = SWEEP_DESIGNS.split(',');
  const seeds = Math.ceil((params.warmup + params.measured) / designs.length);
  const plan = makePlan({ scenario: 'pangyo-2022', designs, seeds: `1..${seeds}`, policies: ['historical'], vary: [] }, null);
  let k = 0;
  const run = () => {
    const cell = plan.cells[k % designs.length]!;
    runScenario({ scenario: cell.scenario, design: cell.design, policy: cell.policy, seed: 1 + Math.floor(k / designs.length) });
    k++;
  };
  for (let i = 0; i < params.warmup; i++) run();
  const profiler = new GCProfiler();
  profiler.start();
  const t0 = performance.now();
  for (let i = 0; i < params.measured; i++) run();
  const ms = performance.now() - t0;
  const { statistics } = profiler.stop();
  const count = (type: string) => statistics.filter((s) => s.gcType === type).length;
  const per100 = (n: number) => Math.round((n / params.measured) * 1000) / 10;
  const pauseUs = statistics.reduce((sum, s) => sum + s.cost, 0);
  return {
    runs: params.measured,
    ms_per_run: Math.round((ms / params.measured) * 100) / 100,
    scavenges_per_100_runs: per100(count('Scavenge')),
    mark_compacts_per_100_runs: per100(count('MarkSweepCompact')),
    gc_pause_ms_per_run: Math.round(pauseUs / params.measured) / 1000,
  };
}
