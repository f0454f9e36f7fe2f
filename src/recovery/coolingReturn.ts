/**
 * Cooling coming back, as work: the site's electricians restore it from the
 * loss on (before any power domain; where the fire burns, once it is out),
 * and the domains shut down for heat alone are energised again and their racks
 * restarted. Domains dark for other reasons wait in powerReturn.ts for the
 * cooling of their building.
 */
import type { Request } from '../../sim/index.js';
import type { RunContext } from '../model/context.js';
import { damageOf, type CoolingLoss } from '../model/damage.js';
import { energiseDomain, domainServerCount } from '../model/power.js';
import { restartRacks } from './crew.js';
import { work } from './work.js';

/** Starts restoring every cooling loss once it happens. */
export function startCoolingReturn(ctx: RunContext): void {
  for (const loss of damageOf(ctx).coolingLosses) ctx.env.process(restore(ctx, loss), `cooling ${loss.where}`);
}

function* restore(ctx: RunContext, loss: CoolingLoss) {
  const { env } = ctx;
  yield loss.lost;
  const electricians = ctx.people.electricians[loss.site] ?? null;
  const burning = ctx.world.sites.find((s) => s.id === ctx.scenario.fire.site)?.index === loss.site;
  if (burning && !ctx.milestones.fireOut.triggered) yield ctx.milestones.fireOut;
  const team: Request | null = electricians === null ? null : yield electricians.request(-1);
  yield* work(ctx, 'electricians', loss.restoreMs);
  team?.release();
  ctx.narrate({ type: 'cooling.restored', text: `Cooling works again in ${loss.where}`, data: { site: ctx.world.sites[loss.site]!.id } });
  loss.back.succeed(env.now);
  for (const d of loss.shut) {
    // Dark for another reason too (burnt, cut for the fire, its repair under way): power return energises it.
    if (d.powered || d.feedDestroyed || d.cableDestroyed || ctx.chains.domains[d.index]!.length > 0) continue;
    energiseDomain(ctx.fleet, d);
    ctx.chains.domainEnergisedAt[d.index] = env.now;
    ctx.narrate({ type: 'power.restored', text: `Power domain ${d.id} is energised again, its rooms cooled`, data: { domain: d.id, servers: domainServerCount(ctx.fleet, d) } });
    restartRacks(ctx, d);
  }
}
