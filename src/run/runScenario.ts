/**
 * One run of a scenario straight through: a stepped run advanced to its
 * horizon. A pure function of (scenario, design, policy, seed): the same
 * inputs give the same messages, byte for byte.
 */
import type { RunResult } from '../observe/observer.js';
import { startRun, type RunDef } from './steppedRun.js';

export type { RunDef } from './steppedRun.js';
export type { RunResult };

/** Runs a scenario once and returns its summary (the `run.end` message) with its impact ledger. */
export function runScenario(def: RunDef): RunResult {
  const run = startRun(def);
  run.advance(run.horizon);
  return run.finish();
}
