/**
 * The statistics of a sweep: quantiles (type 7, the R/NumPy default: linear
 * between order statistics), the ECDF, and paired differences between designs
 * on the same seeds with a Student-t confidence interval. Runs where something
 * never came back count as +Infinity: later than any that did.
 */

/** Quantile `p` of sorted values (type 7); Infinity when it falls among the never-back runs. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  if (a === b) return a;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return h === lo ? a : Infinity;
  return a + (h - lo) * (b - a);
}

/** Sorts a copy of the values ascending (NaN is treated as never back: +Infinity). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values, (x) => (Number.isNaN(x) ? Infinity : x)).sort();
}

/** P50, P90 and P99. */
export function percentiles(values: ArrayLike<number>): { p50: number; p90: number; p99: number } {
  const s = sortedCopy(values);
  return { p50: quantileSorted(s, 0.5), p90: quantileSorted(s, 0.9), p99: quantileSorted(s, 0.99) };
}

/** The ECDF as steps: each distinct finite value with the fraction of runs at or below it. */
export function ecdf(values: ArrayLike<number>): Array<[number, number]> {
  const s = sortedCopy(values);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < s.length; i++) {
    if (!Number.isFinite(s[i]!)) break;
    if (i + 1 < s.length && s[i + 1] === s[i]) continue;
    out.push([s[i]!, (i + 1) / s.length]);
  }
  return out;
}

/** The standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Student's t quantile with `df` degrees of freedom (Cornish–Fisher expansion; within 0.1% for df ≥ 3). */
export function tQuantile(p: number, df: number): number {
  const z = normalQuantile(p);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4)
  );
}

/** A paired difference b − a over the same seeds: its mean and 95% confidence interval. */
export interface PairedDifference {
  n: number;
  /** Seeds left out because a run never came back. */
  excluded: number;
  mean: number;
  ci95: [number, number];
}

/** Paired differences `b[i] − a[i]`, pairs with a never-back run left out. */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): PairedDifference {
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const d = b[i]! - a[i]!;
    if (Number.isFinite(d)) diffs.push(d);
  }
  const n = diffs.length;
  const mean = n === 0 ? NaN : diffs.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { n, excluded: a.length - n, mean, ci95: [NaN, NaN] };
  const variance = diffs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(variance / n);
  return { n, excluded: a.length - n, mean, ci95: [mean - half, mean + half] };
}

/**
 * The Wilson score interval for a proportion: `k` successes in `n` trials, at
 * 95% (z = 1.96). Unlike the normal approximation it stays inside [0, 1] and
 * is not empty at 0 or n successes: no promise kept in 20 runs is 0–16%, not
 * "0.0%". Null for no trials.
 */
export function wilsonInterval(k: number, n: number, z = 1.959964): [number, number] | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
