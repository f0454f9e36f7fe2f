import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cliHelpers.js';

/** The stamp that lets the tests' set-up skip a build: trusted only for the same inputs and a complete dist/. */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-stamp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (path: string, text: string) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const stamp = (mode: string) => spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-stamp.js'), mode, dir], { encoding: 'utf8' }).status;

describe('scripts/build-stamp.js', () => {
  it('matches after a write, not after a source, a scenario or the lock file changes, a source or a build config is added, nor with an output missing', () => {
    put('src/a.ts', 'export const a = 1;\n');
    put('scenarios/s.yaml', 'name: s\n');
    put('package-lock.json', '{}\n');
    const outputs = ['dist/src/cli/main.js', 'dist/precompiled/s.json', 'dist/drill-worker/worker.js', 'dist/web/index.html', 'dist/report/index.html', 'dist/drill/index.html'];
    for (const o of outputs) put(o, 'built\n');
    expect(stamp('check')).toBe(1); // never written
    expect(stamp('write')).toBe(0);
    expect(stamp('check')).toBe(0);
    for (const [path, changed, back] of [['src/a.ts', 'export const a = 2;\n', 'export const a = 1;\n'], ['scenarios/s.yaml', 'name: t\n', 'name: s\n'], ['package-lock.json', '{ }\n', '{}\n']]) {
      put(path!, changed!);
      expect(stamp('check'), path).toBe(1);
      put(path!, back!);
      expect(stamp('check'), path).toBe(0);
    }
    for (const added of ['src/new.ts', 'vite.another.config.ts']) {
      put(added, '');
      expect(stamp('check'), added).toBe(1);
      rmSync(join(dir, added));
      expect(stamp('check'), added).toBe(0);
    }
    put('vitest.config.ts', ''); // not read by the build
    expect(stamp('check')).toBe(0);
    rmSync(join(dir, 'dist/drill/index.html'));
    expect(stamp('check')).toBe(1);
    expect(stamp('nonsense')).toBe(2);
  });
});
