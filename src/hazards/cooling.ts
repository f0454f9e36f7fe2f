/**
 * Cooling lost in a building: from the loss, the rooms heat up, and whatever
 * still runs there is shut down once they are too hot (`shutdownWithin`). It
 * breaks; it does not mend: the site's electricians restore the cooling
 * (recovery/coolingReturn.ts), and until then nothing there is energised.
 */
import { createSampler } from '../../sim/index.js';
import type { RunContext } from '../model/context.js';
import { buildingKey, damageOf, type CoolingLoss } from '../model/damage.js';
import { cutDomain, domainServerCount } from '../model/power.js';
import type { CoolingLossDef } from '../scenario/hazardSchema.js';

/** Schedules every cooling loss of the scenario and records it for recovery. */
export function startCoolingLosses(ctx: RunContext): void {
  ctx.scenario.hazards.forEach((hazard, i) => {
    if (hazard.kind === 'cooling-loss') coolingLoss(ctx, hazard, i);
  });
}

function coolingLoss(ctx: RunContext, hazard: CoolingLossDef, index: number): void {
  const { env, world } = ctx;
  const site = world.sites.find((s) => s.id === hazard.site)!;
  const buildings = hazard.building !== undefined ? [hazard.building] : [...new Set(world.domains.filter((d) => d.site === site.index).map((d) => d.building))];
  // Drawn up front from a stream of its own: the loss is the same whatever happens before it.
  const rng = ctx.streams.get(`hazard.${index}.cooling`);
  const shutdownAfter = createSampler(hazard.shutdownWithin)(rng);
  const damage = damageOf(ctx);
  const loss: CoolingLoss = {
    site: site.index,
    where: hazard.building !== undefined ? `building ${hazard.building} of ${site.name}` : site.name,
    lost: env.event<number>(),
    shut: [],
    back: env.event<number>(),
    restoreMs: createSampler(hazard.restore)(rng),
  };
  damage.coolingLosses.push(loss);
  for (const b of buildings) damage.coolingBack.set(buildingKey(site.index, b), loss.back);
  const lost = (): void => {
    ctx.narrate({ type: 'cooling.lost', text: `Cooling fails in ${loss.where}: the rooms heat up`, data: { site: site.id, building: hazard.building ?? null } });
    loss.lost.succeed(env.now);
    env.schedule(shutdownAfter, () => {
      if (loss.back.triggered) return; // cooled again in time
      for (const d of world.domains) {
        if (d.site !== site.index || !buildings.includes(d.building) || !cutDomain(ctx.fleet, d)) continue;
        loss.shut.push(d);
        if (!ctx.milestones.firstImpact.triggered) ctx.milestones.firstImpact.succeed(env.now);
        ctx.narrate({ type: 'power.lost', text: `Power domain ${d.id} is shut down: its rooms are too hot without cooling`, data: { domain: d.id, servers: domainServerCount(ctx.fleet, d), cause: 'cooling lost' } });
      }
    });
  };
  if (hazard.at === 'power-cut') damage.powerCut.addCallback(lost);
  else env.scheduleAt(ctx.scenario.fire.ignition + hazard.at, lost);
}
