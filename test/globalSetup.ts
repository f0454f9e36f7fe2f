/**
 * Builds the command line and the viewer once before the tests that run them
 * for real (`node bin/firedrill.js …`, `node dist/bench/main.js …`, the
 * viewer in Chromium), so they never test a stale dist/; not at all when
 * dist/ was built from exactly today's files (scripts/build-stamp.js), as
 * `npm install` leaves a fresh clone.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const stamp = ['scripts/build-stamp.js'];
  // Built from exactly today's files (`npm install` has just built a fresh clone): nothing to do.
  if (spawnSync(process.execPath, [...stamp, 'check'], { cwd: root }).status === 0) return;
  // Emit only: `npm test` has type-checked every file just before (tsc --noEmit), and the emitted
  // JavaScript is byte for byte the same; checking again cost 6 of the build's 10 seconds.
  execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json', '--noCheck'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['dist/src/scenario/precompile.js'], { cwd: root, stdio: 'inherit' });
  // The pages as package.json builds them, so the list of pages and their order is written once.
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [...stamp, 'write'], { cwd: root, stdio: 'inherit' });
}
