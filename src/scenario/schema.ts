/**
 * The scenario format, defined once. The loader validates YAML against it and
 * `scenarios/schema.json` (for editors) is generated from it. Durations are
 * human strings (`90m`, `2h`, `3.5d`) turned into ms here; distributions of
 * durations are compact mappings (`{ triangular: [5m, 10m, 20m] }`).
 */
import { z } from 'zod';
import { Impact } from '../impact/schema.js';
import { HISTORY_HOURS, HORIZON, PRIORITY, RACKS, SERVERS, SERVERS_PER_RACK, USERS, atMost } from './limits.js';
import { Count, Duration, DurationDistribution, Id, Instant, PositiveCount, Probability, ServerCount, Team } from './primitives.js';
import { FireSpread, OtherHazards, Smoke } from './hazardSchema.js';
import { Incident, Observation, People, Policy } from './responseSchema.js';
import { Calibration, Parameters } from './provenanceSchema.js';
import { formatDuration } from './units.js';

export { Count, Duration, DurationDistribution, Id, Instant, PositiveCount, Probability, ServerCount, Team } from './primitives.js';
export { Incident, Observation, People, Policy, TEAM_KINDS, TeamKind } from './responseSchema.js';
export type { IncidentDef, ObservationDef, PeopleDef, PlaybookDef, PolicyDef, RandomDeciderDef } from './responseSchema.js';

/** A room of a site's building that matters to power: where batteries, UPSes and cables are. */
export const Room = z.strictObject({
  id: Id,
  name: z.string().optional(),
  /** What the room holds. */
  kind: z.enum(['battery', 'ups', 'electrical', 'cable-tray']),
  /** The building it is in (one of the site's `buildings`). [default: the site's only building] */
  building: Id.optional(),
});

/** A building of a site: a site of several buildings can lose cooling, or be cut, one building at a time. */
export const Building = z.strictObject({ id: Id, name: z.string().optional() });

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

/** Materials for a repair: ordered when an inspection finds the damage, then installed. */
export const Supply = z.strictObject({
  /** From the order to the materials on site. */
  leadTime: DurationDistribution,
  /** Installing them, by electricians. */
  work: DurationDistribution,
  /** Paying to expedite: the lead time times `factor`, at `cost` (in the scenario's currency) per order. [default: cannot be expedited] */
  expedite: z.strictObject({ factor: z.number().gt(0).max(1), cost: z.number().nonnegative() }).optional(),
});

/** How the building's operator brings power back: work done by its electricians. */
export const Restoration = z.strictObject({
  /** Electrician teams working at once. */
  electricians: Team,
  /** From the fire being out to the building being declared safe to work in. */
  clearance: DurationDistribution,
  /** Inspecting and re-energising one domain. */
  inspect: DurationDistribution,
  /** A domain whose UPS burnt is fed around it: materials ordered when an inspection finds the damage. [default: none — it stays dark] */
  bypass: Supply.optional(),
  /** A domain whose cable burnt gets a new one, ordered when an inspection finds the damage. [default: none — it stays dark] */
  cableReplacement: Supply.optional(),
  /**
   * A temporary feed (a mobile generator or a temporary cable) that energises a
   * damaged domain while its repair waits for materials; the repair then
   * happens behind it. [default: none — not physically possible]
   */
  temporaryFeed: z.strictObject({ leadTime: DurationDistribution, work: DurationDistribution, costPerDomain: z.number().nonnegative().default(0) }).optional(),
});

/** A data centre. */
export const Site = z.strictObject({
  id: Id,
  name: z.string(),
  /** Whether the building can cut power zone by zone (to one domain) rather than only all at once. */
  zonedPowerCutoff: z.boolean().default(false),
  /** Its buildings; a room names the one it is in, and a hall is in the building of its domain's feed. [default: one building] */
  buildings: z.array(Building).default([]),
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
  /** After ignition, when each domain fed from the burning room loses its UPS. [required only where a domain is fed from that room] */
  upsFailure: DurationDistribution.optional(),
  /** After ignition, when each domain whose cable runs through the burning room loses it. [required only where a cable runs through that room] */
  cableBurn: DurationDistribution.optional(),
  /** Chance that the building's gas system puts the fire out on its own. */
  gasSuppressionSuccess: Probability,
  /** After ignition, when the fire brigade demands a power cut to use water (only if gas failed). [required only while gas can fail] */
  waterPowerCut: DurationDistribution.optional(),
  /**
   * The brigade and its request to cut power: how long it waits for an answer
   * before cutting the whole building anyway, and how long it agrees to wait
   * when asked to delay (once), during which the fire burns on and its end
   * moves as much later. [default: 10m, 30m]
   */
  brigade: z.strictObject({ answerWithin: Duration, delay: Duration }).prefault({ answerWithin: '10m', delay: '30m' }),
  /** After ignition, when the fire is out. */
  extinguish: DurationDistribution,
  /** What the brigade's "cut all power" cuts: the whole site, or the building the fire is in. [default: site] */
  cuts: z.enum(['site', 'building']).default('site'),
  /** Halls the fire reaches as it grows, and how long it takes to destroy them. [default: none — it stays in its room] */
  spread: z.array(FireSpread).default([]),
  /** Halls its smoke reaches. [default: none] */
  smoke: z.array(Smoke).default([]),
});

/** One hazard of `hazards:`: the fire (when not written as `fire:`), a cooling loss, water, the utility's power lost. */
export const Hazard = z.discriminatedUnion('kind', [Fire.extend({ kind: z.literal('fire') }), ...OtherHazards]);

/** What happens to servers when power returns after a hard loss. */
export const ServerRecovery = z.strictObject({
  /** A crew restarting one rack once its power is back. */
  rackRestart: DurationDistribution,
  /** One server booting and passing health checks. */
  boot: DurationDistribution,
  /** Chance that a server does not come back from a hard power loss and needs a hardware crew. */
  bootFailure: Probability,
  /** A hardware crew repairing or replacing one failed server: from the start of the repair until the server is back. */
  repair: DurationDistribution,
  /**
   * The part of a repair that keeps a hardware crew busy (diagnosing, fitting a part, swapping the server); the
   * rest of `repair` is waiting for the part or the replacement, which holds no one. A repair ends when both are
   * over. [default: the crew is busy for the whole repair]
   */
  repairHandsOn: DurationDistribution.optional(),
  /** A cleaning crew removing soot from one rack, before it can restart. [required when smoke reaches halls] */
  cleanRack: DurationDistribution.optional(),
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

/** Rebuilding a service at another site: engineers' work from an off-site copy of its code, configuration and data. */
export const Rebuild = z.strictObject({
  /** Sites it can be rebuilt at (each needs power, and the spare servers for the service's demand). */
  sites: z.array(Id).min(1),
  /** Site holding the backups and infrastructure-as-code it is rebuilt from; it must be up. */
  from: Id,
  /** Engineer teams the rebuild holds while it runs. [default: 1] */
  teams: PositiveCount.default(1),
  /** Duration of the rebuild with the operations tools working (slower without, by `incident.failover.opsToolsDownFactor`). */
  duration: DurationDistribution,
  /** Chance the rebuilt service fails its checks and `redo` more work is needed. [default: none] */
  rework: z.strictObject({ chance: Probability, redo: DurationDistribution }).optional(),
  /** New servers for it, from one of the scenario's `supplies`: the rebuild waits for as many as its demand. [default: spare servers are there] */
  supply: Id.optional(),
  /** Engineers checking the restored data before the service counts as back. [default: no check] */
  validate: DurationDistribution.optional(),
});

/** New hardware: the first delivery a lead time after the first order, then a number of servers a week. */
export const HardwareSupply = z.strictObject({
  id: Id,
  /** From the first order to the first servers on site. */
  leadTime: DurationDistribution,
  /** Servers delivered a week once deliveries start. */
  perWeek: PositiveCount.max(SERVERS.max, atMost(SERVERS)),
});

/** Where a service's data is kept besides its own servers. */
export const Backup = z.strictObject({
  /** Site holding the copy; it must have power to restore from. */
  site: Id,
  /** Age of the newest copy when disaster strikes: writes since then are lost. */
  age: Duration,
  /** Restore throughput, in TB an hour. */
  restorePerHourTB: z.number().positive(),
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
  /** How the service can be rebuilt at another site from backups and infrastructure-as-code kept elsewhere. [default: it cannot] */
  rebuild: Rebuild.optional(),
  /** Its data, in TB: what a restore copies and what is lost without a backup. [default: 0] */
  dataTB: z.number().nonnegative().default(0),
  /** Its backup, or `none`: rebuilt without one, or its servers destroyed, its data is lost. [default: none] */
  backup: z.union([Backup, z.literal('none')]).default('none'),
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
  /**
   * Share of the systems usable again, wherever they run, at hours after ignition: [hours, share]
   * (each service weighted by its demand). What an operator reports when it moves systems elsewhere.
   */
  usableCurve: z.array(z.tuple([z.number().nonnegative().max(HISTORY_HOURS.max, atMost(HISTORY_HOURS)), Probability])).default([]),
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
  /** ISO 4217 code of every amount of money in the scenario (costs, incomes, compensation). [default: the impact ledger's, or none] */
  currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 currency code such as KRW, EUR or USD').optional(),
  /** How amounts are written after the number: `7,550 won`. [default: the currency code] */
  currencyUnit: z.string().min(1).max(20).optional(),
  /** Name of the time zone of `start`'s offset on clocks (`KST`, `CET`). [default: UTC±hh:mm] */
  timeZone: z.string().min(1).max(40).optional(),
  /** BCP 47 locale for numbers and dates in reports and the viewer. [default: en-US] */
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 locale such as en-US, en-GB or fr-FR').default('en-US'),
  /** Time after which the run stops, whether or not everything is back. */
  horizon: Duration.refine((ms) => ms <= HORIZON.max, { error: (issue) => `${atMost(HORIZON)}, got ${formatDuration(issue.input as number)}` }),
  sites: z.array(Site).min(1),
  /** The fire. [required here or as one `kind: fire` item of hazards:] */
  fire: Fire.optional(),
  /** What breaks: the fire (if not above) and other hazards, such as a cooling loss. [default: none besides the fire] */
  hazards: z.array(Hazard).default([]),
  servers: ServerRecovery,
  /** Where new hardware comes from. [default: none] */
  supplies: z.array(HardwareSupply).default([]),
  people: People,
  services: z.array(Service).min(1),
  incident: Incident,
  /** What the commander can see, and how late. [default: see Observation] */
  observation: Observation.prefault({}),
  /** Response policies, each a decider and its parameters; the first is the default. */
  policies: z.record(Id, Policy),
  promise: Promise.optional(),
  history: History.optional(),
  /** Who lost what, and what they were compensated: the impact ledger's inputs. */
  impact: Impact.optional(),
  /** Where each parameter comes from (sourced, assumed, calibrated) and its prior, by path (provenanceSchema.ts). Not simulated: a run reads it only to draw priors. */
  parameters: Parameters.optional(),
  /** Which figures of `history:` a fit may see (`firedrill calibrate`); the rest validate it. */
  calibration: Calibration.optional(),
}).transform((s, ctx) => {
  // One fire, written as fire: or in hazards:; what follows reads it as fire: (hazards: keeps its items
  // where they were written, so that a problem found later is placed at the right one).
  const fires = s.hazards.flatMap((h, i) => (h.kind === 'fire' ? [i] : []));
  if (s.fire !== undefined && fires.length > 0) ctx.addIssue({ code: 'custom', path: ['hazards', fires[0]!], message: 'expected the fire once: this scenario has a fire: section already' });
  else if (fires.length > 1) ctx.addIssue({ code: 'custom', path: ['hazards', fires[1]!], message: 'expected one fire per scenario, got a second' });
  else if (s.fire === undefined && fires.length === 0) ctx.addIssue({ code: 'custom', path: ['fire'], message: 'expected a fire: the fire: section, or a hazard of kind fire in hazards:' });
  else {
    const { kind: _kind, ...fromList } = (s.hazards[fires[0]!] ?? {}) as Extract<(typeof s.hazards)[number], { kind: 'fire' }>;
    const fire = s.fire ?? fromList;
    return { ...s, fire };
  }
  return z.NEVER;
});

/** A validated scenario, durations in ms. */
export type Scenario = z.output<typeof Scenario>;
/** A scenario as written in YAML. */
export type ScenarioInput = z.input<typeof Scenario>;
export type SiteDef = z.output<typeof Site>;
export type ServiceDef = z.output<typeof Service>;
export type ComponentDef = z.output<typeof Component>;
export type RebuildDef = z.output<typeof Rebuild>;
export type BackupDef = z.output<typeof Backup>;
export type HardwareSupplyDef = z.output<typeof HardwareSupply>;
