/**
 * Crews bringing servers back once power returns: a restart crew restarts a
 * rack, its servers boot, some do not survive the hard power loss and wait for
 * a hardware technician to repair them. Both take their work by the priority
 * of the services on it. This is the hot path of a run: callbacks over typed
 * arrays, no allocation per server.
 */
import { createSampler, giveArrays, takeArray } from '../../sim/index.js';
import type { RunContext } from '../model/context.js';
import { damageOf } from '../model/damage.js';
import { applyServerEvent, ServerEvent as E, ServerState as S } from '../model/fleet.js';
import type { PowerDomain } from '../model/world.js';

/** Each server's and rack's luck, drawn once in index order so that every design meets the same hardware luck. */
interface Luck {
  readonly rackRestartMs: Float64Array;
  readonly bootMs: Float64Array;
  readonly failsOnBoot: Uint8Array;
  readonly repairMs: Float64Array;
  /** The crew's share of each repair, or null when the scenario has the crew busy for the whole repair. */
  readonly handsOnMs: Float64Array | null;
}

const luckOf = new WeakMap<RunContext, Luck>();

function getLuck(ctx: RunContext): Luck {
  let luck = luckOf.get(ctx);
  if (luck !== undefined) return luck;
  const { world, scenario } = ctx;
  const rackRestart = createSampler(scenario.servers.rackRestart);
  const boot = createSampler(scenario.servers.boot);
  const repair = createSampler(scenario.servers.repair);
  const racks = ctx.streams.get('crews.rackRestart');
  const boots = ctx.streams.get('servers.boot');
  const failures = ctx.streams.get('servers.bootFailure');
  const repairs = ctx.streams.get('crews.repair');
  const p = scenario.servers.bootFailure;
  const n = world.serverCount;
  const handsOn = scenario.servers.repairHandsOn;
  luck = {
    rackRestartMs: takeArray(Float64Array, world.rackCount),
    bootMs: takeArray(Float64Array, n),
    failsOnBoot: takeArray(Uint8Array, n),
    repairMs: takeArray(Float64Array, n),
    handsOnMs: handsOn === undefined ? null : takeArray(Float64Array, n),
  };
  for (let r = 0; r < world.rackCount; r++) luck.rackRestartMs[r] = rackRestart(racks);
  for (let s = 0; s < n; s++) luck.bootMs[s] = boot(boots);
  for (let s = 0; s < n; s++) luck.failsOnBoot[s] = failures() < p ? 1 : 0;
  for (let s = 0; s < n; s++) luck.repairMs[s] = repair(repairs);
  if (luck.handsOnMs !== null) {
    // Its own stream, drawn last: a scenario without hands-on times draws exactly what it did before.
    const work = createSampler(handsOn!);
    const works = ctx.streams.get('crews.repairHandsOn');
    for (let s = 0; s < n; s++) luck.handsOnMs[s] = work(works);
  }
  luckOf.set(ctx, luck);
  return luck;
}

/** Draws the hardware luck now (before the first event), so that it never depends on event order. */
export function prepareCrewWork(ctx: RunContext): void {
  getLuck(ctx);
}

/** Gives a finished run's luck arrays back for the next run. */
export function recycleCrewWork(ctx: RunContext): void {
  const luck = luckOf.get(ctx);
  if (luck === undefined) return;
  luckOf.delete(ctx);
  giveArrays(luck.rackRestartMs, luck.bootMs, luck.failsOnBoot, luck.repairMs);
  if (luck.handsOnMs !== null) giveArrays(luck.handsOnMs);
}

/** Queues a restart of every rack of a freshly energised domain with the hardware crews. */
export function restartRacks(ctx: RunContext, domain: PowerDomain): void {
  const { world, env, fleet } = ctx;
  const crews = ctx.people.restartCrews;
  const technicians = ctx.people.hardwareCrews;
  const luck = getLuck(ctx);
  // Boots scheduled with the server's epoch packed in, so a boot overtaken by another power loss is ignored.
  // Epochs are compared modulo EPOCH: a stale boot would pass only after EPOCH power losses of its server
  // while it booted. 1,024 keeps the packed number a small integer (below 2^30) for fleets of up to 2^20
  // servers, which V8 passes unboxed; a bigger modulus would be a heap allocation per boot (bench: garbage).
  const EPOCH = 2 ** 10;

  const wet = damageOf(ctx).wet;
  const bootDone = (packed: number): void => {
    const server = Math.floor(packed / EPOCH);
    if (world.serverEpoch[server]! % EPOCH !== packed % EPOCH || world.serverState[server] !== S.booting) return;
    if (luck.failsOnBoot[server] === 1 || wet[server] === 1) {
      luck.failsOnBoot[server] = 0; // a repaired server boots normally next time
      wet[server] = 0;
      applyServerEvent(fleet, server, E.BOOT_FAILED);
      technicians.acquire(startRepair, server, priorityOf(server));
    } else {
      applyServerEvent(fleet, server, E.BOOTED);
    }
  };

  const startRepair = (server: number): void => {
    if (world.serverState[server] !== S.failed) {
      technicians.release();
      return;
    }
    applyServerEvent(fleet, server, E.REPAIR_STARTED);
    const packed = server * EPOCH + (world.serverEpoch[server]! % EPOCH);
    const wait = ctx.people.handoverWait('hardwareCrews');
    if (luck.handsOnMs === null) {
      env.schedule(luck.repairMs[server]! * ctx.people.pace('hardwareCrews') + wait, repairDone, packed);
      return;
    }
    // The crew is free once its own work is done; the server is back when the part has come too.
    const work = luck.handsOnMs[server]! * ctx.people.pace('hardwareCrews') + wait;
    env.schedule(work, crewFree, server);
    env.schedule(Math.max(work, luck.repairMs[server]!), serverRepaired, packed);
  };

  const serverRepaired = (packed: number): void => {
    const server = Math.floor(packed / EPOCH);
    if (world.serverEpoch[server]! % EPOCH === packed % EPOCH) applyServerEvent(fleet, server, E.REPAIRED);
  };

  const repairDone = (packed: number): void => {
    serverRepaired(packed);
    technicians.release();
  };

  const crewFree = (): void => technicians.release();

  const rackRestarted = (rack: number): void => {
    const hall = world.halls[world.rackHall[rack]!]!;
    const first = hall.firstServer + (rack - hall.firstRack) * hall.serversPerRack;
    for (let s = first; s < first + hall.serversPerRack; s++) {
      if (applyServerEvent(fleet, s, E.START)) env.schedule(luck.bootMs[s]!, bootDone, s * EPOCH + (world.serverEpoch[s]! % EPOCH));
    }
    crews.release();
  };

  const startRack = (rack: number): void => {
    env.schedule(luck.rackRestartMs[rack]! * ctx.people.pace('restartCrews') + ctx.people.handoverWait('restartCrews'), rackRestarted, rack);
  };

  // A sooted rack is cleaned first, then queued for its restart like any other.
  const dirty = damageOf(ctx).dirtyRacks;
  const cleaners = ctx.people.cleaningCrews;
  const cleanRack = ctx.scenario.servers.cleanRack;
  const cleaned = (rack: number): void => {
    dirty[rack] = 0;
    cleaners.release();
    crews.acquire(startRack, rack, rackPriority(rack));
  };
  const startCleaning = (rack: number): void => {
    env.schedule(createSampler(cleanRack!)(ctx.streams.get('crews.clean')) * ctx.people.pace('restartCrews') + ctx.people.handoverWait('restartCrews'), cleaned, rack);
  };

  // Crews take racks and servers in the command's work order (the scenario's priorities until the
  // commander sets another): a rack by the most urgent service on it.
  const rank = ctx.command.rank;
  const priorityOf = (server: number): number => {
    const pool = world.serverPool[server]!;
    return pool < 0 ? 1 << 20 : rank[world.components[world.pools[pool]!.component]!.service]!;
  };

  const rackPriority = (rack: number): number => {
    let priority = 1 << 20; // a rack of other workloads only: after every service's
    for (let k = world.rackServiceStart[rack]!; k < world.rackServiceStart[rack + 1]!; k++) priority = Math.min(priority, rank[world.rackServices[k]!]!);
    return priority;
  };

  for (const h of domain.ownHalls) {
    const hall = world.halls[h]!;
    for (let rack = hall.firstRack; rack < hall.firstRack + hall.racks; rack++) {
      if (dirty[rack] === 1 && cleanRack !== undefined) cleaners.acquire(startCleaning, rack, rackPriority(rack));
      else crews.acquire(startRack, rack, rackPriority(rack));
    }
  }
}
