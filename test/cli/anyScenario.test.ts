import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listBuiltInDesigns, listBuiltInScenarios, scenariosFolder } from '../../src/scenario/builtIns.js';
import { precompileBuiltIns } from '../../src/scenario/precompile.js';
import { firedrill } from '../cliHelpers.js';
import { TINY } from '../recovery/tiny.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-any-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A scenario of the user's own: its policies are `waits` and `rebuilds`, none called historical.
writeFileSync(join(dir, 'other.yaml'), TINY);

describe('commands work on any scenario, with its own policies and designs', () => {
  it('firedrill run other.yaml runs under the scenario\'s first policy', () => {
    const r = firedrill(['run', 'other.yaml'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('policy waits · seed 1');
  });

  it('firedrill sweep other.yaml sweeps the scenario as written, not the Pangyo designs', () => {
    const r = firedrill(['sweep', 'other.yaml', '--seeds', '1..3', '--out', 'lab', '--progress', 'none', '--workers', '1'], { cwd: dir });
    expect(r.stderr).not.toMatch(/firedrill: /);
    expect(r.status).toBe(0);
    const rows = readFileSync(join(dir, 'lab', 'runs.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).every((row) => row.startsWith('other,'))).toBe(true);
  });

  it('firedrill sweep other.yaml --designs takes the user\'s own overlays of it', () => {
    writeFileSync(join(dir, 'more-engineers.yaml'), 'extends: ./other.yaml\ndesign: { id: more-engineers, title: More engineers }\npeople: { engineers: 3 }\n');
    const r = firedrill(['sweep', 'other.yaml', '--designs', 'other.yaml,more-engineers.yaml', '--seeds', '1..2', '--out', 'lab2', '--progress', 'none', '--workers', '1'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'lab2', 'runs.csv'), 'utf8')).toMatch(/\nmore-engineers,/);
  });

  it('firedrill compare other.yaml compares the scenario with its own policies', () => {
    const r = firedrill(['compare', 'other.yaml', '--policies', 'waits,rebuilds', '--seeds', '1..2'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/waits\s+rebuilds/);
  });
});

describe('a file put in scenarios/ is not a built-in', () => {
  it('the built-ins are those scenarios/built-ins.json names; a draft beside them is neither listed nor precompiled', () => {
    const folder = join(dir, 'scenarios');
    cpSync(scenariosFolder(), folder, { recursive: true });
    writeFileSync(join(folder, 'draft.yaml'), 'id: draft\ntitle: [unfinished\n');
    writeFileSync(join(folder, 'designs', 'draft-design.yaml'), 'extends: nothing-yet\n');
    expect(listBuiltInScenarios(folder)).toEqual(listBuiltInScenarios());
    expect(listBuiltInDesigns(undefined, folder)).toEqual(listBuiltInDesigns());
    const out = join(dir, 'precompiled');
    const done = precompileBuiltIns(folder, out);
    expect(done.some((f) => f.includes('draft'))).toBe(false);
    expect(existsSync(join(out, 'pangyo-2022.json'))).toBe(true);
  });
});
