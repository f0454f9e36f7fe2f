/**
 * The fire: ignition in a room, the UPS and cables it burns (each at its own
 * seeded time), the gas system that may fail, the power cut the fire brigade
 * demands before using water, and the moment it is out. It breaks things and
 * announces them; it never mends.
 */
import { createSampler } from '../../sim/index.js';
import type { RunContext } from '../model/context.js';
import { cutDomain, domainServerCount } from '../model/power.js';
import type { PowerDomain } from '../model/world.js';

/** Schedules the fire of the scenario. */
export function igniteFire(ctx: RunContext): void {
  const { env, scenario, world } = ctx;
  const fire = scenario.fire;
  const rng = ctx.streams.get('fire');
  const site = world.sites.find((s) => s.id === fire.site)!;
  const domains = world.domains.filter((d) => d.site === site.index);
  const fedFromRoom = domains.filter((d) => d.feed === fire.room);
  const cabledThroughRoom = domains.filter((d) => d.cablePath.includes(fire.room));
  const upsFailure = createSampler(fire.upsFailure);
  const cableBurn = createSampler(fire.cableBurn);
  // Draw everything the fire will do up front, in a fixed order, so the fire
  // is the same whatever the design does later (common random numbers).
  const upsAt = fedFromRoom.map(() => upsFailure(rng));
  const cableAt = cabledThroughRoom.map(() => cableBurn(rng));
  const gasWorks = rng() < fire.gasSuppressionSuccess;
  const waterCutAt = createSampler(fire.waterPowerCut)(rng);
  const outAt = createSampler(fire.extinguish)(rng);

  const lose = (domain: PowerDomain, why: string): void => {
    if (!cutDomain(ctx.fleet, domain)) return;
    if (!ctx.milestones.firstImpact.triggered) ctx.milestones.firstImpact.succeed(env.now);
    ctx.narrate({ type: 'power.lost', text: `Power domain ${domain.id} loses power: ${why}`, data: { domain: domain.id, servers: domainServerCount(ctx.fleet, domain), cause: why } });
  };

  env.schedule(fire.ignition, () => {
    ctx.narrate({ type: 'fire.ignited', text: `Fire breaks out in ${fire.room} at ${site.name}`, data: { site: site.id, room: fire.room } });
    fedFromRoom.forEach((domain, i) => {
      env.schedule(upsAt[i]!, () => {
        domain.feedDestroyed = true;
        lose(domain, `its UPS in ${fire.room} is burning`);
      });
    });
    cabledThroughRoom.forEach((domain, i) => {
      env.schedule(cableAt[i]!, () => {
        domain.cableDestroyed = true;
        lose(domain, `its cable through ${fire.room} burnt`);
      });
    });
    if (!gasWorks) {
      env.schedule(waterCutAt, () => {
        const zone = site.zonedPowerCutoff ? domains.filter((d) => fedFromRoom.includes(d) || cabledThroughRoom.includes(d)) : domains;
        ctx.narrate({
          type: 'power.cut',
          text: site.zonedPowerCutoff
            ? `Gas suppression failed; the fire brigade has power cut to the burning zone (${zone.length} domains) to use water`
            : `Gas suppression failed; the building cannot cut one zone, so all power to ${site.name} is cut for water`,
          data: { site: site.id, domains: zone.length, zoned: site.zonedPowerCutoff },
        });
        for (const d of zone) lose(d, 'power cut for firefighting');
      });
    }
    env.schedule(Math.max(outAt, gasWorks ? 0 : waterCutAt), () => {
      ctx.narrate({ type: 'fire.out', text: 'The fire is out', data: { site: site.id } });
      ctx.milestones.fireOut.succeed(env.now);
    });
  });
}
