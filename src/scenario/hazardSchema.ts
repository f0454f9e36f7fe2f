/**
 * What breaks, besides the fire's first effects: the fire's growth into halls
 * (servers destroyed in proportion to how long it burns there), its smoke (halls
 * sooted, their racks cleaned before they restart), and hazards of their own
 * kind in `hazards:` — a cooling loss (rooms must be shut within minutes; cooling
 * comes back by work). Durations are ms once validated.
 */
import { z } from 'zod';
import { Duration, DurationDistribution, Id, Probability } from './primitives.js';
import { parseDuration } from './units.js';

/** When a hazard strikes: `power-cut` (when the fire's power cut happens) or a duration after ignition, as ms. */
const When = z.string().transform((text, ctx): 'power-cut' | number => {
  if (text.trim() === 'power-cut') return 'power-cut';
  const parsed = parseDuration(text);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: `power-cut or ${parsed.expected}` });
  return z.NEVER;
});

/** The fire reaching halls: if it still burns when it reaches them, their power is lost and servers burn. */
export const FireSpread = z.strictObject({
  /** Halls it reaches together (of the fire's site). */
  halls: z.array(Id).min(1),
  /** After ignition, when it reaches them; a fire out before then never does. */
  reach: DurationDistribution,
  /**
   * Burning this long in a hall destroys every server in it; a fire out sooner
   * destroys that share of them (each server drawn on its own).
   */
  burnToDestroy: DurationDistribution,
});

/** Smoke reaching halls: halls it reaches while the fire burns are sooted, and each rack is cleaned before it restarts. */
export const Smoke = z.strictObject({
  /** Halls it reaches together (of the fire's site), nearest and downwind first. */
  halls: z.array(Id).min(1),
  /** After ignition, when it reaches them. */
  reach: DurationDistribution,
});

/**
 * Cooling lost in a building: its rooms heat up and whatever still runs must be
 * shut down within `shutdownWithin`; the site's electricians restore cooling
 * (`restore` of work, after the building is declared safe where it burned) and
 * nothing there is energised before.
 */
export const CoolingLoss = z.strictObject({
  kind: z.literal('cooling-loss'),
  site: Id,
  /** The building whose cooling fails. [default: every building of the site] */
  building: Id.optional(),
  /** When: `power-cut` (the fire's power cut stops the chillers) or a duration after ignition. */
  at: When,
  /** From the loss to the rooms being too hot to run: servers still running are shut down then. */
  shutdownWithin: DurationDistribution,
  /** Restoring cooling: electricians' work. */
  restore: DurationDistribution,
});

/** Water from firefighting in halls: each server there fails to come back with this chance, and waits for a hardware crew. */
export const Water = z.strictObject({
  kind: z.literal('water'),
  site: Id,
  halls: z.array(Id).min(1),
  /** When: `power-cut` (the brigade uses water once power is cut) or a duration after ignition. */
  at: When,
  /** Chance that a server in those halls is damaged. */
  damage: Probability,
});

/** The utility's power lost at a site: every domain dark for a while, then energised again by the utility. */
export const PowerLoss = z.strictObject({
  kind: z.literal('power-loss'),
  site: Id,
  /** After ignition. */
  at: Duration,
  /** Until the utility's power is back. */
  duration: DurationDistribution,
});

/** The hazards of `hazards:` besides a fire (which may be written there too, as `kind: fire`). */
export const OtherHazards = [CoolingLoss, Water, PowerLoss] as const;

export type CoolingLossDef = z.output<typeof CoolingLoss>;
export type WaterDef = z.output<typeof Water>;
export type PowerLossDef = z.output<typeof PowerLoss>;
