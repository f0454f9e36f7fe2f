/**
 * The 700-system estate written with templates (scenarios/examples/estate-700.yaml)
 * as a benchmark: one run of 45 simulated days in-process, the world's layout
 * built in each run as a user's `firedrill run` builds it. What it measures is
 * the cost of many services (700 of them, recomputed every simulated minute
 * while anything returns) rather than of many servers.
 */
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/run/runScenario.js';
import { loadFile } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/schema.js';

/** Parameters of the estate benchmark. */
export interface EstateParams {
  seed: number;
}

/** One timed run. */
export interface EstateResult {
  services: number;
  events: number;
  run_s: number;
  events_per_s_run: number;
  outputs: { allRestoredHours: number | null };
}

let base: Scenario | null = null;

/** The estate, loaded (templates expanded) once per process. */
export function estateScenario(): Scenario {
  base ??= loadFile(fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../scenarios/examples/estate-700.yaml' : '../scenarios/examples/estate-700.yaml', import.meta.url))).scenario;
  return base;
}

/** Runs the estate once through its 45-day horizon. */
export function runEstate(params: EstateParams): EstateResult {
  const scenario = { ...estateScenario() }; // a new object: its layout is built in the run, as pangyo.ts does
  const t0 = performance.now();
  const end = runScenario({ scenario, seed: params.seed });
  const runS = (performance.now() - t0) / 1000;
  return { services: scenario.services.length, events: end.events, run_s: runS, events_per_s_run: end.events / runS, outputs: { allRestoredHours: end.allRestoredHours } };
}
