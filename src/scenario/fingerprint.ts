/**
 * A scenario's fingerprint: the SHA-256 of what a run simulates — the
 * validated scenario after any design overlay and `--vary`, without the
 * `history:` block, which is only compared, and the `parameters:` and
 * `calibration:` sections, which say where values come from but change no
 * run as written (a run that draws its parameters records what it drew) — written as JSON with its keys
 * sorted, so that how it was loaded (its YAML or a precompiled entry) and the
 * order of its keys cannot change it. `run.start` carries it: two recordings
 * with the same fingerprint, policy and seed come from the same model.
 */
import { createHash } from 'node:crypto';
import { knownFingerprint, rememberFingerprint } from './identity.js';
import type { Scenario } from './schema.js';

/** JSON with every object's keys in sorted order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonical(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The scenario's fingerprint, hex; computed once per scenario object (a sweep runs one object many times). */
export function scenarioFingerprint(scenario: Scenario): string {
  let hash = knownFingerprint(scenario);
  if (hash === undefined) {
    const { history: _comparedOnly, parameters: _provenance, calibration: _fitTargets, ...simulated } = scenario;
    hash = createHash('sha256').update(canonical(simulated)).digest('hex');
    rememberFingerprint(scenario, hash);
  }
  return hash;
}
