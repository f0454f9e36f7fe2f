/**
 * Steps servers through their lifecycle on the compiled table and keeps the
 * counts everything else reads: servers by site and state, running servers per
 * pool. The one place a server's state changes.
 */
import { E, S, SERVER_STATES, compileServerLifecycle, type LifecycleTable } from '../machines/serverLifecycle.js';
import type { RunBus } from './bus.js';
import type { World } from './world.js';

/** Server-state bookkeeping of one run. */
export interface Fleet {
  readonly world: World;
  readonly table: LifecycleTable;
  /** `counts[site * STATE_COUNT + state]`: servers of a site in a state. */
  readonly counts: Int32Array;
  /** Where state changes are published (`poolChanged`, `serverChanged`). */
  readonly bus: RunBus;
}

/** Number of server states. */
export const STATE_COUNT = SERVER_STATES.length;

let compiled: LifecycleTable | null = null;

/** Creates the bookkeeping for a freshly built world (every server running). */
export function createFleet(world: World, bus: RunBus): Fleet {
  compiled ??= compileServerLifecycle();
  const counts = new Int32Array(world.sites.length * STATE_COUNT);
  for (const hall of world.halls) counts[hall.site * STATE_COUNT + S.running] += hall.serverCount;
  return { world, table: compiled, counts, bus };
}

/**
 * Applies a lifecycle event to a server. Returns false when the chart ignores
 * the event in the server's state (a boot finishing after power was lost again).
 */
export function applyServerEvent(fleet: Fleet, server: number, event: number): boolean {
  const { world, table } = fleet;
  const from = world.serverState[server]!;
  const to = table.next[from * table.eventCount + event]!;
  if (to === from) return false;
  world.serverState[server] = to;
  world.serverEpoch[server] = (world.serverEpoch[server]! + 1) >>> 0;
  const site = world.halls[world.serverHall[server]!]!.site;
  fleet.counts[site * STATE_COUNT + from]--;
  fleet.counts[site * STATE_COUNT + to]++;
  const pool = world.serverPool[server]!;
  if (pool >= 0 && (from === S.running || to === S.running)) {
    const delta = to === S.running ? 1 : -1;
    const p = world.pools[pool]!;
    p.running += delta;
    if (world.serverCold[server] === 1) p.coldBack += delta;
    fleet.bus.poolChanged.emit(pool, server);
  }
  fleet.bus.serverChanged.emit(server, from, to);
  return true;
}

/** Servers of a site in a state. */
export function countServers(fleet: Fleet, site: number, state: number): number {
  return fleet.counts[site * STATE_COUNT + state]!;
}

export { E as ServerEvent, S as ServerState };
