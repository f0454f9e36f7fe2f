/**
 * Which fingerprint a scenario object has, for code that must not compute one:
 * a run (which may run in a browser, with no hashing library) reads what the
 * loader worked out when it loaded the scenario (see fingerprint.ts).
 */
import type { Scenario } from './schema.js';

const known = new WeakMap<Scenario, string>();

/** Records the fingerprint of a scenario object (the loader does, at load time). */
export function rememberFingerprint(scenario: Scenario, sha256: string): void {
  known.set(scenario, sha256);
}

/** The fingerprint recorded for this scenario object, or undefined if it was not loaded by the loader. */
export function knownFingerprint(scenario: Scenario): string | undefined {
  return known.get(scenario);
}
