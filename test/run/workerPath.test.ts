import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { StaleBuildError, workerUrl } from '../../src/run/workerPath.js';

/**
 * Workers load the build that matches their caller, or fail loudly (issue 16,
 * finding 8): a sweep run from the sources used dist/ whatever its age.
 */
const root = mkdtempSync(join(tmpdir(), 'firedrill-worker-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A small package: src/pool/{caller,worker,dep}.ts and their build, every file at `time` seconds. */
function makePackage(name: string, time: number): string {
  const dir = join(root, name);
  const files: Record<string, string> = {
    'package.json': '{}',
    'src/pool/caller.ts': '',
    'src/pool/worker.ts': '',
    'src/pool/dep.ts': '',
    'sim/clock.ts': '',
    'dist/src/pool/caller.js': '',
    'dist/src/pool/worker.js': "import { dep } from './dep.js';\nconst later = await import('../../sim/clock.js');\n",
    'dist/src/pool/dep.js': "export * from 'node:fs';\nexport const dep = 1;\n",
    'dist/sim/clock.js': '',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
    utimesSync(join(dir, file), time, time);
  }
  return dir;
}
const callerOf = (dir: string) => pathToFileURL(join(dir, 'src/pool/caller.ts')).href;

describe('workerUrl', () => {
  it('from a built caller, is the worker beside it', () => {
    expect(workerUrl('file:///app/dist/src/sweep/sweep.js', './worker.js').href).toBe('file:///app/dist/src/sweep/worker.js');
  });

  it('from the sources, is the worker in dist/ when its build is current', () => {
    const dir = makePackage('current', 1_000);
    expect(fileURLToPath(workerUrl(callerOf(dir), './worker.js'))).toBe(join(dir, 'dist/src/pool/worker.js'));
  });

  it('refuses a build older than any source the worker imports, naming both files', () => {
    for (const source of ['src/pool/worker.ts', 'src/pool/dep.ts', 'sim/clock.ts']) {
      const dir = makePackage(`stale-${source.replaceAll('/', '-')}`, 1_000);
      utimesSync(join(dir, source), 2_000, 2_000);
      const built = `dist/${source.replace(/\.ts$/, '.js')}`;
      expect(() => workerUrl(callerOf(dir), './worker.js'), source).toThrow(StaleBuildError);
      expect(() => workerUrl(callerOf(dir), './worker.js'), source).toThrow(`the worker's build is older than its source (${built} is older than ${source}); run npm run build:node`);
    }
  });

  it('refuses a missing build', () => {
    const dir = makePackage('missing', 1_000);
    rmSync(join(dir, 'dist/src/pool/dep.js'));
    expect(() => workerUrl(callerOf(dir), './worker.js')).toThrow("the worker's build is missing (dist/src/pool/dep.js); run npm run build:node");
  });

  it('resolves the sweep worker of this repository, built by the test set-up, as current', () => {
    const sweep = new URL('../../src/sweep/sweep.ts', import.meta.url).href;
    expect(workerUrl(sweep, './worker.js').href).toBe(new URL('../../dist/src/sweep/worker.js', import.meta.url).href);
  });
});
