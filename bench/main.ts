/**
 * `npm run bench`: the benchmark harness. Every rate is reported beside a
 * baseline measured in the same process and round (absolute rates on shared
 * machines vary by up to 1.7× between runs; same-run ratios do not).
 */
import { cpus, totalmem } from 'node:os';
import { pathToFileURL } from 'node:url';
import { runAb } from './ab.js';
import { BenchUsageError, USAGE, parseBenchArgs, type BenchArgs } from './args.js';
import { runCounterfactualBench, runStepped } from './decisions.js';
import { runEventChurn } from './eventChurn.js';
import { runGarbage } from './garbage.js';
import { runLimit, type LimitResult } from './limit.js';
import { runEstate } from './estate.js';
import { runPangyo } from './pangyo.js';
import { timeSweep } from './sweep.js';
import { timeCalibrate } from './calibrate.js';
import { REPAIR_SHOP_DEFAULTS, runRepairShop } from './repairShop.js';
import { measureCli } from './wholeProcess.js';
import { runWire } from './wire.js';

const CHURN_DEFAULTS = { processes: 1_000, events: 2_000_000, seed: 1 };

/** Median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const progress = (text: string) => process.stderr.write(`${text}\n`);
const rate = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(1)} k/s`);

function pick<T extends object>(defaults: T, params: Record<string, number>): T {
  const out = { ...defaults } as Record<string, number>;
  for (const key of Object.keys(out)) if (params[key] !== undefined) out[key] = params[key]!;
  for (const key of Object.keys(params)) if (!(key in out)) throw new BenchUsageError(`--${key} does not apply to this model; it takes ${Object.keys(out).map((k) => `--${k}`).join(' ')}`);
  return out as T;
}

/** Runs one model `runs` times and prints its JSON line (medians of the timings). */
async function runOne(args: BenchArgs): Promise<void> {
  const { model, runs } = args;
  const repeat = <R extends { run_s: number; setup_s?: number; events_per_s_run: number }>(fn: () => R) => {
    const results = Array.from({ length: runs }, fn);
    const last = results.at(-1)!;
    return { ...last, run_s: median(results.map((r) => r.run_s)), setup_s: median(results.map((r) => r.setup_s ?? 0)), events_per_s_run: median(results.map((r) => r.events_per_s_run)) };
  };
  let line: Record<string, unknown>;
  if (model === 'event-churn') {
    const params = pick(CHURN_DEFAULTS, args.params);
    line = { model, engine: 'firedrill', params, ...repeat(() => runEventChurn(params)) };
  } else if (model === 'repair-shop') {
    const params = pick(REPAIR_SHOP_DEFAULTS, args.params);
    line = { model, engine: 'firedrill', params, ...repeat(() => runRepairShop(params)) };
  } else if (model === 'pangyo') {
    const params = pick({ seed: 1, scale: 1, ledger: 1 }, args.params);
    line = { model, engine: 'firedrill', params, ...repeat(() => runPangyo(params)) };
  } else if (model === 'estate') {
    const params = pick({ seed: 1 }, args.params);
    line = { model, engine: 'firedrill', params, ...repeat(() => runEstate(params)) };
  } else if (model === 'stepped') {
    const params = pick({ seed: 1, pairs: 15, every: 10 }, args.params);
    line = { model, params, results: runStepped(params) };
  } else if (model === 'counterfactual') {
    const params = pick({ seed: 1, decisions: 30, rounds: 3 }, args.params);
    line = { model, params, results: runCounterfactualBench(params) };
  } else if (model === 'drill') {
    const params = pick({ rounds: 5 }, args.params);
    // Loaded only here: it drives Chromium through playwright-core, a development dependency.
    const { runDrill } = await import('./drill.js');
    line = { model, params, results: await runDrill(params) };
  } else if (model === 'garbage') {
    const params = pick({ warmup: 500, measured: 500 }, args.params);
    line = { model, params, results: runGarbage(params) };
  } else if (model === 'wire') {
    const params = pick({ seed: 1 }, args.params);
    line = { model, params, results: await runWire(params) };
  } else if (model === 'viewer') {
    const params = pick({ seed: 1 }, args.params);
    // Loaded only here: it drives Chromium through playwright-core, a development dependency.
    const { runViewer } = await import('./viewer.js');
    line = { model, params, results: await runViewer(params) };
  } else if (model === 'sweep') {
    const params = pick({ seeds: 1000, workers: 0 }, args.params);
    const counts = params.workers === 0 ? [1, 2] : [params.workers];
    const timings = counts.map((w) => {
      if (!args.json) progress(`sweep: ${params.seeds} seeds × 5 designs with ${w} worker${w === 1 ? '' : 's'}…`);
      return timeSweep(params.seeds, w);
    });
    line = { model, params, results: timings, ...(timings.length === 2 ? { speedup_2_vs_1: timings[0]!.wall_s / timings[1]!.wall_s } : {}) };
  } else if (model === 'calibrate') {
    const params = pick({ draws: 4000, workers: 2, seed: 1 }, args.params);
    if (!args.json) progress(`calibrate: ${params.draws} draws of the Pangyo fit with ${params.workers} worker${params.workers === 1 ? '' : 's'}…`);
    const timing = timeCalibrate(params.draws, params.workers, params.seed);
    line = { model, params, results: timing, target_s: 600, within_target: timing.wall_s <= 600 };
  } else {
    const params = pick(CHURN_DEFAULTS, args.params);
    const all = Array.from({ length: runs }, () => runLimit(params));
    const med = (k: keyof LimitResult) => ({ events_per_s_run: median(all.map((r) => r[k].events_per_s_run)), run_s: median(all.map((r) => r[k].run_s)) });
    line = { model: 'limit', params, results: { hold: { ...med('hold'), end_time: all[0]!.hold.end_time }, 'hold-rng': med('hold-rng'), 'fill-drain': med('fill-drain') } };
  }
  line.peak_rss_mb = peakRssMb();
  // Benchmarks timed as a whole process (sweep, calibrate) have no rate to sum up here: their JSON line says it.
  if (!args.json && 'events_per_s_run' in line) progress(`${model}: ${rate(line.events_per_s_run as number)}`);
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Runs every benchmark, interleaved round by round, and prints the table of medians and ratios. */
function runTable(args: BenchArgs): void {
  const rounds = args.runs;
  const seed = args.params.seed ?? 1;
  const cols: Record<string, number[]> = {};
  const add = (key: string, value: number) => (cols[key] ??= []).push(value);
  // Warm the replay up, with and without the ledger, so neither pays the other's JIT compilation inside a round.
  for (let i = 0; i < 10; i++) {
    runPangyo({ seed, scale: 1 });
    runPangyo({ seed, scale: 1, ledger: 0 });
  }
  for (let i = 0; i < 3; i++) runEstate({ seed });
  for (let round = 1; round <= rounds; round++) {
    progress(`round ${round}/${rounds}: limit K=1000, event-churn, limit K=32000, repair-shop, pangyo ×1 and ×10, estate, stepped, counterfactual`);
    const p1 = runLimit({ ...CHURN_DEFAULTS, seed });
    add('hold 1k', p1.hold.events_per_s_run);
    add('hold-rng 1k', p1['hold-rng'].events_per_s_run);
    add('fill-drain', p1['fill-drain'].events_per_s_run);
    add('event-churn', runEventChurn({ ...CHURN_DEFAULTS, seed }).events_per_s_run);
    const p32 = runLimit({ ...CHURN_DEFAULTS, processes: 32_000, seed });
    add('hold 32k', p32.hold.events_per_s_run);
    add('hold-rng 32k', p32['hold-rng'].events_per_s_run);
    add('repair-shop', runRepairShop({ ...REPAIR_SHOP_DEFAULTS, seed }).events_per_s_run);
    // The replay is short: take the best of five per round to keep GC pauses and JIT out of it,
    // alternating with and without the ledger so both see the same machine.
    const withLedger: number[] = [];
    const withoutLedger: number[] = [];
    for (let i = 0; i < 5; i++) {
      withLedger.push(runPangyo({ seed, scale: 1 }).run_s * 1000);
      withoutLedger.push(runPangyo({ seed, scale: 1, ledger: 0 }).run_s * 1000);
    }
    add('pangyo ms', Math.min(...withLedger));
    add('pangyo no-ledger ms', Math.min(...withoutLedger));
    add('pangyo x10 ms', runPangyo({ seed, scale: 10 }).run_s * 1000);
    add('estate ms', Math.min(runEstate({ seed }).run_s, runEstate({ seed }).run_s) * 1000);
    // Decisions: a run stopped every 10 simulated minutes against the same run straight through, and the
    // counterfactuals of a 30-decision log against 31 plain runs; each a ratio of pairs taken alternately.
    add('stepped ratio', runStepped({ seed, pairs: 5, every: 10 }).ratio);
    add('counterfactual ratio', runCounterfactualBench({ seed, decisions: 30, rounds: 1 }).ratio);
  }
  const m = Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, median(v)]));
  progress('whole process: firedrill run --json, 1 warm-up then 5 runs');
  const cli = measureCli(['run', '--json', '--seed', String(seed)], 5);
  const ratios = {
    churn: m['event-churn']! / m['hold-rng 1k']!,
    repair: m['repair-shop']! / m['hold-rng 32k']!,
    scale: m['pangyo x10 ms']! / m['pangyo ms']!,
    ledger: m['pangyo ms']! / m['pangyo no-ledger ms']!,
    stepped: m['stepped ratio']!,
    counterfactual: m['counterfactual ratio']!,
  };
  const verdict = (ok: boolean) => (ok ? 'ok' : 'BELOW TARGET');
  const machine = `${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ machine, rounds, medians: m, ratios, cli_median_s: cli, peak_rss_mb: peakRssMb() })}\n`);
    return;
  }
  const rows: Array<[string, string, string]> = [
    ['P hold (K=1,000)', rate(m['hold 1k']!), ''],
    ['P hold-rng (K=1,000)', rate(m['hold-rng 1k']!), 'baseline of event-churn'],
    ['P fill-drain (E=2,000,000)', rate(m['fill-drain']!), ''],
    ['P hold (K=32,000)', rate(m['hold 32k']!), ''],
    ['P hold-rng (K=32,000)', rate(m['hold-rng 32k']!), 'baseline of repair-shop'],
    ['A event-churn', rate(m['event-churn']!), `${ratios.churn.toFixed(2)} of hold-rng (target >= 0.60): ${verdict(ratios.churn >= 0.6)}`],
    ['B repair-shop', rate(m['repair-shop']!), `${ratios.repair.toFixed(2)} of hold-rng (target >= 0.50): ${verdict(ratios.repair >= 0.5)}`],
    ['Pangyo run, 32,000 servers', `${m['pangyo ms']!.toFixed(1)} ms`, `target <= 50 ms: ${verdict(m['pangyo ms']! <= 50)}`],
    ['Pangyo run without the impact ledger', `${m['pangyo no-ledger ms']!.toFixed(1)} ms`, `the ledger adds ${((ratios.ledger - 1) * 100).toFixed(1)}% (target <= 10%): ${verdict(ratios.ledger <= 1.1)}`],
    ['Pangyo run, 320,000 servers', `${m['pangyo x10 ms']!.toFixed(1)} ms`, `${ratios.scale.toFixed(1)}× the 32,000 run (target <= 12×): ${verdict(ratios.scale <= 12)}`],
    ['700-system estate (templates), 45 days', `${m['estate ms']!.toFixed(1)} ms`, `target <= 500 ms: ${verdict(m['estate ms']! <= 500)}`],
    ['Pangyo run stopped every 10 min, acting', `${ratios.stepped.toFixed(2)}×`, `of the same run straight through (target <= 1.10): ${verdict(ratios.stepped <= 1.1)}`],
    ['counterfactuals of a 30-decision log', `${ratios.counterfactual.toFixed(2)}×`, `of 31 plain runs (target <= 1.00): ${verdict(ratios.counterfactual <= 1)}`],
    ['firedrill run --json (whole process)', cli === null ? 'n/a' : `${(cli * 1000).toFixed(0)} ms`, cli === null ? 'CLI not built' : `target <= 500 ms: ${verdict(cli <= 0.5)}`],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const out = [`machine: ${machine}`, `medians of ${rounds} rounds, seed ${seed}`, ''];
  for (const [a, b, c] of rows) out.push(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
  out.push('', `peak RSS ${peakRssMb()} MB`);
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'ab') return runAb(argv.slice(1));
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (args.model === null) runTable(args);
    else await runOne(args);
    return 0;
  } catch (error) {
    if (error instanceof BenchUsageError) {
      process.stderr.write(`bench: ${error.message}\n(run npm run bench -- --help for usage)\n`);
      return 2;
    }
    throw error;
  }
}

// Run only as a program, not when a test imports median().
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
