/**
 * Quantiles of the ledger's draws, nearest rank. The ledger runs after every
 * run, so they are found by selection in place (quickselect), never by
 * sorting; and a median taken hour after hour over draws that each move a
 * little starts from the draw that was the median the hour before.
 */
import type { Percentiles } from '../stream/protocol.js';

/** Nearest-rank P10, P50 and P90 of the draws, in whole units of the currency. Reorders `a` (the draws are not used again). */
export function percentiles(a: Float64Array): Percentiles {
  if (isConstant(a)) return { p10: Math.round(a[0]!), p50: Math.round(a[0]!), p90: Math.round(a[0]!) };
  const rank = (p: number) => Math.min(a.length - 1, Math.max(0, Math.ceil(p * a.length) - 1));
  const [k10, k50, k90] = [rank(0.1), rank(0.5), rank(0.9)];
  select(a, k50, 0, a.length - 1);
  select(a, k10, 0, k50);
  select(a, k90, k50, a.length - 1);
  return { p10: Math.round(a[k10]!), p50: Math.round(a[k50]!), p90: Math.round(a[k90]!) };
}

/** Nearest-rank median. Reorders `a`. */
export function median(a: Float64Array): number {
  if (isConstant(a)) return a[0]!;
  const k = medianRank(a.length);
  select(a, k, 0, a.length - 1);
  return a[k]!;
}

/**
 * How many ranks the last median's draw may have moved by for the search beside it to be used; further
 * than this, selecting afresh is cheaper than keeping that many nearest values in order.
 */
const NEAR = 16;

// The nearest values beyond the last median, in order, while the new one is looked for; one array for
// every running median, since each is used only inside one call.
const nearest = new Float64Array(NEAR);

/** What a running median keeps between calls (see `runningMedian`). */
export interface RunningMedian {
  /** The draw that was the median last time. */
  guess: number;
  /** An array of the draws' length that selection may overwrite. */
  readonly scratch: Float64Array;
}

/** A running median of as many draws as `scratch` holds. */
export function createRunningMedian(scratch: Float64Array): RunningMedian {
  return { guess: 0, scratch };
}

/**
 * The median of `values` (the same number `median` gives) for a series whose values change a little
 * between calls, such as each draw's running loss hour by hour, found without selection when the
 * draws' order barely moved. The draw that was the median last time is tried first: one pass counts
 * the draws below it, and if its rank is still the median's that is the answer; if it moved a few
 * ranks, a second pass finds the value that many places beyond it. Only when the order was shuffled
 * (the first call, or services falling and returning in other proportions) is the median selected
 * afresh, in `scratch`. The values are left as they were.
 */
export function runningMedian(state: RunningMedian, values: Float64Array): number {
  const size = state.scratch.length;
  const k = medianRank(size);
  const was = values[state.guess]!;
  let below = 0;
  let notAbove = 0;
  for (let i = 0; i < size; i++) {
    const x = values[i]!;
    if (x < was) below++;
    if (x <= was) notAbove++;
  }
  if (below <= k && k < notAbove) return was;
  let value: number;
  if (below > k && below - k <= NEAR) value = nthLargestBelow(values, was, below - k);
  else if (notAbove <= k && k + 1 - notAbove <= NEAR) value = nthSmallestAbove(values, was, k + 1 - notAbove);
  else {
    state.scratch.set(values);
    value = median(state.scratch);
  }
  state.guess = values.indexOf(value);
  return value;
}

/** Rank (from 0) of the nearest-rank median of `n` values. */
function medianRank(n: number): number {
  return Math.max(0, Math.ceil(0.5 * n) - 1);
}

/** The `n`-th largest of the values below `bound` (there are at least `n`), keeping the `n` largest so far in order. */
function nthLargestBelow(values: Float64Array, bound: number, n: number): number {
  const top = nearest;
  top.fill(-Infinity, 0, n);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x >= bound || x <= top[n - 1]!) continue;
    let p = n - 1;
    for (; p > 0 && top[p - 1]! < x; p--) top[p] = top[p - 1]!;
    top[p] = x;
  }
  return top[n - 1]!;
}

/** The `n`-th smallest of the values above `bound` (there are at least `n`), keeping the `n` smallest so far in order. */
function nthSmallestAbove(values: Float64Array, bound: number, n: number): number {
  const bottom = nearest;
  bottom.fill(Infinity, 0, n);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x <= bound || x >= bottom[n - 1]!) continue;
    let p = n - 1;
    for (; p > 0 && bottom[p - 1]! > x; p--) bottom[p] = bottom[p - 1]!;
    bottom[p] = x;
  }
  return bottom[n - 1]!;
}

function isConstant(a: Float64Array): boolean {
  const first = a[0];
  for (let i = 1; i < a.length; i++) if (a[i] !== first) return false;
  return true;
}

/** Moves the k-th smallest of a[lo..hi] to a[k], smaller ones before it, larger after (Hoare's quickselect, middle pivot). */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}
