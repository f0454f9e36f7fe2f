import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadFile } from '../../src/scenario/load.js';
import { firedrill } from '../cliHelpers.js';

/**
 * docs/scenarios.md followed as a reader would: its `yaml step` blocks added to an empty file one
 * at a time (a section already there replaced), `firedrill run` after each; the last step must be
 * the hello-world example; each aside is run on top of the finished file.
 */
const GUIDE = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
const EXAMPLE = new URL('../../scenarios/examples/hello-world.yaml', import.meta.url).pathname;
const blocks = [...GUIDE.matchAll(/```yaml( step| design)?\n([\s\S]*?)```/g)].map((m) => ({ kind: (m[1] ?? '').trim() || 'aside', text: m[2]! }));
const dir = mkdtempSync(join(tmpdir(), 'firedrill-guide-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runFile = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return firedrill(['run', name, '--json'], { cwd: dir });
};

describe('docs/scenarios.md, step by step', () => {
  const steps = blocks.filter((b) => b.kind === 'step');
  let doc: Record<string, unknown> = {};

  it('has steps, asides and a design', () => {
    expect(steps.length).toBeGreaterThanOrEqual(5);
    expect(blocks.filter((b) => b.kind === 'aside').length).toBeGreaterThanOrEqual(4);
    expect(blocks.filter((b) => b.kind === 'design')).toHaveLength(1);
  });

  steps.forEach((step, i) => {
    it(`step ${i + 1} runs`, () => {
      doc = { ...doc, ...(parse(step.text) as Record<string, unknown>) };
      const r = runFile('hello.yaml', stringify(doc));
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).scenario).toBe('hello-world');
    });
  });

  it('the last step is scenarios/examples/hello-world.yaml', () => {
    expect(loadFile(join(dir, 'hello.yaml')).fingerprint).toBe(loadFile(EXAMPLE).fingerprint);
  });

  blocks.forEach((block, i) => {
    if (block.kind === 'step') return;
    it(`${block.kind} ${i + 1} (${block.text.split('\n')[0]!.slice(0, 40)}…) runs on top of the hello world`, () => {
      writeFileSync(join(dir, 'hello.yaml'), readFileSync(EXAMPLE, 'utf8'));
      const r = block.kind === 'design' ? runFile('design.yaml', block.text) : runFile(`aside-${i}.yaml`, stringify({ ...(parse(readFileSync(EXAMPLE, 'utf8')) as object), ...(parse(block.text) as object) }));
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  });
});
