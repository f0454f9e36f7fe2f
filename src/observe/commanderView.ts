/**
 * What the incident commander can see, worked out on demand from the run as
 * it is and as it was: monitoring while it works (the true state, per hall);
 * without it, user complaints (late), the engineers on the internal tools
 * they use (at once) and on anything else (late); the building operator's
 * updates on power every few hours, each late, with its estimates off by a
 * lognormal factor; the brigade's word
 * that the fire is out; the commander's own teams and open questions. A
 * decider receives only this view, never the world. Reads the model; never
 * changes it, and draws its own randomness from generators of its own, so that
 * looking never shifts the model's luck.
 */
import { HOUR, createRng, createSampler, lognormal, type Rng, type Sampler } from '../../sim/index.js';
import { Level, isRoleUp, type ServiceStatus } from '../model/availability.js';
import { Approval } from '../model/command.js';
import type { Narrative, RunContext } from '../model/context.js';
import type { Team } from '../model/decisions.js';
import { TEAM_KINDS } from '../scenario/responseSchema.js';
import type { CommanderView, ViewReport, ViewRequest, ViewService } from '../stream/protocol.js';

/** How many of the latest reports a view carries. */
const REPORTS_SHOWN = 12;

/** Narrative kinds the commander's own engineers report, and those the brigade tells at once. */
const ENGINEER_KINDS = new Set(['failover.started', 'failover.done', 'failover.redone', 'rebuild.started', 'rebuild.done', 'rebuild.redone', 'materials.ordered', 'people.calledIn']);
const BRIGADE_KINDS = new Set(['power.cut', 'fire.cutDelayed', 'fire.out', 'power.clearance']);

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** The view of one run. */
export interface CommanderViews {
  /**
   * The commander's view now. Its parts are worked out when first read, so
   * read it before the run moves on (or copy it, as JSON does).
   */
  view(): CommanderView;
}

/** Starts following what reaches the commander. Call before the run advances. */
export function watchCommanderView(ctx: RunContext, status: ServiceStatus): CommanderViews {
  const { env, world, scenario } = ctx;
  const observation = scenario.observation;
  const ignition = scenario.fire.ignition;
  const h = (ms: number) => r3((ms - ignition) / HOUR);
  const seed = ctx.streams.seed;
  // A fresh generator per purpose and index: the same draw however often the view is asked for.
  const rngOf = (what: string): Rng => createRng(`${seed}\u0000observe.${what}`);
  const drawn = new Map<string, number>();
  const once = (what: string, sampler: Sampler): number => {
    let x = drawn.get(what);
    if (x === undefined) {
      x = sampler(rngOf(what));
      drawn.set(what, x);
    }
    return x;
  };
  const engineerDelay = createSampler(observation.engineerReports.delay);
  const operatorDelay = createSampler(observation.operatorUpdates.delay);
  const estimateError = (what: string): number => {
    const sigma = observation.engineerReports.estimateSigma;
    return sigma === 0 ? 1 : lognormal(rngOf(what), 0, sigma);
  };

  // What happened and when, as far as anyone could tell: the model's narrative and power changes.
  const heard: Array<{ at: number; event: Narrative }> = [];
  ctx.bus.narrated.on((event) => {
    if (ENGINEER_KINDS.has(event.type) || BRIGADE_KINDS.has(event.type)) heard.push({ at: env.now, event });
  });
  const powerLog: Array<{ at: number; domain: number; powered: boolean }> = [];
  ctx.bus.powerChanged.on((d) => powerLog.push({ at: env.now, domain: d.index, powered: d.powered }));
  const levelLog: Array<{ at: number; service: number; level: number }> = [];
  ctx.bus.levelChanged.on((service, _from, to) => levelLog.push({ at: env.now, service: service.index, level: to }));

  const levelAt = (service: number, at: number): number => {
    let level: number = Level.normal;
    for (const entry of levelLog) {
      if (entry.at > at) break;
      if (entry.service === service) level = entry.level;
    }
    return level;
  };
  const known = (level: number): ViewService['known'] => (level === Level.normal ? 'normal' : level === Level.usable ? 'degraded' : 'down');

  const services = (): ViewService[] => {
    const now = env.now;
    const monitoring = isRoleUp(ctx, status, 'monitoring');
    const lateComplaints = now - observation.complaints.delay;
    const lateEngineers = now - once('engineers', engineerDelay);
    return world.services.map((s, i) => {
      let view: Pick<ViewService, 'known' | 'asOfH' | 'source'>;
      if (monitoring) view = { known: known(status.level[i]!), asOfH: h(now), source: 'monitoring' };
      // The control plane's tools are the engineers' own: they find them working or not as they use them,
      // as the view's `tools` says, not from a report that reaches the commander later.
      else if (s.role !== null) view = { known: known(status.level[i]!), asOfH: h(now), source: 'engineers' };
      else if (s.users > 0) view = lateComplaints < 0 ? { known: 'unknown', asOfH: null, source: 'none' } : { known: known(levelAt(i, lateComplaints)), asOfH: h(lateComplaints), source: 'complaints' };
      else view = lateEngineers < 0 ? { known: 'unknown', asOfH: null, source: 'none' } : { known: known(levelAt(i, lateEngineers)), asOfH: h(lateEngineers), source: 'engineers' };
      const def = scenario.services[i]!;
      return {
        id: s.id,
        name: s.name,
        priority: s.priority,
        users: s.users,
        role: s.role ?? null,
        ...view,
        hasStandby: def.components.some((c) => c.placements.some((p) => p.role === 'standby') || (c.redundancy.kind === 'active-active' && c.redundancy.maxBuildOut > 0)),
        rebuildSites: def.rebuild?.sites ?? [],
        approval: ctx.command.approval[i] === Approval.approved ? 'approved' : ctx.command.approval[i] === Approval.denied ? 'denied' : 'undecided',
      };
    });
  };

  const halls = (): CommanderView['halls'] => {
    if (!isRoleUp(ctx, status, 'monitoring')) return null; // no per-server state without monitoring
    return world.halls.map((hall) => {
      let running = 0;
      for (let s = hall.firstServer; s < hall.firstServer + hall.serverCount; s++) if (world.serverState[s] === 0) running++;
      return { id: hall.id, site: world.sites[hall.site]!.id, running, servers: hall.serverCount };
    });
  };

  // The operator reports on the fire site's power every `every` from the first impact; update k arrives late.
  const fireSite = world.sites.findIndex((s) => s.id === scenario.fire.site);
  const siteDomains = world.domains.filter((d) => d.site === fireSite);
  const power = (): CommanderView['power'] => {
    if (!ctx.milestones.firstImpact.triggered) return null;
    const impact = ctx.milestones.firstImpact.value as number;
    const every = observation.operatorUpdates.every;
    let k = Math.floor((env.now - impact) / every);
    while (k >= 1 && impact + k * every + once(`operator.${k}`, operatorDelay) > env.now) k--;
    if (k < 1) return null;
    const at = impact + k * every;
    const powered = new Map(siteDomains.map((d) => [d.index, true]));
    for (const entry of powerLog) {
      if (entry.at > at) break;
      if (powered.has(entry.domain)) powered.set(entry.domain, entry.powered);
    }
    const on = [...powered.values()].filter(Boolean).length;
    return {
      asOfH: h(at),
      buildingPercent: siteDomains.length === 0 ? 100 : Math.round((100 * on) / siteDomains.length),
      domains: siteDomains.map((d) => {
        const due = ctx.chains.domainDueAt[d.index]!;
        const energised = powered.get(d.index)!;
        const expectedInH = energised || due < 0 || due <= at ? null : r3(((due - at) / HOUR) * estimateError(`estimate.${d.id}.${k}`));
        return { id: d.id, site: world.sites[d.site]!.id, energised, expectedInH };
      }),
    };
  };

  const complaints = (): CommanderView['complaints'] => {
    const at = Math.max(0, env.now - observation.complaints.delay);
    let peopleWithout = 0;
    for (let i = 0; i < world.services.length; i++) {
      const level = levelAt(i, at);
      peopleWithout += world.services[i]!.users * (level === Level.down ? 1 : level === Level.usable ? 0.5 : 0);
    }
    const hour = Math.floor(at / HOUR);
    // Complaints come in bursts: an hour's count is off by a lognormal factor (sigma 0.3, assumed).
    const noise = lognormal(rngOf(`complaints.${hour}`), 0, 0.3);
    return { perHour: Math.round((peopleWithout / 1e6) * observation.complaints.perMillionPeopleHour * noise), asOfH: h(at) };
  };

  const reports = (): ViewReport[] => {
    const now = env.now;
    const out: ViewReport[] = [];
    heard.forEach(({ at, event }, i) => {
      const engineers = ENGINEER_KINDS.has(event.type);
      const arrives = engineers ? at + once(`report.${i}`, engineerDelay) : at;
      if (arrives <= now) out.push({ h: h(arrives), from: engineers ? 'engineers' : 'brigade', text: event.text });
    });
    const update = power();
    if (update !== null) {
      const dark = update.domains.filter((d) => !d.energised);
      const eta = dark.filter((d) => d.expectedInH !== null).map((d) => `${d.id} in about ${Math.max(1, Math.round(d.expectedInH!))} h`);
      out.push({ h: update.asOfH, from: 'operator', text: `The operator: ${update.buildingPercent}% of the building's power is back${dark.length > 0 ? `; ${dark.length} domains still dark` : ''}${eta.length > 0 ? ` (expected: ${eta.join(', ')})` : ''}` });
    }
    out.sort((a, b) => a.h - b.h);
    return out.slice(-REPORTS_SHOWN);
  };

  const pending = (): ViewRequest[] =>
    ctx.desk.pending.map((r) => ({
      id: r.id,
      key: r.key,
      kind: r.kind,
      subject: r.subject,
      text: r.text,
      options: r.options.map((o) => ({ action: o.action, label: o.label, missing: o.action.kind === 'defer' ? null : ctx.actions.check(o.action) })),
      defaultOption: r.defaultOption,
      deadlineH: r.deadlineMs === null ? null : h(r.deadlineMs),
    }));

  const people = (): CommanderView['people'] =>
    TEAM_KINDS.map((team: Team) => {
      const resources = team === 'electricians' ? ctx.people.electricians.filter((r) => r !== null) : [ctx.people[team]];
      return {
        team,
        onDuty: resources.reduce((n, r) => n + r!.capacity, 0),
        busy: resources.reduce((n, r) => n + r!.count, 0),
        waiting: resources.reduce((n, r) => n + r!.queued, 0),
        pace: r3(ctx.people.pace(team)),
        callable: ctx.people.callable(team),
      };
    });

  const parts: ViewParts = {
    services,
    halls,
    power,
    complaints,
    people,
    reports,
    pending,
    promises: () => ctx.command.promises.map((p) => ({ statedH: h(p.atMs), text: promiseText(ctx, p) })),
  };
  return {
    view() {
      const tools = {
        monitoring: isRoleUp(ctx, status, 'monitoring'),
        internalChat: isRoleUp(ctx, status, 'internal-chat'),
        opsTools: isRoleUp(ctx, status, 'ops-tools'),
        failoverSystem: isRoleUp(ctx, status, 'failover-system'),
        deployment: isRoleUp(ctx, status, 'deployment'),
      };
      return new View(parts, h(env.now), ctx.command.declared, tools, ctx.milestones.fireOut.triggered);
    },
  };
}

/** How each lazily read part of a view is worked out. */
type ViewParts = { [K in 'services' | 'halls' | 'power' | 'complaints' | 'people' | 'reports' | 'pending' | 'promises']: () => CommanderView[K] };

/**
 * A view whose parts are worked out when first read, then kept: a decider
 * reads a few of them at every question of every run of a sweep, and a drill
 * stops the run every few simulated minutes. Getters on the class, not on each
 * object (defining properties per view cost more than the view's use);
 * `toJSON` gives every part, in the protocol's order.
 */
class View implements CommanderView {
  private cache: Partial<CommanderView> = {};
  constructor(
    private readonly parts: ViewParts,
    readonly h: number,
    readonly declared: boolean,
    readonly tools: CommanderView['tools'],
    readonly fireOut: boolean,
  ) {}
  private part<K extends keyof ViewParts>(key: K): CommanderView[K] {
    if (!(key in this.cache)) (this.cache as Record<K, CommanderView[K]>)[key] = this.parts[key]();
    return this.cache[key] as CommanderView[K];
  }
  get services() {
    return this.part('services');
  }
  get halls() {
    return this.part('halls');
  }
  get power() {
    return this.part('power');
  }
  get complaints() {
    return this.part('complaints');
  }
  get people() {
    return this.part('people');
  }
  get reports() {
    return this.part('reports');
  }
  get pending() {
    return this.part('pending');
  }
  get promises() {
    return this.part('promises');
  }
  toJSON(): CommanderView {
    return { h: this.h, declared: this.declared, tools: this.tools, services: this.services, halls: this.halls, power: this.power, fireOut: this.fireOut, complaints: this.complaints, people: this.people, reports: this.reports, pending: this.pending, promises: this.promises };
  }
}

/** A stated promise in words. */
export function promiseText(ctx: RunContext, p: { withinH: number; after: string; service: string | null }): string {
  const what = p.service === null ? 'all services' : (ctx.world.services.find((s) => s.id === p.service)?.name ?? p.service);
  const from = p.after === 'now' ? 'now' : p.after === 'first-power-return' ? 'power returning' : 'power fully returning';
  return `${what} within ${p.withinH} h of ${from}`;
}
