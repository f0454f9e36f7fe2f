/**
 * What the hazards did that recovery must know of, beyond power and server
 * states: halls sooted by smoke, buildings without cooling, the moment of the
 * fire's power cut, services rebuilt without their data, and the hardware
 * ordered from each supply. Kept per run beside the run's context.
 */
import type { SimEvent } from '../../sim/index.js';
import type { RunContext } from './context.js';
import type { PowerDomain } from './world.js';

/** A cooling loss as the hazard leaves it for recovery. */
export interface CoolingLoss {
  readonly site: number;
  /** Where, in words. */
  readonly where: string;
  /** When cooling failed (value: time). */
  readonly lost: SimEvent<number>;
  /** Domains shut down for heat. */
  readonly shut: PowerDomain[];
  /** Cooling works again (value: time); recovery succeeds it. */
  readonly back: SimEvent<number>;
  /** Electricians' work to restore it, drawn by the hazard. */
  readonly restoreMs: number;
}

/** The utility's power lost at a site, as the hazard leaves it for recovery. */
export interface UtilityLoss {
  readonly site: number;
  /** When it was lost (value: time). */
  readonly lost: SimEvent<number>;
  /** Domains it cut. */
  readonly cut: PowerDomain[];
  /** How long until the utility's power is back, drawn by the hazard. */
  readonly durationMs: number;
}

/** The hazards' marks on one run's world. */
export interface Damage {
  /** Per hall: 1 once smoke reached it; its racks are cleaned before they restart (cleared as each is). */
  readonly sooted: Uint8Array;
  /** Per rack: 1 while it waits to be cleaned. */
  readonly dirtyRacks: Uint8Array;
  /** Per building (`site/building`): cooling comes back when this succeeds. Absent: cooling was never lost. */
  readonly coolingBack: Map<string, SimEvent<number>>;
  /** Per server: 1 while water damage will keep it from coming back without a hardware crew. */
  readonly wet: Uint8Array;
  /** Every utility power loss of the scenario. */
  readonly utilityLosses: UtilityLoss[];
  /** Every cooling loss of the scenario, in the order of `hazards:`. */
  readonly coolingLosses: CoolingLoss[];
  /** The fire brigade's power cut (value: time). */
  readonly powerCut: SimEvent<number>;
  /** Per service: 1 if it was rebuilt without a backup of its data. */
  readonly rebuiltEmpty: Uint8Array;
  /** Per supply (by id): when its first order was placed, its lead time and the servers ordered so far. */
  readonly supplies: Map<string, { firstDeliveryAt: number; ordered: number }>;
}

const damages = new WeakMap<RunContext, Damage>();

/** The damage record of a run, made on first use. */
export function damageOf(ctx: RunContext): Damage {
  let d = damages.get(ctx);
  if (d === undefined) {
    d = {
      sooted: new Uint8Array(ctx.world.halls.length),
      dirtyRacks: new Uint8Array(ctx.world.rackCount),
      coolingBack: new Map(),
      wet: new Uint8Array(ctx.world.serverCount),
      utilityLosses: [],
      coolingLosses: [],
      powerCut: ctx.env.event<number>(),
      rebuiltEmpty: new Uint8Array(ctx.world.services.length),
      supplies: new Map(),
    };
    damages.set(ctx, d);
  }
  return d;
}

/** The key of a building in `coolingBack`. */
export const buildingKey = (site: number, building: string): string => `${site}/${building}`;
