/**
 * The scenario format, defined once. The loader validates YAML against it and
 * `scenarios/schema.json` (for editors) is generated from it. Durations are
 * human strings (`90m`, `2h`, `3.5d`) turned into ms here; distributions of
 * durations are compact mappings (`{ triangular: [5m, 10m, 20m] }`).
 */
import { z } from 'zod';
import type { DistributionSpec } from '../../sim/index.js';
import { Impact } from '../impact/schema.js';
import { BUILD_OUT_PER_HOUR, HISTORY_HOURS, HORIZON, ID_LENGTH, PEOPLE, PRIORITY, RACKS, SERVERS, SERVERS_PER_RACK, SLOWDOWN, USERS, WEIBULL_MIN_SHAPE, WEIBULL_SHAPE, atMost } from './limits.js';
import { formatDuration, parseDuration, parseInstant } from './units.js';

const ID = /^[a-z0-9][a-z0-9._-]*$/i;

/** An identifier other parts of the scenario refer to: letters, digits, `.`, `_`, `-`. */
export const Id = z.string().regex(ID, 'an identifier of letters, digits, ".", "_" or "-"').max(ID_LENGTH.max, atMost(ID_LENGTH));

/** A duration in human units, as ms. */
export const Duration = z.string().transform((text, ctx) => {
  const parsed = parseDuration(text);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.expected });
  return z.NEVER;
});

/** An instant with an offset, kept as written (the simulation counts from it; reports show it in its own zone). */
export const Instant = z.string().transform((text, ctx) => {
  const parsed = parseInstant(text);
  if (parsed.ok) return text.trim();
  ctx.addIssue({ code: 'custom', message: parsed.expected });
  return z.NEVER;
});

/** A probability in [0, 1]. */
export const Probability = z.number().min(0).max(1);
/** A count of things: a non-negative integer. */
export const Count = z.number().int().nonnegative();
/** A positive integer (capacity of a crew, servers per rack). */
export const PositiveCount = z.number().int().positive();
/** A number of servers: a pool, a demand, spares. */
const ServerCount = Count.max(SERVERS.max, atMost(SERVERS));
/** People in one team. */
const Team = PositiveCount.max(PEOPLE.max, atMost(PEOPLE));

const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || x >= xs[i - 1]!);

/** A distribution of durations: a fixed duration or one mapping naming its kind. Output: a kernel DistributionSpec in ms. */
export const DurationDistribution = z.union([
  Duration.transform((value): DistributionSpec => ({ kind: 'constant', value })),
  z.strictObject({ uniform: z.tuple([Duration, Duration]) }).transform(({ uniform: [min, max] }, ctx): DistributionSpec => {
    if (!(min < max)) ctx.addIssue({ code: 'custom', message: 'a uniform distribution [min, max] with min < max' });
    return { kind: 'uniform', min, max };
  }),
  z.strictObject({ triangular: z.tuple([Duration, Duration, Duration]) }).transform(({ triangular: [min, mode, max] }, ctx): DistributionSpec => {
    if (!(min <= mode && mode <= max && min < max)) ctx.addIssue({ code: 'custom', message: 'a triangular distribution [min, mode, max] with min <= mode <= max and min < max' });
    return { kind: 'triangular', min, mode, max };
  }),
  z.strictObject({ exponential: Duration }).transform(({ exponential: mean }, ctx): DistributionSpec => {
    if (!(mean > 0)) ctx.addIssue({ code: 'custom', message: 'an exponential distribution with a mean above zero' });
    return { kind: 'exponential', mean };
  }),
  z.strictObject({ lognormal: z.strictObject({ median: Duration, p90: Duration }) }).transform(({ lognormal: { median, p90 } }, ctx): DistributionSpec => {
    if (!(median > 0 && p90 > median)) ctx.addIssue({ code: 'custom', message: 'a lognormal distribution with 0 < median < p90' });
    return { kind: 'lognormal', median, p90 };
  }),
  z.strictObject({ weibull: z.strictObject({ shape: z.number().min(WEIBULL_MIN_SHAPE, `at least ${WEIBULL_MIN_SHAPE} for a Weibull shape (below it a draw, scale × (−ln u)^(1/shape), can overflow to infinity)`).max(WEIBULL_SHAPE.max, atMost(WEIBULL_SHAPE)), scale: Duration }) }).transform(({ weibull: { shape, scale } }): DistributionSpec => ({ kind: 'weibull', shape, scale })),
  z.strictObject({ normal: z.strictObject({ mean: Duration, sd: Duration, min: Duration.optional(), max: Duration.optional() }) }).transform(({ normal }, ctx): DistributionSpec => {
    const min = normal.min ?? 0;
    const max = normal.max ?? Infinity;
    if (!(normal.sd > 0)) ctx.addIssue({ code: 'custom', message: 'a normal distribution with sd above zero' });
    if (!(min < max)) ctx.addIssue({ code: 'custom', message: 'a normal distribution with min < max' });
    return { kind: 'truncatedNormal', mean: normal.mean, sd: normal.sd, min, max };
  }),
  z.strictObject({ empirical: z.array(z.tuple([Duration, Probability])).min(2) }).transform(({ empirical }, ctx): DistributionSpec => {
    const values = empirical.map(([v]) => v);
    const ps = empirical.map(([, p]) => p);
    if (!ascending(values) || !ascending(ps) || ps[0] !== 0 || ps[ps.length - 1] !== 1) {
      ctx.addIssue({ code: 'custom', message: 'an empirical distribution of [duration, p] points, both rising, p from 0 to 1' });
    }
    return { kind: 'empirical', points: empirical };
  }),
]).meta({ id: 'DurationDistribution', description: 'A duration (2h) or { uniform | triangular | exponential | lognormal | weibull | normal | empirical: … }' });

/** A room of a site's building that matters to power: where batteries, UPSes and cables are. */
export const Room = z.strictObject({
  id: Id,
  name: z.string().optional(),
  /** What the room holds. */
  kind: z.enum(['battery', 'ups', 'electrical', 'cable-tray']),
});

/** A power domain: halls fed from one UPS room through a cable path. */
export const PowerDomain = z.strictObject({
  id: Id,
  name: z.string().optional(),
  /** The UPS/battery room that feeds the domain. */
  feed: Id,
  /** Rooms the domain's main cable runs through; a fire there burns it. [default: the feed room only] */
  cablePath: z.array(Id).optional(),
  /** Order in which the building's electricians restore domains; lower first. */
  restorePriority: z.number().int(),
  /** Whose equipment the domain feeds: `own` halls are simulated server by server, `other` tenants only take electricians' time. [default: own] */
  tenant: z.enum(['own', 'other']).default('own'),
});

/** A hall (floor or room) of servers in racks. */
export const Hall = z.strictObject({
  id: Id,
  name: z.string().optional(),
  powerDomain: Id,
  racks: PositiveCount.max(RACKS.max, atMost(RACKS)),
  serversPerRack: PositiveCount.max(SERVERS_PER_RACK.max, atMost(SERVERS_PER_RACK)),
});

/** How the building's operator brings power back: work done by its electricians. */
export const Restoration = z.strictObject({
  /** Electrician teams working at once. */
  electricians: Team,
  /** From the fire being out to the building being declared safe to work in. */
  clearance: DurationDistribution,
  /** Inspecting and re-energising one domain. */
  inspect: DurationDistribution,
  /** A domain whose UPS burnt is fed around it: materials arrive after `leadTime` (from the fire being out), then `work`. */
  bypass: z.strictObject({ leadTime: DurationDistribution, work: DurationDistribution }),
  /** A domain whose cable burnt waits for a new cable (`leadTime` from the fire being out), then `work` to lay it. */
  cableReplacement: z.strictObject({ leadTime: DurationDistribution, work: DurationDistribution }),
});

/** A data centre. */
export const Site = z.strictObject({
  id: Id,
  name: z.string(),
  /** Whether the building can cut power zone by zone (to one domain) rather than only all at once. */
  zonedPowerCutoff: z.boolean().default(false),
  rooms: z.array(Room).default([]),
  powerDomains: z.array(PowerDomain).default([]),
  halls: z.array(Hall).min(1),
  restoration: Restoration.optional(),
});

/** The fire: where it starts, what it burns and how it is fought. */
export const Fire = z.strictObject({
  site: Id,
  room: Id,
  /** Ignition, after the scenario start. */
  ignition: Duration,
  /** After ignition, when each domain fed from the burning room loses its UPS. */
  upsFailure: DurationDistribution,
  /** After ignition, when each domain whose cable runs through the burning room loses it. */
  cableBurn: DurationDistribution,
  /** Chance that the building's gas system puts the fire out on its own. */
  gasSuppressionSuccess: Probability,
  /** After ignition, when the fire brigade demands a power cut to use water (only if gas failed). */
  waterPowerCut: DurationDistribution,
  /** After ignition, when the fire is out. */
  extinguish: DurationDistribution,
});

/** What happens to servers when power returns after a hard loss. */
export const ServerRecovery = z.strictObject({
  /** A crew restarting one rack once its power is back. */
  rackRestart: DurationDistribution,
  /** One server booting and passing health checks. */
  boot: DurationDistribution,
  /** Chance that a server does not come back from a hard power loss and needs a hardware crew. */
  bootFailure: Probability,
  /** A hardware crew repairing or replacing one failed server. */
  repair: DurationDistribution,
});

/** The people of the response, as resources with a capacity. */
export const People = z.strictObject({
  /** Operators who restart racks once their power is back. */
  restartCrews: Team,
  /** Hardware technicians who repair or replace servers that did not survive the power loss. */
  hardwareCrews: Team,
  /** Engineer teams that fail services over and build out standby capacity. */
  engineers: Team,
  /** People who can approve a failover; each approval takes `incident.approve`. [default: 1] */
  incidentCommanders: Team.default(1),
});

/** Where a component's servers are and what they do. */
export const Placement = z.strictObject({
  site: Id,
  /** Servers in the pool. */
  servers: ServerCount,
  /** Halls the servers are in. [default: spread over the site's halls] */
  halls: z.array(Id).optional(),
  /** `active` serves traffic; `standby` holds replicas and takes over after a failover. */
  role: z.enum(['active', 'standby']),
});

/** How a component survives the loss of a site. */
export const Redundancy = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('single-site') }),
  z.strictObject({
    kind: z.literal('active-standby'),
    /** Automatic failover works only while the failover system is up; otherwise engineers do it by hand. */
    failover: z.enum(['automatic', 'manual']),
    /** Servers the standby site can add by build-out once failed over. [default: up to demand] */
    maxBuildOut: ServerCount.optional(),
  }),
  z.strictObject({
    kind: z.literal('n-plus-k'),
    /** Spare servers beyond the demand in the same site: up to `spares` may fail without losing capacity. The site itself is still a single point of failure. */
    spares: ServerCount,
  }),
  z.strictObject({
    kind: z.literal('active-active'),
    /** Servers the surviving sites can add by build-out when one is lost. [default: 0] */
    maxBuildOut: ServerCount.default(0),
  }),
]);

/** One part of a service, placed on server pools. */
export const Component = z.strictObject({
  id: Id,
  name: z.string().optional(),
  /** Servers needed to carry the normal load. */
  demand: PositiveCount.max(SERVERS.max, atMost(SERVERS)),
  /** Whether the service is unusable without this component (otherwise only degraded). [default: true] */
  essential: z.boolean().default(true),
  placements: z.array(Placement).min(1),
  redundancy: Redundancy,
  /** Replication lag to the standby site: after a failover, engineers spend this long reconciling unreplicated writes before traffic moves. [default: 0m] */
  replicationLag: Duration.prefault('0m'),
});

/** A service users see, or a control-plane tool the response depends on. */
export const Service = z.strictObject({
  id: Id,
  name: z.string(),
  /** People who use it (for user-hours lost). */
  users: Count.max(USERS.max, atMost(USERS)).default(0),
  /** 1 is the most important; failover and repair queue by it. */
  priority: z.number().int().min(1).max(PRIORITY.max, atMost(PRIORITY)),
  /** Services it cannot work without (login, storage). */
  dependsOn: z.array(Id).default([]),
  /** The control-plane role it plays for the response, if any. */
  role: z.enum(['failover-system', 'ops-tools', 'deployment', 'monitoring', 'internal-chat']).optional(),
  /** Capacity fraction of every essential component at which the service counts as usable. [default: 0.3] */
  usableAt: z.number().gt(0).max(1).default(0.3),
  /** Capacity fraction of every component at which the service counts as normal. [default: 0.95] */
  normalAt: z.number().gt(0).max(1).default(0.95),
  components: z.array(Component).min(1),
});

/** Timings of the incident response, which the incident-response machine runs through. */
export const Incident = z.strictObject({
  /** From first impact to detection, with and without monitoring up. */
  detect: z.strictObject({ withMonitoring: DurationDistribution, withoutMonitoring: DurationDistribution }),
  /** From detection to a declared incident with a commander, with and without internal chat. */
  declare: z.strictObject({ withChat: DurationDistribution, withoutChat: DurationDistribution }),
  /** Assessing the damage before deciding. */
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
  /** Servers one engineer team adds to a standby pool per hour, with and without the deployment tool. */
  buildOutPerHour: z.strictObject({ withDeployment: z.number().positive().max(BUILD_OUT_PER_HOUR.max, atMost(BUILD_OUT_PER_HOUR)), withoutDeployment: z.number().positive().max(BUILD_OUT_PER_HOUR.max, atMost(BUILD_OUT_PER_HOUR)) }),
  /** Checking a service after it comes back, before calling it normal. */
  verify: DurationDistribution,
});

/** A response policy's choices. */
export const Policy = z.strictObject({
  /** Rebuild the control plane (ops tools, failover system, deployment) at another site before failing services over. */
  rebuildControlPlaneFirst: z.boolean(),
  /** Services the policy fails over; the rest wait for power. `all`, or the largest priority number included. */
  failOver: z.union([z.literal('all'), z.strictObject({ priorityUpTo: z.number().int().min(1) })]),
});

/** What the operator promised, shown beside the simulation. */
export const Promise = z.strictObject({
  text: z.string(),
  /** Deadline after the anchor. */
  within: Duration,
  /** What the deadline counts from. */
  after: z.enum(['ignition', 'first-power-return', 'full-power-return']),
});

/** History, for comparison only: the simulation never reads it. */
export const History = z.strictObject({
  /** Fraction of the fire site's servers running at hours after ignition: [hours, fraction]. */
  serverCurve: z.array(z.tuple([z.number().nonnegative().max(HISTORY_HOURS.max, atMost(HISTORY_HOURS)), Probability])).default([]),
  /** Reported hours after ignition of each service's milestones. */
  services: z.record(Id, z.strictObject({ firstUsable: Duration.optional(), normal: Duration.optional() })).default({}),
  /** When every service and function was reported restored, after ignition. */
  allRestored: Duration.optional(),
});

/** A whole scenario. */
export const Scenario = z.strictObject({
  id: Id,
  title: z.string(),
  description: z.string().optional(),
  /** Wall-clock time of simulated time 0. */
  start: Instant,
  /** Time after which the run stops, whether or not everything is back. */
  horizon: Duration.refine((ms) => ms <= HORIZON.max, { error: (issue) => `${atMost(HORIZON)}, got ${formatDuration(issue.input as number)}` }),
  sites: z.array(Site).min(1),
  fire: Fire,
  servers: ServerRecovery,
  people: People,
  services: z.array(Service).min(1),
  incident: Incident,
  policies: z.record(Id, Policy),
  promise: Promise.optional(),
  history: History.optional(),
  /** Who lost what, and what they were compensated: the impact ledger's inputs. */
  impact: Impact.optional(),
});

/** A validated scenario, durations in ms. */
export type Scenario = z.output<typeof Scenario>;
/** A scenario as written in YAML. */
export type ScenarioInput = z.input<typeof Scenario>;
export type SiteDef = z.output<typeof Site>;
export type ServiceDef = z.output<typeof Service>;
export type ComponentDef = z.output<typeof Component>;
export type PolicyDef = z.output<typeof Policy>;
