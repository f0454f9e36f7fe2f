import { createEnvironment, type Environment, type EnvironmentDef } from '../sim/index.js';

/** A fresh environment for a test. */
export function makeEnv(def: EnvironmentDef = {}): Environment {
  return createEnvironment(def);
}

/** A log that tests append `time label` lines to, and an environment whose `log(label)` does so at `now`. */
export function collect(def: EnvironmentDef = {}): { env: Environment; lines: string[]; log: (label: string) => void } {
  const env = createEnvironment(def);
  const lines: string[] = [];
  return { env, lines, log: (label: string) => lines.push(`${env.now} ${label}`) };
}

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { scenarioFingerprint } from '../src/scenario/fingerprint.js';
import { Scenario, type Scenario as ScenarioT } from '../src/scenario/schema.js';

/** The built-in Pangyo scenario, validated (raw YAML in, so tests can edit it first). */
export function loadPangyo(edit: (raw: Record<string, unknown>) => void = () => undefined): ScenarioT {
  const raw = parse(readFileSync(new URL('../scenarios/pangyo-2022.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
  edit(raw);
  const scenario = Scenario.parse(raw);
  scenarioFingerprint(scenario); // worked out as the loader does, so that runs with a listener find it
  return scenario;
}
