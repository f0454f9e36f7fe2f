import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/runScenario.js';
import { drawScenario, type Uncertainty } from '../../src/scenario/draws.js';
import { loadFile, loadScenario } from '../../src/scenario/load.js';
import { scenariosFolder } from '../../src/scenario/builtIns.js';
import type { StreamMessage } from '../../src/stream/protocol.js';
import { RunStart } from '../../src/stream/schema.js';
import { uncertainParameters } from '../../src/scenario/uncertainty.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-drawn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const asBuilt = loadScenario('as-built-2022', 'design');
// The same design under another name: the paired difference must be exactly zero.
writeFileSync(join(dir, 'twin.yaml'), `extends: ${join(scenariosFolder(), 'pangyo-2022.yaml')}\ndesign: { id: twin, title: The same as built }\n`);
const twin = loadFile(join(dir, 'twin.yaml'));
const posterior = { paths: ['people.restartCrews', 'sites.pangyo.restoration.bypass.leadTime'], particles: [[0.8, 1.3], [1.2, 0.9], [1, 1.6]] };
const uncertaintyOf = (s: typeof asBuilt.scenario): Uncertainty => ({ parameters: uncertainParameters(s), posterior });

describe('runs that draw their parameters', () => {
  it('two identical designs drawing on the same seeds differ by exactly zero on every seed and every figure', () => {
    for (const seed of [1, 2, 3, 4]) {
      const a = runScenario({ scenario: asBuilt.scenario, seed, uncertainty: uncertaintyOf(asBuilt.scenario) });
      const b = runScenario({ scenario: twin.scenario, seed, uncertainty: uncertaintyOf(twin.scenario) });
      expect(b.allRestoredHours! - a.allRestoredHours!).toBe(0);
      expect(b.services.map((s) => [s.firstUsableHours, s.normalHours])).toEqual(a.services.map((s) => [s.firstUsableHours, s.normalHours]));
      expect(b.parameters).toEqual(a.parameters);
    }
  });

  it('draw differently from seed to seed, and change the run', () => {
    const runs = [1, 2, 3].map((seed) => runScenario({ scenario: asBuilt.scenario, seed, uncertainty: uncertaintyOf(asBuilt.scenario) }));
    expect(new Set(runs.map((r) => JSON.stringify(r.parameters!.values.map((v) => v.factor)))).size).toBe(3);
    const plain = runScenario({ scenario: asBuilt.scenario, seed: 1 });
    expect(plain.parameters).toBeUndefined();
    expect(runs[0]!.serverCurve).not.toEqual(plain.serverCurve);
  });

  it('simulate the drawn scenario exactly: sharing the layout of the scenario as written changes nothing', () => {
    for (const seed of [5, 6]) {
      const drawn = drawScenario(asBuilt.scenario, uncertainParameters(asBuilt.scenario), seed, posterior).scenario;
      // A deep copy has no layout of its own cached: it is built afresh.
      const fresh = JSON.parse(JSON.stringify(drawn)) as typeof drawn;
      const viaDraw = runScenario({ scenario: asBuilt.scenario, seed, uncertainty: uncertaintyOf(asBuilt.scenario) });
      const direct = runScenario({ scenario: fresh, seed });
      const { parameters: _, ...rest } = viaDraw;
      expect(rest).toEqual(direct);
    }
  });

  it('record what they drew in run.start, a valid message of the protocol', () => {
    const messages: StreamMessage[] = [];
    runScenario({ scenario: asBuilt.scenario, seed: 2, uncertainty: uncertaintyOf(asBuilt.scenario), fingerprint: asBuilt.fingerprint, sink: (m) => messages.push(m) });
    const start = messages[0]!;
    expect(RunStart.safeParse(start).success).toBe(true);
    expect(start).toMatchObject({ type: 'run.start', scenarioSha256: asBuilt.fingerprint, parameters: { source: 'posterior', particle: expect.any(Number) } });
    const values = (start as { parameters: { values: Array<{ path: string; from: string }> } }).parameters.values;
    expect(values.filter((v) => v.from === 'posterior').map((v) => v.path)).toEqual(['people.restartCrews', 'sites.pangyo.restoration.bypass.leadTime']);
    expect(values).toHaveLength(uncertainParameters(asBuilt.scenario).length);
  });
});
