/**
 * `firedrill calibrate`: fits a scenario's calibrated parameters to its
 * calibration targets by rejection ABC over the worker pool (src/calibrate/
 * fit.ts), writes OUT/posterior.json, then checks the posterior against every
 * reported figure (OUT/check.json, OUT/check/report.html). Killed at any
 * moment, the same command resumes where it stopped.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveScenarioPath } from '../scenario/builtIns.js';
import { loadScenarioYaml } from '../scenario/load.js';
import { runCheck } from '../calibrate/checkRun.js';
import { checkMarkdown } from '../calibrate/check.js';
import { fitPlan, runFit } from '../calibrate/fit.js';
import { readPosterior } from '../calibrate/posterior.js';
import { ensureOutputFolder } from '../files/output.js';
import { parseShard, parseSweepSeeds } from '../sweep/plan.js';
import type { ProgressMode } from '../sweep/progress.js';
import { UsageError } from './errors.js';

/** The design `firedrill calibrate` fits with no scenario named: the Pangyo fire as it was built. */
const DEFAULT_DESIGN = 'as-built-2022';

/** Options of `firedrill calibrate`, as commander gives them. */
export interface CalibrateOptions {
  design?: string;
  policy?: string;
  seed: string;
  draws: string;
  accept: string;
  checkSeeds: string;
  check: boolean;
  workers?: string;
  shard?: string;
  out: string;
  progress: string;
}

function whole(option: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`${option}: expected a whole number from ${min} to ${max.toLocaleString('en-US')}, got "${text}"`);
  return Number(text);
}

/** A built-in scenario's file; a name that is none gets the loader's message, with the built-ins and the nearest one. */
function builtInFile(name: string): string {
  const file = resolveScenarioPath(name, 'scenario');
  if (!existsSync(file)) loadScenarioYaml(name, 'scenario', {});
  return file;
}

export async function calibrateCommand(scenario: string | undefined, options: CalibrateOptions): Promise<void> {
  if (!['auto', 'bar', 'plain', 'none'].includes(options.progress)) throw new UsageError(`--progress: expected auto, bar, plain or none, got "${options.progress}"`);
  const seed = whole('--seed', options.seed, 0, 0xffffffff);
  const draws = whole('--draws', options.draws, 1, 1_000_000);
  const accept = whole('--accept', options.accept, 1, 1_000_000);
  const workers = options.workers === undefined ? undefined : whole('--workers', options.workers, 1, 256);
  if (options.check) parseSweepSeeds(options.checkSeeds);
  const run = { out: options.out, progress: process.stderr, progressMode: options.progress as ProgressMode, ...(workers === undefined ? {} : { workers }) };
  // The design the history happened on: Pangyo's as-built-2022, or another scenario as written.
  // A built-in scenario's name becomes its file, which a sweep's plan takes as a design of its own.
  const design = options.design ?? (scenario === undefined ? DEFAULT_DESIGN : existsSync(scenario) ? scenario : builtInFile(scenario));
  const spec = { scenario: options.design === undefined ? null : (scenario ?? null), design, policy: options.policy ?? null, seed, draws, accept };
  const shard = options.shard === undefined ? null : parseShard(options.shard);
  const plan = fitPlan(spec, shard);
  ensureOutputFolder(options.out);
  process.stderr.write(`Calibrate: ${draws.toLocaleString('en-US')} runs of ${design} drawing every parameter from its prior (seed ${seed}), keeping the ${accept.toLocaleString('en-US')} closest to the calibration targets, into ${options.out}${shard === null ? '' : `, shard ${shard.index}/${shard.count}`}\n`);
  const fit = await runFit(spec, run, plan);
  if (fit.runs.resumed > 0 || fit.runs.dropped > 0) process.stderr.write(`Resumed: ${fit.runs.resumed} runs were already done${fit.runs.dropped > 0 ? `; ${fit.runs.dropped} cut-short journal line(s) dropped and redone` : ''}.\n`);
  if (fit.posterior === null) {
    process.stdout.write(`Shard ${shard!.index}/${shard!.count} of the fit done (${join(options.out, 'fit')}). When every shard is done: firedrill merge SHARD1/fit SHARD2/fit … --out OUT/fit, then this command without --shard and with --out OUT writes the posterior (every run found done).\n`);
    return;
  }
  const p = fit.posterior;
  const lines = [`Posterior: ${p.accepted} of ${p.draws} draws kept (tolerance ${p.tolerance.toFixed(4)}), fitted to ${p.targets.join(', ')}; ${fit.file}`];
  for (const [i, param] of p.parameters.entries()) {
    const xs = p.particles.map((x) => x.factors[i]!).sort((a, b) => a - b);
    const q = (f: number) => xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(f * xs.length) - 1))]!;
    lines.push(`  ${param.path}: factor median ×${q(0.5).toFixed(2)}, P5–P95 ×${q(0.05).toFixed(2)}–×${q(0.95).toFixed(2)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!options.check) return;
  process.stderr.write(`Check: seeds ${options.checkSeeds} drawing the calibrated parameters from the posterior, against every reported figure\n`);
  const check = await runCheck(readPosterior(fit.file), { scenario: spec.scenario, design, policy: p.policy, seeds: options.checkSeeds }, run);
  const s = check.summary;
  process.stdout.write(
    `\n${checkMarkdown(check.rows)}\n\nCoverage: ${s.inside} of ${s.of} reported figures inside the simulated P5–P95 (${(s.coverage * 100).toFixed(0)}%); out-of-sample median absolute error ${s.validationMedianAbsErrorHours === null ? '— (no validation figure in hours)' : `${s.validationMedianAbsErrorHours.toFixed(1)} h`}${check.rows.some((r) => r.name === 'allRestored') ? `; everything restored P5–P95 ${s.allRestoredWidthHours === null ? 'open-ended (its P95 is past the horizon)' : `${s.allRestoredWidthHours.toFixed(1)} h wide`}` : ''}.\n${join(options.out, 'check.json')}, ${join(options.out, 'check', 'report.html')}\n`,
  );
}
