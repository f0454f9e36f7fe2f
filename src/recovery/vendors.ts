/**
 * Who does a system's engineering work: the engineers, or the vendor that
 * maintains it, with its own teams, its own hours (office hours: weekdays
 * 09:00–18:00 in the scenario's zone, so a system that fails on a Saturday
 * waits for Monday) and a call-out lead time the first time it is needed.
 */
import { createResource, createSampler, DAY, HOUR, type Request, type Resource, type SimEvent } from '../../sim/index.js';
import type { RunContext } from '../model/context.js';
import type { VendorDef } from '../scenario/responseSchema.js';
import { parseInstant } from '../scenario/units.js';
import { work } from './work.js';

/** A vendor's teams in one run. */
interface VendorTeams {
  readonly def: VendorDef;
  readonly resource: Resource;
  /** On site (value: time); made on the first call. */
  arrived: SimEvent<number> | null;
}

interface Vendors {
  /** Per service: its vendor, or null (the engineers). */
  readonly of: Array<VendorTeams | null>;
  /** Local wall-clock ms of simulated time 0, as if the zone were UTC. */
  readonly startLocal: number;
}

const byRun = new WeakMap<RunContext, Vendors>();
const glob = (pattern: string) => new RegExp(`^${pattern.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

function vendorsOf(ctx: RunContext): Vendors {
  let v = byRun.get(ctx);
  if (v !== undefined) return v;
  const teams = ctx.scenario.people.vendors.map((def) => ({ def, resource: createResource(ctx.env, { capacity: def.teams, name: `vendor ${def.id}` }), arrived: null }) as VendorTeams);
  const patterns = teams.map((t) => t.def.services.map(glob));
  const start = ctx.scenario.start;
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(start.trim())?.[1] ?? 'Z';
  const offsetMs = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  const parsed = parseInstant(start);
  v = {
    // The first vendor whose patterns name the service maintains it.
    of: ctx.world.services.map((s) => teams.find((_, i) => patterns[i]!.some((r) => r.test(s.id))) ?? null),
    startLocal: (parsed.ok ? parsed.value : 0) + offsetMs,
  };
  byRun.set(ctx, v);
  return v;
}

/** The vendor maintaining a service, by id, or null. */
export function vendorOf(ctx: RunContext, service: number): string | null {
  return vendorsOf(ctx).of[service]?.def.id ?? null;
}

/** Ms from `now` (simulated) to the next office hour: weekdays 09:00–18:00 local; 0 inside one. */
export function untilOfficeHours(startLocal: number, now: number): number {
  const local = startLocal + now;
  const day = Math.floor(local / DAY);
  const into = local - day * DAY;
  const weekday = (new Date(day * DAY).getUTCDay() + 6) % 7; // 0 = Monday
  if (weekday < 5 && into >= 9 * HOUR && into < 18 * HOUR) return 0;
  // The next weekday 09:00: today's if before it, else the next weekday's.
  let next = weekday < 5 && into < 9 * HOUR ? day : day + 1;
  while ((new Date(next * DAY).getUTCDay() + 6) % 7 >= 5) next++;
  return next * DAY + 9 * HOUR - local;
}

/**
 * A process step: takes a team for a service's engineering work — a vendor's when a vendor maintains
 * it (waiting for its call-out the first time, and for its hours), the engineers' otherwise — at a
 * priority; returns the request to release.
 */
export function* takeTeam(ctx: RunContext, service: number, priority: number) {
  const vendor = vendorsOf(ctx).of[service] ?? null;
  if (vendor === null) {
    const team: Request = yield ctx.people.engineers.request(priority);
    return team;
  }
  if (vendor.arrived === null) {
    const arrived = ctx.env.event<number>();
    vendor.arrived = arrived;
    const lead = vendor.def.callOut === undefined ? 0 : createSampler(vendor.def.callOut)(ctx.streams.get(`people.vendor.${vendor.def.id}`));
    ctx.env.schedule(lead, () => arrived.succeed(ctx.env.now));
  }
  if (!vendor.arrived.triggered) yield vendor.arrived;
  const team: Request = yield vendor.resource.request(priority);
  if (vendor.def.hours === 'office') {
    const wait = untilOfficeHours(vendorsOf(ctx).startLocal, ctx.env.now);
    if (wait > 0) yield ctx.env.timeout(wait);
  }
  return team;
}

/** A process step: `duration` ms of a service's engineering work, by whoever does it (a vendor's teams keep their own pace). */
export function* workOn(ctx: RunContext, service: number, duration: number) {
  if (vendorsOf(ctx).of[service] == null) return yield* work(ctx, 'engineers', duration);
  const from = ctx.env.now;
  yield ctx.env.timeout(duration);
  return ctx.env.now - from;
}
