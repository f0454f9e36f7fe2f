/**
 * Watches a run and turns it into stream messages: `run.start`, narrative
 * events as they happen, periodic samples, and `run.end` with the summary.
 * Reads the model; never changes it.
 */
import { HOUR, MINUTE } from '../../sim/index.js';
import { S, SERVER_STATES } from '../machines/serverLifecycle.js';
import { Level, type ServiceStatus } from '../model/availability.js';
import { Phase } from '../model/bus.js';
import type { Narrative, RunContext } from '../model/context.js';
import { countServers } from '../model/fleet.js';
import { computeLedger } from '../impact/ledger.js';
import type { DrawnParameters } from '../scenario/draws.js';
import type { Action, DecisionOption, DecisionRequest } from '../model/decisions.js';
import { PROTOCOL_VERSION, type CommanderView, type DataLoss, type LedgerMessage, type PromiseResult, type RunEndMessage, type RunStartMessage, type ServiceResult, type StreamMessage } from '../stream/protocol.js';
import { promiseText, type CommanderViews } from './commanderView.js';
import { criticalChain } from './criticalChain.js';
import { watchFleet } from './fleetFrames.js';
import { currencyUnit, scenarioCurrency } from '../scenario/currency.js';
import { damageOf } from '../model/damage.js';

/** Where messages go; called synchronously as the run advances. */
export type MessageSink = (message: StreamMessage) => void;

/** Identifies the run in `run.start`, and what to record beyond the summary. */
export interface RunLabel {
  design: string | null;
  policy: string;
  seed: number;
  version: string;
  /** The scenario's fingerprint, worked out when it was loaded; needed only by a listener. */
  fingerprint: string | null;
  /** Emit `fleet` keyframes of every server's state (for the viewer's floor map). [default: false] */
  fleetFrames?: boolean;
  /** False when no one reads the stream: samples and narrative are then not built. [default: true] */
  listening?: boolean;
  /** The parameters the run drew, for `run.start`; null when it runs the values as written. [default: null] */
  parameters?: DrawnParameters | null;
}

/** Sampling interval of the `sample` messages. */
export const SAMPLE_EVERY = 15 * MINUTE;
/**
 * Grid of the restart curve. Fine enough to read the reported points (0.7 h,
 * 1.55 h, 22.4 h, 88.7 h are all on it) without scheduling anything at them,
 * so that history never adds an event to the run.
 */
export const CURVE_EVERY = 3 * MINUTE;

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** The observer of one run. */
export interface Observer {
  /** Starts sampling; stops by itself once everything is back. */
  start(): void;
  /** Builds and emits the ledger (if the scenario has `impact:`) and `run.end`. */
  finish(events: number): RunResult;
}

/** A run's summary, with its impact ledger (null for a scenario without `impact:`) and, when it drew them, its parameters. */
export type RunResult = RunEndMessage & { ledger: LedgerMessage | null; parameters?: DrawnParameters };

/** Creates the observer and emits `run.start` to a listener. */
export function createObserver(ctx: RunContext, status: ServiceStatus, views: CommanderViews, label: RunLabel, sink: MessageSink): Observer {
  const { scenario, world, env } = ctx;
  const ignitionMs = scenario.fire.ignition;
  const h = (ms: number) => r3((ms - ignitionMs) / HOUR);
  const fireSite = world.sites.find((s) => s.id === scenario.fire.site)!;
  const siteServers = world.sites.map((site) => world.halls.filter((hall) => hall.site === site.index).reduce((n, hall) => n + hall.serverCount, 0));
  const running = (site: number) => (siteServers[site]! === 0 ? 1 : countServers(ctx.fleet, site, S.running) / siteServers[site]!);
  const history = scenario.history;
  // The restart curve's points as two arrays of numbers: thousands a run, kept to its end, and a
  // number array holds them unboxed where an object per point would be garbage for the old generation.
  const curve: Curve = { hours: [], fraction: [] };

  // Only for a listener: a sweep's runs have none, and the fingerprint and layout lists would be built for nothing.
  if (label.listening !== false) sink(runStart(ctx, label));

  // Loops, not every(): this runs at each sample and curve point, and a callback is an allocation each time.
  const everythingBack = (): boolean => {
    for (let s = 0; s < status.level.length; s++) if (status.level[s] !== Level.normal) return false;
    for (let i = 0; i < siteServers.length; i++) if (siteServers[i] !== 0 && countServers(ctx.fleet, i, S.running) !== siteServers[i]) return false;
    return true;
  };

  // Sampling stops once the fire has struck and everything is back, so the run can end.
  const finished = () => ctx.milestones.firstImpact.triggered && everythingBack();

  const curvePoint = (): void => {
    curve.hours.push(h(env.now));
    curve.fraction.push(running(fireSite.index));
    if (!finished()) env.schedule(CURVE_EVERY, curvePoint, undefined, Phase.observe);
  };

  const frames = label.fleetFrames === true ? watchFleet(ctx) : null;
  const fleetFrame = (): void => {
    const runs = frames?.next();
    if (runs) sink({ type: 'fleet', h: h(env.now), runs });
  };

  const sample = (): void => {
    fleetFrame();
    // A run nobody listens to (a sweep's) keeps the same events but builds no messages.
    if (label.listening !== false) {
      sink({
        type: 'sample',
        h: h(env.now),
        running: world.sites.map((_, i) => r3(running(i))),
        availability: Array.from(status.availability, r3),
        level: Array.from(status.level),
      });
    }
    if (!finished()) env.schedule(SAMPLE_EVERY, sample, undefined, Phase.observe);
  };

  let decisions = 0;
  ctx.bus.decided.on(() => void decisions++);
  if (label.listening !== false) {
    ctx.bus.narrated.on((event: Narrative) => {
      sink({ type: 'narrative', h: h(env.now), kind: event.type, text: event.text, ...(event.data ? { data: { ...event.data } } : {}) });
    });
    // The question comes with what the commander could see when it was asked: the learner's side of the stream.
    ctx.bus.requested.on((r: DecisionRequest) => {
      // Worked out whole now: a view's parts are read lazily, and a listener may keep the message.
      const view = JSON.parse(JSON.stringify(views.view())) as CommanderView;
      const asked = view.pending.find((p) => p.id === r.id)!;
      sink({ type: 'decision.requested', h: h(env.now), ...asked, view });
    });
    ctx.bus.decided.on((r: DecisionRequest, option: DecisionOption, by: string) => {
      sink({ type: 'decision.made', h: h(env.now), id: r.id, key: r.key, by, action: option.action });
    });
    ctx.bus.acted.on((action: Action, by: string, request: string | null) => {
      sink({ type: 'action', h: h(env.now), by, request, action });
    });
  }

  return {
    start() {
      env.schedule(0, sample, undefined, Phase.observe);
      env.schedule(0, curvePoint, undefined, Phase.observe);
    },
    finish(events) {
      const end = env.now;
      const promise = scenario.promise;
      const energised = ctx.world.domains.filter((d) => d.site === fireSite.index).map((d) => ctx.chains.domainEnergisedAt[d.index]!).filter((t) => t >= 0);
      const anchor = promise === undefined ? null : promise.after === 'ignition' ? ignitionMs : energised.length === 0 ? null : promise.after === 'first-power-return' ? Math.min(...energised) : Math.max(...energised);
      const deadline = promise !== undefined && anchor !== null ? anchor + promise.within : null;
      const services: ServiceResult[] = world.services.map((s) => {
        // A service that never left normal was usable and normal throughout: 0 h.
        const neverLost = status.wasLost[s.index] === 0;
        const first = neverLost ? ignitionMs : status.firstUsableAt[s.index]!;
        const normal = neverLost ? ignitionMs : status.normalAt[s.index]!;
        const reported = history?.services[s.id];
        const lost = status.unavailableMs[s.index]! + (1 - status.availability[s.index]!) * (end - status.integratedTo[s.index]!);
        const outageMs = lost; // service-ms of unavailability, weighted by how much was missing
        return {
          id: s.id,
          name: s.name,
          priority: s.priority,
          firstUsableHours: first >= 0 ? h(first) : status.level[s.index]! >= Level.usable ? 0 : null,
          normalHours: normal >= 0 ? h(normal) : null,
          outageHours: r3(outageMs / HOUR),
          userHoursLost: Math.round((s.users * lost) / HOUR),
          promiseMet: deadline === null ? null : normal >= 0 && normal <= deadline,
          promiseMissedByHours: deadline === null ? null : normal < 0 ? null : normal > deadline ? r3((normal - deadline) / HOUR) : 0,
          reportedFirstUsableHours: reported?.firstUsable !== undefined ? r3(reported.firstUsable / HOUR) : null,
          reportedNormalHours: reported?.normal !== undefined ? r3(reported.normal / HOUR) : null,
          criticalChain: criticalChain(ctx, status, s.index, ignitionMs),
        };
      });
      const normals = services.map((s) => s.normalHours);
      const allRestored = normals.every((n) => n !== null) ? Math.max(...(normals as number[])) : null;
      const promises: PromiseResult[] = ctx.command.promises.map((p) => {
        const from = p.after === 'now' ? p.atMs : energised.length === 0 ? null : p.after === 'first-power-return' ? Math.min(...energised) : Math.max(...energised);
        const due = from === null ? null : from + p.withinH * HOUR;
        const done = p.service === null ? allRestored : (services.find((s) => s.id === p.service)?.normalHours ?? null);
        const doneMs = done === null ? null : done * HOUR + ignitionMs;
        return {
          statedH: h(p.atMs),
          withinH: p.withinH,
          after: p.after,
          service: p.service,
          text: promiseText(ctx, p),
          deadlineH: due === null ? null : h(due),
          doneH: done,
          met: due === null ? null : doneMs !== null && doneMs <= due + 1e-6,
          missedByH: due === null || doneMs === null ? null : r3(Math.max(0, doneMs - due) / HOUR),
        };
      });
      const message: RunEndMessage = {
        type: 'run.end',
        h: h(end),
        allRestoredHours: allRestored,
        reportedAllRestoredHours: history?.allRestored !== undefined ? r3(history.allRestored / HOUR) : null,
        promiseDeadlineHours: deadline === null ? null : h(deadline),
        services,
        serverCurve: serverCurve(curve, history?.serverCurve ?? []),
        promises,
        decisions,
        spent: ctx.command.spent,
        dataLost: dataLost(ctx),
        events,
      };
      const ledger =
        scenario.impact === undefined
          ? null
          : computeLedger({
              impact: scenario.impact,
              currency: scenarioCurrency(scenario),
              serviceIds: world.services.map((s) => s.id),
              availabilityLog: status.availabilityLog,
              start: scenario.start,
              ignitionMs,
              endMs: end,
              rng: ctx.streams.get('impact.ledger'),
            });
      fleetFrame();
      if (ledger !== null) sink(ledger);
      sink(message);
      return { ...message, ledger };
    },
  };
}

/** `run.start`: what is run, and the layout a viewer needs to draw it. */
/**
 * Services whose data was lost: rebuilt without a backup (all of it), or with servers destroyed (the
 * destroyed share of it without a backup; the writes since the backup with one).
 */
function dataLost(ctx: RunContext): DataLoss[] {
  const { world, scenario } = ctx;
  const out: DataLoss[] = [];
  const damage = damageOf(ctx);
  world.services.forEach((service, i) => {
    const def = scenario.services[i]!;
    if (def.dataTB <= 0) return;
    let servers = 0;
    let destroyed = 0;
    for (const c of service.components) {
      for (const p of world.components[c]!.pools) {
        const pool = world.pools[p]!;
        if (pool.role !== 'active') continue;
        servers += pool.serverList.length;
        for (const s of pool.serverList) if (world.serverState[s] === S.destroyed) destroyed++;
      }
    }
    const share = damage.rebuiltEmpty[i] === 1 ? 1 : servers === 0 ? 0 : destroyed / servers;
    if (share === 0) return;
    const why = damage.rebuiltEmpty[i] === 1 ? 'rebuilt elsewhere' : `${destroyed.toLocaleString('en-US')} of its ${servers.toLocaleString('en-US')} servers destroyed`;
    if (def.backup === 'none') out.push({ service: service.id, tb: r3(def.dataTB * share), writesH: null, why: `${why}, no backup` });
    else out.push({ service: service.id, tb: 0, writesH: r3(def.backup.age / HOUR), why: `${why}; its backup is ${r3(def.backup.age / HOUR)} h old` });
  });
  return out;
}

function runStart(ctx: RunContext, label: RunLabel): RunStartMessage {
  const { scenario, world } = ctx;
  return {
    type: 'run.start',
    protocol: PROTOCOL_VERSION,
    firedrill: label.version,
    scenario: scenario.id,
    scenarioSha256: label.fingerprint ?? '',
    title: scenario.title,
    design: label.design,
    policy: label.policy,
    seed: label.seed,
    start: scenario.start,
    timeZone: scenario.timeZone ?? null,
    locale: scenario.locale,
    currency: scenarioCurrency(scenario),
    currencyUnit: currencyUnit(scenario),
    ignitionH: r3(scenario.fire.ignition / HOUR),
    sites: world.sites.map((s) => ({ id: s.id, name: s.name })),
    halls: world.halls.map((hall) => ({ id: hall.id, site: world.sites[hall.site]!.id, domain: hall.domain >= 0 ? world.domains[hall.domain]!.id : null, racks: hall.racks, serversPerRack: hall.serversPerRack, firstServer: hall.firstServer })),
    services: world.services.map((s) => ({ id: s.id, name: s.name, priority: s.priority, users: s.users })),
    serverStates: [...SERVER_STATES],
    promise: scenario.promise ? { text: scenario.promise.text, deadlineH: null } : null,
    ...(label.parameters ? { parameters: label.parameters } : {}),
  };
}

/** Points of the simulated restart curve: hours since ignition and the fraction running then. */
interface Curve {
  hours: number[];
  fraction: number[];
}

/** The restart curve: hourly points plus every reported point, each with the simulated fraction at that time. */
function serverCurve(samples: Curve, reported: ReadonlyArray<readonly [number, number]>) {
  // The curve is a step function on its grid: the latest point at or before `hours` (after the last
  // point, the fleet no longer changed). Asked in ascending order, so one cursor walks the samples once.
  const n = samples.hours.length;
  let cursor = 0;
  let value = n > 0 ? samples.fraction[0]! : 1;
  const at = (hours: number): number => {
    while (cursor < n && samples.hours[cursor]! <= hours + 1e-6) value = samples.fraction[cursor++]!;
    return value;
  };
  const last = n > 0 ? samples.hours[n - 1]! : 0;
  const hours = new Set<number>();
  for (let t = 0; t <= Math.ceil(last); t++) hours.add(t);
  for (const [t] of reported) hours.add(t);
  return [...hours]
    .sort((a, b) => a - b)
    .map((t) => {
      const rep = reported.find(([x]) => x === t);
      return { hours: t, fractionRunning: r3(at(t)), reportedFractionRunning: rep ? rep[1] : null };
    });
}
