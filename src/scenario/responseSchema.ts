/**
 * The response half of the scenario format: the people who respond (teams,
 * shifts, fatigue, call-in), the incident's timings, what the commander can
 * see and how late, and the policies, each naming a decider and its
 * parameters. Durations are ms once validated.
 */
import { z } from 'zod';
import { BUILD_OUT_PER_HOUR, PEOPLE, SLOWDOWN, atMost } from './limits.js';
import { Count, Duration, DurationDistribution, Id, Probability, Team } from './primitives.js';

/** The kinds of team the response has; every kind is a pool of teams working in parallel. */
export const TEAM_KINDS = ['restartCrews', 'hardwareCrews', 'engineers', 'electricians'] as const;
export const TeamKind = z.enum(TEAM_KINDS);
export type TeamKind = z.output<typeof TeamKind>;

/** Relief teams of one kind. */
const Relief = Count.max(PEOPLE.max, atMost(PEOPLE));

/** More teams of a kind, called in during the incident. */
const CallIn = z.strictObject({
  /** Teams that can be called in at most, over the whole incident. */
  max: Count.max(PEOPLE.max, atMost(PEOPLE)),
  /** From the call to the teams at work. */
  leadTime: DurationDistribution,
});

/**
 * A vendor's teams, who restart and rebuild the systems they maintain (`services`: ids or patterns
 * with `*`) instead of the engineers: only at the hours they work (`always`, or `office`: Monday to
 * Friday, 09:00 to 18:00 in the scenario's time zone), a lead time after they are first needed.
 */
const Vendor = z.strictObject({
  id: Id,
  /** Teams working at once. */
  teams: Team,
  /** The systems it maintains: ids, or patterns with `*` such as `g3-*`. */
  services: z.array(z.string().min(1).max(200)).min(1),
  /** When its teams start work. [default: always] */
  hours: z.enum(['always', 'office']).default('always'),
  /** From the first call to its teams on site. [default: at once] */
  callOut: DurationDistribution.optional(),
});

/** The people of the response, as resources with a capacity. */
export const People = z.strictObject({
  /** Operators who restart racks once their power is back. */
  restartCrews: Team,
  /** Hardware technicians who repair or replace servers that did not survive the power loss. */
  hardwareCrews: Team,
  /** Engineer teams that fail services over, build out standby capacity and rebuild tools elsewhere. */
  engineers: Team,
  /** Crews that clean soot off racks before they restart (`servers.cleanRack` each). [default: the restart crews clean] */
  cleaningCrews: Team.optional(),
  /** People who can approve a failover; each approval takes `incident.approve`. [default: 1] */
  incidentCommanders: Team.default(1),
  /**
   * Shifts: on-duty teams work `length`, then hand over to relief teams (if
   * there are enough, see `relief`), which takes `handover`. [default: none —
   * everyone stays on until the end]
   */
  shifts: z.strictObject({ length: Duration, handover: Duration }).optional(),
  /** Teams of each kind off duty who can relieve the on-duty ones at a shift change. [default: 0 of each] */
  relief: z.strictObject(Object.fromEntries(TEAM_KINDS.map((k) => [k, Relief.optional()])) as Record<TeamKind, z.ZodOptional<typeof Relief>>).default({}),
  /**
   * Tiredness: after `after` on duty without relief, work takes longer by
   * `slowdownPerHour` (a fraction of its duration) for each further hour, up to
   * `maxSlowdown`; the chance of having to redo work grows in the same
   * proportion. [default: none]
   */
  fatigue: z.strictObject({ after: Duration, slowdownPerHour: z.number().min(0).max(1), maxSlowdown: z.number().min(0).max(10) }).optional(),
  /** Vendors who maintain groups of systems, each with its own teams and hours. [default: none] */
  vendors: z.array(Vendor).default([]),
  /** Teams that can be called in, per kind. [default: none] */
  callIn: z.strictObject(Object.fromEntries(TEAM_KINDS.map((k) => [k, CallIn.optional()])) as Record<TeamKind, z.ZodOptional<typeof CallIn>>).default({}),
});

/** Timings of the incident response. */
export const Incident = z.strictObject({
  /** From first impact to detection, with and without monitoring up. */
  detect: z.strictObject({ withMonitoring: DurationDistribution, withoutMonitoring: DurationDistribution }),
  /** From declaring the incident to a commander with a team assembled, with and without internal chat. */
  declare: z.strictObject({ withChat: DurationDistribution, withoutChat: DurationDistribution }),
  /** Assessing the damage before the first plan. */
  assess: DurationDistribution,
  /** The incident commander approving one manual failover; approvals queue for the commanders, and take twice as long without internal chat. [default: 10m] */
  approve: DurationDistribution.prefault('10m'),
  /** Executing one failover: automatic (failover system up) or by hand. */
  failover: z.strictObject({ automatic: DurationDistribution, manual: DurationDistribution, opsToolsDownFactor: z.number().min(1).max(SLOWDOWN.max, atMost(SLOWDOWN)) }),
  /**
   * Restarting a component's applications at a site after its servers lost
   * power and enough of them are back: engineers' work, slower without the
   * operations tools (by `failover.opsToolsDownFactor`).
   */
  coldStart: DurationDistribution,
  /** Whether a service's applications are restarted only once every service it depends on is usable again. [default: false — as soon as its servers are back] */
  restartInDependencyOrder: z.boolean().default(false),
  /** Servers one engineer team adds to a standby pool per hour, with and without the deployment tool. */
  buildOutPerHour: z.strictObject({ withDeployment: z.number().positive().max(BUILD_OUT_PER_HOUR.max, atMost(BUILD_OUT_PER_HOUR)), withoutDeployment: z.number().positive().max(BUILD_OUT_PER_HOUR.max, atMost(BUILD_OUT_PER_HOUR)) }),
  /** Checking a service after it comes back, before calling it normal. */
  verify: DurationDistribution,
  /** How long a deferred decision waits before it is asked again. [default: 1h] */
  deferFor: Duration.prefault('1h'),
  /** Chance that a manual failover does not work the first time and is redone (in part: half its duration). [default: 0] */
  manualRework: Probability.default(0),
});

/** What the commander can see, and how late. The world is simulated exactly; these say how it reaches the commander. */
export const Observation = z.strictObject({
  /** The building operator's phone updates on power: how often, and how late each arrives. [default: every 2h, 15m–1h late] */
  operatorUpdates: z.strictObject({ every: Duration, delay: DurationDistribution }).prefault({ every: '2h', delay: { uniform: ['15m', '1h'] } }),
  /** Engineers' reports on their work: how late they arrive, and how far off their estimates are (a lognormal factor's sigma). [default: 5m–30m late, sigma 0.4] */
  engineerReports: z.strictObject({ delay: DurationDistribution, estimateSigma: z.number().min(0).max(3) }).prefault({ delay: { uniform: ['5m', '30m'] }, estimateSigma: 0.4 }),
  /** User complaints: how late the volume reflects an outage, and complaints per hour per million people without a service. [default: 20m, 300] */
  complaints: z.strictObject({ delay: Duration, perMillionPeopleHour: z.number().min(0) }).prefault({ delay: '20m', perMillionPeopleHour: 300 }),
});

const PromiseAnchor = z.enum(['now', 'first-power-return', 'full-power-return']);

/** A playbook: rules a commander follows, in the scenario's words. */
const Playbook = z.strictObject({
  decider: z.literal('playbook'),
  /** Which services it fails over when they are down and can be: all, none, or those up to a priority number. */
  failOver: z.union([z.literal('all'), z.literal('none'), z.strictObject({ priorityUpTo: z.number().int().min(1) })]),
  /**
   * The control plane: wait for the burnt site, or rebuild these services (in
   * this order) at the first of these sites that can take them. [default: wait]
   */
  controlPlane: z.union([z.literal('wait'), z.strictObject({ rebuild: z.array(Id).min(1), at: z.array(Id).min(1) })]).default('wait'),
  /** Materials for damage found at inspection: its choice where available, else a standard order. [default: standard] */
  materials: z.enum(['standard', 'expedited', 'temporary-feed']).default('standard'),
  /** The fire brigade's request to cut power: accept it for the whole building, ask for a zone cut where the building allows it, or delay once. [default: accept] */
  powerCut: z.enum(['accept', 'zone', 'delay']).default('accept'),
  /** Work order of crews and engineers: the scenario's service priorities, or the control plane first. [default: scenario] */
  priorities: z.enum(['scenario', 'control-plane-first']).default('scenario'),
  /** Teams to call in, once the incident is declared (at `after` past the declaration). [default: none] */
  callIn: z.array(z.strictObject({ team: TeamKind, count: Team, after: Duration.prefault('0m') })).default([]),
  /** The public promise it makes, at `at` after ignition (the first moment it can after that). [default: none] */
  promise: z.strictObject({ at: Duration, within: Duration, after: PromiseAnchor }).optional(),
});

/** Random choices among the available options, for sweeps that explore the decision space. */
const RandomDecider = z.strictObject({
  decider: z.literal('random'),
  /** Chance of approving a failover, rather than denying or deferring it. [default: 0.5] */
  approve: Probability.default(0.5),
  /** Chance of rebuilding each control-plane service elsewhere at the first plan. [default: 0.5] */
  rebuild: Probability.default(0.5),
});

/** A response policy: a decider and its parameters. */
export const Policy = z.discriminatedUnion('decider', [Playbook, RandomDecider]);

export type PolicyDef = z.output<typeof Policy>;
export type PlaybookDef = z.output<typeof Playbook>;
export type RandomDeciderDef = z.output<typeof RandomDecider>;
export type PeopleDef = z.output<typeof People>;
export type VendorDef = z.output<typeof Vendor>;
export type IncidentDef = z.output<typeof Incident>;
export type ObservationDef = z.output<typeof Observation>;
