/**
 * `firedrill calibrate` as a whole process: the Pangyo fit to the restart
 * curve (rejection ABC, `--draws` runs drawing from the priors, the closest
 * 5% kept), timed end to end with peak RSS, the posterior's SHA-256 printed
 * so that two runs of the bench can be seen to agree. Issue #15's target:
 * at most 10 minutes with 2 workers on the 2-core machine.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url));

export interface CalibrateTiming {
  workers: number;
  draws: number;
  wall_s: number;
  runs_per_s: number;
  peak_rss_mb: number | null;
  posterior_sha256: string;
}

/** Runs `firedrill calibrate --draws D --accept D/20 --no-check` with `workers` workers. */
export function timeCalibrate(draws: number, workers: number, seed: number): CalibrateTiming {
  const out = mkdtempSync(join(tmpdir(), 'firedrill-bench-calibrate-'));
  const rssFile = join(out, 'rss');
  const args = [join(ROOT, 'bin', 'firedrill.js'), 'calibrate', '--seed', String(seed), '--draws', String(draws), '--accept', String(Math.max(1, Math.round(draws / 20))), '--no-check', '--workers', String(workers), '--progress', 'none', '--out', join(out, 'fit')];
  const timer = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = timer ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, ...args], { encoding: 'utf8' }) : spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`firedrill calibrate failed: ${r.stderr}`);
  const sha = createHash('sha256').update(readFileSync(join(out, 'fit', 'posterior.json'))).digest('hex');
  const rss = timer ? Math.round(Number(readFileSync(rssFile, 'utf8').trim()) / 1024) : null;
  rmSync(out, { recursive: true, force: true });
  return { workers, draws, wall_s: wall, runs_per_s: draws / wall, peak_rss_mb: rss, posterior_sha256: sha };
}
