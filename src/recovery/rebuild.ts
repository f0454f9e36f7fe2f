/**
 * Rebuilding a service at another site from the copy of its code,
 * configuration and data kept there (backups, infrastructure-as-code): the
 * way to have the control plane back without waiting for the burnt building.
 * Engineers' work, with its own duration, slower without the operations
 * tools, sometimes to be redone; it needs the site holding the copy to be up
 * and the target site to have power. Once done, the service runs at the
 * target site on spare servers (its `rebuild` pools).
 */
import { HOUR, createSampler, type Request } from '../../sim/index.js';
import { damageOf } from '../model/damage.js';
import { isRoleUp, Level, type ServiceStatus } from '../model/availability.js';
import type { RunContext } from '../model/context.js';
import { takeTeam, workOn } from './vendors.js';
import { needsRework } from './work.js';

/** Whether a site has power anywhere (a site with no power domains of its own counts as powered). */
function sitePowered(ctx: RunContext, site: number): boolean {
  let any = false;
  for (const d of ctx.world.domains) {
    if (d.site !== site) continue;
    if (d.powered) return true;
    any = true;
  }
  return !any;
}

/** Rebuilding elsewhere, as the response uses it. */
export interface Rebuilds {
  /** Puts rebuilding a service elsewhere to the commander, once, if it can be and it is down. */
  ask(service: number): void;
}

/** Registers `rebuild.start` and returns how to ask for it. */
export function startRebuilds(ctx: RunContext, status: ServiceStatus): Rebuilds {
  const { world, scenario } = ctx;
  // Per service: 1 once a rebuild has started.
  const state = new Uint8Array(world.services.length);
  // Per service: 1 once the question has been put (a deferral asks again by itself).
  const asked = new Uint8Array(world.services.length);
  ctx.actions.on('rebuild.start', {
    check: ({ service, site }) => {
      const index = world.services.findIndex((s) => s.id === service);
      if (index < 0) return `there is no service "${service}"`;
      const s = world.services[index]!;
      const def = scenario.services[index]!.rebuild;
      if (def === undefined) return `${s.name} has no off-site copy to be rebuilt from`;
      if (!def.sites.includes(site)) return `${s.name} can be rebuilt only at ${def.sites.join(', ')}`;
      if (!ctx.command.declared) return 'the incident is not declared yet';
      if (state[index] === 1) return `${s.name} is already being rebuilt`;
      if (status.level[index]! >= Level.usable) return `${s.name} is working: nothing to rebuild`;
      const from = world.sites.findIndex((x) => x.id === def.from);
      if (!sitePowered(ctx, from)) return `the copy of ${s.name} is at ${def.from}, which has no power`;
      if (!sitePowered(ctx, world.sites.findIndex((x) => x.id === site))) return `${site} has no power`;
      const backup = scenario.services[index]!.backup;
      if (backup !== 'none' && scenario.services[index]!.dataTB > 0 && !sitePowered(ctx, world.sites.findIndex((x) => x.id === backup.site))) return `the backup of ${s.name} is at ${backup.site}, which has no power`;
      return null;
    },
    carryOut: ({ service, site }) => {
      const index = world.services.findIndex((s) => s.id === service);
      state[index] = 1;
      ctx.env.process(rebuild(ctx, status, index, world.sites.findIndex((x) => x.id === site)), `rebuild ${service}`);
    },
  });
  ctx.actions.on('rebuild.wait', {
    check: ({ service }) => {
      const index = world.services.findIndex((s) => s.id === service);
      if (index < 0) return `there is no service "${service}"`;
      if (!ctx.command.declared) return 'the incident is not declared yet';
      return state[index] === 1 ? `${world.services[index]!.name} is already being rebuilt` : null;
    },
    carryOut: () => undefined, // waiting for the site is what happens anyway
  });
  return {
    ask(service) {
      const s = world.services[service]!;
      const def = scenario.services[service]!.rebuild;
      if (def === undefined || asked[service] === 1 || state[service] === 1 || status.level[service]! >= Level.usable) return;
      asked[service] = 1;
      ctx.desk.raise({
        kind: 'rebuild',
        subject: s.id,
        text: `${s.name} is down with its site. Rebuild it elsewhere from the copy at ${def.from}, or wait for its site?`,
        options: [
          ...def.sites.map((site) => ({ action: { kind: 'rebuild.start', service: s.id, site } as const, label: `Rebuild ${s.name} at ${site}` })),
          { action: { kind: 'rebuild.wait', service: s.id } as const, label: 'Wait for its site to come back' },
        ],
        defaultOption: null,
        deadlineIn: null,
        deferrable: { stillOpen: () => state[service] === 0 && status.level[service]! < Level.usable },
      });
    },
  };
}

const WEEK = 7 * 24 * HOUR;

/**
 * When `servers` new servers ordered now from a supply will be on site: the supply's first order starts
 * its lead time; from then on it delivers `perWeek` servers a week, to the orders in the order placed.
 */
function supplyReadyAt(ctx: RunContext, supplyId: string, servers: number): number {
  const supply = ctx.scenario.supplies.find((x) => x.id === supplyId)!;
  const supplies = damageOf(ctx).supplies;
  let state = supplies.get(supplyId);
  if (state === undefined) {
    state = { firstDeliveryAt: ctx.env.now + createSampler(supply.leadTime)(ctx.streams.get(`supply.${supplyId}`)), ordered: 0 };
    supplies.set(supplyId, state);
  }
  state.ordered += servers;
  return Math.max(ctx.env.now, state.firstDeliveryAt + (state.ordered / supply.perWeek) * WEEK);
}

function* rebuild(ctx: RunContext, status: ServiceStatus, service: number, site: number) {
  const { env, world, scenario } = ctx;
  const s = world.services[service]!;
  const serviceDef = scenario.services[service]!;
  const def = serviceDef.rebuild!;
  const rng = ctx.streams.get(`response.rebuild.${s.id}`);
  const steps0 = s.components.map((c) => ctx.chains.components[c]!);
  // New hardware first: engineers start once it is on site.
  if (def.supply !== undefined) {
    const demand = s.components.reduce((n, c) => n + world.components[c]!.demand, 0);
    const readyAt = supplyReadyAt(ctx, def.supply, demand);
    ctx.narrate({ type: 'supply.ordered', text: `${s.name}: ${demand.toLocaleString('en-US')} new servers ordered from ${def.supply}`, data: { service: s.id, supply: def.supply, servers: demand } });
    if (readyAt > env.now) {
      const from = env.now;
      yield env.timeout(readyAt - env.now);
      for (const st of steps0) st.push({ what: `new servers from ${def.supply}`, from, to: env.now });
    }
  }
  const asked = env.now;
  const teams: Request[] = [];
  for (let i = 0; i < def.teams; i++) teams.push(yield* takeTeam(ctx, service, ctx.command.rank[service]!));
  const steps = s.components.map((c) => ctx.chains.components[c]!);
  if (env.now > asked) for (const st of steps) st.push({ what: 'engineer teams for the rebuild (all busy)', from: asked, to: env.now });
  const opsToolsUp = isRoleUp(ctx, status, 'ops-tools');
  const base = createSampler(def.duration)(rng);
  const siteId = world.sites[site]!.id;
  ctx.narrate({ type: 'rebuild.started', text: `${s.name}: engineers rebuild it at ${siteId} from the copy at ${def.from}${opsToolsUp ? '' : ' (operations tools down)'}`, data: { service: s.id, site: siteId } });
  const from = env.now;
  yield* workOn(ctx, service, opsToolsUp ? base : base * scenario.incident.failover.opsToolsDownFactor);
  if (def.rework !== undefined && needsRework(ctx, 'engineers', def.rework.chance, `response.rebuild.${s.id}.rework`)) {
    ctx.narrate({ type: 'rebuild.redone', text: `${s.name}: the rebuilt service fails its checks; part of the work is redone`, data: { service: s.id, site: siteId } });
    yield* workOn(ctx, service, createSampler(def.rework.redo)(rng));
  }
  for (const team of teams) team.release();
  for (const st of steps) st.push({ what: `rebuilding at ${siteId}${opsToolsUp ? '' : ' (operations tools down)'}`, from, to: env.now });
  // Its data: restored from the backup (machine time, data size over throughput), or lost without one.
  const backup = serviceDef.backup;
  if (serviceDef.dataTB > 0) {
    if (backup === 'none') {
      damageOf(ctx).rebuiltEmpty[service] = 1;
      ctx.narrate({ type: 'data.lost', text: `${s.name} is rebuilt without its data: it had no backup (${serviceDef.dataTB} TB lost)`, data: { service: s.id, tb: serviceDef.dataTB } });
    } else {
      const restoreFrom = env.now;
      ctx.narrate({ type: 'data.restoring', text: `${s.name}: restoring ${serviceDef.dataTB} TB from the backup at ${backup.site}`, data: { service: s.id, tb: serviceDef.dataTB, site: backup.site } });
      yield env.timeout((serviceDef.dataTB / backup.restorePerHourTB) * HOUR);
      for (const st of steps) st.push({ what: `restoring ${serviceDef.dataTB} TB from the backup at ${backup.site}`, from: restoreFrom, to: env.now });
    }
  }
  if (def.validate !== undefined) {
    const validateFrom = env.now;
    const team: Request = yield* takeTeam(ctx, service, ctx.command.rank[service]!);
    yield* workOn(ctx, service, createSampler(def.validate)(rng));
    team.release();
    for (const st of steps) st.push({ what: 'validating its data', from: validateFrom, to: env.now });
  }
  for (const c of s.components) {
    const component = world.components[c]!;
    for (const p of component.pools) {
      const pool = world.pools[p]!;
      if (pool.role === 'rebuild' && pool.site === site) {
        pool.active = true;
        pool.builtOut = component.demand;
      }
    }
    status.lastServer[c] = -1;
  }
  status.touch();
  ctx.narrate({ type: 'rebuild.done', text: `${s.name} runs again, at ${siteId}`, data: { service: s.id, site: siteId } });
}
