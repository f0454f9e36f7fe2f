/**
 * A run you can step through: it is built, then advanced piece by piece, and
 * between pieces whoever drives it (a decider, a learner, a test) reads what
 * the commander can see and takes actions. Pure data plus the kernel: no I/O
 * and nothing Node-only, so that it can run in a browser worker.
 */
import { createEnvironment, createResource, createStreams } from '../../sim/index.js';
import { igniteFire } from '../hazards/fire.js';
import { createServiceStatus } from '../model/availability.js';
import { createBus } from '../model/bus.js';
import type { RunContext } from '../model/context.js';
import { createFleet } from '../model/fleet.js';
import { createWorld, recycleWorld } from '../model/world.js';
import { createObserver, type MessageSink, type RunResult } from '../observe/observer.js';
import { startColdStarts } from '../recovery/coldStart.js';
import { prepareCrewWork, recycleCrewWork } from '../recovery/crew.js';
import { startPowerReturn } from '../recovery/powerReturn.js';
import { watchAutoScaling, watchAutomaticFailover } from '../recovery/failover.js';
import { startResponse } from '../recovery/response.js';
import { knownFingerprint } from '../scenario/identity.js';
import type { Scenario } from '../scenario/schema.js';

/** What to run. */
export interface RunDef {
  scenario: Scenario;
  /** Design name, for the record. [default: null (the scenario as written)] */
  design?: string | null;
  /** Response policy, one of the scenario's `policies`. [default: the scenario's first policy] */
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
}

/** Why `advance` returned. */
export type Stop = 'time' | 'end';

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
   * that time are handled and the clock is left at it. Returns `end` once the
   * horizon is reached.
   */
  advance(untilMs: number): Stop;
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
  const { scenario } = def;
  const policy = def.policy ?? defaultPolicy(scenario);
  if (scenario.policies[policy] === undefined) {
    throw new RangeError(`unknown policy "${policy}"; the scenario defines ${Object.keys(scenario.policies).join(', ')}`);
  }
  const seed = def.seed ?? 1;
  const listening = def.sink !== undefined;
  const fingerprint = def.fingerprint ?? knownFingerprint(scenario);
  if (listening && fingerprint === undefined) {
    throw new RangeError('a run with a listener needs the scenario fingerprint: load the scenario with the loader, or pass def.fingerprint');
  }
  const world = createWorld(scenario);
  const env = createEnvironment({ capacity: 1024 });
  const bus = createBus();
  const electricians = scenario.sites.map((site) => (site.restoration ? createResource(env, { capacity: site.restoration.electricians, name: `electricians ${site.id}` }) : null));
  const ctx: RunContext = {
    env,
    bus,
    streams: createStreams(seed),
    scenario,
    world,
    fleet: createFleet(world, bus),
    people: {
      restartCrews: createResource(env, { capacity: scenario.people.restartCrews, name: 'restart crews' }),
      hardwareCrews: createResource(env, { capacity: scenario.people.hardwareCrews, name: 'hardware crews' }),
      engineers: createResource(env, { capacity: scenario.people.engineers, name: 'engineers' }),
      incidentCommanders: createResource(env, { capacity: scenario.people.incidentCommanders, name: 'incident commanders' }),
      electricians,
    },
    milestones: { fireOut: env.event<number>(), firstImpact: env.event<number>() },
    chains: {
      domains: world.domains.map(() => []),
      components: world.components.map(() => []),
      domainEnergisedAt: new Float64Array(world.domains.length).fill(-1),
    },
    narrate: (event) => bus.narrated.emit(event),
  };
  const status = createServiceStatus(ctx);
  const sink = def.sink ?? (() => undefined);
  const observer = createObserver(ctx, status, { design: def.design ?? null, policy, seed, version: def.version ?? '0.0.0', fingerprint: fingerprint ?? null, fleetFrames: def.fleetFrames ?? false, listening }, sink);
  prepareCrewWork(ctx);
  observer.start();
  igniteFire(ctx);
  startPowerReturn(ctx);
  startColdStarts(ctx, status);
  watchAutomaticFailover(ctx, status);
  watchAutoScaling(ctx, status);
  startResponse(ctx, status, policy);

  const horizon = scenario.horizon;
  let finished = false;
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
      env.run({ until: Math.min(untilMs, horizon) });
      return env.now >= horizon ? 'end' : 'time';
    },
    finish() {
      if (finished) throw new Error('finish(): the run has finished');
      if (env.now < horizon) env.run({ until: horizon });
      finished = true;
      const result = observer.finish(env.eventsHandled);
      // The result holds none of the run's arrays: the next run may have them.
      recycleCrewWork(ctx);
      recycleWorld(world);
      return result;
    },
  };
  return run;
}
