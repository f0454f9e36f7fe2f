/**
 * The deciders a scenario's policies name, built for one run: a policy's
 * decider kind and parameters come from the scenario; randomness from the
 * run's seed, on the decider's own named stream.
 */
import { createStreams } from '../../sim/index.js';
import type { Scenario } from '../scenario/schema.js';
import type { Decider } from './decider.js';
import { createPlaybook } from './playbook.js';
import { createRandomDecider } from './random.js';

/** The decider of policy `name` of the scenario, for a run on `seed`. */
export function deciderOf(scenario: Scenario, name: string, seed: number): Decider {
  const def = scenario.policies[name];
  if (def === undefined) throw new RangeError(`unknown policy "${name}"; the scenario defines ${Object.keys(scenario.policies).join(', ')}`);
  switch (def.decider) {
    case 'playbook':
      return createPlaybook(name, def, scenario.fire.ignition);
    case 'random':
      // Its own stream of the run's seed: the same name in every run on that seed, drawing nothing from the model's streams.
      return createRandomDecider(name, def, createStreams(seed).get(`decide.${name}`));
  }
}
