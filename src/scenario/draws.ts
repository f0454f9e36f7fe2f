/**
 * Drawing a run's parameters: one factor per uncertain parameter, from its
 * prior or from a posterior's particle, each on a random stream of its own
 * named after the parameter (`params.fire.gasSuppressionSuccess`) and seeded
 * by the run's seed alone. So every design and every decider run on a seed
 * draws the same factors (common random numbers), and adding a parameter
 * shifts no other's draw nor any of the model's streams. Pure: no files, no
 * schema, safe in a worker.
 */
import { createStreams, type DistributionSpec } from '../../sim/index.js';
import { resolvePattern, setAtPath } from './paramPaths.js';
import type { FactorPriorDef, Tag } from './provenanceSchema.js';
import type { Scenario } from './schema.js';
import type { UncertainLeaf, UncertainParameter } from './uncertainty.js';

/** Fitted factors to draw calibrated parameters from: equally weighted particles. */
export interface PosteriorDraws {
  /** Paths of the parameters it holds, in the order of each particle's factors. */
  paths: string[];
  /** Each particle's factors. */
  particles: number[][];
}

/** What a run drew, for its report and its recording. */
export interface DrawnParameters {
  /** `prior`: every factor from its prior; `posterior`: calibrated ones from a particle, the rest from their priors. */
  source: 'prior' | 'posterior';
  /** The posterior's particle drawn, by index; null without a posterior. */
  particle: number | null;
  values: DrawnValue[];
}

/** One parameter's draw. */
export interface DrawnValue {
  path: string;
  tag: Tag;
  /** `prior` or `posterior`: where this factor came from. */
  from: 'prior' | 'posterior';
  /** The factor on the value as written. */
  factor: number;
  /** The value it gives to the value its path names (a distribution's typical value), in `unit`; null for a path with wildcards. */
  value: number | null;
  unit: 'h' | '';
}

/** A factor from a prior, by the inverse CDF of one uniform draw. */
export function factorOf(prior: FactorPriorDef, u: number): number {
  if ('uniform' in prior) return prior.uniform[0] + (prior.uniform[1] - prior.uniform[0]) * u;
  if ('logUniform' in prior) return prior.logUniform[0] * Math.pow(prior.logUniform[1] / prior.logUniform[0], u);
  const [lo, mode, hi] = prior.triangular;
  const split = (mode - lo) / (hi - lo);
  return u < split ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
}

/** The stream a parameter's factor is drawn on. */
export const streamOf = (path: string) => `params.${path}`;

/** The factors of one run, in the order of `parameters`, and the particle they came from. */
export function drawFactors(parameters: readonly UncertainParameter[], seed: number, posterior: PosteriorDraws | null): { factors: number[]; from: Array<'prior' | 'posterior'>; particle: number | null } {
  const streams = createStreams(seed);
  const particle = posterior === null ? null : Math.min(posterior.particles.length - 1, Math.floor(streams.get('params.posterior')() * posterior.particles.length));
  const factors: number[] = [];
  const from: Array<'prior' | 'posterior'> = [];
  for (const p of parameters) {
    const k = posterior === null ? -1 : posterior.paths.indexOf(p.path);
    // Drawn even when the posterior gives it, so that a stream's use never depends on the posterior.
    const fromPrior = factorOf(p.prior, streams.get(streamOf(p.path))());
    factors.push(k >= 0 ? posterior!.particles[particle!]![k]! : fromPrior);
    from.push(k >= 0 ? 'posterior' : 'prior');
  }
  return { factors, from, particle };
}

/** A distribution with every duration multiplied by `f`. */
export function scaleDistribution(spec: DistributionSpec, f: number): DistributionSpec {
  switch (spec.kind) {
    case 'constant':
      return { kind: 'constant', value: spec.value * f };
    case 'exponential':
      return { kind: 'exponential', mean: spec.mean * f };
    case 'uniform':
      return { kind: 'uniform', min: spec.min * f, max: spec.max * f };
    case 'normal':
      return { kind: 'normal', mean: spec.mean * f, sd: spec.sd * f };
    case 'lognormal':
      return 'median' in spec ? { kind: 'lognormal', median: spec.median * f, p90: spec.p90 * f } : { kind: 'lognormal', mu: spec.mu + Math.log(f), sigma: spec.sigma };
    case 'weibull':
      return { kind: 'weibull', shape: spec.shape, scale: spec.scale * f };
    case 'triangular':
      return { kind: 'triangular', min: spec.min * f, mode: spec.mode * f, max: spec.max * f };
    case 'truncatedNormal':
      return { kind: 'truncatedNormal', mean: spec.mean * f, sd: spec.sd * f, min: spec.min * f, max: spec.max * f };
    case 'empirical':
      return { kind: 'empirical', points: spec.points.map(([v, p]) => [v * f, p] as const) };
  }
}

/** A distribution's typical value: its mode, median or mean, whichever it is written by. */
export function typicalValue(spec: DistributionSpec): number {
  switch (spec.kind) {
    case 'constant':
      return spec.value;
    case 'exponential':
      return spec.mean;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'normal':
    case 'truncatedNormal':
      return spec.mean;
    case 'lognormal':
      return 'median' in spec ? spec.median : Math.exp(spec.mu);
    case 'weibull':
      return spec.scale * Math.pow(Math.LN2, 1 / spec.shape);
    case 'triangular':
      return spec.mode;
    case 'empirical': {
      const i = spec.points.findIndex(([, p]) => p >= 0.5);
      const [v1, p1] = spec.points[i]!;
      const [v0, p0] = spec.points[Math.max(0, i - 1)]!;
      return p1 === p0 ? v1 : v0 + ((0.5 - p0) / (p1 - p0)) * (v1 - v0);
    }
  }
}

/** One value scaled by `f`, kept within its field's bounds (a count rounded). */
function scaleLeaf(value: unknown, leaf: UncertainLeaf, f: number): unknown {
  if (leaf.kind === 'distribution') return scaleDistribution(value as DistributionSpec, f);
  const scaled = (value as number) * f;
  return Math.min(leaf.max, Math.max(leaf.min, leaf.integer ? Math.round(scaled) : scaled));
}

const valueAt = (root: unknown, path: readonly string[]) => resolvePattern(root, path)[0]?.value;
const HOUR = 3_600_000;

/**
 * The scenario with each parameter's values scaled by its factor (a copy:
 * `scenario` is untouched, and parts no factor reaches are shared), with
 * what was drawn.
 */
export function applyFactors(scenario: Scenario, parameters: readonly UncertainParameter[], factors: readonly number[]): { scenario: Scenario; values: Array<{ value: number | null; unit: 'h' | '' }> } {
  let out = scenario;
  const values = parameters.map((p, i) => {
    const f = factors[i]!;
    let shown: { value: number | null; unit: 'h' | '' } = { value: null, unit: '' };
    // The value shown is the one the path names (a tied relief shift is not shown); a wildcard names several.
    const named = p.path.includes('*') ? null : p.leaves[0];
    for (const leaf of p.leaves) {
      const next = scaleLeaf(valueAt(out, leaf.path), leaf, f);
      if (f !== 1) out = setAtPath(out, leaf.path, next);
      if (leaf === named) shown = leaf.kind === 'number' ? { value: next as number, unit: '' } : { value: (leaf.kind === 'distribution' ? typicalValue(next as DistributionSpec) : (next as number)) / HOUR, unit: 'h' };
    }
    return shown;
  });
  return { scenario: out, values };
}

/** Draws a run's parameters and applies them: the scenario it runs, and what it drew. */
export function drawScenario(scenario: Scenario, parameters: readonly UncertainParameter[], seed: number, posterior: PosteriorDraws | null): { scenario: Scenario; drawn: DrawnParameters } {
  const { factors, from, particle } = drawFactors(parameters, seed, posterior);
  const applied = applyFactors(scenario, parameters, factors);
  return {
    scenario: applied.scenario,
    drawn: {
      source: posterior === null ? 'prior' : 'posterior',
      particle,
      values: parameters.map((p, i) => ({ path: p.path, tag: p.tag, from: from[i]!, factor: factors[i]!, ...applied.values[i]! })),
    },
  };
}

/** How a run's parameters are drawn: the scenario's uncertain parameters, and a posterior for the calibrated ones (else their priors). */
export interface Uncertainty {
  parameters: readonly UncertainParameter[];
  posterior: PosteriorDraws | null;
}
