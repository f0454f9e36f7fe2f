/**
 * `npm run bench -- ab REF`: the working tree's build against a git ref's,
 * one benchmark in interleaved pairs of fresh processes. On a shared machine a
 * single pair says little (the same build varies by ±30% from one process to
 * the next), so the verdict is the median of the pairs' ratios, with their
 * spread beside it. With `--instructions` each side runs under callgrind and
 * the ratio is of instructions executed, which the machine's load does not move.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AbError, buildRef, resolveRef, type BuiltRef } from './abRef.js';

/** What each benchmark's JSON line is judged by; higher is better. */
const METRICS = {
  'repair-shop': { unit: 'events/s', of: (l: any) => l.events_per_s_run },
  'event-churn': { unit: 'events/s', of: (l: any) => l.events_per_s_run },
  pangyo: { unit: 'events/s', of: (l: any) => l.events_per_s_run },
  limit: { unit: 'hold-rng ops/s', of: (l: any) => l.results['hold-rng'].events_per_s_run },
  garbage: { unit: 'runs/s', of: (l: any) => 1000 / l.results.ms_per_run },
  sweep: { unit: 'runs/s', of: (l: any) => l.results[0].runs_per_s },
} as const;
type Bench = keyof typeof METRICS;
/** Benchmarks that run `firedrill` itself, which writes pages: the ref needs its build:web as well. */
const WHOLE_COMMAND: ReadonlySet<Bench> = new Set(['sweep']);

/** Options of `ab`. */
export interface AbArgs {
  ref: string;
  bench: Bench;
  pairs: number;
  /** In-process repetitions per process (the harness's --runs; it reports their median). */
  runs: number;
  keep: boolean;
  json: boolean;
  instructions: boolean;
  /** Passed to both sides' harness as they are (after `--`). */
  benchArgs: string[];
}

/** Fewest pairs a timing comparison may use: fewer cannot tell a 10% change from this machine's noise. */
export const MIN_TIMED_PAIRS = 5;

export const AB_USAGE = `Usage: npm run bench -- ab REF [--bench NAME] [--pairs N] [--runs N] [--keep] [--instructions] [--json] [-- BENCH-ARGS]

Builds the git ref REF in a temporary git worktree (its own build:node, and
build:web for the sweep, whose command writes a report page; with the working
tree's node_modules when the lock files match, npm ci otherwise),
then runs one benchmark alternately on REF's build and on the working tree's
dist/ (npm run bench rebuilds it first), in fresh processes, REF first in odd
pairs and second in even ones. Prints each side's median and the median of
the pairs' ratios (working tree / REF: above 1 is faster) with its min-max.

  --bench NAME     ${Object.keys(METRICS).join(', ')} [default: repair-shop]
  --pairs N        interleaved pairs, at least ${MIN_TIMED_PAIRS} when timing [default: 7; 2 with --instructions]
  --runs N         in-process runs per process, their median taken [default: 3]
  --keep           keep REF's build in $TMPDIR/firedrill-ab-SHA for the next comparison
  --instructions   count instructions under valgrind --tool=callgrind instead of timing
                   (whole process, start-up included: choose a long enough benchmark)
  --json           one JSON line on stdout
  -- BENCH-ARGS    passed to both sides, e.g. -- --hours 5000 --seed 2`;

/** Parses the arguments after `ab`. Throws AbError naming what is wrong. */
export function parseAbArgs(argv: string[]): AbArgs | 'help' {
  const split = argv.indexOf('--');
  const own = split < 0 ? argv : argv.slice(0, split);
  const benchArgs = split < 0 ? [] : argv.slice(split + 1);
  let parsed;
  try {
    parsed = parseArgs({
      args: own,
      allowPositionals: true,
      strict: true,
      options: {
        bench: { type: 'string' },
        pairs: { type: 'string' },
        runs: { type: 'string' },
        keep: { type: 'boolean' },
        json: { type: 'boolean' },
        instructions: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new AbError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''), true);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  if (positionals.length !== 1) throw new AbError(positionals.length === 0 ? 'ab needs the git ref to compare with, e.g. ab main' : `one ref at a time, got ${positionals.join(' ')}`, true);
  const bench = values.bench ?? 'repair-shop';
  if (!(bench in METRICS)) throw new AbError(`--bench must be one of ${Object.keys(METRICS).join(', ')}, got "${bench}"`, true);
  const instructions = values.instructions === true;
  const count = (name: string, text: string | undefined, fallback: number, min: number) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) throw new AbError(`--${name} must be a whole number >= ${min}, got "${text}"`, true);
    return n;
  };
  return {
    ref: positionals[0]!,
    bench: bench as Bench,
    pairs: count('pairs', values.pairs, instructions ? 2 : 7, instructions ? 1 : MIN_TIMED_PAIRS),
    runs: count('runs', values.runs, 3, 1),
    keep: values.keep === true,
    json: values.json === true,
    instructions,
    benchArgs,
  };
}

/** One side's measurement in one pair. */
interface Sample {
  value: number;
  outputs: string;
}

/** Median and range of a non-empty list. */
export function spread(xs: number[]): { median: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return { median: s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2, min: s[0]!, max: s.at(-1)! };
}

/**
 * Runs `pairs` pairs through `measure(side)`, alternating which side goes first
 * so that a machine getting slower or faster over the session favours neither.
 * Returns each side's values and the pairs' ratios (work / ref; for
 * instructions, ref / work, so above 1 always means the working tree is better).
 */
export function interleave(
  pairs: number,
  measure: (side: 'ref' | 'work') => number,
  lowerIsBetter = false,
  onPair: (pair: number, ref: number, work: number, ratio: number) => void = () => {},
): { ref: number[]; work: number[]; ratios: number[] } {
  const ref: number[] = [];
  const work: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const order: Array<'ref' | 'work'> = i % 2 === 0 ? ['ref', 'work'] : ['work', 'ref'];
    const got: Record<'ref' | 'work', number> = { ref: NaN, work: NaN };
    for (const side of order) got[side] = measure(side);
    ref.push(got.ref);
    work.push(got.work);
    ratios.push(lowerIsBetter ? got.ref / got.work : got.work / got.ref);
    onPair(i, got.ref, got.work, ratios[i]!);
  }
  return { ref, work, ratios };
}

const WORK_ROOT = fileURLToPath(new URL(import.meta.url.includes('/dist/') ? '../../' : '../', import.meta.url));

/**
 * What a failed harness said: the error of an uncaught exception, whose stack frames, source line and Node's
 * version line used to fill the three lines shown; else stderr's last three lines.
 */
function whatFailed(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const error = lines.findLast((l) => /^(?:[A-Z]\w*)?(?:Error|Exception)\b.*:/.test(l));
  return error ?? lines.slice(-3).join(' | ');
}

/** One process of one side's harness; its JSON line's metric, or its instruction count under callgrind. */
function measureOnce(root: string, args: AbArgs, label: string): Sample {
  const harness = [join(root, 'dist', 'bench', 'main.js'), args.bench, '--json', ...(args.bench === 'sweep' || args.bench === 'garbage' ? [] : ['--runs', String(args.runs)]), ...args.benchArgs];
  const command = args.instructions ? 'valgrind' : process.execPath;
  // JIT code is written to the heap, so callgrind must look for changed code everywhere but in files.
  const argv = args.instructions ? ['--tool=callgrind', '--callgrind-out-file=/dev/null', '--smc-check=all-non-file', process.execPath, ...harness] : harness;
  const r = spawnSync(command, argv, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.error !== undefined) throw new AbError(`${command} could not start: ${r.error.message}`);
  if (r.status !== 0) throw new AbError(`the ${label} side failed (exit ${r.status}): ${whatFailed(r.stderr)}`);
  const line = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
  const outputs = JSON.stringify(line.outputs ?? line.events ?? null);
  if (!args.instructions) return { value: METRICS[args.bench].of(line), outputs };
  const collected = /Collected\s*:\s*(\d+)/.exec(r.stderr);
  if (collected === null) throw new AbError(`callgrind printed no instruction count for the ${label} side`);
  return { value: Number(collected[1]), outputs };
}

const fmt = (x: number, instructions: boolean) => (instructions ? `${(x / 1e9).toFixed(3)} G instr` : x >= 1e6 ? `${(x / 1e6).toFixed(3)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(2)} k` : x.toFixed(3));

/** Where `ab` works and writes; a test points it at a repository of its own. */
export interface AbIo {
  /** The working tree whose dist/ is compared with REF's. */
  root: string;
  out: (text: string) => void;
  log: (line: string) => void;
}

const PROCESS_IO: AbIo = { root: WORK_ROOT, out: (text) => process.stdout.write(text), log: (line) => process.stderr.write(`${line}\n`) };

/** `ab`'s entry point; returns the exit code. */
export function runAb(argv: string[], io: AbIo = PROCESS_IO): number {
  const { root, out, log } = io;
  let built: BuiltRef | null = null;
  try {
    const args = parseAbArgs(argv);
    if (args === 'help') {
      out(`${AB_USAGE}\n`);
      return 0;
    }
    const sha = resolveRef(root, args.ref);
    built = buildRef(root, sha, { keep: args.keep, web: WHOLE_COMMAND.has(args.bench), log });
    const short = sha.slice(0, 12);
    const outputs: Record<'ref' | 'work', Set<string>> = { ref: new Set(), work: new Set() };
    const names = { ref: short, work: 'working tree' };
    const roots = { ref: built.root, work: root };
    const result = interleave(
      args.pairs,
      (side) => {
        const s = measureOnce(roots[side], args, names[side]);
        outputs[side].add(s.outputs);
        return s.value;
      },
      args.instructions,
      (pair, ref, work, ratio) => log(`pair ${pair + 1}/${args.pairs}: ${short} ${fmt(ref, args.instructions)}, working tree ${fmt(work, args.instructions)}: ${ratio.toFixed(3)}`),
    );
    const same = [...outputs.ref].sort().join('\n') === [...outputs.work].sort().join('\n');
    const r = spread(result.ratios);
    const unit = args.instructions ? 'instructions' : METRICS[args.bench].unit;
    if (args.json) {
      out(`${JSON.stringify({ ab: args.bench, ref: args.ref, sha, measure: unit, pairs: args.pairs, runs_per_process: args.runs, bench_args: args.benchArgs, ref_values: result.ref, work_values: result.work, ratios: result.ratios, ratio: r, same_outputs: same })}\n`);
    } else {
      const side = (xs: number[]) => {
        const s = spread(xs);
        return `median ${fmt(s.median, args.instructions)} (${fmt(s.min, args.instructions)}–${fmt(s.max, args.instructions)})`;
      };
      const what = args.instructions ? `${short} / working tree, instructions: above 1, the working tree executes fewer` : `working tree / ${short}, ${unit}: above 1, the working tree is faster`;
      out(
        [
          `${args.bench}${args.benchArgs.length > 0 ? ` ${args.benchArgs.join(' ')}` : ''}: ${args.pairs} interleaved pairs${args.instructions ? ' under callgrind' : `, ${args.runs} run(s) a process`}`,
          `  ${short.padEnd(12)}  ${side(result.ref)}`,
          `  ${'working tree'.padEnd(12)}  ${side(result.work)}`,
          `  ratio         median ${r.median.toFixed(3)} (${r.min.toFixed(3)}–${r.max.toFixed(3)})  [${what}]`,
          `  outputs       ${same ? 'identical on both sides' : 'DIFFER between the sides: the two builds do not do the same work'}`,
        ].join('\n') + '\n',
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof AbError) {
      log(`bench ab: ${error.message}${error.usage ? '\n(run npm run bench -- ab --help for usage)' : ''}`);
      return 2;
    }
    throw error;
  } finally {
    built?.remove();
  }
}
