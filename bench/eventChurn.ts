/**
 * Model A of MODELS.md, event-churn: K processes, each an endless chain of
 * Exp(1) delays, written on the kernel with callbacks as a user would.
 */
import { createEnvironment, createStreams, exponential } from '../sim/index.js';

/** The stream model A and micro-benchmark P both draw from, so their end times agree. */
export const EVENT_CHURN_STREAM = 'event-churn';

/** Parameters of model A. */
export interface EventChurnParams {
  processes: number;
  events: number;
  seed: number;
}

/** One run of model A, in MODELS.md's output shape. */
export interface EventChurnResult {
  events: number;
  setup_s: number;
  run_s: number;
  events_per_s_run: number;
  outputs: { events: number; end_time: number; draws: number };
}

/** Runs model A once. */
export function runEventChurn(params: EventChurnParams): EventChurnResult {
  const { processes: K, events: E, seed } = params;
  const t0 = performance.now();
  const env = createEnvironment({ capacity: K });
  const rng = createStreams(seed).get(EVENT_CHURN_STREAM);
  let handled = 0;
  let draws = 0;

  const expire = (process: number): void => {
    if (++handled === E) {
      env.stop();
      return;
    }
    draws++;
    env.schedule(exponential(rng, 1), expire, process);
  };

  for (let p = 0; p < K; p++) {
    draws++;
    env.schedule(exponential(rng, 1), expire, p);
  }
  const t1 = performance.now();
  env.run();
  const t2 = performance.now();
  const runS = (t2 - t1) / 1000;
  return {
    events: handled,
    setup_s: (t1 - t0) / 1000,
    run_s: runS,
    events_per_s_run: handled / runS,
    outputs: { events: handled, end_time: env.now, draws },
  };
}
