import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { precompileBuiltIns } from '../../src/scenario/precompile.js';
import { readPrecompiled } from '../../src/scenario/precompiled.js';
import { loadFile } from '../../src/scenario/load.js';
import { listBuiltInDesigns, scenariosFolder } from '../../src/scenario/builtIns.js';
import { firedrill, ROOT } from '../cliHelpers.js';

/**
 * The built-ins precompiled at build time load exactly as their YAML does, and
 * an entry whose files have changed since is never used.
 */
const tmp = mkdtempSync(join(tmpdir(), 'firedrill-precompiled-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('precompiled built-in scenarios', () => {
  it('load exactly as their YAML does, every scenario and design', () => {
    const dir = join(tmp, 'entries');
    const files = precompileBuiltIns(scenariosFolder(), dir);
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      expect(readPrecompiled(file, scenariosFolder(), dir), file).toEqual(loadFile(file));
    }
  });

  it('are not used once a file of theirs changes, the base of a design included', () => {
    const folder = join(tmp, 'scenarios');
    cpSync(scenariosFolder(), folder, { recursive: true });
    // A design extending its base by path, so the chain stays inside the copied folder.
    writeFileSync(join(folder, 'designs', 'local.yaml'), 'extends: ../pangyo-2022.yaml\ndesign: { id: local, title: Local }\npeople: { engineers: 9 }\n');
    // Built-in because the copy's manifest names it (a file merely put in the folder is not one).
    const manifest = JSON.parse(readFileSync(join(folder, 'built-ins.json'), 'utf8')) as { designs: Record<string, string> };
    manifest.designs.local = 'pangyo-2022';
    writeFileSync(join(folder, 'built-ins.json'), JSON.stringify(manifest));
    const dir = join(tmp, 'entries-copy');
    precompileBuiltIns(folder, dir);
    const base = join(folder, 'pangyo-2022.yaml');
    const design = join(folder, 'designs', 'local.yaml');
    expect(readPrecompiled(design, folder, dir)?.scenario.people.engineers).toBe(9);
    expect(readPrecompiled(base, folder, dir)).not.toBeNull();

    writeFileSync(base, readFileSync(base, 'utf8').replace(/\n$/, '\n# edited\n'));
    expect(readPrecompiled(base, folder, dir)).toBeNull();
    expect(readPrecompiled(design, folder, dir)).toBeNull();
    expect(readPrecompiled(join(folder, 'designs', 'naver-like.yaml'), folder, dir)).not.toBeNull(); // extends the real built-in, unchanged

    writeFileSync(join(dir, 'designs', 'naver-like.json'), '{"format":1,"sources":[{"file":"designs/naver');
    expect(readPrecompiled(join(folder, 'designs', 'naver-like.yaml'), folder, dir)).toBeNull(); // cut short: the YAML it is
    expect(readPrecompiled(join(tmp, 'elsewhere.yaml'), folder, dir)).toBeNull();
  });

  it('are what the build writes, and give the command line the same run as the YAML', () => {
    // dist/ is built with its entries (test/globalSetup.ts), one for every built-in, current.
    const built = join(ROOT, 'dist', 'precompiled');
    for (const file of [join(scenariosFolder(), 'pangyo-2022.yaml'), ...listBuiltInDesigns().map((d) => join(scenariosFolder(), 'designs', `${d}.yaml`))]) {
      expect(readPrecompiled(file, scenariosFolder(), built), file).toEqual(loadFile(file));
    }
    // A scenario given by path outside the built-ins reads the YAML.
    const copy = join(tmp, 'pangyo-copy.yaml');
    cpSync(join(scenariosFolder(), 'pangyo-2022.yaml'), copy);
    const fromEntry = firedrill(['run', '--json', '--seed', '5']);
    const fromYaml = firedrill(['run', copy, '--json', '--seed', '5']);
    expect(fromEntry.status, fromEntry.stderr).toBe(0);
    expect(JSON.parse(fromEntry.stdout)).toEqual(JSON.parse(fromYaml.stdout));
  });
});
