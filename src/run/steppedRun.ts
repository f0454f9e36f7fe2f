/**
 * A run you can step through: it is built, then advanced piece by piece, and
 * between pieces whoever drives it (a decider, a learner, a test) reads what
 * the commander can see and takes actions. Pure data plus the kernel: no I/O
 * and nothing Node-only, so that it can run in a browser worker.
 */
import { createEnvironment, createStreams } from '../../sim/index.js';
import { igniteFire } from '../hazards/fire.js';
import { createServiceStatus } from '../model/availability.js';
import { createBus } from '../model/bus.js';
import { createCommand } from '../model/command.js';
import type { RunContext } from '../model/context.js';
import { ActionError, answers, createActionBook, createDesk, type Action, type DecisionRequest } from '../model/decisions.js';
import { createFleet } from '../model/fleet.js';
import { createWorkforce } from '../model/people.js';
import { createWorld, recycleWorld } from '../model/world.js';
import { watchCommanderView } from '../observe/commanderView.js';
import { createObserver, type MessageSink, type RunResult } from '../observe/observer.js';
import { startColdStarts } from '../recovery/coldStart.js';
import { registerCommandActions } from '../recovery/commandActions.js';
import { prepareCrewWork, recycleCrewWork } from '../recovery/crew.js';
import { startFailoverWork, watchAutoScaling, watchAutomaticFailover } from '../recovery/failover.js';
import { startPowerReturn } from '../recovery/powerReturn.js';
import { startRebuilds } from '../recovery/rebuild.js';
import { startResponse } from '../recovery/response.js';
import type { CommanderView } from '../stream/protocol.js';
import { knownFingerprint } from '../scenario/identity.js';
import type { Uncertainty } from '../scenario/draws.js';
import type { Scenario } from '../scenario/schema.js';
import { scenarioForRun } from './drawn.js';

/** What to run. */
export interface RunDef {
  scenario: Scenario;
  /** Design name, for the record. [default: null (the scenario as written)] */
  design?: string | null;
  /**
   * Who decides, for the record (`run.start.policy`): one of the scenario's
   * policies, whose decider `runScenario` then uses, or another name (a
   * learner) when the run is driven otherwise. [default: the scenario's first policy]
   */
  policy?: string;
  /** Master seed of the run's random streams. [default: 1] */
  seed?: number;
  /** Receives every stream message as the run advances. [default: none] */
  sink?: MessageSink;
  /** Firedrill version written into `run.start`. */
  version?: string;
  /** Also emit `fleet` keyframes of every server's state, for the viewer. [default: false] */
  fleetFrames?: boolean;
  /** The scenario's fingerprint for `run.start`. [default: the one the loader worked out for this scenario object] */
  fingerprint?: string;
  /**
   * Draw the uncertain parameters on the run's seed (from their priors, or the calibrated ones from a
   * posterior) instead of running the values as written; `run.start` and the result say what was drawn.
   * [default: the values as written]
   */
  uncertainty?: Uncertainty;
}

/** Why `advance` returned: new questions for the commander, the time asked for, or the horizon. */
export type Stop = 'decision' | 'time' | 'end';

/** One action of a run's decision log: when, at which stop of the run, answering what, by whom. */
export interface LoggedAction {
  /** Simulated ms when it was taken. */
  atMs: number;
  /**
   * Where the run was stopped when it was taken: the key of the first new
   * question of a decision stop, or null at a time boundary (before any event
   * of `atMs`). A replay takes it at the same stop, so it lands between the
   * same two events.
   */
  stop: string | null;
  /** Key of the question it answered, or null for an action on the commander's initiative. */
  request: string | null;
  by: string;
  action: Action;
}

/** A run in progress. */
export interface SteppedRun {
  /** Simulated time now, in ms. */
  readonly now: number;
  /** The scenario's horizon, in ms: the run ends there. */
  readonly horizon: number;
  /** True once the run has reached its horizon. */
  readonly ended: boolean;
  /**
   * Runs the kernel up to `untilMs` (capped at the horizon): events before
   * that time are handled and the clock is left at it. Stops early, right
   * after the event that raised it, when a question is put to the commander
   * (`decision`: read them with `raised()`). Returns `end` at the horizon.
   */
  advance(untilMs: number): Stop;
  /** Questions raised since the last call, oldest first. */
  raised(): DecisionRequest[];
  /** Open questions, oldest first. */
  readonly pending: readonly DecisionRequest[];
  /** What the commander can see now. */
  observe(): CommanderView;
  /**
   * Takes an action now, answering the open question it is an option of, if
   * any. Throws an `ActionError` (naming the action, the time and what is
   * missing) when it cannot be taken now.
   */
  act(action: Action, by: string): void;
  /** Every action taken so far, in order: the run's decision log. */
  readonly log: readonly LoggedAction[];
  /** Runs to the horizon and returns the summary (`run.end`) with its ledger. The run cannot be used afterwards. */
  finish(): RunResult;
}

/** The policy a run uses when none is named: the scenario's first. */
export function defaultPolicy(scenario: Scenario): string {
  const first = Object.keys(scenario.policies)[0];
  if (first === undefined) throw new RangeError(`scenario ${scenario.id} defines no policies`);
  return first;
}

/** Builds a run and lets the fire loose; nothing has happened yet (the clock is at 0). */
export function startRun(def: RunDef): SteppedRun {
  // Only the record's: whoever drives the run decides (a policy's decider, a log, a learner).
  const policy = def.policy ?? defaultPolicy(def.scenario);
  const seed = def.seed ?? 1;
  const listening = def.sink !== undefined;
  // The fingerprint is the scenario's as written: what was drawn on top of it is recorded beside it.
  const fingerprint = def.fingerprint ?? knownFingerprint(def.scenario);
  const { scenario, drawn } = scenarioForRun(def.scenario, def.uncertainty, seed);
  if (listening && fingerprint === undefined) {
    throw new RangeError('a run with a listener needs the scenario fingerprint: load the scenario with the loader, or pass def.fingerprint');
  }
  const world = createWorld(scenario);
  const env = createEnvironment({ capacity: 1024 });
  const bus = createBus();
  const streams = createStreams(seed);
  const actions = createActionBook();
  const log: LoggedAction[] = [];
  let stop: string | null = null;
  const record = (action: Action, by: string, request: DecisionRequest | null): void => {
    bus.acted.emit(action, by, request?.key ?? null);
    log.push({ atMs: env.now, stop, request: request?.key ?? null, by, action });
  };
  // A question nobody answered in time: the world goes its own way, as the default says.
  const takeDefault = (request: DecisionRequest, option: { action: Action }): void => {
    if (actions.check(option.action) !== null) return;
    bus.acted.emit(option.action, 'deadline', request.key);
    actions.carryOut(option.action);
  };
  const ctx: RunContext = {
    env,
    bus,
    streams,
    scenario,
    world,
    fleet: createFleet(world, bus),
    people: createWorkforce(env, streams, scenario.people, scenario.sites.map((site) => site.restoration?.electricians ?? null), Math.max(0, scenario.sites.findIndex((site) => site.id === scenario.fire.site))),
    desk: createDesk(env, bus, scenario.incident.deferFor, takeDefault),
    actions,
    command: createCommand(world),
    milestones: { fireOut: env.event<number>(), firstImpact: env.event<number>() },
    chains: {
      domains: world.domains.map(() => []),
      components: world.components.map(() => []),
      domainEnergisedAt: new Float64Array(world.domains.length).fill(-1),
      domainDueAt: new Float64Array(world.domains.length).fill(-1),
    },
    narrate: (event) => bus.narrated.emit(event),
  };
  const status = createServiceStatus(ctx);
  const views = watchCommanderView(ctx, status);
  const sink = def.sink ?? (() => undefined);
  const observer = createObserver(ctx, status, views, { design: def.design ?? null, policy, seed, version: def.version ?? '0.0.0', fingerprint: fingerprint ?? null, fleetFrames: def.fleetFrames ?? false, listening, parameters: drawn }, sink);
  prepareCrewWork(ctx);
  observer.start();
  igniteFire(ctx);
  startPowerReturn(ctx);
  startColdStarts(ctx, status);
  watchAutomaticFailover(ctx, status);
  watchAutoScaling(ctx, status);
  registerCommandActions(ctx);
  startResponse(ctx, status, startFailoverWork(ctx, status), startRebuilds(ctx, status));

  const horizon = scenario.horizon;
  let finished = false;
  let fresh: DecisionRequest[] = [];
  const run: SteppedRun = {
    get now() {
      return env.now;
    },
    horizon,
    get ended() {
      return env.now >= horizon;
    },
    advance(untilMs) {
      if (finished) throw new Error('advance(): the run has finished');
      if (!(untilMs >= env.now)) throw new RangeError(`advance(): until must be a time >= now (${env.now} ms), got ${untilMs}`);
      const handled = env.eventsHandled;
      const from = env.now;
      env.run({ until: Math.min(untilMs, horizon) });
      fresh = ctx.desk.takeRaised();
      if (fresh.length > 0) {
        stop = fresh[0]!.key;
        return 'decision';
      }
      // Still between the same two events (nothing ran, the clock did not move): the stop is the one before.
      if (env.eventsHandled !== handled || env.now !== from) stop = null;
      return env.now >= horizon ? 'end' : 'time';
    },
    raised() {
      const out = fresh;
      fresh = [];
      return out;
    },
    get pending() {
      return ctx.desk.pending;
    },
    observe() {
      return views.view();
    },
    act(action, by) {
      if (finished) throw new Error('act(): the run has finished');
      if (action.kind === 'defer') {
        const request = ctx.desk.pending.find((r) => r.key === action.request);
        const option = request?.options.find((o) => answers(action, o));
        if (request === undefined) throw new ActionError(action, env.now, `no open question "${action.request}"`);
        if (option === undefined) throw new ActionError(action, env.now, `"${action.request}" cannot be put off`);
        ctx.desk.answer(request, option, by);
        record(action, by, request);
        return;
      }
      const missing = actions.check(action);
      if (missing !== null) throw new ActionError(action, env.now, missing);
      const request = ctx.desk.find(action);
      if (request !== null) ctx.desk.answer(request, request.options.find((o) => answers(action, o))!, by);
      record(action, by, request);
      actions.carryOut(action);
    },
    log,
    finish() {
      if (finished) throw new Error('finish(): the run has finished');
      if (env.now < horizon) env.run({ until: horizon });
      finished = true;
      const result: RunResult = drawn === null ? observer.finish(env.eventsHandled) : { ...observer.finish(env.eventsHandled), parameters: drawn };
      // The result holds none of the run's arrays: the next run may have them.
      recycleCrewWork(ctx);
      recycleWorld(world);
      return result;
    },
  };
  return run;
}
