import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchArgs } from '../../bench/args.js';
import { median } from '../../bench/main.js';
import { runNode } from '../cliHelpers.js';

const bench = (args: string[]) => runNode('dist/bench/main.js', args);
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);

describe('parseBenchArgs', () => {
  it('reads the model, its MODELS.md parameters and --json', () => {
    expect(parseBenchArgs(['event-churn', '--seed', '2', '--json'])).toEqual({ model: 'event-churn', json: true, help: false, runs: 1, params: { seed: 2 } });
    expect(parseBenchArgs(['repair-shop', '--servers', '1000', '--mttr', '0.5'])).toMatchObject({ model: 'repair-shop', params: { servers: 1000, mttr: 0.5 } });
    expect(parseBenchArgs([])).toMatchObject({ model: null, runs: 5 });
  });

  it('rejects bad values, unknown models and unknown flags with one clear message', () => {
    const message = (argv: string[]) => {
      try {
        parseBenchArgs(argv);
      } catch (e) {
        expect(e).toBeInstanceOf(BenchUsageError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(message(['event-churn', '--events', 'abc'])).toBe('--events must be a positive integer, got "abc"');
    expect(message(['repair-shop', '--servers', '0'])).toBe('--servers must be a positive integer, got "0"');
    expect(message(['repair-shop', '--crews', '1.5'])).toBe('--crews must be a positive integer, got "1.5"');
    expect(message(['repair-shop', '--mtbf=-3'])).toBe('--mtbf must be a positive number, got "-3"');
    expect(message(['repair-shop', '--hours', '0'])).toBe('--hours must be a positive number, got "0"');
    expect(message(['churn'])).toBe('unknown model "churn"; expected one of event-churn, repair-shop, limit, pangyo, estate, sweep, calibrate, garbage, stepped, counterfactual, drill, wire, viewer');
    expect(message(['limit', '--bogus'])).toMatch(/Unknown option '--bogus'/);
  });

  it('median() takes the middle, or the mean of the two middles', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('npm run bench (the compiled harness)', () => {
  it('event-churn --json prints MODELS.md’s line as the last line of stdout', () => {
    const r = bench(['event-churn', '--events', '20000', '--seed', '2', '--json']);
    expect(r.status).toBe(0);
    const line = lastJson(r.stdout);
    expect(line).toMatchObject({ model: 'event-churn', engine: 'firedrill', params: { processes: 1000, events: 20000, seed: 2 }, events: 20000 });
    expect(line.outputs).toMatchObject({ events: 20000, draws: 1000 + 20000 - 1 });
    for (const key of ['setup_s', 'run_s', 'events_per_s_run', 'peak_rss_mb']) expect(typeof line[key]).toBe('number');
  });

  it('repair-shop --json takes its parameters and reports its outputs', () => {
    const line = lastJson(bench(['repair-shop', '--servers', '2000', '--crews', '4', '--hours', '200', '--json']).stdout);
    expect(line.params).toEqual({ servers: 2000, crews: 4, mtbf: 1000, mttr: 1.4, hours: 200, seed: 1 });
    expect(line.events).toBe(line.outputs.failures + line.outputs.repairs);
    expect(line.outputs.availability).toBeGreaterThan(0.99);
  });

  it('limit --json reports hold, hold-rng and fill-drain', () => {
    const line = lastJson(bench(['limit', '--events', '20000', '--json']).stdout);
    expect(line.model).toBe('limit');
    expect(Object.keys(line.results).sort()).toEqual(['fill-drain', 'hold', 'hold-rng']);
    expect(line.results['hold-rng'].events_per_s_run).toBeGreaterThan(0);
  });

  it('a bad argument exits 2 with one line on stderr and no stack trace', () => {
    const r = bench(['event-churn', '--events', 'abc']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^bench: --events must be a positive integer, got "abc"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the decision benchmarks', () => {
  it('stepped and counterfactual run and report same-run ratios', async () => {
    const { runCounterfactualBench, runStepped } = await import('../../bench/decisions.js');
    const stepped = runStepped({ seed: 1, pairs: 1, every: 60 });
    expect(stepped.stops).toBe(240);
    expect(stepped.ratio).toBeGreaterThan(0);
    const cf = runCounterfactualBench({ seed: 1, decisions: 20, rounds: 1 });
    expect(cf.decisions).toBe(20);
    expect(cf.ratio).toBeGreaterThan(0);
  });
});
