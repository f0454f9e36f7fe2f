/**
 * Power domains losing and regaining power, and what that does to the servers
 * in their halls. Neither breaks nor mends on its own: hazards cut, recovery
 * energises.
 */
import { E } from '../machines/serverLifecycle.js';
import { applyServerEvent, type Fleet } from './fleet.js';
import type { PowerDomain } from './world.js';

/** Cuts a domain's power: every server in its halls loses power hard. Returns false if it was already dark. */
export function cutDomain(fleet: Fleet, domain: PowerDomain): boolean {
  if (!domain.powered) return false;
  domain.powered = false;
  const pools = fleet.world.pools;
  const { serverPool, serverCold } = fleet.world;
  forEachServer(fleet, domain, (s) => {
    applyServerEvent(fleet, s, E.POWER_LOST);
    const pool = serverPool[s]!;
    if (pool >= 0) {
      serverCold[s] = 1;
      pools[pool]!.cold = true;
    }
  });
  fleet.bus.powerChanged.emit(domain);
  return true;
}

/** Energises a domain: its servers are powered but off until a crew restarts their racks. */
export function energiseDomain(fleet: Fleet, domain: PowerDomain): void {
  if (domain.powered) return;
  domain.powered = true;
  forEachServer(fleet, domain, (s) => applyServerEvent(fleet, s, E.POWER_RESTORED));
  fleet.bus.powerChanged.emit(domain);
}

/** Number of servers in a domain's halls. */
export function domainServerCount(fleet: Fleet, domain: PowerDomain): number {
  return domain.ownHalls.reduce((sum, h) => sum + fleet.world.halls[h]!.serverCount, 0);
}

function forEachServer(fleet: Fleet, domain: PowerDomain, fn: (server: number) => void): void {
  for (const h of domain.ownHalls) {
    const hall = fleet.world.halls[h]!;
    for (let s = hall.firstServer; s < hall.firstServer + hall.serverCount; s++) fn(s);
  }
}
