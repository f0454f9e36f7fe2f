/**
 * Model B of MODELS.md, repair-shop: N servers fail and wait for C repair
 * crews, written on the kernel as a user would, with callbacks and a Resource.
 * Its statistics come from the kernel's own resource and time-weighted stats.
 */
import { HOUR, TimeWeighted, createEnvironment, createResource, createStreams, exponential } from '../sim/index.js';

/** Parameters of model B (times in hours, as MODELS.md gives them). */
export interface RepairShopParams {
  servers: number;
  crews: number;
  mtbf: number;
  mttr: number;
  hours: number;
  seed: number;
}

/** Outputs of model B, named as in MODELS.md. */
export interface RepairShopOutputs {
  failures: number;
  repairs: number;
  repair_starts: number;
  mean_wait_h: number;
  p_wait: number;
  availability: number;
  crew_utilization: number;
  mean_queue_len: number;
  down_at_end: number;
}

/** One run of model B, in MODELS.md's output shape. */
export interface RepairShopResult {
  events: number;
  setup_s: number;
  run_s: number;
  events_per_s_run: number;
  outputs: RepairShopOutputs;
}

/** MODELS.md's defaults. */
export const REPAIR_SHOP_DEFAULTS: RepairShopParams = { servers: 32_000, crews: 50, mtbf: 1_000, mttr: 1.4, hours: 25_000, seed: 1 };

/** Runs model B once. */
export function runRepairShop(params: RepairShopParams): RepairShopResult {
  const { servers: N, crews: C, seed } = params;
  const mtbf = params.mtbf * HOUR;
  const mttr = params.mttr * HOUR;
  const horizon = params.hours * HOUR;

  const t0 = performance.now();
  const env = createEnvironment({ capacity: N + C });
  const crews = createResource(env, { capacity: C, name: 'crews' });
  const streams = createStreams(seed);
  const failureRng = streams.get('failures');
  const repairRng = streams.get('repairs');
  const failedAt = new Float64Array(N);
  const down = new TimeWeighted(0, 0);
  let failures = 0;
  let repairs = 0;
  let repairStarts = 0;
  let waited = 0;
  let waitSum = 0;

  const startRepair = (server: number): void => {
    const now = env.now;
    const wait = now - failedAt[server]!;
    repairStarts++;
    waitSum += wait;
    if (wait > 0) waited++;
    env.schedule(exponential(repairRng, mttr), complete, server);
  };

  const fail = (server: number): void => {
    const now = env.now;
    failures++;
    failedAt[server] = now;
    down.update(now, down.value + 1);
    crews.acquire(startRepair, server);
  };

  function complete(server: number): void {
    repairs++;
    down.update(env.now, down.value - 1);
    env.schedule(exponential(failureRng, mtbf), fail, server);
    crews.release(); // hands the crew to the next server in the queue, if any
  }

  for (let s = 0; s < N; s++) env.schedule(exponential(failureRng, mtbf), fail, s);
  const t1 = performance.now();
  env.run({ until: horizon });
  const t2 = performance.now();

  const events = failures + repairs;
  const runS = (t2 - t1) / 1000;
  return {
    events,
    setup_s: (t1 - t0) / 1000,
    run_s: runS,
    events_per_s_run: events / runS,
    outputs: {
      failures,
      repairs,
      repair_starts: repairStarts,
      mean_wait_h: waitSum / repairStarts / HOUR,
      p_wait: waited / repairStarts,
      availability: 1 - down.mean(horizon) / N,
      crew_utilization: crews.utilisation(),
      mean_queue_len: crews.meanQueueLength(),
      down_at_end: down.value,
    },
  };
}
