/**
 * The debrief of a drill: the truth, side by side on the same seed (the same
 * fire and the same luck) — the learner's run, and the policies the script
 * compares with; per service when it came back, the promises against what
 * happened, the ledger under each; what each of the learner's decisions cost
 * (replaced by the judging policy's choice, the rest as it was), costliest
 * first; and a score by the published rubric (docs/drill.md).
 */
import { deciderOf } from '../decide/policies.js';
import { counterfactuals, type Effect } from '../run/counterfactual.js';
import { runScenario, type RunResult } from '../run/runScenario.js';
import type { LoggedAction } from '../run/steppedRun.js';
import type { Scenario } from '../scenario/schema.js';
import { currencyUnit } from '../scenario/currency.js';
import type { PromiseResult } from '../stream/protocol.js';

/** One run of the debrief: the learner's or a policy's. */
export interface Arm {
  /** `you`, or the policy's name. */
  name: string;
  allRestoredH: number | null;
  services: Array<{ id: string; name: string; firstUsableH: number | null; normalH: number | null; userHoursLost: number }>;
  userHoursLost: number;
  ledger: Array<{ id: string; name: string; loss: number | null; compensation: number | null; outageH: number }>;
  /** Lost income of all groups, in the debrief's `currencyUnit`. */
  loss: number;
  promises: PromiseResult[];
  spent: number;
}

/** What one of the learner's decisions cost: + is worse than the judging policy's choice would have been. */
export interface DecisionCost {
  index: number;
  /** Hours after ignition. */
  h: number;
  by: string;
  action: LoggedAction['action'];
  /** What the judging policy chose instead (empty: it would not have acted). */
  instead: LoggedAction['action'][];
  same: boolean;
  /** Lost income the judging policy's choice would have saved (+) or added (−). */
  cost: number;
  /** Hours of everything-restored it would have saved (+) or added (−); null if one of them never got there. */
  costH: number | null;
  /** The services it moved most, in hours it would have saved. */
  services: Array<{ id: string; costH: number }>;
}

/** A part of the score. */
export interface ScorePart {
  name: string;
  points: number;
  max: number;
  why: string;
}

/** The whole debrief. */
export interface Debrief {
  seed: number;
  judgeWith: string;
  /** What follows an amount of money: the scenario's currency unit. */
  currencyUnit: string;
  arms: Arm[];
  decisions: DecisionCost[];
  score: { total: number; max: number; parts: ScorePart[] };
}

/** What the debrief is made from. */
export interface DebriefDef {
  scenario: Scenario;
  design?: string | null;
  seed: number;
  /** The learner's decision log. */
  log: readonly LoggedAction[];
  compareWith: readonly string[];
  judgeWith: string;
  /** Where the learner stopped playing (ms), and the policy that answers the questions asked after it. [default: played to the horizon] */
  then?: { fromMs: number; policy: string };
}

const r1 = (x: number) => Math.round(x * 10) / 10;

function armOf(name: string, r: RunResult): Arm {
  const ledger = (r.ledger?.groups ?? []).map((g) => ({ id: g.id, name: g.name, loss: g.lossTotal?.p50 ?? null, compensation: g.compensationTotal, outageH: g.outageHours }));
  return {
    name,
    allRestoredH: r.allRestoredHours,
    services: r.services.map((s) => ({ id: s.id, name: s.name, firstUsableH: s.firstUsableHours, normalH: s.normalHours, userHoursLost: s.userHoursLost })),
    userHoursLost: r.services.reduce((n, s) => n + s.userHoursLost, 0),
    ledger,
    loss: ledger.reduce((n, g) => n + (g.loss ?? 0), 0),
    promises: r.promises,
    spent: r.spent,
  };
}

function costOf(effect: Effect, ignitionMs: number): DecisionCost {
  return {
    index: effect.index,
    h: Math.round(((effect.entry.atMs - ignitionMs) / 3_600_000) * 1000) / 1000,
    by: effect.entry.by,
    action: effect.entry.action,
    instead: effect.instead.map((c) => c.action),
    same: effect.same,
    cost: 0 - effect.loss || 0,
    costH: effect.allRestoredH === null ? null : 0 - effect.allRestoredH || 0,
    services: effect.services
      .filter((s) => s.normalH !== null && Math.abs(s.normalH) >= 0.05)
      .map((s) => ({ id: s.id, costH: 0 - s.normalH! || 0 }))
      .sort((a, b) => Math.abs(b.costH) - Math.abs(a.costH))
      .slice(0, 5),
  };
}

/**
 * The score, out of 100 (docs/drill.md): the outcome, from where the
 * historical response left users to where the judging policy did (50); the
 * promises kept (20); and how little the decisions cost against the judging
 * policy's choices (30).
 */
export function scoreOf(you: Arm, judge: Arm, baseline: Arm, decisions: readonly DecisionCost[]): Debrief['score'] {
  const gap = baseline.userHoursLost - judge.userHoursLost;
  const outcome = gap > 0 ? Math.max(0, Math.min(1, (baseline.userHoursLost - you.userHoursLost) / gap)) : you.userHoursLost <= baseline.userHoursLost ? 1 : 0;
  const made = you.promises.length;
  const kept = you.promises.filter((p) => p.met === true).length;
  const promises = made === 0 ? 0.5 : kept / made;
  const lossGap = Math.max(1, baseline.loss - judge.loss);
  const costly = decisions.reduce((n, d) => n + Math.max(0, d.cost), 0);
  const decided = Math.max(0, 1 - costly / lossGap);
  const parts: ScorePart[] = [
    { name: 'outcome', points: r1(50 * outcome), max: 50, why: `user-hours lost ${Math.round(you.userHoursLost).toLocaleString('en-US')}, against ${Math.round(baseline.userHoursLost).toLocaleString('en-US')} (${baseline.name}) and ${Math.round(judge.userHoursLost).toLocaleString('en-US')} (${judge.name})` },
    { name: 'promises', points: r1(20 * promises), max: 20, why: made === 0 ? 'no promise made: half marks (the public had no word)' : `${kept} of ${made} promise${made === 1 ? '' : 's'} kept` },
    { name: 'decisions', points: r1(30 * decided), max: 30, why: `your decisions cost ${Math.round(costly).toLocaleString('en-US')} against ${judge.name}'s choices, of a ${Math.round(lossGap).toLocaleString('en-US')} gap between ${baseline.name} and ${judge.name}` },
  ];
  return { total: r1(parts.reduce((n, p) => n + p.points, 0)), max: 100, parts };
}

/** Works out the debrief: 1 + compareWith + (learner's decisions) runs at most. */
export function debrief(def: DebriefDef): Debrief {
  const { scenario, seed } = def;
  const design = def.design ?? null;
  const then = def.then === undefined ? undefined : { fromMs: def.then.fromMs, by: () => deciderOf(scenario, def.then!.policy, seed) };
  const cf = counterfactuals({ scenario, design, seed, policy: 'learner' }, def.log, () => deciderOf(scenario, def.judgeWith, seed), then === undefined ? {} : { then });
  const you = armOf('you', cf.base.result);
  const others = def.compareWith.map((policy) => armOf(policy, runScenario({ scenario, design, seed, policy })));
  const decisions = cf.effects.map((e) => costOf(e, scenario.fire.ignition)).sort((a, b) => b.cost - a.cost || (b.costH ?? 0) - (a.costH ?? 0) || a.index - b.index);
  const judge = others.find((a) => a.name === def.judgeWith) ?? armOf(def.judgeWith, runScenario({ scenario, design, seed, policy: def.judgeWith }));
  // The baseline is the first other policy that is not the judge (historical in the built-in scripts).
  const baseline = others.find((a) => a.name !== def.judgeWith) ?? judge;
  return { seed, judgeWith: def.judgeWith, currencyUnit: currencyUnit(scenario), arms: [you, ...others], decisions, score: scoreOf(you, judge, baseline, decisions) };
}
