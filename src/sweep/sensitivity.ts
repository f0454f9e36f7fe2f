/**
 * Which uncertain parameters move an outcome most: first-order sensitivity
 * indices (the share of the outcome's variance explained by one parameter
 * alone, Var(E[Y | Xi]) / Var(Y)), estimated from runs that drew their
 * parameters, by the "given data" method: sort the runs by the parameter,
 * cut them into equal-count bins, and compare the spread of the bins' means
 * with the outcome's (Plischke 2010; Strong, Oakley and Chilcott 2012). It
 * needs no special sampling design, so any sweep with --priors or
 * --posterior yields it. With B bins and n runs an index of pure noise
 * comes out near (B − 1)/(n − 1) on average; that bias is taken off, so an
 * index of 0 means "no effect this sample can see". What single parameters
 * leave unexplained is the share of interactions and of the run's own luck.
 */

/** Bins for n runs: about √n, at least 5, at most 20. */
export function binsFor(n: number): number {
  return Math.max(5, Math.min(20, Math.floor(Math.sqrt(n))));
}

/** Runs below which no index is given: with fewer, the bins are too coarse and the noise too large to rank parameters. */
export const MIN_RUNS = 100;

/**
 * The first-order index of `x` for `y`, bias-corrected and clamped to [0, 1]; null with fewer than
 * MIN_RUNS runs or no spread in y. A run whose outcome never happened (NaN: not back by the horizon)
 * counts as late as the latest that did: censored, not dropped, for those runs are the ones the
 * question is about.
 */
export function firstOrderIndex(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  let latest = -Infinity;
  for (let i = 0; i < y.length; i++) if (Number.isFinite(y[i]!)) latest = Math.max(latest, y[i]!);
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < y.length; i++) if (Number.isFinite(x[i]!) && latest > -Infinity) runs.push([x[i]!, Number.isFinite(y[i]!) ? y[i]! : latest]);
  const n = runs.length;
  if (n < MIN_RUNS) return null;
  // Ties in x keep the run order, so the estimate is a function of the runs alone.
  runs.sort((a, b) => a[0] - b[0]);
  const mean = runs.reduce((s, r) => s + r[1], 0) / n;
  const total = runs.reduce((s, r) => s + (r[1] - mean) ** 2, 0);
  if (!(total > 0)) return null;
  const bins = binsFor(n);
  let between = 0;
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins);
    const to = Math.floor(((b + 1) * n) / bins);
    if (to <= from) continue;
    let sum = 0;
    for (let i = from; i < to; i++) sum += runs[i]![1];
    between += (to - from) * (sum / (to - from) - mean) ** 2;
  }
  const eta2 = between / total;
  const noise = (bins - 1) / (n - 1);
  return Math.min(1, Math.max(0, (eta2 - noise) / (1 - noise)));
}
