/**
 * Power coming back, as work: once the fire is out and the building is
 * cleared, the operator's electricians take dark domains in priority order
 * and inspect them. Damage found (a burnt UPS to bypass, a burnt cable to
 * replace) is put to the commander as an order for materials: a standard
 * order, an expedited one at a cost, or a temporary feed meanwhile where the
 * site has one. The materials arrive a lead time after the order, then the
 * electricians install them and energise. Power returning floor by floor is
 * the result, not an input.
 */
import { createSampler, type Request, type Resource, type SimEvent } from '../../sim/index.js';
import type { RunContext } from '../model/context.js';
import type { Action } from '../model/decisions.js';
import { domainServerCount, energiseDomain } from '../model/power.js';
import type { PowerDomain } from '../model/world.js';
import type { SiteDef } from '../scenario/schema.js';
import { buildingKey, damageOf } from '../model/damage.js';
import { startCoolingReturn } from './coolingReturn.js';
import { startUtilityReturn } from './utilityReturn.js';
import { restartRacks } from './crew.js';
import { work } from './work.js';

type How = Extract<Action, { kind: 'materials.order' }>['how'];

/** Per domain: the order it waits for, while an inspection has found damage and nothing is ordered yet. */
type Orders = Map<number, SimEvent<How>>;

/** Starts the restoration work of every site that has a restoration plan, and registers `materials.order`. */
export function startPowerReturn(ctx: RunContext): void {
  const orders: Orders = new Map();
  registerOrders(ctx, orders);
  startCoolingReturn(ctx);
  startUtilityReturn(ctx);
  ctx.scenario.sites.forEach((siteDef, siteIndex) => {
    const plan = siteDef.restoration;
    const electricians = ctx.people.electricians[siteIndex];
    if (plan === undefined || electricians == null) return;
    const { env } = ctx;
    const rng = ctx.streams.get(`power.${siteDef.id}`);
    const clearance = createSampler(plan.clearance);
    const inspect = createSampler(plan.inspect);
    // Absent plans draw from a constant: every domain keeps the same sequence of draws whatever the plan holds.
    const none = createSampler({ kind: 'constant', value: 0 });
    const bypassLead = plan.bypass ? createSampler(plan.bypass.leadTime) : none;
    const bypassWork = plan.bypass ? createSampler(plan.bypass.work) : none;
    const cableLead = plan.cableReplacement ? createSampler(plan.cableReplacement.leadTime) : none;
    const cableWork = plan.cableReplacement ? createSampler(plan.cableReplacement.work) : none;

    env.process(
      (function* () {
        yield ctx.milestones.fireOut;
        const clearanceMs = clearance(rng);
        yield env.timeout(clearanceMs);
        ctx.narrate({ type: 'power.clearance', text: `${siteDef.name} is declared safe; electricians start restoring power`, data: { site: siteDef.id } });
        const dark = ctx.world.domains
          .filter((d) => d.site === siteIndex && !d.powered)
          .sort((a, b) => a.restorePriority - b.restorePriority || a.index - b.index);
        for (const domain of dark) {
          ctx.chains.domains[domain.index]!.push({ what: 'the fire to be out and the building cleared', from: ctx.scenario.fire.ignition, to: env.now });
          // Each domain draws its durations in a fixed order from its own stream, so
          // a design that changes the order of work does not change the luck.
          const own = ctx.streams.get(`power.${siteDef.id}.${domain.id}`);
          const times = { inspect: inspect(own), bypassLead: bypassLead(own), bypass: bypassWork(own), cableLead: cableLead(own), cable: cableWork(own) };
          env.process(restoreDomain(ctx, siteDef, domain, times, electricians, orders), `restore ${domain.id}`);
        }
      })(),
      `power return ${siteDef.id}`,
    );
  });
}

/** `materials.order`: valid while an inspection's damage waits for its order. */
function registerOrders(ctx: RunContext, orders: Orders): void {
  const domainOf = (id: string) => ctx.world.domains.find((d) => d.id === id);
  ctx.actions.on('materials.order', {
    check: ({ domain, how }) => {
      const d = domainOf(domain);
      if (d === undefined) return `there is no power domain "${domain}"`;
      if (!orders.has(d.index)) return `nothing is waiting to be ordered for ${domain} (no damage found there yet, or already ordered)`;
      const plan = ctx.scenario.sites[d.site]!.restoration!;
      if (how === 'expedited' && !needed(plan, d).some((supply) => supply?.expedite !== undefined)) return `the supplier cannot expedite what ${domain} needs`;
      if (how === 'temporary-feed' && plan.temporaryFeed === undefined) return `${ctx.world.sites[d.site]!.name} has no way to feed a domain temporarily`;
      return null;
    },
    carryOut: ({ domain, how }) => {
      const d = domainOf(domain)!;
      const order = orders.get(d.index)!;
      orders.delete(d.index);
      order.succeed(how);
    },
  });
}

/** The supplies a damaged domain needs: the UPS bypass and/or a new cable (undefined where the site has no plan for one). */
function needed(plan: NonNullable<SiteDef['restoration']>, domain: PowerDomain) {
  return [...(domain.feedDestroyed ? [plan.bypass] : []), ...(domain.cableDestroyed ? [plan.cableReplacement] : [])];
}

interface DomainTimes {
  inspect: number;
  bypassLead: number;
  bypass: number;
  cableLead: number;
  cable: number;
}

function* restoreDomain(ctx: RunContext, site: SiteDef, domain: PowerDomain, t: DomainTimes, electricians: Resource, orders: Orders) {
  const { env } = ctx;
  const plan = site.restoration!;
  const steps = ctx.chains.domains[domain.index]!;
  const electrical = function* (what: string, duration: number) {
    const asked = env.now;
    const team: Request = yield electricians.request(domain.restorePriority);
    if (env.now > asked) steps.push({ what: 'electricians busy elsewhere', from: asked, to: env.now });
    const started = env.now;
    yield* work(ctx, 'electricians', duration);
    team.release();
    steps.push({ what, from: started, to: env.now });
  };
  const waitFor = function* (what: string, until: number) {
    if (until > env.now) {
      const from = env.now;
      yield env.timeout(until - env.now);
      steps.push({ what, from, to: env.now });
    }
  };
  // Nothing is energised in a building without cooling.
  const cooled = function* () {
    const back = damageOf(ctx).coolingBack.get(buildingKey(domain.site, domain.building));
    if (back === undefined || back.triggered) return;
    const from = env.now;
    yield back;
    steps.push({ what: 'cooling to be restored', from, to: env.now });
  };
  const energise = (how: string) => {
    if (domain.powered) return;
    energiseDomain(ctx.fleet, domain);
    ctx.chains.domainEnergisedAt[domain.index] = env.now;
    ctx.narrate({ type: 'power.restored', text: `Power domain ${domain.id} is energised again${how}`, data: { domain: domain.id, servers: domainServerCount(ctx.fleet, domain) } });
    restartRacks(ctx, domain);
  };

  yield* electrical('inspection', t.inspect);
  if (domain.feedDestroyed || domain.cableDestroyed) {
    const damage = [domain.feedDestroyed ? 'its UPS burnt (to be bypassed)' : '', domain.cableDestroyed ? 'its main cable burnt (to be replaced)' : ''].filter(Boolean).join(' and ');
    const order = env.event<How>();
    orders.set(domain.index, order);
    const asked = env.now;
    ctx.desk.raise({
      kind: 'materials',
      subject: domain.id,
      text: `Inspection of power domain ${domain.id}: ${damage}. Order what it needs?`,
      options: [
        { action: { kind: 'materials.order', domain: domain.id, how: 'standard' }, label: 'A standard order' },
        { action: { kind: 'materials.order', domain: domain.id, how: 'expedited' }, label: 'Expedite the order, at a cost' },
        { action: { kind: 'materials.order', domain: domain.id, how: 'temporary-feed' }, label: 'A temporary feed meanwhile (generator or temporary cable), and a standard order' },
      ],
      defaultOption: null,
      deadlineIn: null,
      deferrable: { stillOpen: () => orders.has(domain.index) },
    });
    const how: How = yield order;
    if (env.now > asked) steps.push({ what: 'the order for materials to be placed', from: asked, to: env.now });
    const supplies = needed(plan, domain);
    const factor = (supply: (typeof supplies)[number]) => (how === 'expedited' && supply?.expedite ? supply.expedite.factor : 1);
    if (how === 'expedited') for (const supply of supplies) ctx.command.spent += supply?.expedite?.cost ?? 0;
    ctx.narrate({ type: 'materials.ordered', text: `Materials for ${domain.id} ordered (${how})`, data: { domain: domain.id, how } });
    if (how === 'temporary-feed') {
      const feed = plan.temporaryFeed!;
      ctx.command.spent += feed.costPerDomain;
      const own = ctx.streams.get(`power.${site.id}.${domain.id}.temporary`);
      const lead = createSampler(feed.leadTime)(own);
      const install = createSampler(feed.work)(own);
      env.process(
        (function* () {
          yield* waitFor('a temporary feed to arrive', env.now + lead);
          yield* electrical('connecting the temporary feed', install);
          yield* cooled();
          energise(' on a temporary feed');
        })(),
        `temporary feed ${domain.id}`,
      );
    }
    if (supplies.some((supply) => supply === undefined)) {
      ctx.narrate({ type: 'power.unrepairable', text: `Power domain ${domain.id} cannot be repaired: the site has no plan for its damage`, data: { domain: domain.id } });
      return;
    }
    const ordered = env.now;
    ctx.chains.domainDueAt[domain.index] = Math.max(domain.feedDestroyed ? ordered + t.bypassLead * factor(plan.bypass) + t.bypass : 0, domain.cableDestroyed ? ordered + t.cableLead * factor(plan.cableReplacement) + t.cable : 0);
    if (domain.feedDestroyed) {
      yield* waitFor('materials to bypass the burnt UPS', ordered + t.bypassLead * factor(plan.bypass));
      yield* electrical('UPS bypass', t.bypass);
    }
    if (domain.cableDestroyed) {
      yield* waitFor('a replacement cable to arrive', ordered + t.cableLead * factor(plan.cableReplacement));
      yield* electrical('cable replacement', t.cable);
    }
  }
  yield* cooled();
  energise('');
}
