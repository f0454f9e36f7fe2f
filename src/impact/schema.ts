/**
 * The `impact:` section of a scenario: who depends on which services, what
 * an hour of the week is worth to them, and the compensation rule that
 * applied. Uncertain figures are written as ranges `[low, high]` and
 * propagated by seeded sampling; no figure is more precise than its source.
 */
import { z } from 'zod';
import { parseFormula } from './formula.js';
import { clip } from '../scenario/errors.js';
import { HOUR_WEIGHT, ID_LENGTH, MONEY, USERS, atMost, type Limit } from '../scenario/limits.js';
import { WEEKDAYS } from './weekdays.js';

const ID = /^[a-z0-9][a-z0-9._-]*$/i;
const Id = z.string().regex(ID, 'an identifier of letters, digits, ".", "_" or "-"').max(ID_LENGTH.max, atMost(ID_LENGTH));

/** Hours in the week a profile covers, Monday 00:00 first, in the scenario start's own time zone. */
export const HOURS_PER_WEEK = 168;

/** An uncertain non-negative figure: sampled uniformly between its ends. */
export interface Range {
  low: number;
  high: number;
}

/** A figure, or a range `[low, high]` of what it might be, up to a limit. Output: `{ low, high }` (equal ends for a figure). */
function amountUpTo(limit: Limit) {
  const figure = z.number().nonnegative().max(limit.max, atMost(limit));
  return z.union([figure, z.tuple([figure, figure])], { error: 'a non-negative number or a range [low, high]' }).transform((value, ctx): Range => {
    if (typeof value === 'number') return { low: value, high: value };
    const [low, high] = value;
    if (!(low <= high)) ctx.addIssue({ code: 'custom', message: `a range [low, high] with low <= high, got [${low}, ${high}]` });
    return { low, high };
  });
}

/** An amount of money (or a share, a count of something other than people): a figure or a range. */
export const Amount = amountUpTo(MONEY).meta({ id: 'Amount', description: 'a figure (226154) or a range [low, high] sampled uniformly' });

/** A number of people, or a range of it. */
const People = amountUpTo(USERS);

/** A share in [0, 1], or a range of shares. */
export const Share = Amount.check((ctx) => {
  if (ctx.value.high > 1) ctx.issues.push({ code: 'custom', message: `a share between 0 and 1, got ${ctx.value.high}`, input: ctx.value });
});

/** Relative weight of each hour of the week (Monday 00:00–01:00 first): 168 non-negative numbers, not all zero. */
export const Profile = z.array(z.number().nonnegative().max(HOUR_WEIGHT.max, atMost(HOUR_WEIGHT))).superRefine((hours, ctx) => {
  if (hours.length !== HOURS_PER_WEEK) ctx.addIssue({ code: 'custom', message: `${HOURS_PER_WEEK} hourly weights (7 days × 24 hours, Monday 00:00 first), got ${hours.length}` });
  else if (!hours.some((w) => w > 0)) ctx.addIssue({ code: 'custom', message: 'at least one hour with a weight above zero' });
});

/** A service a group depends on, and how much of the group's income stops while it is down. */
export const Dependence = z.strictObject({
  service: Id,
  /** Share of the group's income (or use) that stops while the service is unavailable, after whatever substitutes people find. [default: 1] */
  share: Share.prefault(1),
});

const Period = z.enum(['week', 'month', ...WEEKDAYS]);

/**
 * What a person of the group earns (or what the use is worth) over a period of the profile:
 * `amount`, in the scenario's currency, per person over `per` (the whole week, a month of
 * 365.25/12 days of the profile, or one day of the week). `won:` is read as `amount:`, as
 * scenarios written before the currency became scenario data have it.
 */
export const Income = z.union([
  z.strictObject({ amount: Amount, per: Period }),
  z.strictObject({ won: Amount, per: Period }).transform(({ won, per }) => ({ amount: won, per })),
]);

/** The compensation rule that applied to the group. */
export const Compensation = z.strictObject({
  /** Who was eligible, in words (paid-plan members, merchants who filed a claim). */
  who: z.string(),
  /** Share of the group that was eligible. [default: 1] */
  eligible: Share.prefault(1),
  /**
   * Money per eligible person. May read the `variables` below and `loss`
   * (the person's lost income), `income` (the person's income over
   * `income.per`), `outageHours`, `outageDays` (the group's, as simulated).
   * `lossWon` and `incomeWon` are the older names of `loss` and `income`.
   */
  // Kept as text, checked here and compiled by the ledger: a scenario stays plain data that can be cloned and sent to workers.
  formula: z.string().check((ctx) => {
    const parsed = parseFormula(ctx.value);
    if (!parsed.ok) ctx.issues.push({ code: 'custom', message: `a formula such as monthlyFee * 6 / 31: at column ${parsed.at + 1} of "${clip(ctx.value)}", expected ${parsed.expected}`, input: ctx.value });
  }),
  /** Figures the formula names. */
  variables: z.record(Id, Amount).default({}),
  /** Rounds the result to a multiple of this amount (Kakao rounded to 10 won). [default: 1] */
  roundTo: z.number().positive().max(MONEY.max, atMost(MONEY)).default(1),
  /** What was given, if not cash (points, free days). */
  form: z.string().optional(),
});

/** People who depend on the platform. */
export const Group = z.strictObject({
  id: Id,
  name: z.string(),
  /** How many people. */
  people: People,
  dependsOn: z.array(Dependence).min(1),
  /** Id of one of `impact.profiles`: when in the week the group earns or uses the services. */
  profile: Id,
  /** Lost income is counted only for groups with an income. */
  income: Income.optional(),
  compensation: Compensation.optional(),
});

/** The whole `impact:` section. */
export const Impact = z.strictObject({
  /** Currency of every amount: the scenario's `currency`, which this may repeat (an older place for it). [default: the scenario's] */
  currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 currency code such as KRW, EUR or USD').optional(),
  /** Samples drawn to propagate the ranges. [default: 500] */
  draws: z.number().int().min(10).max(100000).default(500),
  profiles: z.record(Id, Profile),
  groups: z.array(Group).min(1),
});

export type ImpactDef = z.output<typeof Impact>;
export type GroupDef = z.output<typeof Group>;
