import {
  createEmpirical,
  exponential,
  lognormal,
  lognormalFromMedianP90,
  normal,
  triangular,
  truncatedNormal,
  uniform,
  weibull,
  empirical,
} from './distributions.js';
import type { Rng } from './random.js';

/** A distribution described as data, as a scenario file gives it. */
export type DistributionSpec =
  | { kind: 'constant'; value: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'lognormal'; median: number; p90: number }
  | { kind: 'weibull'; shape: number; scale: number }
  | { kind: 'triangular'; min: number; mode: number; max: number }
  | { kind: 'truncatedNormal'; mean: number; sd: number; min: number; max: number }
  | { kind: 'empirical'; points: ReadonlyArray<readonly [number, number]> };

/** Draws one value from a stream. */
export type Sampler = (rng: Rng) => number;

// One sampler per spec object, however many runs ask: a model that asks for its samplers at the start
// of every run then calls the same functions every run, and the JIT's inlining of them holds from one
// run to the next instead of being thrown away and recompiled each time. Specs are data and must not
// change after their first use.
const samplers = new WeakMap<DistributionSpec, Sampler>();

/**
 * Checks a distribution's parameters once and returns a sampler for the hot
 * path. Throws a RangeError saying which parameter is wrong and what it must be.
 */
export function createSampler(spec: DistributionSpec): Sampler {
  let sampler = samplers.get(spec);
  if (sampler === undefined) {
    sampler = buildSampler(spec);
    samplers.set(spec, sampler);
  }
  return sampler;
}

function buildSampler(spec: DistributionSpec): Sampler {
  const need = (ok: boolean, what: string): void => {
    if (!ok) throw new RangeError(`${spec.kind} distribution: ${what}`);
  };
  const finite = (...xs: number[]) => xs.every((x) => Number.isFinite(x));
  switch (spec.kind) {
    case 'constant': {
      need(finite(spec.value), `value must be a finite number, got ${spec.value}`);
      const { value } = spec;
      return () => value;
    }
    case 'exponential': {
      need(finite(spec.mean) && spec.mean > 0, `mean must be > 0, got ${spec.mean}`);
      const { mean } = spec;
      return (rng) => exponential(rng, mean);
    }
    case 'uniform': {
      need(finite(spec.min, spec.max) && spec.min < spec.max, `needs finite min < max, got [${spec.min}, ${spec.max}]`);
      const { min, max } = spec;
      return (rng) => uniform(rng, min, max);
    }
    case 'normal': {
      need(finite(spec.mean, spec.sd) && spec.sd > 0, `needs a finite mean and sd > 0, got mean ${spec.mean}, sd ${spec.sd}`);
      const { mean, sd } = spec;
      return (rng) => normal(rng, mean, sd);
    }
    case 'lognormal': {
      const { mu, sigma } = 'median' in spec ? lognormalFromMedianP90(spec.median, spec.p90) : spec;
      need(finite(mu, sigma) && sigma > 0, `needs a finite mu and sigma > 0, got mu ${mu}, sigma ${sigma}`);
      return (rng) => lognormal(rng, mu, sigma);
    }
    case 'weibull': {
      need(finite(spec.shape, spec.scale) && spec.shape > 0 && spec.scale > 0, `needs shape > 0 and scale > 0, got shape ${spec.shape}, scale ${spec.scale}`);
      const { shape, scale } = spec;
      return (rng) => weibull(rng, shape, scale);
    }
    case 'triangular': {
      const { min, mode, max } = spec;
      need(finite(min, mode, max) && min <= mode && mode <= max && min < max, `needs min <= mode <= max and min < max, got ${min}, ${mode}, ${max}`);
      return (rng) => triangular(rng, min, mode, max);
    }
    case 'truncatedNormal': {
      const { mean, sd, min, max } = spec;
      need(finite(mean, sd) && sd > 0, `needs a finite mean and sd > 0, got mean ${mean}, sd ${sd}`);
      need(!Number.isNaN(min) && !Number.isNaN(max) && min < max, `needs min < max, got [${min}, ${max}]`);
      return (rng) => truncatedNormal(rng, mean, sd, min, max);
    }
    case 'empirical': {
      const table = createEmpirical(spec.points);
      return (rng) => empirical(rng, table);
    }
    default: {
      const unknown: never = spec;
      throw new RangeError(`unknown distribution kind ${JSON.stringify((unknown as { kind: unknown }).kind)}`);
    }
  }
}
