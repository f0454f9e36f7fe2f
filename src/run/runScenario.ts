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
import { defaultPolicy, startRun, type LoggedAction, type RunDef } from './steppedRun.js';

export type { RunDef } from './steppedRun.js';
export type { RunResult };

/** What to run, optionally with a decider of one's own instead of the policy's. */
export type DecidedRunDef = RunDef & { decider?: Decider };

/** Runs a scenario once and returns its summary (the `run.end` message) with its impact ledger. */
export function runScenario(def: DecidedRunDef): RunResult {
  return runLogged(def).result;
}

/** Runs a scenario once and returns its summary with the run's decision log. */
export function runLogged(def: DecidedRunDef): { result: RunResult; log: readonly LoggedAction[] } {
  const run = startRun(def);
  drive(run, def.decider ?? deciderOf(def.scenario, def.policy ?? defaultPolicy(def.scenario), def.seed ?? 1));
  const log = run.log;
  return { result: run.finish(), log };
}
