/**
 * A scenario scaled to a bigger (or smaller) fleet: every hall's racks, every
 * pool, demand and build-out limit, the hardware crews and the build-out
 * rates multiplied by one factor, so that the same story plays out on more
 * servers. Used to check that cost grows linearly with the fleet.
 */
import type { Scenario } from './schema.js';

/** Returns a copy of `scenario` with its fleet and the people who restart it multiplied by `factor` (a positive integer). */
export function scaleScenario(scenario: Scenario, factor: number): Scenario {
  if (!(Number.isInteger(factor) && factor >= 1)) throw new RangeError(`scale factor must be a positive integer, got ${factor}`);
  if (factor === 1) return scenario;
  const s: Scenario = structuredClone(scenario);
  for (const site of s.sites) for (const hall of site.halls) hall.racks *= factor;
  for (const service of s.services) {
    for (const c of service.components) {
      c.demand *= factor;
      for (const p of c.placements) p.servers *= factor;
      if ('maxBuildOut' in c.redundancy && c.redundancy.maxBuildOut !== undefined) c.redundancy.maxBuildOut *= factor;
    }
  }
  s.people.hardwareCrews *= factor;
  s.people.restartCrews *= factor;
  s.incident.buildOutPerHour.withDeployment *= factor;
  s.incident.buildOutPerHour.withoutDeployment *= factor;
  return s;
}
