/**
 * The scenario a run simulates when its parameters are drawn: the drawn copy
 * of the scenario it was given (scenario/draws.ts), sharing that scenario's
 * world layout, which no drawn value changes.
 */
import { shareLayout } from '../model/world.js';
import { drawScenario, type DrawnParameters, type Uncertainty } from '../scenario/draws.js';
import type { Scenario } from '../scenario/schema.js';

/** The scenario of a run on `seed`: `scenario` itself when nothing is drawn. */
export function scenarioForRun(scenario: Scenario, uncertainty: Uncertainty | undefined, seed: number): { scenario: Scenario; drawn: DrawnParameters | null } {
  if (uncertainty === undefined) return { scenario, drawn: null };
  const drawn = drawScenario(scenario, uncertainty.parameters, seed, uncertainty.posterior);
  if (drawn.scenario !== scenario) shareLayout(drawn.scenario, scenario);
  return drawn;
}
