/**
 * The utility's power coming back: the domains it cut are energised again
 * once it returns (where nothing else keeps them dark) and their racks
 * restarted by the crews.
 */
import type { RunContext } from '../model/context.js';
import { damageOf, type UtilityLoss } from '../model/damage.js';
import { energiseDomain, domainServerCount } from '../model/power.js';
import { restartRacks } from './crew.js';

/** Starts waiting for the return of every utility power loss. */
export function startUtilityReturn(ctx: RunContext): void {
  for (const loss of damageOf(ctx).utilityLosses) ctx.env.process(back(ctx, loss), `utility ${ctx.world.sites[loss.site]!.id}`);
}

function* back(ctx: RunContext, loss: UtilityLoss) {
  yield loss.lost;
  yield ctx.env.timeout(loss.durationMs);
  ctx.narrate({ type: 'power.utilityBack', text: `The utility's power is back at ${ctx.world.sites[loss.site]!.name}`, data: { site: ctx.world.sites[loss.site]!.id } });
  const cooling = damageOf(ctx).coolingBack;
  for (const d of loss.cut) {
    // Dark for another reason too (burnt, cut for the fire, hot): that recovery energises it.
    if (d.powered || d.feedDestroyed || d.cableDestroyed || ctx.chains.domains[d.index]!.length > 0) continue;
    const cooled = cooling.get(`${d.site}/${d.building}`);
    if (cooled !== undefined && !cooled.triggered) continue;
    energiseDomain(ctx.fleet, d);
    ctx.chains.domainEnergisedAt[d.index] = ctx.env.now;
    ctx.narrate({ type: 'power.restored', text: `Power domain ${d.id} is energised again`, data: { domain: d.id, servers: domainServerCount(ctx.fleet, d) } });
    restartRacks(ctx, d);
  }
}
