/**
 * The value of one decision: replay a run's decision log with one decision
 * replaced by what another decider would have chosen when asked, on the same
 * seed (the same fire and the same luck), and compare. For every decision of
 * the log, what it changed in hours per service and in the ledger, ranked.
 * The rest of the log is replayed as it was, where it still can be.
 */
import type { Choice, Decider } from '../decide/decider.js';
import type { DecisionRequest } from '../model/decisions.js';
import type { CommanderView } from '../stream/protocol.js';
import { createRecorded } from '../decide/recorded.js';
import type { RunResult } from '../observe/observer.js';
import { runLogged, type DecidedRunDef } from './runScenario.js';
import type { LoggedAction } from './steppedRun.js';

/** What replacing one decision changed: the counterfactual minus the run as it was. */
export interface Effect {
  /** Index of the replaced entry in the log. */
  index: number;
  entry: LoggedAction;
  /** What the other decider chose instead (nothing, for an action it would not have taken). */
  instead: Choice[];
  /** Whether the other decider chose exactly the same. */
  same: boolean;
  /** Hours: + is later. Null where one of the two never got there by the horizon. */
  allRestoredH: number | null;
  services: Array<{ id: string; firstUsableH: number | null; normalH: number | null }>;
  /** Lost income, all groups, median over the ledger's draws, in the scenario's currency: + is more lost. */
  loss: number;
  /** Per ledger group: its lost income (null where one of the two runs has none) and its hours without the services. */
  groups: Array<{ id: string; loss: number | null; outageH: number }>;
  /** What the response spent: + is more. */
  spent: number;
  /** The counterfactual run's own decision log: `firedrill run --decisions` replays it exactly. */
  log: readonly LoggedAction[];
}

/** Which decisions to weigh, and who decides after the log ends. */
export interface CounterfactualOptions {
  /** Only these entries are replaced. [default: every entry] */
  only?: (entry: LoggedAction) => boolean;
  /** Questions asked from `fromMs` on are answered by a fresh `by()` (a drill played part of the way). */
  then?: { fromMs: number; by: () => Decider };
}

/** The run as logged, and the effect of replacing each of its decisions. */
export interface Counterfactuals {
  base: { result: RunResult; log: readonly LoggedAction[] };
  /** Ranked: the replacements that would have saved the most first. */
  effects: Effect[];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : r3(a - b));
const totalLoss = (r: RunResult) => (r.ledger?.groups ?? []).reduce((n, g) => n + (g.lossTotal?.p50 ?? 0), 0);

/**
 * Replays `entries` on `def`, then once more for each entry with it replaced
 * by the choice of a fresh `alternative()` decider. At most 1 + entries.length
 * runs, each as costly as a plain one: while the log is replayed, the other
 * decider is asked what it would answer to each question, and where that is
 * exactly the logged answer, its counterfactual is the same run and is not run
 * again.
 */
export function counterfactuals(def: DecidedRunDef, entries: readonly LoggedAction[], alternative: () => Decider, options: CounterfactualOptions = {}): Counterfactuals {
  const only = options.only ?? (() => true);
  const then = options.then === undefined ? undefined : () => ({ fromMs: options.then!.fromMs, by: options.then!.by() });
  // While the log is replayed, two questions are put to the other decider: what a fresh one answers to each
  // question (the counterfactual of an answer), and what one following the run all along would do at each
  // moment, asked or not (so that an unprompted action it would take as well costs nothing).
  const would = new Map<string, Choice[]>();
  const follower = alternative();
  const wouldAt = new Map<number, Choice[]>();
  const note = (now: number, choices: Choice[]) => wouldAt.set(now, [...(wouldAt.get(now) ?? []), ...choices]);
  const follow = (now: number, view: CommanderView) => {
    const wake = follower.nextWake?.(now) ?? Infinity;
    if (wake <= now && follower.wake !== undefined) note(now, follower.wake(now, view));
  };
  const probe = (request: DecisionRequest, view: CommanderView) => {
    would.set(request.key, alternative().decide(request, view));
    note(request.atMs, follower.decide(request, view));
    follow(request.atMs, view);
  };
  const base = runLogged({ ...def, decider: createRecorded(entries, { probe, probeWake: follow, ...(then === undefined ? {} : { then: then() }) }) });
  const effects: Effect[] = [];
  entries.forEach((entry, index) => {
    if (!only(entry)) return;
    const instead = entry.request === null ? undefined : would.get(entry.request);
    const same = (a: Choice) => JSON.stringify(a.action) === JSON.stringify(entry.action);
    const alsoUnprompted = entry.request === null ? wouldAt.get(entry.atMs)?.find(same) : undefined;
    if (alsoUnprompted !== undefined) {
      // An action of its own initiative that the other decider would have taken then too.
      const log = base.log.map((e) => (e.atMs === entry.atMs && e.stop === entry.stop && same(e) ? { ...e, by: alsoUnprompted.by } : e));
      effects.push(effectOf(index, entry, [alsoUnprompted], base, { result: base.result, log }));
      return;
    }
    if (instead !== undefined && instead.length === 1 && same(instead[0]!)) {
      // The same action in the same place: the same run, only another name for who chose it.
      const log = base.log.map((e) => (e.request === entry.request && e.stop === entry.stop && e.atMs === entry.atMs ? { ...e, by: instead[0]!.by } : e));
      effects.push(effectOf(index, entry, instead, base, { result: base.result, log }));
      return;
    }
    const decider = createRecorded(entries, { lenient: true, replace: { index, by: alternative() }, ...(then === undefined ? {} : { then: then() }) });
    const cf = runLogged({ ...def, decider });
    effects.push(effectOf(index, entry, decider.replacement(), base, cf));
  });
  effects.sort((a, b) => a.loss - b.loss || (a.allRestoredH ?? 0) - (b.allRestoredH ?? 0) || a.index - b.index);
  return { base, effects };
}

function effectOf(index: number, entry: LoggedAction, instead: Choice[], base: Counterfactuals['base'], cf: Counterfactuals['base']): Effect {
  const same = instead.length === 1 && JSON.stringify(instead[0]!.action) === JSON.stringify(entry.action);
  return {
    index,
    entry,
    instead: instead.map(({ action, by }) => ({ action, by })),
    same,
    allRestoredH: delta(cf.result.allRestoredHours, base.result.allRestoredHours),
    services: cf.result.services.map((s, i) => ({ id: s.id, firstUsableH: delta(s.firstUsableHours, base.result.services[i]!.firstUsableHours), normalH: delta(s.normalHours, base.result.services[i]!.normalHours) })),
    loss: Math.round(totalLoss(cf.result) - totalLoss(base.result)),
    groups: (cf.result.ledger?.groups ?? []).map((g, i) => {
      const b = base.result.ledger!.groups[i]!;
      return { id: g.id, loss: g.lossTotal === null || b.lossTotal === null ? null : Math.round(g.lossTotal.p50 - b.lossTotal.p50), outageH: r3(g.outageHours - b.outageHours) };
    }),
    spent: cf.result.spent - base.result.spent,
    log: cf.log,
  };
}
