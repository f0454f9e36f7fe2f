import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/run/runScenario.js';
import { loadScenario } from '../src/scenario/load.js';
import type { StreamMessage } from '../src/stream/protocol.js';

const GOLDEN = new URL('./golden/pangyo-seed-1.jsonl', import.meta.url);

/**
 * The first 200 lines of the Pangyo seed-1 log, pinned byte for byte (like
 * SimPy's example .out files). A change to the model that moves any of them
 * shows up here; if it is meant, regenerate with
 * UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts and say why in the commit.
 */
describe('golden log', () => {
  it('the Pangyo seed-1 log starts with the pinned 200 lines', () => {
    const lines: string[] = [];
    const { scenario } = loadScenario('pangyo-2022');
    runScenario({ scenario, seed: 1, version: 'golden', sink: (m: StreamMessage) => lines.push(JSON.stringify(m)) });
    const head = `${lines.slice(0, 200).join('\n')}\n`;
    // Written only when asked: a missing golden file is a failure, not a new baseline that approves itself.
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, head);
    expect(existsSync(GOLDEN), `${GOLDEN.pathname} is missing; if the model change is meant, regenerate it with UPDATE_GOLDEN=1`).toBe(true);
    expect(lines.length).toBeGreaterThan(200);
    expect(head).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  // The first thing a newcomer reads (docs/scenarios.md builds it): its whole log, pinned.
  it('the hello-world example\'s seed-1 log is pinned whole', () => {
    const file = new URL('./golden/hello-world-seed-1.jsonl', import.meta.url);
    const lines: string[] = [];
    const { scenario } = loadScenario('scenarios/examples/hello-world.yaml');
    runScenario({ scenario, seed: 1, version: 'golden', sink: (m: StreamMessage) => lines.push(JSON.stringify(m)) });
    const log = `${lines.join('\n')}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, log);
    expect(existsSync(file), `${file.pathname} is missing; if the model change is meant, regenerate it with UPDATE_GOLDEN=1`).toBe(true);
    expect(lines.at(-1)).toMatch(/^\{"type":"run.end"/);
    expect(log).toBe(readFileSync(file, 'utf8'));
  });
});
