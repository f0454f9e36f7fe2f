/**
 * How usable each service is, from its components' capacity and its
 * dependencies. A component's capacity is the running servers of its active
 * pools (plus any built out) over its demand; a service is usable when every
 * essential component reaches `usableAt` and every dependency is usable, and
 * normal when every component reaches `normalAt`, every dependency is normal
 * and engineers have verified it. Recomputed at most once a simulated minute
 * after capacity changed: thousands of servers boot at distinct instants, and
 * minute resolution is ample for recoveries measured in hours (bench: pangyo).
 */
import { MINUTE, createSampler, type Sampler } from '../../sim/index.js';
import { Phase } from './bus.js';
import type { RunContext } from './context.js';
import type { Service } from './world.js';

/** Service levels are recomputed on this grid of simulated time (ms). */
export const RECOMPUTE_QUANTUM = MINUTE;

/** How far a service is back. */
export const Level = { down: 0, usable: 1, normal: 2 } as const;
/** One of the values of `Level`. */
export type Level = (typeof Level)[keyof typeof Level];

/** The running availability state of every service. */
export interface ServiceStatus {
  /** Per service: its level now. */
  readonly level: Uint8Array;
  /** Per service: usable fraction now (0 when down), for user-hours and charts. */
  readonly availability: Float64Array;
  /** Per service: first time it became usable, or -1. */
  readonly firstUsableAt: Float64Array;
  /** Per service: time it last became normal and has stayed so, or -1. */
  readonly normalAt: Float64Array;
  /** Per component: capacity fraction now. */
  readonly capacity: Float64Array;
  /** Per component: when it last reached its service's usable / normal threshold, or -1. */
  readonly componentUsableAt: Float64Array;
  readonly componentNormalAt: Float64Array;
  /** Per component: the last server whose return changed its capacity, or -1 (build-out, failover). */
  readonly lastServer: Int32Array;
  /** Per component: the server whose return took it over the usable / normal threshold, or -1 (failover, build-out). */
  readonly componentUsableServer: Int32Array;
  readonly componentNormalServer: Int32Array;
  /** Per service: 1 once it has dropped below normal at least once. */
  readonly wasLost: Uint8Array;
  /** Per service: integral of (1 − availability) over time, in ms, up to the last recompute. */
  readonly unavailableMs: Float64Array;
  /** Per service: the time `unavailableMs` runs to. */
  readonly integratedTo: Float64Array;
  /** Per service: every change of its availability, flat as [time, availability, time, availability, …] (it starts at 1). */
  readonly availabilityLog: number[][];
  /**
   * Recomputes at the end of the instant (after failover and build-out steps); listeners hear of it on
   * the bus (`recomputed`, `levelChanged`). Name the component whose capacity changed when there is one:
   * only its service (and what depends on it) is worked out again.
   */
  touch(component?: number): void;
}

/** Starts tracking service availability for a run; every service starts normal. */
export function createServiceStatus(ctx: RunContext): ServiceStatus {
  const { world, env } = ctx;
  const nServices = world.services.length;
  const nComponents = world.components.length;
  const verify: Sampler = createSampler(ctx.scenario.incident.verify);
  const verifyRng = ctx.streams.get('response.verify');
  const status: ServiceStatus = {
    level: new Uint8Array(nServices).fill(Level.normal),
    availability: new Float64Array(nServices).fill(1),
    firstUsableAt: new Float64Array(nServices).fill(-1),
    normalAt: new Float64Array(nServices).fill(-1),
    capacity: new Float64Array(nComponents).fill(1),
    componentUsableAt: new Float64Array(nComponents).fill(-1),
    componentNormalAt: new Float64Array(nComponents).fill(-1),
    lastServer: new Int32Array(nComponents).fill(-1),
    componentUsableServer: new Int32Array(nComponents).fill(-1),
    componentNormalServer: new Int32Array(nComponents).fill(-1),
    wasLost: new Uint8Array(nServices),
    unavailableMs: new Float64Array(nServices),
    integratedTo: new Float64Array(nServices),
    availabilityLog: Array.from({ length: nServices }, () => []),
    touch: (component) => {
      if (component === undefined) allDirty = true;
      else dirty[world.components[component]!.service] = 1;
      schedule();
    },
  };
  // The verification each service is waiting for before it counts as normal, if any.
  const verifying = new Float64Array(nServices).fill(-1);
  const verifyDone = new Float64Array(nServices).fill(-1);
  let pending = false;

  const schedule = (): void => {
    if (pending) return;
    pending = true;
    const at = Math.ceil(env.now / RECOMPUTE_QUANTUM) * RECOMPUTE_QUANTUM;
    env.scheduleAt(at, recompute, undefined, Phase.settle);
  };

  // Services whose components' capacity may have changed since the last recompute: only those, and
  // those whose dependencies changed level or availability, are worked out again. An estate of hundreds
  // of services recomputes every simulated minute while anything returns (bench: estate-700).
  const dirty = new Uint8Array(nServices).fill(1);
  let allDirty = true;
  const changed = new Uint8Array(nServices);
  const markDirty = (s: number): void => {
    dirty[s] = 1;
    schedule();
  };

  ctx.bus.poolChanged.on((pool: number, server: number) => {
    const c = world.pools[pool]!.component;
    status.lastServer[c] = server;
    dirty[world.components[c]!.service] = 1;
    schedule();
  });

  function componentCapacity(c: number): number {
    const component = world.components[c]!;
    let serving = 0;
    for (const p of component.pools) {
      const pool = world.pools[p]!;
      if (pool.active) serving += pool.running - pool.coldBack + pool.builtOut;
    }
    return Math.min(1, serving / component.demand);
  }

  // Made once a run, not at each recompute: it runs hundreds of times a run.
  const done = new Uint8Array(nServices);
  let now = 0;

  function recompute(): void {
    pending = false;
    now = env.now;
    done.fill(0);
    changed.fill(0);
    for (let s = 0; s < nServices; s++) visit(s);
    dirty.fill(0);
    allDirty = false;
    ctx.bus.recomputed.emit();
  }

  function visit(s: number): void {
    if (done[s]) return;
    done[s] = 1;
    const service = world.services[s]!;
    if (!allDirty && dirty[s] === 0) {
      // Its components are as they were: it can change only through a dependency.
      let depChanged = false;
      for (const d of service.dependsOn) {
        visit(d);
        if (changed[d] === 1) depChanged = true;
      }
      if (!depChanged) {
        // The same sum, term by term, as a full recompute: user-hours must not depend on which ran.
        status.unavailableMs[s]! += (1 - status.availability[s]!) * (now - status.integratedTo[s]!);
        status.integratedTo[s] = now;
        return;
      }
    }
    let essential = 1;
    let all = 1;
    for (const c of service.components) {
      const cap = componentCapacity(c);
      const before = status.capacity[c]!;
      status.capacity[c] = cap;
      if (cap >= service.usableAt && before < service.usableAt) {
        status.componentUsableAt[c] = now;
        status.componentUsableServer[c] = status.lastServer[c]!;
      }
      if (cap >= service.normalAt && before < service.normalAt) {
        status.componentNormalAt[c] = now;
        status.componentNormalServer[c] = status.lastServer[c]!;
      }
      all = Math.min(all, cap);
      if (world.components[c]!.essential) essential = Math.min(essential, cap);
    }
    let depsLevel: Level = Level.normal;
    let depsAvailability = 1;
    for (const d of service.dependsOn) {
      visit(d);
      depsLevel = Math.min(depsLevel, status.level[d]!) as Level;
      depsAvailability = Math.min(depsAvailability, status.availability[d]!);
    }
    const usable = essential >= service.usableAt && depsLevel >= Level.usable;
    const capacityNormal = usable && all >= service.normalAt && depsLevel === Level.normal;
    let level: Level = usable ? Level.usable : Level.down;
    if (capacityNormal) {
      if (status.level[s] === Level.normal) level = Level.normal;
      else if (verifyDone[s]! >= 0 && verifyDone[s]! <= now) level = Level.normal;
      else if (verifying[s]! < 0) {
        // Engineers verify before calling it normal; if capacity drops meanwhile, they start again.
        const due = verify(verifyRng);
        verifying[s] = now;
        verifyDone[s] = now + due;
        env.schedule(due, markDirty, s);
      }
    } else {
      verifying[s] = -1;
      verifyDone[s] = -1;
    }
    status.unavailableMs[s]! += (1 - status.availability[s]!) * (now - status.integratedTo[s]!);
    status.integratedTo[s] = now;
    const availability = usable ? Math.min(essential, depsAvailability) : 0;
    if (availability !== status.availability[s]) {
      status.availabilityLog[s]!.push(now, availability);
      changed[s] = 1;
    }
    status.availability[s] = availability;
    const from = status.level[s] as Level;
    if (level !== from) {
      changed[s] = 1;
      status.level[s] = level;
      if (level >= Level.usable && status.firstUsableAt[s]! < 0 && from === Level.down) status.firstUsableAt[s] = now;
      if (level === Level.normal) status.normalAt[s] = now;
      if (from === Level.normal) {
        status.wasLost[s] = 1;
        status.normalAt[s] = -1;
        verifying[s] = -1;
        verifyDone[s] = -1;
      }
      ctx.bus.levelChanged.emit(service, from, level);
    }
  }

  return status;
}

/** Whether the control-plane capability with this role is working; a role no service plays counts as working. */
export function isRoleUp(ctx: RunContext, status: ServiceStatus, role: NonNullable<Service['role']>): boolean {
  // Looked up in the layout, not searched for: this runs inside every recompute's watchers.
  const service = ctx.world.roleService.get(role);
  return service === undefined || status.level[service]! >= Level.usable;
}
