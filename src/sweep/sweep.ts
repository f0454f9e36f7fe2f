/**
 * `firedrill sweep`: every (design × policy × variation × seed) on a pool of worker
 * threads, each result appended to the journal as it finishes, the outputs
 * written once every run is in. Killed, it resumes; sharded, it runs its
 * slice and `firedrill merge` puts the slices together.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../cli/errors.js';
import { workerUrl } from '../run/workerPath.js';
import { lockFolder } from '../files/folderLock.js';
import { ensureOutputFolder, writeOutput } from '../files/output.js';
import { JournalWriter, readJournal } from './journal.js';
import { currentMetricNames } from './olderNames.js';
import { runPool } from './pool.js';
import { runsCsv, summarize, type SweepData } from './outputs.js';
import { inShard, runSeeds, taskCount, type Plan, type Shard, type SweepSpec } from './plan.js';
import { createProgress, type ProgressMode } from './progress.js';
import { writeReport } from './report.js';
import { columnsOf, type Columns } from './results.js';

/** Runs that crashed their worker twice: the sweep is incomplete but nothing finished is lost. */
export class SweepFailure extends Error {
  override name = 'SweepFailure';
}

/** The sweep.json this Firedrill writes and reads: 2 since policies became an axis of the sweep. */
const MANIFEST_VERSION = 2;

/** `DIR/sweep.json`: what the directory holds, so a resume or a merge can check it is the same sweep. */
export interface SweepManifest {
  kind: 'firedrill-sweep';
  version: typeof MANIFEST_VERSION;
  scenario: string;
  spec: SweepSpec;
  shard: Shard | null;
  cells: Array<{ design: string; policy: string; variation: string }>;
  columns: Columns;
}

function manifestOf(plan: Plan): SweepManifest {
  return {
    kind: 'firedrill-sweep',
    version: MANIFEST_VERSION,
    scenario: plan.cells[0]!.scenario.id,
    spec: plan.spec,
    shard: plan.shard,
    cells: plan.cells.map((c) => ({ design: c.design, policy: c.policy, variation: c.variation })),
    columns: columnsOf(plan.cells),
  };
}

function readManifest(dir: string): SweepManifest | null {
  const path = join(dir, 'sweep.json');
  if (!existsSync(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as SweepManifest;
    if (m.kind !== 'firedrill-sweep') throw new Error('not a sweep');
    if (typeof m.version === 'number' && m.version > MANIFEST_VERSION) {
      throw new UsageError(`${path}: a sweep of a newer Firedrill (manifest version ${m.version}; this one reads version ${MANIFEST_VERSION}); resume it with that Firedrill, or start this one in another --out`);
    }
    if (m.version !== MANIFEST_VERSION) {
      throw new UsageError(`${path}: a sweep of an older Firedrill (manifest version ${String(m.version)}, before policies were an axis); run it to the end with that Firedrill, or start this one in another --out`);
    }
    // A sweep begun before the ledger's columns lost their currency: the journal holds values by
    // position, so under today's names it is the same sweep and resumes (or merges) as one.
    return { ...m, columns: { ...m.columns, metrics: currentMetricNames(m.columns.metrics, m.columns.groups) } };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${path}: expected a Firedrill sweep manifest; this directory holds something else`);
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Options of a sweep's execution (not part of what it computes). */
export interface RunOptions {
  out: string;
  workers?: number;
  progress?: NodeJS.WriteStream;
  progressMode?: ProgressMode;
  /** What the folder's lock says holds it. [default: the sweep's command line] */
  label?: string;
  /** The posterior's file (for `--posterior`), as the command named it: the report's replay commands name it. */
  posteriorFile?: string;
  /** Write runs.csv, summary.json and report.html once every run is in; a fit reads the journal instead. [default: true] */
  outputs?: boolean;
}

/** What a sweep did: runs done now, runs found done, journal lines dropped, and whether the outputs were written. */
export interface SweepOutcome {
  ran: number;
  resumed: number;
  dropped: number;
  complete: boolean;
}

/**
 * Runs (or resumes) a sweep, holding the lock of its folder throughout, so
 * that a second identical command refuses instead of doing the work twice.
 */
export async function runSweep(plan: Plan, options: RunOptions): Promise<SweepOutcome> {
  ensureOutputFolder(options.out);
  const lock = lockFolder(options.out, options.label ?? `firedrill sweep --designs ${plan.spec.designs.join(',')} --seeds ${plan.spec.seeds}${plan.shard ? ` --shard ${plan.shard.index}/${plan.shard.count}` : ''}`);
  try {
    return await sweepLocked(plan, options);
  } finally {
    lock.release();
  }
}

async function sweepLocked(plan: Plan, options: RunOptions): Promise<SweepOutcome> {
  const dir = options.out;
  const manifest = manifestOf(plan);
  const existing = readManifest(dir);
  if (existing !== null && !same({ ...existing }, manifest)) {
    throw new UsageError(`${dir} holds another sweep (${existing.spec.designs.join(',')}, seeds ${existing.spec.seeds}${existing.shard ? `, shard ${existing.shard.index}/${existing.shard.count}` : ''}); resume it with the same arguments or choose another --out`);
  }
  // Written afresh too when an older Firedrill wrote it under other column names, so the folder is what a fresh sweep leaves.
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  if (existing === null || readFileSync(join(dir, 'sweep.json'), 'utf8') !== manifestText) writeOutput(join(dir, 'sweep.json'), manifestText);

  const total = taskCount(plan);
  const metricCount = manifest.columns.metrics.length;
  const seedOf = (t: number) => plan.seeds[t % plan.seeds.length]!;
  const journalPath = join(dir, 'journal.ndjson');
  const read = readJournal(journalPath, total, seedOf, metricCount);
  // Keep only this shard's valid lines, and start the journal again from them (a cut-short line goes).
  const kept = [...read.lines.entries()].filter(([t]) => inShard(plan.shard, t));
  if (read.dropped > 0 || kept.length !== read.lines.size) writeOutput(journalPath, kept.map(([, l]) => `${l}\n`).join(''));
  const done = new Set(kept.map(([t]) => t));
  const pending: number[] = [];
  // Seed by seed across the cells rather than cell by cell: each worker meets every design in its first
  // few runs, so the JIT compiles each function once for all of them instead of again at every new
  // design. The order runs are done in changes nothing in what is written.
  for (let i = 0; i < plan.seeds.length; i++) {
    for (let c = 0; c < plan.cells.length; c++) {
      const t = c * plan.seeds.length + i;
      if (inShard(plan.shard, t) && !done.has(t)) pending.push(t);
    }
  }

  const ran = pending.length;
  if (pending.length > 0) {
    const workers = options.workers ?? availableParallelism();
    const script = workerUrl(import.meta.url, './worker.js');
    const journal = new JournalWriter(journalPath);
    const progress = options.progress ? createProgress(options.progress, pending.length, done.size, options.progressMode) : null;
    let finished = 0;
    let failures: Array<{ task: number; reason: string }> = [];
    try {
      failures = await runPool(pending, {
        workers,
        script,
        workerData: { scenarios: plan.cells.map((c) => c.scenario), designs: manifest.cells.map((c) => c.design), policies: manifest.cells.map((c) => c.policy), seeds: plan.seeds, columns: manifest.columns, uncertainty: plan.cells.map((c) => c.uncertainty ?? null) },
        onLines: (lines) => {
          journal.append(lines);
          finished += lines.length;
          progress?.update(finished);
        },
      });
    } finally {
      journal.close();
    }
    progress?.finish(finished);
    if (failures.length > 0) {
      const named = failures.slice(0, 5).map((f) => {
        const cell = manifest.cells[Math.floor(f.task / plan.seeds.length)]!;
        return `${cell.design} (policy ${cell.policy}) seed ${seedOf(f.task)} (${f.reason})`;
      });
      throw new SweepFailure(`${failures.length} run(s) crashed their worker twice: ${named.join('; ')}${failures.length > 5 ? '; …' : ''}. Every other run is in ${journalPath}; run the same command again to retry them.`);
    }
  }
  const complete = plan.shard === null;
  if (complete && options.outputs !== false) writeOutputs(dir, manifest, plan.seeds, options.posteriorFile);
  return { ran, resumed: done.size, dropped: read.dropped, complete };
}

/** Reads every journal line of a complete sweep into its data; throws if runs are missing. */
function dataOf(manifest: SweepManifest, seeds: number[], lines: Map<number, string>): SweepData {
  const m = manifest.columns.metrics.length;
  const total = manifest.cells.length * seeds.length;
  const metrics = new Float64Array(total * m).fill(NaN);
  for (let t = 0; t < total; t++) {
    const line = lines.get(t);
    if (line === undefined) throw new UsageError(`run ${t} (${manifest.cells[Math.floor(t / seeds.length)]!.design}, seed ${seeds[t % seeds.length]}) is missing`);
    const row = JSON.parse(line) as Array<number | null>;
    for (let k = 0; k < m; k++) metrics[t * m + k] = row[k + 2] ?? NaN;
  }
  return { scenario: manifest.scenario, seedsText: manifest.spec.seeds, seeds, cells: manifest.cells, columns: manifest.columns, metrics, ...(manifest.spec.parameters === undefined ? {} : { parameters: manifest.spec.parameters }) };
}

/** Every run of the complete sweep in `dir`, as the outputs read them; a UsageError if runs are missing. */
export function readSweepData(dir: string): SweepData {
  const manifest = readManifest(dir);
  if (manifest === null) throw new UsageError(`${dir}: expected a sweep directory (with sweep.json), found none`);
  const seeds = runSeeds(manifest.spec);
  const read = readJournal(join(dir, 'journal.ndjson'), manifest.cells.length * seeds.length, (t) => seeds[t % seeds.length]!, manifest.columns.metrics.length);
  return dataOf(manifest, seeds, read.lines);
}

/** Writes the sorted journal, runs.csv, summary.json and report.html of a complete sweep. */
function writeOutputs(dir: string, manifest: SweepManifest, seeds: number[], posteriorFile?: string): void {
  const total = manifest.cells.length * seeds.length;
  const read = readJournal(join(dir, 'journal.ndjson'), total, (t) => seeds[t % seeds.length]!, manifest.columns.metrics.length);
  const data = { ...dataOf(manifest, seeds, read.lines), ...(posteriorFile === undefined ? {} : { posteriorFile }) };
  // In task order, the journal too is the same however the runs were scheduled.
  writeOutput(join(dir, 'journal.ndjson'), Array.from({ length: total }, (_, t) => `${read.lines.get(t)}\n`).join(''));
  writeOutput(join(dir, 'runs.csv'), runsCsv(data));
  const summary = summarize(data);
  writeOutput(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 1)}\n`);
  writeReport(join(dir, 'report.html'), summary, writeOutput);
}

/** `firedrill merge DIR… --out OUT`: shards of one sweep into what the unsharded sweep writes. */
export function mergeSweeps(dirs: string[], out: string): { runs: number } {
  const manifests = dirs.map((d) => {
    const m = readManifest(d);
    if (m === null) throw new UsageError(`${d}: expected a sweep directory (with sweep.json), found none`);
    return m;
  });
  const first = manifests[0]!;
  manifests.forEach((m, i) => {
    if (!same({ ...m, shard: null }, { ...first, shard: null })) throw new UsageError(`${dirs[i]}: expected a shard of the same sweep as ${dirs[0]} (same scenario, designs, seeds, policies and --vary)`);
  });
  const count = first.shard?.count ?? 1;
  const indices = manifests.map((m) => m.shard?.index ?? 1).sort((a, b) => a - b);
  if (manifests.some((m) => (m.shard?.count ?? 1) !== count) || !same(indices, Array.from({ length: count }, (_, i) => i + 1))) {
    throw new UsageError(`expected every shard of ${count} exactly once (1/${count} … ${count}/${count}), got ${manifests.map((m) => (m.shard ? `${m.shard.index}/${m.shard.count}` : 'unsharded')).join(', ')}`);
  }
  const seeds = runSeeds(first.spec);
  const total = first.cells.length * seeds.length;
  const lines = new Map<number, string>();
  dirs.forEach((d, i) => {
    const read = readJournal(join(d, 'journal.ndjson'), total, (t) => seeds[t % seeds.length]!, first.columns.metrics.length);
    for (const [t, line] of read.lines) if (inShard(manifests[i]!.shard, t)) lines.set(t, line);
  });
  const missing = total - lines.size;
  if (missing > 0) throw new UsageError(`the shards hold ${lines.size} of ${total} runs; finish the shards (rerun their commands to resume) before merging`);
  ensureOutputFolder(out);
  const lock = lockFolder(out, `firedrill merge ${dirs.join(' ')}`);
  try {
    const manifest: SweepManifest = { ...first, shard: null };
    writeOutput(join(out, 'sweep.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeOutput(join(out, 'journal.ndjson'), Array.from({ length: total }, (_, t) => `${lines.get(t)}\n`).join(''));
    writeOutputs(out, manifest, seeds);
  } finally {
    lock.release();
  }
  return { runs: total };
}
