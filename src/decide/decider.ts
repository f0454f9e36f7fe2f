/**
 * A decider: whoever answers the commander's questions in a run — a policy
 * from the scenario, a recorded log, a learner. It sees only the commander's
 * view, never the world, and answers with actions.
 */
import type { Action, DecisionRequest } from '../model/decisions.js';
import type { CommanderView } from '../stream/protocol.js';

/** An action and who chose it (the decider's name, or as a log recorded it). */
export interface Choice {
  action: Action;
  by: string;
  /** Skipped, rather than an error, when the run cannot take it then (a lenient replay). [default: false] */
  optional?: boolean;
  /** Index of the decision-log entry it replays, for error messages. */
  entry?: number;
}

/** Answers questions put to the commander. */
export interface Decider {
  /** Its name, as runs and logs record who decided. */
  readonly name: string;
  /** The actions it takes when asked `request`, seeing `view`; none leaves the question open. */
  decide(request: DecisionRequest, view: CommanderView): Choice[];
  /** Simulated time (ms) at which it wants to act unprompted next, or Infinity; `now` is the run's clock. */
  nextWake?(now: number): number;
  /** What it does unprompted when woken at `now` (ms). */
  wake?(now: number, view: CommanderView): Choice[];
}

/** The option of `request` whose action has this kind, if it can be taken now (per the view). */
export function available(view: CommanderView, request: DecisionRequest, kind: Action['kind'], where: (a: Action) => boolean = () => true): Action | null {
  const asked = view.pending.find((p) => p.id === request.id);
  const option = asked?.options.find((o) => o.action.kind === kind && o.missing === null && where(o.action));
  return option?.action ?? null;
}
