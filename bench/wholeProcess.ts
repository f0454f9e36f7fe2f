/**
 * Whole-process timing of the command line, start-up and imports included, as
 * MODELS.md measures it: one warm-up, then the median of `runs`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Median wall time in seconds of `firedrill ARGS`, or null if the CLI is not built or fails. */
export function measureCli(args: string[], runs: number): number | null {
  const bin = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../bin/firedrill.js' : '../bin/firedrill.js', import.meta.url));
  if (!existsSync(bin)) return null;
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
    const t = (performance.now() - t0) / 1000;
    if (r.status !== 0) return null;
    if (i > 0) times.push(t); // the first run warms the file cache
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}
