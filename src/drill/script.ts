/**
 * A drill script: which fire a class commands, the briefing, how the clock
 * runs, what the world throws at the commander beside the model's own
 * questions (injects: a reporter, the CEO, the ministry), and the roles a
 * group plays. Data, in `scenarios/drills/*.yaml`, validated once; durations
 * in ms once validated.
 */
import { z } from 'zod';
import { Duration, Id } from '../scenario/primitives.js';

/** The roles of a group drill (the incident command system's). */
export const ROLES = ['commander', 'communications', 'operations'] as const;
export type Role = (typeof ROLES)[number];

/** Something that happens to the commander at a time: someone asks, demands, reports. */
export const Inject = z.strictObject({
  /** After ignition. */
  at: Duration,
  /** Who: a reporter, the CEO, the ministry, the fire brigade, a partner. */
  from: z.string().min(1).max(60),
  /** What they say, for people. */
  text: z.string().min(1).max(1000),
  /** The action it asks for, if any: the page puts its form forward (a promise, a call-in). */
  asks: z.enum(['promise.state', 'people.callIn', 'priorities.set']).optional(),
  /** Which role hears it. [default: every role] */
  to: z.array(z.enum(ROLES)).optional(),
});

/** A drill script. */
export const DrillScript = z.strictObject({
  id: Id,
  title: z.string().min(1).max(200),
  /** What the learner is told at the start: who they are, what they know. */
  briefing: z.string().min(1).max(5000),
  /** The scenario (a built-in name) and the design on it, if any. */
  scenario: Id,
  design: Id.optional(),
  /** The seed, unless the facilitator picks another. [default: 1] */
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  /** Policies the debrief sets beside the learner, on the same seed. [default: runbook, historical] */
  compareWith: z.array(Id).min(1).max(4).default(['runbook', 'historical']),
  /** The policy whose choice replaces each of the learner's decisions in the debrief's costs. [default: runbook] */
  judgeWith: Id.default('runbook'),
  /** Simulated hours per real second while playing. [default: 1] */
  speed: z.number().positive().max(48).default(1),
  /**
   * Pressure: the clock does not stop at questions, and each is answered by its
   * default (or put off) when its time is up. Per kind of question, how long
   * the commander has. [default: 15 min, the brigade 5 min]
   */
  answerWithin: z
    .strictObject({ default: Duration, powerCut: Duration.optional(), failover: Duration.optional(), rebuild: Duration.optional(), materials: Duration.optional(), 'incident.declare': Duration.optional() })
    .prefault({ default: '15m', powerCut: '5m' }),
  /** Until when the drill is played (after ignition); the debrief runs the rest with `thenBy`. [default: the scenario's horizon] */
  until: Duration.optional(),
  /** The policy that answers the questions asked after the drill stops. [default: historical] */
  thenBy: Id.default('historical'),
  injects: z.array(Inject).max(200).default([]),
});

export type DrillScript = z.output<typeof DrillScript>;
export type InjectDef = z.output<typeof Inject>;

/** What each role may do. The commander may do everything; the others, their part. */
export const ROLE_ACTIONS: Record<Role, ReadonlySet<string>> = {
  commander: new Set(['incident.declare', 'powerCut.answer', 'materials.order', 'failover.approve', 'failover.deny', 'rebuild.start', 'rebuild.wait', 'priorities.set', 'people.callIn', 'promise.state', 'defer']),
  communications: new Set(['promise.state']),
  operations: new Set(['materials.order', 'failover.approve', 'failover.deny', 'rebuild.start', 'rebuild.wait', 'priorities.set', 'people.callIn', 'defer']),
};

/** The roles that may take an action of `kind`, in words ("communications or commander"). */
export function rolesFor(kind: string): string {
  return (Object.keys(ROLE_ACTIONS) as Role[]).filter((r) => ROLE_ACTIONS[r].has(kind)).join(' or ');
}
