/**
 * Why a service took as long as it did: the chain of waits that decided when
 * it became normal. Read after the run from what recovery recorded: if a
 * dependency came back last, its chain; if servers returning took the binding
 * component over the line, the chain of their power domain and then the
 * boots; if a failover or build-out did, that work and what it waited for.
 */
import { HOUR } from '../../sim/index.js';
import type { ServiceStatus } from '../model/availability.js';
import type { RunContext, Step } from '../model/context.js';

/** One link, in hours after ignition. */
export interface ChainLink {
  what: string;
  fromHours: number;
  toHours: number;
}

/** The critical chain of a service that became normal (empty if it never did or never went down). */
export function criticalChain(ctx: RunContext, status: ServiceStatus, service: number, ignitionMs: number, depth = 0): ChainLink[] {
  const { world } = ctx;
  const s = world.services[service]!;
  const normalAt = status.normalAt[service]!;
  if (normalAt < 0 || depth > 4) return [];
  const hours = (ms: number) => round((ms - ignitionMs) / HOUR);
  const link = (step: Step): ChainLink => ({ what: step.what, fromHours: hours(step.from), toHours: hours(step.to) });

  let lastDep = -1;
  for (const d of s.dependsOn) if (lastDep < 0 || status.normalAt[d]! > status.normalAt[lastDep]!) lastDep = d;
  let binding = -1;
  for (const c of s.components) if (binding < 0 || status.componentNormalAt[c]! > status.componentNormalAt[binding]!) binding = c;
  const componentAt = binding >= 0 ? status.componentNormalAt[binding]! : -1;
  if (lastDep >= 0 && status.normalAt[lastDep]! >= componentAt) {
    const dep = world.services[lastDep]!;
    const inner = criticalChain(ctx, status, lastDep, ignitionMs, depth + 1);
    return [...inner, { what: `${dep.name} back to normal (a dependency)`, fromHours: hours(status.normalAt[lastDep]!), toHours: hours(normalAt) }];
  }
  if (binding < 0 || componentAt < 0) return [];
  const server = status.componentNormalServer[binding]!;
  const links: ChainLink[] = [];
  if (server >= 0) {
    const domain = world.halls[world.serverHall[server]!]!.domain;
    if (domain >= 0) {
      links.push(...ctx.chains.domains[domain]!.map(link));
      const energised = ctx.chains.domainEnergisedAt[domain]!;
      if (energised >= 0) links.push({ what: `rack restarts, boots and checks in ${world.domains[domain]!.id}`, fromHours: hours(energised), toHours: hours(componentAt) });
    }
  } else {
    links.push(...ctx.chains.components[binding]!.map(link));
  }
  if (normalAt > componentAt) links.push({ what: 'verification before calling it normal', fromHours: hours(componentAt), toHours: hours(normalAt) });
  return links;
}

/** Renders a chain as one sentence: `waited for A (0.0→10.2 h), B (10.2→12.0 h)`. */
export function describeChain(links: ChainLink[]): string {
  return links.map((l) => `${l.what} (${l.fromHours.toFixed(1)}→${l.toHours.toFixed(1)} h)`).join(', ');
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
