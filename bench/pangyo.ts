/**
 * The Pangyo replay as a benchmark: one run of the built-in scenario through
 * full recovery, in-process, and the same scenario scaled to ten times the
 * fleet, whose cost should grow about tenfold, not worse. With `ledger: 0`
 * the impact ledger is left out, to measure what it adds.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { runScenario } from '../src/run/runScenario.js';
import { scaleScenario } from '../src/scenario/scale.js';
import { Scenario } from '../src/scenario/schema.js';

/** Parameters of the Pangyo benchmark. */
export interface PangyoParams {
  seed: number;
  /** Fleet multiplier (1 = 32,000 servers). */
  scale: number;
  /** 1 computes the impact ledger (as every user's run does), 0 drops the scenario's `impact:` section. [default: 1] */
  ledger?: number;
}

/** One timed run. */
export interface PangyoResult {
  servers: number;
  events: number;
  setup_s: number;
  run_s: number;
  events_per_s_run: number;
  outputs: { allRestoredHours: number | null };
}

let base: Scenario | null = null;

/** The built-in scenario, parsed once per process. */
export function pangyoScenario(): Scenario {
  base ??= Scenario.parse(parse(readFileSync(new URL(import.meta.url.includes('/dist/') ? '../../scenarios/pangyo-2022.yaml' : '../scenarios/pangyo-2022.yaml', import.meta.url), 'utf8')));
  return base;
}

/** Runs the replay once; `run_s` covers building the world and the whole run, as a user's run would. */
export function runPangyo(params: PangyoParams): PangyoResult {
  const t0 = performance.now();
  const scaled = scaleScenario(pangyoScenario(), params.scale);
  // A new scenario object every time: the world's layout is cached per scenario object (a sweep builds it
  // once), and a user's `firedrill run` builds it once per run, so each measured run builds it too. Reusing
  // the object for some variants and not others would compare a run with a layout build to one without.
  const scenario = params.ledger === 0 ? { ...scaled, impact: undefined } : { ...scaled };
  const t1 = performance.now();
  const end = runScenario({ scenario, seed: params.seed });
  const t2 = performance.now();
  const runS = (t2 - t1) / 1000;
  const servers = scenario.sites.find((s) => s.id === scenario.fire.site)!.halls.reduce((n, h) => n + h.racks * h.serversPerRack, 0);
  return { servers, events: end.events, setup_s: (t1 - t0) / 1000, run_s: runS, events_per_s_run: end.events / runS, outputs: { allRestoredHours: end.allRestoredHours } };
}
