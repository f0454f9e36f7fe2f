/**
 * Driving a stepped run with a decider to its horizon (or to a time): advance
 * until a question is put or the decider wants to act, let the decider answer
 * from the commander's view, repeat. `runScenario` is this loop on a fresh
 * run; a drill drives the same run with a learner instead.
 */
import type { Choice, Decider } from '../decide/decider.js';
import { ActionError } from '../model/decisions.js';
import type { SteppedRun } from './steppedRun.js';

/** Takes a decider's choice: a replayed log's entry is named in the error; an optional one the run cannot take is skipped. */
function take(run: SteppedRun, choice: Choice): void {
  try {
    run.act(choice.action, choice.by);
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    if (choice.optional === true) return;
    if (choice.entry !== undefined) error.entry = choice.entry;
    throw error;
  }
}

/** Drives `run` with `decider` until `untilMs` (default: the horizon). */
export function drive(run: SteppedRun, decider: Decider, untilMs: number = run.horizon): void {
  const until = Math.min(untilMs, run.horizon);
  let lastWake = -1;
  for (;;) {
    const wake = decider.nextWake?.(run.now) ?? Infinity;
    const stop = run.advance(Math.max(run.now, Math.min(wake, until)));
    if (stop === 'decision') {
      for (const request of run.raised()) for (const choice of decider.decide(request, run.observe())) take(run, choice);
      continue;
    }
    if (run.now >= wake && decider.wake !== undefined) {
      // A decider that asks to be woken at the same moment again without acting would loop for ever.
      if (wake === lastWake) throw new Error(`decider ${decider.name} asked to be woken at ${wake} ms again without acting`);
      lastWake = wake;
      for (const choice of decider.wake(run.now, run.observe())) take(run, choice);
      continue;
    }
    if (stop === 'end' || run.now >= until) return;
  }
}
