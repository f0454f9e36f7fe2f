/**
 * One run of a scenario: builds the world, lets the fire loose, starts power
 * return and the incident response, runs the kernel to the horizon (or until
 * everything is back) and returns the summary. A pure function of
 * (scenario, design, policy, seed): the same inputs give the same messages,
 * byte for byte.
 */
import { createEnvironment, createResource, createStreams } from '../../sim/index.js';
import { igniteFire } from '../hazards/fire.js';
import { createServiceStatus } from '../model/availability.js';
import type { RunContext } from '../model/context.js';
import { createFleet } from '../model/fleet.js';
import { createWorld, recycleWorld } from '../model/world.js';
import { createObserver, type MessageSink, type RunResult } from '../observe/observer.js';
import { startColdStarts } from '../recovery/coldStart.js';
import { prepareCrewWork, recycleCrewWork } from '../recovery/crew.js';
import { startPowerReturn } from '../recovery/powerReturn.js';
import { watchAutoScaling, watchAutomaticFailover } from '../recovery/failover.js';
import { startResponse } from '../recovery/response.js';
import type { Scenario } from '../scenario/schema.js';

/** What to run. */
export interface RunDef {
  scenario: Scenario;
  /** Design name, for the record. [default: null (the scenario as written)] */
  design?: string | null;
  /** Response policy, one of the scenario's `policies`. [default: historical] */
  policy?: string;
  /** Master seed of the run's random streams. [default: 1] */
  seed?: number;
  /** Receives every stream message as the run advances. [default: none] */
  sink?: MessageSink;
  /** Firedrill version written into `run.start`. */
  version?: string;
  /** Also emit `fleet` keyframes of every server's state, for the viewer. [default: false] */
  fleetFrames?: boolean;
}

/** Runs a scenario once and returns its summary (the `run.end` message) with its impact ledger. */
export function runScenario(def: RunDef): RunResult {
  const { scenario } = def;
  const policy = def.policy ?? 'historical';
  if (scenario.policies[policy] === undefined) {
    throw new RangeError(`unknown policy "${policy}"; the scenario defines ${Object.keys(scenario.policies).join(', ')}`);
  }
  const seed = def.seed ?? 1;
  const world = createWorld(scenario);
  const env = createEnvironment({ capacity: 1024 });
  const sink = def.sink ?? (() => undefined);
  const electricians = scenario.sites.map((site) => (site.restoration ? createResource(env, { capacity: site.restoration.electricians, name: `electricians ${site.id}` }) : null));
  let narrate: RunContext['narrate'] = () => undefined;
  const ctx: RunContext = {
    env,
    streams: createStreams(seed),
    scenario,
    world,
    fleet: createFleet(world),
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
    narrate: (event) => narrate(event),
  };
  const status = createServiceStatus(ctx);
  const observer = createObserver(ctx, status, { design: def.design ?? null, policy, seed, version: def.version ?? '0.0.0', fleetFrames: def.fleetFrames ?? false, listening: def.sink !== undefined }, sink);
  narrate = observer.narrate;
  prepareCrewWork(ctx);
  observer.start();
  igniteFire(ctx);
  startPowerReturn(ctx);
  startColdStarts(ctx, status);
  watchAutomaticFailover(ctx, status);
  watchAutoScaling(ctx, status);
  startResponse(ctx, status, policy);
  env.run({ until: scenario.horizon });
  const result = observer.finish(env.eventsHandled);
  // The result holds none of the run's arrays: the next run may have them.
  recycleCrewWork(ctx);
  recycleWorld(world);
  return result;
}

export type { RunResult };
