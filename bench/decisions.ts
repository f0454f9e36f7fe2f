/**
 * What decisions cost in time. A Pangyo run driven in steps of simulated time
 * with an action at every step (the drill's pattern: the run stops every
 * 10 minutes and the learner does something) against the same run straight
 * through; and the counterfactuals of a 30-decision log against 31 plain runs.
 * Each pair is measured alternately in the same process, so the ratio does
 * not depend on the machine's speed of the moment.
 */
import { HOUR, MINUTE } from '../sim/index.js';
import { deciderOf } from '../src/decide/policies.js';
import { counterfactuals } from '../src/run/counterfactual.js';
import { drive } from '../src/run/drive.js';
import { runLogged, runScenario } from '../src/run/runScenario.js';
import { startRun, type LoggedAction } from '../src/run/steppedRun.js';
import type { Scenario } from '../src/scenario/schema.js';
import { pangyoScenario } from './pangyo.js';

/** A fresh scenario object, so every run builds its world layout as a user's run does. */
const fresh = (): Scenario => ({ ...pangyoScenario() });

/** One run straight through, in ms. */
function straight(seed: number): number {
  const scenario = fresh();
  const t0 = performance.now();
  runScenario({ scenario, seed, policy: 'historical' });
  return performance.now() - t0;
}

/**
 * One run stopped every `everyMin` simulated minutes; at each stop the view is read and an action
 * taken (setting the work order to what it is, so the outcome stays the same run's). In ms.
 */
function stepped(seed: number, everyMin: number): number {
  const scenario = fresh();
  const t0 = performance.now();
  const run = startRun({ scenario, seed, policy: 'historical' });
  const decider = deciderOf(scenario, 'historical', seed);
  for (let t = 0; t < run.horizon; t += everyMin * MINUTE) {
    drive(run, decider, t);
    if (run.observe().h < 0) throw new Error('unreachable: a view from before the start');
    run.act({ kind: 'priorities.set', first: [] }, 'bench');
  }
  drive(run, decider);
  run.finish();
  return performance.now() - t0;
}

/** Median of a list. */
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1]! : (s[(s.length >> 1) - 1]! + s[s.length >> 1]!) / 2;
};

/** Stepped against straight: medians of `pairs` alternating pairs, after a warm-up. */
export function runStepped(params: { seed: number; pairs: number; every: number }) {
  for (let i = 0; i < 5; i++) {
    straight(params.seed);
    stepped(params.seed, params.every);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < params.pairs; i++) {
    a.push(straight(params.seed));
    b.push(stepped(params.seed, params.every));
  }
  const ratios = a.map((x, i) => b[i]! / x);
  return { straight_ms: median(a), stepped_ms: median(b), ratio: median(ratios), ratio_min: Math.min(...ratios), ratio_max: Math.max(...ratios), stops: Math.ceil((pangyoScenario().horizon) / (params.every * MINUTE)) };
}

/** The historical log of `seed` padded to `decisions` entries with unprompted actions that change nothing. */
function logOf(seed: number, decisions: number): readonly LoggedAction[] {
  const { log } = runLogged({ scenario: fresh(), seed, policy: 'historical' });
  const padded = [...log];
  for (let k = 1; padded.length < decisions; k++) padded.push({ atMs: k * 3 * HOUR, stop: null, request: null, by: 'bench', action: { kind: 'priorities.set', first: [] } });
  return padded.sort((x, y) => x.atMs - y.atMs || (x.stop === null ? -1 : 1) - (y.stop === null ? -1 : 1));
}

/** Counterfactuals of a `decisions`-entry log against decisions + 1 plain runs: medians of alternating rounds. */
export function runCounterfactualBench(params: { seed: number; decisions: number; rounds: number }) {
  const scenario = fresh();
  const log = logOf(params.seed, params.decisions);
  const def = { scenario, seed: params.seed, policy: 'historical' };
  const alternative = () => deciderOf(scenario, 'runbook', params.seed);
  counterfactuals(def, log, alternative); // warm-up
  const cf: number[] = [];
  const plain: number[] = [];
  for (let r = 0; r < params.rounds; r++) {
    let t0 = performance.now();
    counterfactuals({ ...def, scenario: fresh() }, log, alternative);
    cf.push(performance.now() - t0);
    t0 = performance.now();
    const s = fresh();
    for (let i = 0; i <= log.length; i++) runScenario({ scenario: s, seed: params.seed, policy: 'historical' });
    plain.push(performance.now() - t0);
  }
  const ratios = cf.map((x, i) => x / plain[i]!);
  return { decisions: log.length, counterfactual_ms: median(cf), plain_runs_ms: median(plain), ratio: median(ratios), ratio_min: Math.min(...ratios), ratio_max: Math.max(...ratios) };
}
