/**
 * The stream protocol's messages as zod schemas: the documentation's JSON
 * Schemas are generated from them, and tests check every message a run emits
 * against them. `protocol.ts` holds the same shapes as TypeScript types for
 * the viewer, which imports nothing else.
 */
import { z } from 'zod';

const hours = z.number().describe('hours after ignition, rounded to the millisecond');
const nullableHours = hours.nullable();
const data = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** `run.start`: what is being run and the layout a viewer needs. */
export const RunStart = z.strictObject({
  type: z.literal('run.start'),
  protocol: z.string().regex(/^\d+\.\d+$/).describe('major.minor; a reader refuses another major'),
  firedrill: z.string(),
  scenario: z.string(),
  scenarioSha256: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 (hex) of what was simulated: the scenario after any design overlay and --vary, without history:, as JSON with sorted keys; since 1.2'),
  title: z.string(),
  design: z.string().nullable(),
  policy: z.string(),
  seed: z.number().int().nonnegative(),
  start: z.string().describe('wall-clock instant of simulated time 0, ISO 8601'),
  ignitionH: z.number(),
  sites: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  halls: z.array(z.strictObject({ id: z.string(), site: z.string(), domain: z.string().nullable(), racks: z.number().int().positive(), serversPerRack: z.number().int().positive(), firstServer: z.number().int().nonnegative() })),
  services: z.array(z.strictObject({ id: z.string(), name: z.string(), priority: z.number().int(), users: z.number().int().nonnegative() })),
  serverStates: z.array(z.string()).describe('names of the server states fleet frames use, by number'),
  promise: z.strictObject({ text: z.string(), deadlineH: nullableHours }).nullable(),
});

/** `narrative`: something a person watching would want told. */
export const Narrative = z.strictObject({
  type: z.literal('narrative'),
  h: hours,
  kind: z.string().describe('namespaced kind: fire.ignited, power.lost, power.cut, fire.out, power.clearance, power.restored, incident.*, failover.started, failover.done'),
  text: z.string(),
  data: data.optional(),
});

/** `sample`: the world every 15 simulated minutes. */
export const Sample = z.strictObject({
  type: z.literal('sample'),
  h: hours,
  running: z.array(z.number().min(0).max(1)).describe('per site, in run.start order: fraction of its servers running'),
  availability: z.array(z.number().min(0).max(1)).describe('per service, in run.start order: usable fraction, 0 when down'),
  level: z.array(z.union([z.literal(0), z.literal(1), z.literal(2)])).describe('per service: 0 down, 1 usable, 2 normal'),
});

/** `fleet`: every server's state, a keyframe. */
export const Fleet = z.strictObject({
  type: z.literal('fleet'),
  h: hours,
  runs: z.array(z.number().int().nonnegative()).describe('[state, count, state, count, …] in server order; states numbered as in run.start.serverStates; counts sum to the servers of all halls'),
});

const Link = z.strictObject({ what: z.string(), fromHours: hours, toHours: hours });

/** `run.end`: the summary. */
export const RunEnd = z.strictObject({
  type: z.literal('run.end'),
  h: hours,
  allRestoredHours: nullableHours.describe('when the last service became normal; null if one never did'),
  reportedAllRestoredHours: nullableHours,
  promiseDeadlineHours: nullableHours,
  services: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      priority: z.number().int(),
      firstUsableHours: nullableHours.describe('0 if it never went down'),
      normalHours: nullableHours.describe('0 if it never left normal; null if not back by the end'),
      outageHours: z.number().nonnegative().describe('hours of unavailability weighted by how much was missing'),
      userHoursLost: z.number().nonnegative(),
      promiseMet: z.boolean().nullable(),
      promiseMissedByHours: z.number().nonnegative().nullable(),
      reportedFirstUsableHours: nullableHours,
      reportedNormalHours: nullableHours,
      criticalChain: z.array(Link),
    }),
  ),
  serverCurve: z.array(z.strictObject({ hours: z.number(), fractionRunning: z.number().min(0).max(1), reportedFractionRunning: z.number().min(0).max(1).nullable() })),
  events: z.number().int().nonnegative(),
});

const won = z.number().describe('won (or the scenario currency)');
const Percentiles = z.strictObject({ p10: won, p50: won, p90: won }).describe('P10, median and P90 over the draws');

/** `ledger`: who lost what, against what they were compensated; sent before `run.end` when the scenario has `impact:`. */
export const Ledger = z.strictObject({
  type: z.literal('ledger'),
  h: hours,
  currency: z.string(),
  draws: z.number().int().positive().describe('samples drawn to propagate the ranges'),
  firstHourH: z.number().describe('start of the first local hour of hourlyLossWon, in hours after ignition'),
  firstHourLocal: z.string().describe('the same instant as local wall-clock time, ISO 8601 with offset'),
  groups: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      people: z.number().int().nonnegative(),
      eligiblePeople: z.number().int().nonnegative().describe('people the compensation rule applied to; 0 without a rule'),
      outageHours: z.number().nonnegative().describe('hours without the services the group depends on, weighted by how much it depends on each'),
      userHoursLost: z.number().int().nonnegative(),
      lossPerPersonWon: Percentiles.nullable().describe('lost income per person; null for a group without an income'),
      lossTotalWon: Percentiles.nullable(),
      compensationPerPersonWon: z.number().nonnegative().nullable().describe('what the rule gave one eligible person'),
      compensationTotalWon: z.number().nonnegative().nullable(),
      compensatedShare: z.number().nonnegative().nullable().describe('compensation paid to the group over its lost income'),
      compensationForm: z.string().nullable(),
      hourlyLossWon: z.array(z.number().int().nonnegative()).describe('lost income of the whole group per local hour, from firstHourLocal'),
    }),
  ),
});

/** Every message type of the protocol, by its `type`. */
export const MESSAGE_SCHEMAS = { 'run.start': RunStart, narrative: Narrative, sample: Sample, fleet: Fleet, ledger: Ledger, 'run.end': RunEnd } as const;
