/**
 * The shape of `summary.json`, on its own so the report page can import it
 * without the Node side. Hours are after ignition; null where a value is
 * "never" (a run that never came back) or undefined.
 */

export interface Percentiles3 {
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

/** One arm of a sweep: a design under a policy (decider). */
export interface DesignSummary {
  /** The arm's label: the design, the policy, or `design · policy`, whichever varies in the sweep. Unique. */
  design: string;
  /** The design it runs (its name or file), for replaying a run. Since version 2. */
  designName: string;
  /** The policy (decider) it runs under. Since version 2. */
  policy: string;
  runs: number;
  allRestoredHours: Percentiles3;
  neverRestored: number;
  /** Share of runs in which every service was normal by the promise's deadline. */
  promiseKept: number | null;
  /** Runs in which the promise could be judged (the denominator of promiseKept). */
  promiseRuns?: number;
  worst: { seed: number; allRestoredHours: number | null };
  best: { seed: number; allRestoredHours: number | null };
  /** ECDF of all-restored hours: [hours, fraction of runs at or below, seed of that run]. */
  ecdf: Array<[number, number, number]>;
  /** Per service: hours until usable and until normal; `ecdf` is of normal hours, `usableEcdf` (since the report names things) of usable hours. */
  services: Array<{ id: string; usable: Percentiles3; normal: Percentiles3; ecdf: Array<[number, number]>; usableEcdf?: Array<[number, number]> }>;
  /**
   * Per group: the group's total loss; and, in the viewer's units, one person's loss (null without an income) and hours
   * without the services. Amounts are in the scenario's currency (`currencyUnit`). Version 2 named them `lossWon` and `perPersonWon`.
   */
  ledger: Array<{ group: string; loss: P50P90; perPerson?: P50P90 | null; hours?: P50P90 }>;
  /** Every group's loss, in the scenario's currency. Version 2 named it `totalLossWon`. */
  totalLoss: P50P90;
}

/** A median and a 90th percentile over the seeds; null where no run had a value. */
export interface P50P90 {
  p50: number | null;
  p90: number | null;
}

export interface SweepSummary {
  kind: 'firedrill-sweep-summary';
  /**
   * 2 since policies are an axis: `policies`, and each arm's `designName` and `policy`; 3 since amounts
   * no longer name a currency (`loss`, `perPerson`, `totalLoss`). Older versions are upgraded on read (summarySchema.ts).
   */
  version: 3;
  scenario: string;
  /** The policies (deciders) the sweep ran, in order. */
  policies: string[];
  seeds: string;
  runs: number;
  designs: string[];
  variations: string[];
  services: string[];
  groups: string[];
  /** What people call the designs, services and groups, by id; absent in summaries of older sweeps. */
  names?: { designs: Record<string, string>; services: Record<string, string>; groups: Record<string, string> };
  /** What follows an amount of money, as the scenario writes its currency; absent in summaries of older sweeps. */
  currencyUnit?: string;
  perDesign: DesignSummary[];
  /** Each arm against the first, on the same seeds (common random numbers): b − a. */
  paired: Array<{ a: string; b: string; metric: string; n: number; excluded: number; meanDifference: number | null; ci95: [number | null, number | null] }>;
  /** Each --vary value's effect on the P50 of all-restored hours. */
  sensitivity: Array<{ design: string; path: string; value: string; allRestoredP50: number | null; baseP50: number | null; delta: number | null }>;
  /**
   * Present when the runs drew their parameters (`--priors`, `--posterior`): where from, and what each
   * outcome hangs on, per arm: first-order sensitivity indices (the share of the outcome's variance over
   * the runs one parameter explains alone; src/sweep/sensitivity.ts), largest first, at most ten of at
   * least 0.01 per outcome; and the share no single parameter explains (interactions, the run's own luck).
   */
  uncertainty?: {
    source: 'prior' | 'posterior';
    posteriorSha256: string | null;
    /** The posterior's file as the sweep's command named it (null after a merge, or without one): the report's replay commands name it. */
    posteriorFile: string | null;
    indices: Array<{ design: string; metric: string; path: string; index: number }>;
    unexplained: Array<{ design: string; metric: string; share: number }>;
  };
}
