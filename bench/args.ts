/**
 * Command-line arguments of the benchmark harness: which model, its
 * parameters (named as in MODELS.md), and how to report. Pure, so tests can
 * check every message.
 */
import { parseArgs } from 'node:util';

/** Benchmarks `npm run bench -- NAME` knows. */
export const MODELS = ['event-churn', 'repair-shop', 'limit', 'pangyo', 'estate', 'sweep', 'calibrate', 'garbage', 'stepped', 'counterfactual', 'drill', 'wire', 'viewer'] as const;
/** One of `MODELS`. */
export type ModelName = (typeof MODELS)[number];

/** A bad command line: one line for stderr, exit code 2. */
export class BenchUsageError extends Error {
  override name = 'BenchUsageError';
}

/** Parsed arguments; parameters absent from the command line are left to each model's defaults. */
export interface BenchArgs {
  model: ModelName | null;
  json: boolean;
  help: boolean;
  runs: number;
  params: Record<string, number>;
}

const INTEGER = ['processes', 'events', 'seed', 'servers', 'crews', 'runs', 'scale', 'ledger', 'seeds', 'workers', 'warmup', 'measured', 'pairs', 'every', 'decisions', 'rounds', 'draws'] as const;
const POSITIVE_NUMBER = ['mtbf', 'mttr', 'hours'] as const;

/** Parses `argv` (without node and script). Throws BenchUsageError with a message naming the bad flag. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries([...INTEGER, ...POSITIVE_NUMBER].map((name) => [name, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    throw new BenchUsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new BenchUsageError(`one model at a time, got ${positionals.join(' ')}`);
  const name = positionals[0] ?? null;
  if (name !== null && !(MODELS as readonly string[]).includes(name)) {
    throw new BenchUsageError(`unknown model "${name}"; expected one of ${MODELS.join(', ')}`);
  }
  const params: Record<string, number> = {};
  for (const key of INTEGER) {
    const text = values[key];
    if (typeof text !== 'string') continue;
    const n = Number(text);
    const min = key === 'seed' || key === 'ledger' || key === 'workers' ? 0 : 1;
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new BenchUsageError(`--${key} must be ${min === 0 ? 'a whole number >= 0' : 'a positive integer'}, got "${text}"`);
    }
    params[key] = n;
  }
  for (const key of POSITIVE_NUMBER) {
    const text = values[key];
    if (typeof text !== 'string') continue;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw new BenchUsageError(`--${key} must be a positive number, got "${text}"`);
    params[key] = n;
  }
  const runs = params.runs ?? (name === null ? 5 : 1);
  delete params.runs;
  return { model: name as ModelName | null, json: values.json === true, help: values.help === true, runs, params };
}

/** What `--help` prints. */
export const USAGE = `Usage: npm run bench -- [MODEL] [options]

Without MODEL: every benchmark, interleaved, --runs rounds (default 5), then a
table of medians and the ratios against micro-benchmark P measured in the
same run.

Models (bench/MODELS.md):
  event-churn   --processes 1000 --events 2000000 --seed 1
  repair-shop   --servers 32000 --crews 50 --mtbf 1000 --mttr 1.4 --hours 25000 --seed 1
  limit         micro-benchmark P: --processes 1000 --events 2000000 --seed 1
  pangyo        one Pangyo replay in-process: --seed 1 --scale 1 (×32,000 servers) --ledger 1 (0: without the impact ledger)
  estate        one run of the 700-system template estate (scenarios/examples/estate-700.yaml), 45 days: --seed 1
  sweep         firedrill sweep of the five designs, whole process: --seeds 1000, with 1 and 2 workers
                (or --workers N for one count); not part of the table: it takes minutes
  calibrate     firedrill calibrate, whole process: the Pangyo fit to the restart curve, --draws 4000
                (5% kept) --workers 2 --seed 1; target <= 10 minutes; not part of the table
  garbage       what a sweep worker's runs leave for the GC: the five designs in turn, in-process,
                collections per 100 runs after --warmup 500 runs, over --measured 500
  stepped       a Pangyo run stopped every --every 10 simulated minutes, the view read and an action
                taken at each stop, against the same run straight through: --pairs 15 --seed 1
  counterfactual  the counterfactuals of a --decisions 30 entry log against decisions + 1 plain runs:
                --rounds 3 --seed 1
  drill         the drill as a learner feels it: a decision's round trip in a group room (serve in-process),
                the simulation in the page's Web Worker against Node, the page's first view; headless
                Chromium (FIREDRILL_CHROMIUM or /usr/bin/chromium): --rounds 5
  wire          bytes per run on the viewer's WebSocket, with and without permessage-deflate,
                one design and two compared: --seed 1 (firedrill serve in-process)
  viewer        the viewer in headless Chromium (FIREDRILL_CHROMIUM or /usr/bin/chromium), two designs
                compared: frames per second while playing, milliseconds per scrub: --seed 1

  ab REF        this benchmark or another (--bench), the working tree against git ref REF's build,
                in interleaved pairs of processes: npm run bench -- ab --help

Options:
  --json        print exactly one JSON line, last on stdout
  --runs N      repeat in-process and report medians (default 1 for a model)
  -h, --help    this text`;
