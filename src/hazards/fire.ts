/**
 * The fire: ignition in a room, the UPS and cables it burns (each at its own
 * seeded time), the gas system that may fail, the power cut the fire brigade
 * asks for before using water (put to the commander: the whole building, the
 * burning zone where the building can cut one, or a delay that lets the fire
 * burn on), and the moment it is out. It breaks things and announces them;
 * it never mends.
 */
import { MINUTE, createSampler } from '../../sim/index.js';
import type { RunContext } from '../model/context.js';
import { damageOf } from '../model/damage.js';
import { S } from '../machines/serverLifecycle.js';
import { applyServerEvent, ServerEvent } from '../model/fleet.js';
import { startCoolingLosses } from './cooling.js';
import { startWaterAndUtilityLosses } from './water.js';
import type { DecisionOption, DecisionRequest } from '../model/decisions.js';
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
  // The loader requires each timing wherever it applies; an absent one is never drawn from.
  const never = { kind: 'constant', value: 0 } as const;
  const upsFailure = createSampler(fire.upsFailure ?? never);
  const cableBurn = createSampler(fire.cableBurn ?? never);
  // Draw everything the fire will do up front, in a fixed order, so the fire
  // is the same whatever the design does later (common random numbers).
  const upsAt = fedFromRoom.map(() => upsFailure(rng));
  const cableAt = cabledThroughRoom.map(() => cableBurn(rng));
  const gasWorks = rng() < fire.gasSuppressionSuccess;
  const waterCutAt = createSampler(fire.waterPowerCut ?? never)(rng);
  const outAt = createSampler(fire.extinguish)(rng);

  const zone = domains.filter((d) => fedFromRoom.includes(d) || cabledThroughRoom.includes(d));
  // "Cut all power": the site, or only the building the fire is in.
  const fireBuilding = fedFromRoom[0]?.building ?? scenario.sites[site.index]!.rooms.find((r) => r.id === fire.room)?.building ?? scenario.sites[site.index]!.buildings[0]?.id ?? '';
  const building = fire.cuts === 'building' ? domains.filter((d) => d.building === fireBuilding) : domains;
  const damage = damageOf(ctx);
  const fireOut = (): void => {
    ctx.narrate({ type: 'fire.out', text: 'The fire is out', data: { site: site.id } });
    ctx.milestones.fireOut.succeed(env.now);
  };
  // The brigade's request is open between its asking and the answer; each delay pushes the fire's end back.
  let asking: DecisionRequest | null = null;
  let delayed = 0;
  const cut = (how: 'building' | 'zone'): void => {
    asking = null;
    const zoned = how === 'zone';
    ctx.narrate({
      type: 'power.cut',
      text: zoned
        ? `Gas suppression failed; the fire brigade has power cut to the burning zone (${zone.length} domains) to use water`
        : `Gas suppression failed; all power to ${fire.cuts === 'building' && fireBuilding !== '' ? `building ${fireBuilding} of ` : ''}${site.name} is cut for water${site.zonedPowerCutoff ? '' : ' (the building cannot cut one zone)'}`,
      data: { site: site.id, domains: zoned ? zone.length : building.length, zoned },
    });
    for (const d of zoned ? zone : building) lose(d, 'power cut for firefighting');
    if (!damage.powerCut.triggered) damage.powerCut.succeed(env.now);
    env.scheduleAt(Math.max(env.now, fire.ignition + outAt + delayed), fireOut);
  };
  const askToCut = (): void => {
    const options: DecisionOption[] = [
      { action: { kind: 'powerCut.answer', cut: 'building' }, label: `Cut all power to ${site.name}` },
      { action: { kind: 'powerCut.answer', cut: 'zone' }, label: `Cut only the burning zone (${zone.length} domains)` },
    ];
    if (delayed === 0) options.push({ action: { kind: 'powerCut.answer', cut: 'delay' }, label: `Ask the brigade to wait ${fire.brigade.delay / MINUTE} min (the fire burns on)` });
    asking = ctx.desk.raise({
      kind: 'powerCut',
      subject: null,
      text: `Gas suppression failed. The fire brigade needs the power cut to use water on the fire in ${fire.room}.`,
      options,
      defaultOption: 0,
      deadlineIn: fire.brigade.answerWithin,
    });
  };
  ctx.actions.on('powerCut.answer', {
    check: ({ cut: how }) => {
      if (asking === null) return 'the fire brigade is not asking for a power cut';
      if (how === 'zone' && !site.zonedPowerCutoff) return `${site.name} can only cut all its power at once: its power feed is one system`;
      if (how === 'delay' && delayed > 0) return 'the brigade will not wait again';
      return null;
    },
    carryOut: ({ cut: how }) => {
      if (how !== 'delay') return cut(how);
      asking = null;
      delayed += fire.brigade.delay;
      ctx.narrate({ type: 'fire.cutDelayed', text: `The fire brigade agrees to wait ${fire.brigade.delay / MINUTE} minutes before using water; the fire burns on`, data: { site: site.id, minutes: fire.brigade.delay / MINUTE } });
      env.schedule(fire.brigade.delay, askToCut);
    },
  });

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
    if (!gasWorks) env.schedule(waterCutAt, askToCut);
    else env.schedule(outAt, fireOut);
  });
  spreadFire(ctx, site.index, lose);
  // The other hazards start with the fire (the run starts hazards through this one entry point).
  startCoolingLosses(ctx);
  startWaterAndUtilityLosses(ctx);
}

/**
 * The fire growing into halls and its smoke: each reach time and each hall's burn are drawn up front
 * from streams of their own (the fire's first draws stay as they were), then the damage follows from
 * when the fire is out: a hall it reached burns until then, and loses that share of its servers.
 */
function spreadFire(ctx: RunContext, siteIndex: number, lose: (domain: PowerDomain, why: string) => void): void {
  const { env, scenario, world } = ctx;
  const fire = scenario.fire;
  if (fire.spread.length === 0 && fire.smoke.length === 0) return;
  const rng = ctx.streams.get('fire.spread');
  const hallOf = (id: string) => world.halls.find((h) => h.site === siteIndex && h.id === id)!;
  const spreads = fire.spread.map((s) => ({ halls: s.halls.map(hallOf), reachAt: fire.ignition + createSampler(s.reach)(rng), burnToDestroy: createSampler(s.burnToDestroy)(rng) }));
  const smokes = fire.smoke.map((s) => ({ halls: s.halls.map(hallOf), reachAt: fire.ignition + createSampler(s.reach)(rng) }));
  const damage = damageOf(ctx);
  const burning = () => !ctx.milestones.fireOut.triggered;
  const reached: Array<{ halls: typeof spreads[number]['halls']; at: number; burnToDestroy: number }> = [];
  for (const s of spreads) {
    env.scheduleAt(s.reachAt, () => {
      if (!burning()) return;
      reached.push({ halls: s.halls, at: env.now, burnToDestroy: s.burnToDestroy });
      ctx.narrate({ type: 'fire.spread', text: `The fire reaches ${s.halls.map((h) => h.id).join(', ')}`, data: { halls: s.halls.map((h) => h.id).join(','), site: world.sites[siteIndex]!.id } });
      for (const h of s.halls) if (h.domain >= 0) lose(world.domains[h.domain]!, `the fire reached hall ${h.id}`);
    });
  }
  for (const s of smokes) {
    env.scheduleAt(s.reachAt, () => {
      if (!burning()) return;
      for (const h of s.halls) {
        damage.sooted[h.index] = 1;
        damage.dirtyRacks.fill(1, h.firstRack, h.firstRack + h.racks);
      }
      ctx.narrate({ type: 'fire.smoke', text: `Smoke reaches ${s.halls.map((h) => h.id).join(', ')}: their racks must be cleaned before they restart`, data: { halls: s.halls.map((h) => h.id).join(','), site: world.sites[siteIndex]!.id } });
    });
  }
  ctx.milestones.fireOut.addCallback(() => {
    if (reached.length === 0) return;
    const draws = ctx.streams.get('fire.damage');
    let destroyed = 0;
    for (const r of reached) {
      const share = Math.min(1, (env.now - r.at) / r.burnToDestroy);
      for (const h of r.halls) {
        for (let s = h.firstServer; s < h.firstServer + h.serverCount; s++) {
          // One draw per server whatever its state, so the sequence never depends on what happened to it.
          if (draws() < share && world.serverState[s] !== S.destroyed) {
            applyServerEvent(ctx.fleet, s, ServerEvent.DESTROYED);
            destroyed++;
          }
        }
      }
    }
    ctx.narrate({ type: 'fire.damage', text: `The fire destroyed ${destroyed.toLocaleString('en-US')} servers`, data: { servers: destroyed, site: world.sites[siteIndex]!.id } });
  });
}
