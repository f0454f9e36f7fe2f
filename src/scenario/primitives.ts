/**
 * The building blocks of the scenario format: identifiers, durations in
 * human units (`90m`, `2h`, `3.5d`) turned into ms, instants, probabilities,
 * counts and distributions of durations (`{ triangular: [5m, 10m, 20m] }`).
 */
import { z } from 'zod';
import type { DistributionSpec } from '../../sim/index.js';
import { ID_LENGTH, PEOPLE, SERVERS, WEIBULL_MIN_SHAPE, WEIBULL_SHAPE, atMost } from './limits.js';
import { parseDuration, parseInstant } from './units.js';

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
export const ServerCount = Count.max(SERVERS.max, atMost(SERVERS));
/** Teams of one kind. */
export const Team = PositiveCount.max(PEOPLE.max, atMost(PEOPLE));

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
