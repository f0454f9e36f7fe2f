import type { Rng } from './random.js';

/*
 * Distributions as small pure functions of a stream: each call draws from
 * `rng` and nothing else, so a run stays a function of its seed. They do not
 * check their parameters (they sit on hot paths): `createSampler` in
 * sampler.ts checks a distribution once when a model is built.
 */

/** Exponential with mean `mean`: `-ln(1 - u) * mean`, one draw (MODELS.md's `Exp(m)`). */
export function exponential(rng: Rng, mean: number): number {
  return -Math.log(1 - rng()) * mean;
}

/** Uniform on [min, max), one draw. */
export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng();
}

/** Standard normal by Box–Muller, two draws (the second variate is discarded so draws stay stateless). */
export function standardNormal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: log stays finite
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Normal with mean and standard deviation, two draws. */
export function normal(rng: Rng, mean: number, sd: number): number {
  return mean + sd * standardNormal(rng);
}

/** Lognormal: `exp(mu + sigma * Z)`, where mu and sigma are the mean and sd of the logarithm. */
export function lognormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * standardNormal(rng));
}

/** The (mu, sigma) of a lognormal with the given median and 90th percentile (p90 > median > 0). */
export function lognormalFromMedianP90(median: number, p90: number): { mu: number; sigma: number } {
  if (!(median > 0 && p90 > median)) throw new RangeError(`lognormal needs 0 < median < p90, got median ${median}, p90 ${p90}`);
  const Z90 = 1.2815515655446004;
  return { mu: Math.log(median), sigma: Math.log(p90 / median) / Z90 };
}

/** Weibull with shape k and scale λ: `λ (-ln(1 - u))^(1/k)`, one draw. */
export function weibull(rng: Rng, shape: number, scale: number): number {
  return scale * Math.pow(-Math.log(1 - rng()), 1 / shape);
}

/** Triangular on [min, max] with its mode, by the inverse CDF, one draw. */
export function triangular(rng: Rng, min: number, mode: number, max: number): number {
  const u = rng();
  const span = max - min;
  const split = (mode - min) / span;
  return u < split ? min + Math.sqrt(u * span * (mode - min)) : max - Math.sqrt((1 - u) * span * (max - mode));
}

/**
 * Normal(mean, sd) restricted to [min, max], exactly, by Robert's (1995)
 * rejection samplers: normal or uniform proposals when the interval holds the
 * mean, a shifted exponential or uniform proposal in a tail. Any interval of
 * positive width works, however far out in the tail; the number of draws varies.
 */
export function truncatedNormal(rng: Rng, mean: number, sd: number, min: number, max: number): number {
  let a = (min - mean) / sd;
  let b = (max - mean) / sd;
  let flip = 1;
  if (b <= 0) {
    // Entirely left of the mean: sample the mirror image.
    const t = a;
    a = -b;
    b = -t;
    flip = -1;
  }
  let z: number;
  if (a <= 0) {
    if (b - a >= 2.5066282746310002) {
      // Wide interval around the mean: plain normal draws, rejecting outside.
      do z = standardNormal(rng);
      while (z < a || z > b);
    } else {
      do z = a + (b - a) * rng();
      while (rng() > Math.exp(-0.5 * z * z));
    }
  } else {
    const alpha = (a + Math.sqrt(a * a + 4)) / 2;
    const exponentialIsBetter = b - a > (2 / alpha) * Math.exp((a * a - a * Math.sqrt(a * a + 4)) / 4 + 0.5);
    if (exponentialIsBetter) {
      do z = a - Math.log(1 - rng()) / alpha;
      while (z > b || rng() > Math.exp(-0.5 * (z - alpha) * (z - alpha)));
    } else {
      do z = a + (b - a) * rng();
      while (rng() > Math.exp(0.5 * (a * a - z * z)));
    }
  }
  return mean + sd * flip * z;
}

/**
 * A piecewise-linear cumulative distribution through points (value, p):
 * values nondecreasing, p nondecreasing from 0 to 1. Built once, sampled with
 * `empirical`.
 */
export interface EmpiricalTable {
  readonly values: Float64Array;
  readonly cumulative: Float64Array;
}

/** Checks and freezes the points of an empirical distribution. */
export function createEmpirical(points: ReadonlyArray<readonly [value: number, p: number]>): EmpiricalTable {
  if (points.length < 2) throw new RangeError('an empirical distribution needs at least two points');
  const values = new Float64Array(points.length);
  const cumulative = new Float64Array(points.length);
  points.forEach(([value, p], i) => {
    if (!Number.isFinite(value) || !Number.isFinite(p)) throw new RangeError(`empirical point ${i}: value and p must be finite numbers`);
    if (i > 0 && (value < values[i - 1]! || p < cumulative[i - 1]!)) {
      throw new RangeError(`empirical point ${i}: values and probabilities must not decrease`);
    }
    values[i] = value;
    cumulative[i] = p;
  });
  if (cumulative[0] !== 0 || cumulative[points.length - 1] !== 1) {
    throw new RangeError('empirical points must start at p = 0 and end at p = 1');
  }
  return { values, cumulative };
}

/** A draw from an empirical table: inverse CDF with linear interpolation, one draw, O(log n). */
export function empirical(rng: Rng, table: EmpiricalTable): number {
  const { values, cumulative } = table;
  const u = rng();
  let lo = 0;
  let hi = cumulative.length - 1;
  // Invariant: cumulative[lo] <= u < cumulative[hi].
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! <= u) lo = mid;
    else hi = mid;
  }
  const width = cumulative[hi]! - cumulative[lo]!;
  return width > 0 ? values[lo]! + ((u - cumulative[lo]!) / width) * (values[hi]! - values[lo]!) : values[lo]!;
}
