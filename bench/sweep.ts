/**
 * The sweep as a whole process: `firedrill sweep` over the five designs with
 * 1 and 2 workers, timed end to end, with peak RSS, so the speed-up of a
 * second worker is measured in one run of the harness.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url));
export const SWEEP_DESIGNS = 'as-built-2022,control-plane-active-active,kakao-2024,naver-like,zoned-power-cutoff';

export interface SweepTiming {
  workers: number;
  runs: number;
  wall_s: number;
  runs_per_s: number;
  peak_rss_mb: number | null;
}

/** Runs one sweep of `seeds` seeds with `workers` workers; peak RSS through /usr/bin/time where there is one. */
export function timeSweep(seeds: number, workers: number, designs = SWEEP_DESIGNS): SweepTiming {
  const out = mkdtempSync(join(tmpdir(), 'firedrill-bench-sweep-'));
  const rssFile = join(out, 'rss');
  const args = [join(ROOT, 'bin', 'firedrill.js'), 'sweep', '--designs', designs, '--seeds', `1..${seeds}`, '--workers', String(workers), '--out', join(out, 'lab')];
  const timer = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = timer ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, ...args], { encoding: 'utf8' }) : spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`firedrill sweep failed: ${r.stderr}`);
  const runs = designs.split(',').length * seeds;
  const rss = timer ? Math.round(Number(readFileSync(rssFile, 'utf8').trim()) / 1024) : null;
  rmSync(out, { recursive: true, force: true });
  return { workers, runs, wall_s: wall, runs_per_s: runs / wall, peak_rss_mb: rss };
}
