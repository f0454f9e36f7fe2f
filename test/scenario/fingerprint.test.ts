import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/runScenario.js';
import { scenarioFingerprint } from '../../src/scenario/fingerprint.js';
import { loadScenario } from '../../src/scenario/load.js';
import { scenariosFolder } from '../../src/scenario/builtIns.js';
import { precompileBuiltIns } from '../../src/scenario/precompile.js';
import { readPrecompiled } from '../../src/scenario/precompiled.js';
import type { Scenario } from '../../src/scenario/schema.js';
import type { RunStartMessage, StreamMessage } from '../../src/stream/protocol.js';
import { loadPangyo } from '../helpers.js';

/** The scenario fingerprint in `run.start`: what was simulated, however it was loaded. */
const tmp = mkdtempSync(join(tmpdir(), 'firedrill-fingerprint-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The same object with every object's keys in reverse order. */
function reversed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversed) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)])) as T;
  return value;
}

describe('scenarioFingerprint', () => {
  const pangyo = loadPangyo();

  it('is the same for the YAML, its precompiled entry and any order of keys', () => {
    const dir = join(tmp, 'entries');
    precompileBuiltIns(scenariosFolder(), dir);
    const entry = readPrecompiled(join(scenariosFolder(), 'designs', 'naver-like.yaml'), scenariosFolder(), dir)!;
    const yaml = loadScenario(join(scenariosFolder(), 'designs', 'naver-like.yaml'), 'design', { edit: () => undefined }); // an edit bypasses the entries
    expect(scenarioFingerprint(entry.scenario)).toMatch(/^[0-9a-f]{64}$/);
    expect(scenarioFingerprint(entry.scenario)).toBe(scenarioFingerprint(yaml.scenario));
    expect(scenarioFingerprint(reversed(pangyo))).toBe(scenarioFingerprint(pangyo));
  });

  it('changes with anything simulated, and not with the history, which is only compared', () => {
    const base = scenarioFingerprint(pangyo);
    expect(scenarioFingerprint(loadPangyo((raw) => delete raw.history))).toBe(base);
    expect(scenarioFingerprint(loadPangyo((raw) => ((raw.people as Record<string, unknown>).engineers = 9)))).not.toBe(base);
    expect(scenarioFingerprint(loadScenario('naver-like', 'design').scenario)).not.toBe(base);
    expect(scenarioFingerprint({ ...pangyo, impact: undefined } as Scenario)).not.toBe(base);
  });

  it('is what run.start carries', () => {
    let start: RunStartMessage | null = null;
    runScenario({ scenario: pangyo, seed: 1, sink: (m: StreamMessage) => void (m.type === 'run.start' && (start = m)) });
    expect(start!.scenarioSha256).toBe(scenarioFingerprint(pangyo));
  });
});
