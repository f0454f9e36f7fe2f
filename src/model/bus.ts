/**
 * The run's event bus: the signals parts of a running world publish and
 * others listen to, one typed channel each, and the named phases of a
 * simulated instant that order the work done at the same time. Publishers
 * never know who listens: the fleet does not know that availability counts
 * its pools, availability does not know who waits for its recomputes, the
 * model does not know that an observer turns its narrative into messages.
 */
import { Channel, NORMAL } from '../../sim/index.js';
import type { Narrative } from './context.js';
import type { Action, DecisionOption, DecisionRequest } from './decisions.js';
import type { PowerDomain, Service } from './world.js';

/**
 * The phases of one simulated instant, as kernel priorities: events of the
 * same time leave phase by phase. Everything the world does happens in `act`;
 * service levels are recomputed once the instant's acts are done (`settle`);
 * observers sample a settled world (`observe`).
 */
export const Phase = {
  /** What happens: power, boots, work, decisions carried out. */
  act: NORMAL,
  /** Service levels recomputed from the instant's changes. */
  settle: 9,
  /** Samples and curve points taken of the settled world. */
  observe: 10,
} as const;

/** The signals of one run. */
export interface RunBus {
  /** A pool's running count changed because this server started or stopped running: (pool, server). Hot: once per server transition. */
  readonly poolChanged: Channel<number, number>;
  /** A server changed state: (server, from, to). Hot. */
  readonly serverChanged: Channel<number, number, number>;
  /** A power domain lost or regained power (`domain.powered` says which). */
  readonly powerChanged: Channel<PowerDomain>;
  /** Service levels were recomputed (capacity may have changed). */
  readonly recomputed: Channel;
  /** A service changed level: (service, from, to), levels as in `availability.Level`. */
  readonly levelChanged: Channel<Service, number, number>;
  /** Something a person watching would want told. */
  readonly narrated: Channel<Narrative>;
  /** A question was put to the commander. */
  readonly requested: Channel<DecisionRequest>;
  /** A question was answered: (request, the option chosen, by whom: a decider's name, or `deadline`). */
  readonly decided: Channel<DecisionRequest, DecisionOption, string>;
  /** An action was taken: (action, by whom, the key of the request it answers or null). */
  readonly acted: Channel<Action, string, string | null>;
}

/** Creates the bus of one run. */
export function createBus(): RunBus {
  return {
    poolChanged: new Channel<number, number>(),
    serverChanged: new Channel<number, number, number>(),
    powerChanged: new Channel<PowerDomain>(),
    recomputed: new Channel(),
    levelChanged: new Channel<Service, number, number>(),
    narrated: new Channel<Narrative>(),
    requested: new Channel<DecisionRequest>(),
    decided: new Channel<DecisionRequest, DecisionOption, string>(),
    acted: new Channel<Action, string, string | null>(),
  };
}
