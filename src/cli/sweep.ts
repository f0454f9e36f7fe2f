/** The `sweep` and `merge` commands: run a design lab, print what it found, say where the files are. */
import { join } from 'node:path';
import { makePlan, parseShard } from '../sweep/plan.js';
import type { ProgressMode } from '../sweep/progress.js';
import { checkReportTemplate } from '../sweep/report.js';
import { mergeSweeps, runSweep } from '../sweep/sweep.js';
import type { SweepSummary } from '../sweep/outputs.js';
import { readFileSync } from 'node:fs';
import { ensureOutputFolder } from '../files/output.js';
import { parametersOption } from './commands.js';
import { UsageError } from './errors.js';
import { table } from './report.js';

export interface SweepCommandOptions {
  designs?: string[];
  seeds: string;
  policies?: string[];
  policy?: string;
  vary: string[];
  workers?: string;
  out: string;
  shard?: string;
  progress: string;
  priors?: boolean;
  posterior?: string;
}

function parseWorkers(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 256) throw new UsageError(`--workers: expected a whole number from 1 to 256, got "${text}"`);
  return Number(text);
}

export async function sweepCommand(scenario: string | undefined, options: SweepCommandOptions): Promise<void> {
  const workers = parseWorkers(options.workers);
  if (!['auto', 'bar', 'plain', 'none'].includes(options.progress)) throw new UsageError(`--progress: expected auto, bar, plain or none, got "${options.progress}"`);
  checkReportTemplate();
  const shard = options.shard === undefined ? null : parseShard(options.shard);
  const { defaultDesigns } = await import('../scenario/builtIns.js');
  const designs = options.designs ?? defaultDesigns(scenario);
  if (options.policy !== undefined && options.policies !== undefined) throw new UsageError('give --policy or --policies, not both');
  const policies = options.policies ?? (options.policy === undefined ? [] : [options.policy]);
  const posterior = parametersOption(options);
  const parameters = posterior !== null ? { parameters: { posteriorSha256: posterior.sha256 } } : options.priors === true ? { parameters: 'priors' as const } : {};
  const plan = makePlan({ scenario: scenario ?? null, designs, seeds: options.seeds, policies, vary: options.vary, ...parameters }, shard, posterior);
  const runs = plan.cells.length * plan.seeds.length;
  ensureOutputFolder(options.out);
  process.stderr.write(`Sweep: ${plan.cells.length} design × policy × variation cells × ${plan.seeds.length.toLocaleString('en-US')} seeds = ${runs.toLocaleString('en-US')} runs${shard ? `, shard ${shard.index}/${shard.count}` : ''}, into ${options.out}\n`);
  const result = await runSweep(plan, { out: options.out, ...(workers === undefined ? {} : { workers }), progress: process.stderr, progressMode: options.progress as ProgressMode, ...(posterior === null ? {} : { posteriorFile: posterior.file }) });
  if (result.resumed > 0 || result.dropped > 0) process.stderr.write(`Resumed: ${result.resumed} runs were already done${result.dropped > 0 ? `; ${result.dropped} cut-short journal line(s) dropped and redone` : ''}.\n`);
  if (!result.complete) {
    process.stdout.write(`Shard ${shard!.index}/${shard!.count} done (${options.out}/journal.ndjson). When every shard is done: firedrill merge DIR1 DIR2 … --out DIR\n`);
    return;
  }
  printSummary(options.out);
}

export function mergeCommand(dirs: string[], options: { out: string }): void {
  checkReportTemplate();
  const { runs } = mergeSweeps(dirs, options.out);
  process.stderr.write(`Merged ${dirs.length} shard(s), ${runs.toLocaleString('en-US')} runs, into ${options.out}\n`);
  printSummary(options.out);
}

function printSummary(dir: string): void {
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as SweepSummary;
  const h = (x: number | null) => (x === null ? 'never' : `${x.toFixed(1)} h`);
  const rows = [[summary.policies.length > 1 ? 'design / policy' : 'design', 'everything restored: P50', 'P90', 'P99', 'promise kept', 'worst seed']];
  for (const d of summary.perDesign) rows.push([d.design, h(d.allRestoredHours.p50), h(d.allRestoredHours.p90), h(d.allRestoredHours.p99), d.promiseKept === null ? '—' : `${(d.promiseKept * 100).toFixed(1)}%`, `${d.worst.seed} (${h(d.worst.allRestoredHours)})`]);
  const first = summary.designs[0];
  const paired = summary.paired.filter((p) => p.metric === 'all_restored_h').map((p) => `  ${p.b} − ${p.a}: ${p.meanDifference === null ? '—' : `${p.meanDifference >= 0 ? '+' : ''}${p.meanDifference.toFixed(1)} h`} (95% CI ${p.ci95.map((x) => (x === null ? '—' : x.toFixed(1))).join(' to ')}, ${p.n} seeds)`);
  const against = paired.length === 0 ? '' : `\nEverything restored, paired on the seed against ${first}:\n${paired.join('\n')}\n`;
  process.stdout.write(`${table(rows).join('\n')}\n${against}${hangsOn(summary)}\n${dir}/runs.csv, ${dir}/summary.json, ${dir}/report.html (open it in a browser)\n`);
}

/** For a sweep that drew its parameters: what everything-restored hangs on, per arm, largest first. */
function hangsOn(summary: SweepSummary): string {
  const u = summary.uncertainty;
  if (u === undefined) return '';
  const lines = [`\nParameters drawn on every seed (${u.source === 'posterior' ? 'calibrated from the posterior, the rest from their priors' : 'from their priors'}); what everything restored hangs on (first-order indices: the share of its variance one parameter explains alone):`];
  for (const design of summary.designs) {
    const top = u.indices.filter((x) => x.design === design && x.metric === 'all_restored_h').slice(0, 5);
    const rest = u.unexplained.find((x) => x.design === design && x.metric === 'all_restored_h');
    lines.push(`  ${design}: ${top.length === 0 ? 'no single parameter' : top.map((x) => `${x.path} ${x.index.toFixed(2)}`).join(', ')}${rest === undefined ? '' : `; ${rest.share.toFixed(2)} no single parameter explains`}`);
  }
  return `${lines.join('\n')}\n`;
}
