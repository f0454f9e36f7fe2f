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
  timeZone: z.string().nullable().describe("name of start's offset on clocks (KST), or null for UTC±hh:mm; since 2.0"),
  locale: z.string().describe('BCP 47 locale of numbers and dates; since 2.0'),
  currency: z.string().describe('ISO 4217 code of every amount, XXX for none; since 2.0'),
  currencyUnit: z.string().describe('how amounts are written after the number (won, EUR); since 2.0'),
  ignitionH: z.number(),
  sites: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  halls: z.array(z.strictObject({ id: z.string(), site: z.string(), domain: z.string().nullable(), racks: z.number().int().positive(), serversPerRack: z.number().int().positive(), firstServer: z.number().int().nonnegative() })),
  services: z.array(z.strictObject({ id: z.string(), name: z.string(), priority: z.number().int(), users: z.number().int().nonnegative() })),
  serverStates: z.array(z.string()).describe('names of the server states fleet frames use, by number'),
  promise: z.strictObject({ text: z.string(), deadlineH: nullableHours }).nullable(),
  parameters: z
    .strictObject({
      source: z.enum(['prior', 'posterior']),
      particle: z.number().int().nonnegative().nullable(),
      values: z.array(
        z.strictObject({
          path: z.string(),
          tag: z.enum(['sourced', 'assumed', 'calibrated']),
          from: z.enum(['prior', 'posterior']),
          factor: z.number().positive(),
          value: z.number().nullable(),
          unit: z.enum(['h', '']),
        }),
      ),
    })
    .optional()
    .describe('the parameters the run drew (--priors, --posterior): per uncertain parameter its factor on the value as written and the value it gave; absent when the run uses the values as written; since 2.1'),
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
const PromiseAnchor = z.enum(['now', 'first-power-return', 'full-power-return']);

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
  dataLost: z
    .array(z.strictObject({ service: z.string(), tb: z.number().nonnegative().describe('TB lost for want of a backup'), writesH: z.number().nonnegative().nullable().describe('with a backup: hours of writes lost (its age)'), why: z.string() }))
    .describe('services whose data was lost: servers destroyed or rebuilt without a backup; since 2.0'),
  promises: z
    .array(
      z.strictObject({
        statedH: hours,
        withinH: z.number().positive(),
        after: PromiseAnchor,
        service: z.string().nullable(),
        text: z.string(),
        deadlineH: nullableHours.describe('when it fell due; null if its anchor (power returning) never came'),
        doneH: nullableHours.describe('when what it promised was back to normal; null if never by the horizon'),
        met: z.boolean().nullable(),
        missedByH: z.number().nonnegative().nullable(),
      }),
    )
    .describe('promises the commander stated during the run, each scored; since 1.3'),
  decisions: z.number().int().nonnegative().describe('questions answered, by anyone or by a deadline; since 1.3'),
  spent: z.number().nonnegative().describe('what the response spent on actions that cost money (expedited orders, temporary feeds), in the ledger currency; since 1.3'),
  events: z.number().int().nonnegative(),
});

/** `view`: what the commander could see (see protocol.ts, CommanderView). */
export const View = z.strictObject({
  h: hours,
  declared: z.boolean(),
  tools: z.strictObject({ monitoring: z.boolean(), internalChat: z.boolean(), opsTools: z.boolean(), failoverSystem: z.boolean(), deployment: z.boolean() }),
  services: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      priority: z.number().int(),
      users: z.number().int().nonnegative(),
      role: z.string().nullable(),
      known: z.enum(['normal', 'degraded', 'down', 'unknown']),
      asOfH: nullableHours,
      source: z.enum(['monitoring', 'complaints', 'engineers', 'none']),
      hasStandby: z.boolean(),
      rebuildSites: z.array(z.string()),
      approval: z.enum(['undecided', 'approved', 'denied']),
    }),
  ),
  halls: z.array(z.strictObject({ id: z.string(), site: z.string(), running: z.number().int().nonnegative(), servers: z.number().int().nonnegative() })).nullable().describe('per hall, from monitoring; null while monitoring is down'),
  power: z
    .strictObject({
      asOfH: hours,
      buildingPercent: z.number().min(0).max(100),
      domains: z.array(z.strictObject({ id: z.string(), site: z.string(), energised: z.boolean(), expectedInH: z.number().nonnegative().nullable() })),
    })
    .nullable()
    .describe("the building operator's last update, or null before the first"),
  fireOut: z.boolean(),
  complaints: z.strictObject({ perHour: z.number().int().nonnegative(), asOfH: hours }),
  people: z.array(z.strictObject({ team: z.string(), onDuty: z.number().int().nonnegative(), busy: z.number().int().nonnegative(), waiting: z.number().int().nonnegative(), pace: z.number().min(1), callable: z.number().int().nonnegative() })),
  reports: z.array(z.strictObject({ h: hours, from: z.enum(['operator', 'engineers', 'brigade', 'monitoring', 'users']), text: z.string() })),
  pending: z.array(z.lazy(() => Question)),
  promises: z.array(z.strictObject({ statedH: hours, text: z.string() })),
});

/** An action, as `decision.made`, `action` and the decision log carry it. */
export const ActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('incident.declare') }),
  z.strictObject({ kind: z.literal('powerCut.answer'), cut: z.enum(['building', 'zone', 'delay']) }),
  z.strictObject({ kind: z.literal('materials.order'), domain: z.string(), how: z.enum(['standard', 'expedited', 'temporary-feed']) }),
  z.strictObject({ kind: z.literal('failover.approve'), service: z.string() }),
  z.strictObject({ kind: z.literal('failover.deny'), service: z.string() }),
  z.strictObject({ kind: z.literal('rebuild.start'), service: z.string(), site: z.string() }),
  z.strictObject({ kind: z.literal('rebuild.wait'), service: z.string() }),
  z.strictObject({ kind: z.literal('priorities.set'), first: z.array(z.string()) }),
  z.strictObject({ kind: z.literal('people.callIn'), team: z.enum(['restartCrews', 'hardwareCrews', 'engineers', 'electricians']), count: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('promise.state'), withinH: z.number().positive(), after: PromiseAnchor, service: z.string().nullable() }),
  z.strictObject({ kind: z.literal('defer'), request: z.string() }),
]);

/** An open question with its options and what each lacks. */
const Question = z.strictObject({
  id: z.number().int().positive(),
  key: z.string().describe('kind:subject#occurrence, the same in another run that asks it'),
  kind: z.enum(['incident.declare', 'powerCut', 'materials', 'failover', 'rebuild']),
  subject: z.string().nullable(),
  text: z.string(),
  options: z.array(z.strictObject({ action: ActionSchema, label: z.string(), missing: z.string().nullable().describe('what it lacks now; null when it can be taken') })),
  defaultOption: z.number().int().nonnegative().nullable().describe('the option that happens if nobody answers by the deadline'),
  deadlineH: nullableHours,
});

/** `decision.requested`: a question put to the commander, with the view the commander had then; since 1.3. */
export const DecisionRequested = Question.extend({ type: z.literal('decision.requested'), h: hours, view: View });

/** `decision.made`: a question answered; since 1.3. */
export const DecisionMade = z.strictObject({ type: z.literal('decision.made'), h: hours, id: z.number().int().positive(), key: z.string(), by: z.string().describe('a decider, learner, or deadline'), action: ActionSchema });

/** `action`: an action taken, answering a question or on the commander's initiative; since 1.3. */
export const ActionTaken = z.strictObject({ type: z.literal('action'), h: hours, by: z.string(), request: z.string().nullable(), action: ActionSchema });

const money = z.number().describe('in the currency of the ledger');
const Percentiles = z.strictObject({ p10: money, p50: money, p90: money }).describe('P10, median and P90 over the draws');

/** `ledger`: who lost what, against what they were compensated; sent before `run.end` when the scenario has `impact:`. */
export const Ledger = z.strictObject({
  type: z.literal('ledger'),
  h: hours,
  currency: z.string(),
  draws: z.number().int().positive().describe('samples drawn to propagate the ranges'),
  firstHourH: z.number().describe('start of the first local hour of hourlyLoss, in hours after ignition'),
  firstHourLocal: z.string().describe('the same instant as local wall-clock time, ISO 8601 with offset'),
  groups: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      people: z.number().int().nonnegative(),
      eligiblePeople: z.number().int().nonnegative().describe('people the compensation rule applied to; 0 without a rule'),
      outageHours: z.number().nonnegative().describe('hours without the services the group depends on, weighted by how much it depends on each'),
      userHoursLost: z.number().int().nonnegative(),
      lossPerPerson: Percentiles.nullable().describe('lost income per person; null for a group without an income'),
      lossTotal: Percentiles.nullable(),
      compensationPerPerson: z.number().nonnegative().nullable().describe('what the rule gave one eligible person'),
      compensationTotal: z.number().nonnegative().nullable(),
      compensatedShare: z.number().nonnegative().nullable().describe('compensation paid to the group over its lost income'),
      compensationForm: z.string().nullable(),
      hourlyLoss: z.array(z.number().int().nonnegative()).describe('lost income of the group per local hour, from firstHourLocal: people × the rise in the median person\'s loss so far, adding up to people × lossPerPerson.p50'),
      hourlyOutageHours: z.array(z.number().nonnegative()).describe('hours without the group\'s services per local hour, from firstHourLocal, adding up to outageHours; since 1.4'),
    }),
  ),
});

/** Every message type of the protocol, by its `type`. */
export const MESSAGE_SCHEMAS = {
  'run.start': RunStart,
  narrative: Narrative,
  sample: Sample,
  fleet: Fleet,
  'decision.requested': DecisionRequested,
  'decision.made': DecisionMade,
  action: ActionTaken,
  ledger: Ledger,
  'run.end': RunEnd,
} as const;
