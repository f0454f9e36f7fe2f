/**
 * One run of a scenario straight through: a stepped run driven to its horizon
 * by the decider of its policy (or one given). A pure function of (scenario,
 * design, policy or decider, seed): the same inputs give the same messages,
 * byte for byte.
 */
import type { Decider } from '../decide/decider.js';
import { deciderOf } from '../decide/policies.js';
import type { RunResult } from '../observe/observer.js';
import { drive } from './drive.js';
import { defaultPolicy, startRun, type RunDef } from './steppedRun.js';

export type { RunDef } from './steppedRun.js';
export type { RunResult };

/** Runs a scenario once and returns its summary (the `run.end` message) with its impact ledger. */
export function runScenario(def: RunDef & { decider?: Decider }): RunResult {
  const run = startRun(def);
  drive(run, def.decider ?? deciderOf(def.scenario, def.policy ?? defaultPolicy(def.scenario), def.seed ?? 1));
  return run.finish();
}
