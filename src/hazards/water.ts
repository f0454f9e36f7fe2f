/**
 * Water from firefighting and the utility's power lost: two hazards of
 * `hazards:`. Water leaves servers that will not come back without a hardware
 * crew; a utility loss cuts every domain of a site until the utility's power
 * returns (recovery/utilityReturn.ts energises them again).
 */
import { createSampler } from '../../sim/index.js';
import type { RunContext } from '../model/context.js';
import { damageOf, type UtilityLoss } from '../model/damage.js';
import { cutDomain, domainServerCount } from '../model/power.js';
import type { PowerLossDef, WaterDef } from '../scenario/hazardSchema.js';

/** Schedules the water and utility power losses of the scenario. */
export function startWaterAndUtilityLosses(ctx: RunContext): void {
  ctx.scenario.hazards.forEach((hazard, i) => {
    if (hazard.kind === 'water') water(ctx, hazard, i);
    else if (hazard.kind === 'power-loss') utilityLoss(ctx, hazard, i);
  });
}

function water(ctx: RunContext, hazard: WaterDef, index: number): void {
  const { env, world } = ctx;
  const site = world.sites.find((s) => s.id === hazard.site)!;
  const halls = hazard.halls.map((id) => world.halls.find((h) => h.site === site.index && h.id === id)!);
  const wet = damageOf(ctx).wet;
  const soak = (): void => {
    // One draw per server of the halls, in order, from the hazard's own stream.
    const rng = ctx.streams.get(`hazard.${index}.water`);
    let damaged = 0;
    for (const h of halls) {
      for (let s = h.firstServer; s < h.firstServer + h.serverCount; s++) {
        if (rng() < hazard.damage) {
          wet[s] = 1;
          damaged++;
        }
      }
    }
    ctx.narrate({ type: 'water.damage', text: `Water from the firefighting damages ${damaged.toLocaleString('en-US')} servers in ${hazard.halls.join(', ')}`, data: { site: site.id, servers: damaged } });
  };
  if (hazard.at === 'power-cut') damageOf(ctx).powerCut.addCallback(soak);
  else env.scheduleAt(ctx.scenario.fire.ignition + hazard.at, soak);
}

function utilityLoss(ctx: RunContext, hazard: PowerLossDef, index: number): void {
  const { env, world } = ctx;
  const site = world.sites.find((s) => s.id === hazard.site)!;
  const loss: UtilityLoss = { site: site.index, lost: env.event<number>(), cut: [], durationMs: createSampler(hazard.duration)(ctx.streams.get(`hazard.${index}.power`)) };
  damageOf(ctx).utilityLosses.push(loss);
  env.scheduleAt(ctx.scenario.fire.ignition + hazard.at, () => {
    for (const d of world.domains) {
      if (d.site !== site.index || !cutDomain(ctx.fleet, d)) continue;
      loss.cut.push(d);
      if (!ctx.milestones.firstImpact.triggered) ctx.milestones.firstImpact.succeed(env.now);
      ctx.narrate({ type: 'power.lost', text: `Power domain ${d.id} loses power: the utility's supply to ${site.name} is lost`, data: { domain: d.id, servers: domainServerCount(ctx.fleet, d), cause: 'utility power lost' } });
    }
    loss.lost.succeed(env.now);
  });
}
