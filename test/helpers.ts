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
