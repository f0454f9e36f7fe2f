/**
 * The random decider: at every question, one of the options it can take now,
 * drawn from its own named stream (so the fire and the hardware luck stay
 * those of every other decider on the same seed). Sweeps over seeds with it
 * explore the decision space; its parameters tilt the draws.
 */
import type { Action, DecisionRequest } from '../model/decisions.js';
import type { RandomDeciderDef } from '../scenario/responseSchema.js';
import type { Rng } from '../../sim/index.js';
import type { CommanderView } from '../stream/protocol.js';
import { available, type Choice, type Decider } from './decider.js';

/** Creates the random decider of one run, drawing from `rng`. */
export function createRandomDecider(name: string, def: RandomDeciderDef, rng: Rng): Decider {
  const pick = <T>(xs: readonly T[]): T | null => (xs.length === 0 ? null : xs[Math.floor(rng() * xs.length)]!);
  const choose = (action: Action | null): Choice[] => (action === null ? [] : [{ action, by: name }]);
  return {
    name,
    decide(request: DecisionRequest, view: CommanderView): Choice[] {
      const open = view.pending.find((p) => p.id === request.id)?.options.filter((o) => o.missing === null && o.action.kind !== 'defer').map((o) => o.action) ?? [];
      switch (request.kind) {
        case 'failover':
          return choose(available(view, request, rng() < def.approve ? 'failover.approve' : 'failover.deny'));
        case 'rebuild':
          return choose(rng() < def.rebuild ? pick(open.filter((a) => a.kind === 'rebuild.start')) : available(view, request, 'rebuild.wait'));
        default:
          return choose(pick(open));
      }
    },
  };
}
