/**
 * The world a scenario describes, built for the hot path: sites → halls →
 * racks → servers in typed arrays created from counts; power domains; service
 * components placed on server pools. Plain data; behaviour lives in the
 * modules that act on it (power, fleet, services).
 */
import { giveArrays, takeArray } from '../../sim/index.js';
import type { Scenario } from '../scenario/schema.js';
import { spreadOverHalls } from './placement.js';

/** A data centre. */
export interface Site {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly zonedPowerCutoff: boolean;
  readonly rooms: readonly string[];
}

/** Halls fed from one UPS room through one cable path. */
export interface PowerDomain {
  readonly index: number;
  readonly id: string;
  readonly site: number;
  readonly feed: string;
  /** The building of its feed room, or '' on a site of one building. */
  readonly building: string;
  readonly cablePath: readonly string[];
  readonly restorePriority: number;
  readonly ownHalls: readonly number[];
  powered: boolean;
  /** The UPS feeding the domain burnt: it needs a bypass before it can be energised. */
  feedDestroyed: boolean;
  /** The domain's cable burnt: it needs a new one. */
  cableDestroyed: boolean;
}

/** A hall of racks; its servers are the contiguous range [firstServer, firstServer + racks × serversPerRack). */
export interface Hall {
  readonly index: number;
  readonly id: string;
  readonly site: number;
  readonly domain: number;
  readonly firstRack: number;
  readonly racks: number;
  readonly serversPerRack: number;
  readonly firstServer: number;
  readonly serverCount: number;
}

/** A component's servers at one site. */
export interface Pool {
  readonly index: number;
  readonly component: number;
  readonly site: number;
  /** `rebuild`: where the component can be rebuilt from its off-site copy; it has no servers of its own and serves once rebuilt. */
  readonly role: 'active' | 'standby' | 'rebuild';
  readonly servers: number;
  /** Serving traffic now: active pools always, standby pools once failed over, rebuild pools once rebuilt. */
  active: boolean;
  /** Servers of the pool running now. */
  running: number;
  /** Servers added by build-out after a failover (virtual machines on spare hardware). */
  builtOut: number;
  /** Some of its servers lost power: those must have their applications restarted by engineers before they serve again. */
  cold: boolean;
  /** Running servers of the pool that came back from a power loss and wait for that restart. */
  coldBack: number;
  /** The pool's servers, in index order. */
  readonly serverList: Int32Array;
}

/** A part of a service and where it runs. */
export interface Component {
  readonly index: number;
  readonly id: string;
  readonly service: number;
  readonly demand: number;
  readonly essential: boolean;
  readonly pools: readonly number[];
  readonly redundancy: Scenario['services'][number]['components'][number]['redundancy'];
  readonly replicationLagMs: number;
  /** Set once a failover of this component has completed. */
  failedOver: boolean;
}

/** A service users see, or a control-plane tool. */
export interface Service {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly users: number;
  readonly priority: number;
  readonly dependsOn: readonly number[];
  readonly role: Scenario['services'][number]['role'] | null;
  readonly usableAt: number;
  readonly normalAt: number;
  readonly components: readonly number[];
}

/** The whole world of one run. */
export interface World {
  readonly sites: readonly Site[];
  readonly domains: readonly PowerDomain[];
  readonly halls: readonly Hall[];
  readonly services: readonly Service[];
  readonly components: readonly Component[];
  readonly pools: readonly Pool[];
  /** Per server: lifecycle state code (see machines/serverLifecycle). */
  readonly serverState: Uint8Array;
  /** Per server: its hall. */
  readonly serverHall: Int32Array;
  /** Per server: the pool it belongs to, or -1 (other workloads). */
  readonly serverPool: Int32Array;
  /** Per server: 1 while it has lost power and its applications have not been restarted since. */
  readonly serverCold: Uint8Array;
  /** Per server: bumped at every state change, so stale scheduled callbacks can recognise themselves. */
  readonly serverEpoch: Uint32Array;
  /** Per rack: its hall. */
  readonly rackHall: Int32Array;
  /** The services on each rack: rack r's are `rackServices[rackServiceStart[r] .. rackServiceStart[r + 1])`. Crews order racks by them. */
  readonly rackServiceStart: Int32Array;
  readonly rackServices: Int32Array;
  readonly serverCount: number;
  readonly rackCount: number;
  /** The service that plays each control-plane role (the first to declare it). */
  readonly roleService: ReadonlyMap<NonNullable<Service['role']>, number>;
}

/** What a world is before a run: everything but the per-server state a run changes. */
type Layout = Omit<World, 'serverState' | 'serverCold' | 'serverEpoch'>;

// A world's layout (where every server, pool and hall is) depends on the scenario alone, not on the
// seed, so it is built once per scenario and each run gets fresh copies of the few objects a run
// changes. A sweep does thousands of runs of one scenario, and the builder was big enough that
// recompiling it after every deoptimisation was much of what kept a second core busy while the first
// ran (bench/RESULTS.md).
const layouts = new WeakMap<Scenario, Layout>();

/**
 * Lets `derived`, a copy of `base` that differs only in values the layout does not read (timings,
 * crews and chances: a run's drawn parameters, see scenario/draws.ts), use `base`'s layout rather
 * than build its own: a sweep that draws its parameters makes a new scenario object every run.
 */
export function shareLayout(derived: Scenario, base: Scenario): void {
  let layout = layouts.get(base);
  if (layout === undefined) {
    layout = buildLayout(base);
    layouts.set(base, layout);
  }
  layouts.set(derived, layout);
}

/**
 * Builds the world of a validated scenario; everything starts powered and running. The scenario must
 * not change afterwards: its layout is kept for the next run of the same scenario object.
 */
export function createWorld(scenario: Scenario): World {
  let layout = layouts.get(scenario);
  if (layout === undefined) {
    layout = buildLayout(scenario);
    layouts.set(scenario, layout);
  }
  const n = layout.serverCount;
  // Written out field by field, in World's order, rather than `{ ...layout, serverState, … }`: the spread
  // put the per-server arrays, the fields a run reads most, after the layout's fields, out of the object
  // itself, and some processes then ran every replay half as slowly again (bench/RESULTS.md).
  // Only domains, components, pools and the per-server state change during a run: copies for this run.
  return {
    sites: layout.sites,
    domains: layout.domains.map((d) => ({ ...d })),
    halls: layout.halls,
    services: layout.services,
    components: layout.components.map((c) => ({ ...c })),
    pools: layout.pools.map((p) => ({ ...p })),
    serverState: takeArray(Uint8Array, n), // 0 = running
    serverHall: layout.serverHall,
    serverPool: layout.serverPool,
    serverCold: takeArray(Uint8Array, n),
    serverEpoch: takeArray(Uint32Array, n),
    rackHall: layout.rackHall,
    rackServiceStart: layout.rackServiceStart,
    rackServices: layout.rackServices,
    serverCount: n,
    rackCount: layout.rackCount,
    roleService: layout.roleService,
  };
}

function buildLayout(scenario: Scenario): Layout {
  const sites: Site[] = [];
  const domains: PowerDomain[] = [];
  const halls: Hall[] = [];
  let rackCount = 0;
  let serverCount = 0;
  for (const siteDef of scenario.sites) {
    const site: Site = { index: sites.length, id: siteDef.id, name: siteDef.name, zonedPowerCutoff: siteDef.zonedPowerCutoff, rooms: siteDef.rooms.map((r) => r.id) };
    sites.push(site);
    const domainIndex = new Map<string, number>();
    const firstBuilding = siteDef.buildings[0]?.id ?? '';
    const buildingOf = new Map(siteDef.rooms.map((r) => [r.id, r.building ?? firstBuilding]));
    const ownHalls = new Map<string, number[]>();
    for (const d of siteDef.powerDomains) {
      domainIndex.set(d.id, domains.length);
      ownHalls.set(d.id, []);
      domains.push({
        index: domains.length,
        id: d.id,
        site: site.index,
        feed: d.feed,
        building: buildingOf.get(d.feed) ?? firstBuilding,
        cablePath: d.cablePath ?? [],
        restorePriority: d.restorePriority,
        ownHalls: ownHalls.get(d.id)!,
        powered: true,
        feedDestroyed: false,
        cableDestroyed: false,
      });
    }
    for (const h of siteDef.halls) {
      const count = h.racks * h.serversPerRack;
      const domain = domainIndex.get(h.powerDomain) ?? -1;
      halls.push({ index: halls.length, id: h.id, site: site.index, domain, firstRack: rackCount, racks: h.racks, serversPerRack: h.serversPerRack, firstServer: serverCount, serverCount: count });
      if (domain >= 0) ownHalls.get(h.powerDomain)!.push(halls.length - 1);
      rackCount += h.racks;
      serverCount += count;
    }
  }

  const serverHall = new Int32Array(serverCount);
  const rackHall = new Int32Array(rackCount);
  for (const hall of halls) {
    serverHall.fill(hall.index, hall.firstServer, hall.firstServer + hall.serverCount);
    rackHall.fill(hall.index, hall.firstRack, hall.firstRack + hall.racks);
  }

  const services: Service[] = [];
  const components: Component[] = [];
  const pools: Pool[] = [];
  const serviceIndex = new Map(scenario.services.map((s, i) => [s.id, i]));
  const siteIndex = new Map(sites.map((s) => [s.id, s.index]));
  const serverPool = new Int32Array(serverCount).fill(-1);
  const nextFree = new Map(halls.map((h) => [h.index, h.firstServer])); // allocation cursor per hall

  for (const def of scenario.services) {
    const service: Service = {
      index: services.length,
      id: def.id,
      name: def.name,
      users: def.users,
      priority: def.priority,
      dependsOn: def.dependsOn.map((id) => serviceIndex.get(id)!),
      role: def.role ?? null,
      usableAt: def.usableAt,
      normalAt: def.normalAt,
      components: [],
    };
    services.push(service);
    for (const c of def.components) {
      const component: Component = {
        index: components.length,
        id: `${def.id}/${c.id}`,
        service: service.index,
        demand: c.demand,
        essential: c.essential,
        pools: [],
        redundancy: c.redundancy,
        replicationLagMs: c.replicationLag,
        failedOver: false,
      };
      components.push(component);
      (service.components as number[]).push(component.index);
      for (const p of c.placements) {
        const site = siteIndex.get(p.site)!;
        const pool: Pool = { index: pools.length, component: component.index, site, role: p.role, servers: p.servers, active: p.role === 'active', running: 0, builtOut: 0, cold: false, coldBack: 0, serverList: new Int32Array(0) };
        pools.push(pool);
        (component.pools as number[]).push(pool.index);
        const candidates = halls.filter((h) => h.site === site && h.domain >= 0 && (p.halls === undefined || p.halls.includes(h.id)));
        allocate(pool, candidates, p.servers, nextFree, serverPool);
        pool.running = p.servers;
      }
      for (const siteId of def.rebuild?.sites ?? []) {
        const pool: Pool = { index: pools.length, component: component.index, site: siteIndex.get(siteId)!, role: 'rebuild', servers: 0, active: false, running: 0, builtOut: 0, cold: false, coldBack: 0, serverList: new Int32Array(0) };
        pools.push(pool);
        (component.pools as number[]).push(pool.index);
      }
    }
  }
  const { start: rackServiceStart, services: rackServices } = servicesByRack(halls, rackCount, serverPool, pools, components);
  const lists = serverListsOf(serverPool, pools.length);
  pools.forEach((pool, i) => ((pool as { serverList: Int32Array }).serverList = lists[i]!));
  const roleService = new Map<NonNullable<Service['role']>, number>();
  for (const s of services) if (s.role && !roleService.has(s.role)) roleService.set(s.role, s.index);
  return {
    sites,
    domains,
    halls,
    services,
    components,
    pools,
    serverHall,
    serverPool,
    rackHall,
    rackServiceStart,
    rackServices,
    serverCount,
    rackCount,
    roleService,
  };
}

/** The distinct services on each rack, as compressed rows (few per rack). */
function servicesByRack(halls: readonly Hall[], rackCount: number, serverPool: Int32Array, pools: readonly Pool[], components: readonly Component[]): { start: Int32Array; services: Int32Array } {
  const start = new Int32Array(rackCount + 1);
  const out: number[] = [];
  for (const hall of halls) {
    for (let r = 0; r < hall.racks; r++) {
      const rack = hall.firstRack + r;
      start[rack] = out.length;
      const first = hall.firstServer + r * hall.serversPerRack;
      for (let s = first; s < first + hall.serversPerRack; s++) {
        const pool = serverPool[s]!;
        if (pool < 0) continue;
        const service = components[pools[pool]!.component]!.service;
        if (out.lastIndexOf(service, out.length - 1) < start[rack]!) out.push(service);
      }
    }
  }
  start[rackCount] = out.length;
  return { start, services: Int32Array.from(out) };
}

/**
 * Each pool's servers, in order. A function of its own so that the loop over every server, the one hot
 * loop of building a layout, is compiled alone rather than with the whole builder around it.
 */
function serverListsOf(serverPool: Int32Array, poolCount: number): Int32Array[] {
  const sizes = new Int32Array(poolCount);
  for (let s = 0; s < serverPool.length; s++) if (serverPool[s]! >= 0) sizes[serverPool[s]!]!++;
  const lists = Array.from(sizes, (n) => new Int32Array(n));
  const filled = new Int32Array(poolCount);
  for (let s = 0; s < serverPool.length; s++) {
    const p = serverPool[s]!;
    if (p >= 0) lists[p]![filled[p]!++] = s;
  }
  return lists;
}

/**
 * Gives a pool its servers, spread over the candidate halls in proportion to
 * their free servers so that a pool is not all in one hall unless told so.
 */
function allocate(pool: Pool, candidates: Hall[], wanted: number, nextFree: Map<number, number>, serverPool: Int32Array): void {
  const free = (h: Hall) => h.firstServer + h.serverCount - nextFree.get(h.index)!;
  const shares = spreadOverHalls(candidates.map(free), wanted);
  // The scenario checker runs the same spread first, so this only fires for a world built around it.
  if (shares === null) throw new RangeError(`pool of ${wanted} servers does not fit in its halls`);
  candidates.forEach((hall, i) => {
    const share = shares[i]!;
    const from = nextFree.get(hall.index)!;
    serverPool.fill(pool.index, from, from + share);
    nextFree.set(hall.index, from + share);
  });
}

/** Gives a finished run's per-server arrays back for the next run (the world must not be used again). */
export function recycleWorld(world: World): void {
  giveArrays(world.serverState, world.serverCold, world.serverEpoch);
}
