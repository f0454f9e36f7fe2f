/**
 * What the incident command has decided so far, which the recovery modules
 * read: whether the incident is declared, which services may be failed over,
 * the order in which work is taken, the promises made and what the response
 * has spent. Changed only by carrying out actions.
 */
import type { PromiseAnchor } from './decisions.js';
import type { World } from './world.js';

/** Failover approval of a service. */
export const Approval = { undecided: 0, approved: 1, denied: 2 } as const;

/** A public promise stated during the run. */
export interface StatedPromise {
  /** When it was stated, ms. */
  atMs: number;
  withinH: number;
  after: PromiseAnchor;
  /** One service, or null for all of them. */
  service: string | null;
}

/** The command's decisions in force. */
export interface Command {
  /** A commander has declared the incident (the team may still be assembling). */
  declared: boolean;
  /** Per service: one of `Approval`. */
  readonly approval: Uint8Array;
  /**
   * Per service: its place in the work order of engineers and crews (lower
   * first). The scenario's priorities until the commander sets an order.
   */
  readonly rank: Int32Array;
  readonly promises: StatedPromise[];
  /** What the response spent on actions that cost money (expedited orders, temporary feeds), in the scenario's currency. */
  spent: number;
}

/** The command of a fresh run: nothing decided, work in the scenario's priority order. */
export function createCommand(world: World): Command {
  return {
    declared: false,
    approval: new Uint8Array(world.services.length),
    rank: Int32Array.from(world.services, (s) => s.priority),
    promises: [],
    spent: 0,
  };
}

/** Puts these services first, in this order, and the rest after them by priority. */
export function setWorkOrder(command: Command, world: World, first: readonly number[]): void {
  const k = first.length;
  for (const s of world.services) command.rank[s.index] = k + s.priority;
  first.forEach((s, i) => (command.rank[s] = i));
}
