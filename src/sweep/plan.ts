/**
 * What a sweep runs: every (design × policy × variation × seed), in one
 * canonical order that never depends on workers or shards. A policy is a
 * decider: the same seed gives every design and every decider the same fire
 * and the same luck (common random numbers), so their differences are paired.
 * A variation changes one `--vary` value, the others staying as the design
 * has them ("base"), so each parameter's effect can be read on its own (the
 * tornado chart).
 */
import { basename } from 'node:path';
import { createStreams } from '../../sim/index.js';
import { UsageError } from '../cli/errors.js';
import { ScenarioError } from '../scenario/errors.js';
import { loadScenario } from '../scenario/load.js';
import { designKind, listBuiltInDesigns } from '../scenario/builtIns.js';
import type { Scenario } from '../scenario/schema.js';
import { posteriorDraws, type LoadedPosterior } from '../calibrate/posterior.js';
import type { Uncertainty } from '../scenario/draws.js';
import { uncertainParameters } from '../scenario/uncertainty.js';
import { applyAssignment, parseVary, type Assignment } from './vary.js';

/** One (design, policy, variation): a scenario and a decider to run on every seed. */
export interface Cell {
  design: string;
  policy: string;
  variation: string;
  scenario: Scenario;
  /** The design's title, for people (its id when it has none). */
  title: string;
  /** How each run draws its parameters; undefined: the values as written. */
  uncertainty?: Uncertainty;
}

/** A slice of the tasks: those whose index ≡ index − 1 (mod count). */
export interface Shard {
  index: number;
  count: number;
}

/** The arguments that define a sweep; a directory resumes only the same ones. */
export interface SweepSpec {
  scenario: string | null;
  designs: string[];
  seeds: string;
  /** Policies (deciders) every design runs under; empty: the scenario's first. */
  policies: string[];
  vary: string[];
  /** Parameters drawn per run: from their priors, or the calibrated ones from the posterior with this SHA-256. [default: the values as written] */
  parameters?: 'priors' | { posteriorSha256: string };
  /**
   * Set by `firedrill calibrate`: `seeds` are then draw numbers, and each draw's run seed is derived from
   * this seed and the number (runSeeds), so two fits with other seeds share no run. [default: the seeds are run seeds]
   */
  drawsFrom?: number;
}

export interface Plan {
  spec: SweepSpec;
  seeds: number[];
  cells: Cell[];
  shard: Shard | null;
}

/** Parses `1..1000`, `7`, or a comma list of those. */
export function parseSweepSeeds(text: string): number[] {
  const seeds: number[] = [];
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:\.\.(\d+))?$/.exec(part.trim());
    if (m === null) throw new UsageError(`--seeds: expected a seed or a range such as 1..1000, got "${text}"`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw new UsageError(`--seeds: expected a range that does not go backwards, got "${part}"`);
    if (to > 0xffffffff) throw new UsageError(`--seeds: expected seeds up to 4294967295, got "${part}"`);
    if (seeds.length + (to - from + 1) > 1_000_000) throw new UsageError('--seeds: expected at most 1,000,000 seeds');
    for (let s = from; s <= to; s++) seeds.push(s);
  }
  if (new Set(seeds).size !== seeds.length) throw new UsageError(`--seeds: expected each seed once, got "${text}"`);
  return seeds;
}

/**
 * The run seeds of a spec: its seeds, or, for a fit (`drawsFrom`), one seed per draw number taken from
 * a stream of the fit's seed (whole numbers below 2^32, a repeat skipped), so that draw k's run seed
 * depends on the fit's seed and k alone, never on `seed + k`.
 */
export function runSeeds(spec: Pick<SweepSpec, 'seeds' | 'drawsFrom'>): number[] {
  const seeds = parseSweepSeeds(spec.seeds);
  if (spec.drawsFrom === undefined) return seeds;
  const rng = createStreams(spec.drawsFrom).get('calibrate.draws');
  const last = Math.max(...seeds);
  const byDraw: number[] = [];
  const taken = new Set<number>();
  while (byDraw.length < last) {
    const s = Math.floor(rng() * 0x1_0000_0000);
    if (taken.has(s)) continue;
    taken.add(s);
    byDraw.push(s);
  }
  return seeds.map((k) => byDraw[k - 1]!);
}

/** Parses `i/n`. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count) throw new UsageError(`--shard: expected i/n with 1 <= i <= n, such as 2/3, got "${text}"`);
  return { index, count };
}

/** Loads every cell; bad designs and variations are usage errors naming the option. `posterior` is the file `spec.parameters` names. */
export function makePlan(spec: SweepSpec, shard: Shard | null, posterior: LoadedPosterior | null = null): Plan {
  if (typeof spec.parameters === 'object' && posterior?.sha256 !== spec.parameters.posteriorSha256) throw new RangeError('makePlan: the posterior given is not the one the spec names');
  const uncertaintyOf = (scenario: Scenario): Uncertainty | undefined => {
    if (spec.parameters === undefined) return undefined;
    const parameters = uncertainParameters(scenario);
    if (parameters.length === 0) throw new UsageError(`--priors: scenario ${scenario.id} gives no parameter a prior (see its parameters: section)`);
    return { parameters, posterior: posterior === null ? null : posteriorDraws(posterior, scenario) };
  };
  const seeds = runSeeds(spec);
  if (spec.designs.length === 0) throw new UsageError('--designs: expected at least one design');
  if (new Set(spec.designs).size !== spec.designs.length) throw new UsageError(`--designs: expected each design once, got ${spec.designs.join(',')}`);
  const varies = spec.vary.map(parseVary);
  const variations: Array<{ label: string; assignment: Assignment | null }> = [{ label: 'base', assignment: null }, ...varies.flatMap((v) => v.values.map((a) => ({ label: `${a.path}=${a.text}`, assignment: a })))];
  if (new Set(spec.policies).size !== spec.policies.length) throw new UsageError(`--policies: expected each policy once, got ${spec.policies.join(',')}`);
  const builtIn = listBuiltInDesigns();
  const cells: Cell[] = [];
  for (const design of spec.designs) {
    const kind = designKind(design);
    if (!design.includes('/') && !design.endsWith('.yaml') && !builtIn.includes(design) && kind !== 'scenario') {
      throw new UsageError(`--designs: expected built-in designs (${builtIn.join(', ')}) or paths to design files, got "${design}"`);
    }
    let title = basename(design, '.yaml');
    const scenarios = variations.map((variation) => {
      try {
        const loaded = loadScenario(design, kind, variation.assignment === null ? {} : { edit: (doc) => applyAssignment(doc, variation.assignment!) });
        if (spec.scenario !== null && !loaded.files.some((f) => basename(f, '.yaml') === basename(spec.scenario!, '.yaml'))) {
          throw new UsageError(`--designs: ${design} extends ${loaded.files[0]}, not ${spec.scenario}`);
        }
        title = loaded.design?.title ?? title;
        return loaded.scenario;
      } catch (error) {
        if (error instanceof ScenarioError && variation.assignment !== null) {
          throw new UsageError(`--vary ${variation.label}: ${error.issues.map((i) => `${i.path}: ${i.expected}`).join('; ')}`);
        }
        throw error;
      }
    });
    const name = basename(design, '.yaml');
    const known = Object.keys(scenarios[0]!.policies);
    const policies = spec.policies.length > 0 ? spec.policies : [known[0]!];
    for (const policy of policies) {
      if (!known.includes(policy)) throw new UsageError(`--policies: expected policies of ${name} (${known.join(', ')}), got "${policy}"`);
      variations.forEach((variation, v) => {
        const uncertainty = uncertaintyOf(scenarios[v]!);
        cells.push({ design: name, policy, variation: variation.label, scenario: scenarios[v]!, title, ...(uncertainty === undefined ? {} : { uncertainty }) });
      });
    }
  }
  return { spec, seeds, cells, shard };
}

/** Number of tasks in the whole sweep. */
export const taskCount = (plan: Pick<Plan, 'cells' | 'seeds'>) => plan.cells.length * plan.seeds.length;

/** Whether task `t` belongs to this shard. */
export const inShard = (shard: Shard | null, t: number) => shard === null || t % shard.count === shard.index - 1;
