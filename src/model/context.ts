/**
 * What every part of a running world shares: the kernel, the random streams,
 * the world, its fleet and the scenario; plus a sink for narrative events
 * (the observer decides what to do with them, the model never looks back).
 */
import type { Environment, RandomStreams, SimEvent } from '../../sim/index.js';
import type { Scenario } from '../scenario/schema.js';
import type { RunBus } from './bus.js';
import type { Command } from './command.js';
import type { ActionBook, Desk } from './decisions.js';
import type { Fleet } from './fleet.js';
import type { Workforce } from './people.js';
import type { World } from './world.js';

/** A narrative event: something a person watching would want told (fire spreads, power cut, failover started). */
export interface Narrative {
  /** Namespaced kind, e.g. `power.lost`. */
  readonly type: string;
  /** One sentence for people. */
  readonly text: string;
  /** Ids and figures for machines (domain, service, servers …). */
  readonly data?: Readonly<Record<string, string | number | boolean | null>>;
}

/** Milestones other parts wait on, as kernel events. */
export interface Milestones {
  /** The fire is out (value: time). */
  readonly fireOut: SimEvent<number>;
  /** First loss of power anywhere (value: time). */
  readonly firstImpact: SimEvent<number>;
}

/** One link of a critical chain: something that was waited for, and when. */
export interface Step {
  /** What was waited for, in words: `electricians`, `cable replaced`, `manual failover`. */
  readonly what: string;
  readonly from: number;
  readonly to: number;
}

/** The steps recovery recorded for each domain and component, from which critical chains are read. */
export interface Chains {
  readonly domains: Step[][];
  readonly components: Step[][];
  /** When each domain was energised, or -1. */
  readonly domainEnergisedAt: Float64Array;
  /** When each dark domain's repair is due to end, once its materials are ordered (what the operator can estimate), or -1. */
  readonly domainDueAt: Float64Array;
}

/** The shared state of one run. */
export interface RunContext {
  readonly env: Environment;
  /** The run's signals; see bus.ts. */
  readonly bus: RunBus;
  readonly streams: RandomStreams;
  readonly scenario: Scenario;
  readonly world: World;
  readonly fleet: Fleet;
  readonly people: Workforce;
  /** Where questions wait for the commander. */
  readonly desk: Desk;
  /** What each action does; recovery modules register their own. */
  readonly actions: ActionBook;
  /** The command's decisions in force. */
  readonly command: Command;
  readonly milestones: Milestones;
  readonly chains: Chains;
  /** Tells a narrative event at the current time (on `bus.narrated`). */
  narrate(event: Narrative): void;
}
