/**
 * Builds the command line once before the tests that run it as a real
 * process (`node bin/firedrill.js …`, `node dist/bench/main.js …`), so they
 * never test a stale dist/.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
