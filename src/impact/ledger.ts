/**
 * The impact ledger: from each service's availability over a run, what each
 * group of people lost — income and hours — hour by hour, set against the
 * compensation they were offered. Figures written as ranges are propagated
 * by seeded sampling, so every loss is a P10–P50–P90, never one false-precise
 * number. Reads the run's results; never changes the run.
 */
import { HOUR, type Rng } from '../../sim/index.js';
import type { LedgerGroup, LedgerMessage } from '../stream/protocol.js';
import { parseFormula, type Formula } from './formula.js';
import { hourGrid, unavailableByHour } from './hours.js';
import { createRunningMedian, median, percentiles, runningMedian, type RunningMedian } from './quantiles.js';
import type { GroupDef, ImpactDef, Range } from './schema.js';
import { WEEKDAYS } from './weekdays.js';

/** What the ledger reads from a run. */
export interface LedgerInput {
  impact: ImpactDef;
  /** ISO 4217 code of the amounts (`XXX`: none named). */
  currency: string;
  /** Service ids, in the order of `availabilityLog`. */
  serviceIds: ReadonlyArray<string>;
  /** Per service: its availability changes, flat [t, a, t, a, …] in simulated ms. */
  availabilityLog: ReadonlyArray<ReadonlyArray<number>>;
  /** The scenario's start instant as written (its offset is the profiles' time zone). */
  start: string;
  ignitionMs: number;
  endMs: number;
  /** The ledger's own stream, so its draws never disturb the simulation's. */
  rng: Rng;
}

const DAYS_PER_MONTH = 365.25 / 12;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const mid = (r: Range) => (r.low + r.high) / 2;

/** Computes the ledger of one run. */
export function computeLedger(input: LedgerInput): LedgerMessage {
  const { impact, rng } = input;
  const grid = hourGrid(input.start, input.ignitionMs, input.endMs);
  const unavailable = new Map<string, Float64Array>();
  const lostOf = (service: string) => {
    let u = unavailable.get(service);
    if (u === undefined) {
      u = unavailableByHour(input.availabilityLog[input.serviceIds.indexOf(service)]!, grid, input.endMs);
      unavailable.set(service, u);
    }
    return u;
  };
  // A figure without a range needs no draw; ranges are drawn in a fixed order, so every design
  // (same impact section, other design) meets the same draws.
  const uniform = (r: Range) => (r.low === r.high ? r.low : r.low + (r.high - r.low) * rng());
  // Room for the group with the most services from the start, so that no array is replaced between groups.
  const arrays = keptArrays(impact.draws, Math.max(...impact.groups.map((g) => g.dependsOn.length)));
  const groups = impact.groups.map((group) => ledgerOfGroup(group, impact.profiles[group.profile]!, grid.hourOfWeek, group.dependsOn.map((d) => lostOf(d.service)), arrays, uniform));
  return {
    type: 'ledger',
    h: r3((input.endMs - input.ignitionMs) / HOUR),
    currency: input.currency,
    draws: impact.draws,
    firstHourH: r3((grid.firstMs - input.ignitionMs) / HOUR),
    firstHourLocal: grid.firstLocal,
    groups,
  };
}

function ledgerOfGroup(group: GroupDef, profile: ReadonlyArray<number>, hourOfWeek: Uint8Array, lost: Float64Array[], kept: KeptArrays, uniform: (r: Range) => number): LedgerGroup {
  const hours = hourOfWeek.length;
  const draws = kept.draws;
  // Plain loops here: Float64Array.from and Array.from with a mapping function cost more than all the draws.
  const weight = new Float64Array(hours);
  for (let j = 0; j < hours; j++) weight[j] = profile[hourOfWeek[j]!]!;
  const income = group.income;
  // Profile weight of the period the income is quoted for.
  const periodWeight = income === undefined ? 1 : periodWeightOf(profile, income.per);
  // Numbers in Float64Arrays, not arrays: an array of whole numbers and one of fractions have different
  // shapes, and code compiled for one group's was thrown away at the next group's.
  const shares = group.dependsOn.map((d) => d.share);
  const midShares = new Float64Array(shares.length);
  let shareSum = 0;
  for (let d = 0; d < shares.length; d++) shareSum += midShares[d] = mid(shares[d]!);

  // Hours without the services, each dependency weighted by how much of the group's life goes through it.
  let outageHours = 0;
  for (let d = 0; d < lost.length; d++) {
    const l = lost[d]!;
    let u = 0;
    for (let j = 0; j < hours; j++) u += l[j]!;
    outageHours += (shareSum > 0 ? midShares[d]! / shareSum : 1 / lost.length) * u;
  }
  const people = mid(group.people);

  // Lost fraction of the group's income in hour j, for given shares: capped at all of it.
  const lostFraction = (j: number, s: Float64Array) => {
    let f = 0;
    for (let d = 0; d < lost.length; d++) f += s[d]! * lost[d]![j]!;
    return Math.min(1, f);
  };
  // When the shares cannot add up past 1, the loss is linear in them: weighted sums per service suffice.
  const linear = shares.reduce((a, s) => a + s.high, 0) <= 1;
  const weighted = new Float64Array(lost.length);
  for (let d = 0; d < lost.length; d++) {
    const l = lost[d]!;
    let sum = 0;
    for (let j = 0; j < hours; j++) sum += l[j]! * weight[j]!;
    weighted[d] = sum;
  }
  const { lossPerPerson, lossTotal, compensationPerPerson, compensationTotal, compensatedShare } = kept;
  // What one person has lost by each hour, per draw, for the median "so far" (see lossSoFar): linear, a
  // coefficient per draw and service (its loss is Σ coefficient × weighted lost hours so far); otherwise
  // every draw's hours.
  const services = lost.length;
  const coefficients = income !== undefined && linear ? kept.coefficients : null;
  if (income !== undefined && !linear && kept.byHour.length < draws * hours) kept.byHour = new Float64Array(draws * hours);
  const byHour = income !== undefined && !linear ? kept.byHour : null;
  let shared = 0;
  const drawn = new Float64Array(shares.length);
  const compensation = group.compensation;
  const formula = compensation === undefined ? null : compileFormula(compensation.formula);
  const variableNames = compensation === undefined ? [] : Object.keys(compensation.variables).sort();
  const values: Record<string, number> = { loss: 0, income: 0, lossWon: 0, incomeWon: 0, outageHours, outageDays: outageHours / 24 };
  for (const name of variableNames) values[name] = 0;
  for (let i = 0; i < draws; i++) {
    const n = uniform(group.people);
    const amount = income === undefined ? 0 : uniform(income.amount);
    for (let d = 0; d < shares.length; d++) drawn[d] = uniform(shares[d]!);
    let perPerson = 0;
    if (coefficients !== null) {
      // Summed as lossSoFar sums, so its last hour gives exactly these numbers.
      for (let d = 0; d < services; d++) perPerson += (coefficients[d * draws + i] = (amount / periodWeight) * drawn[d]!) * weighted[d]!;
    } else if (byHour !== null) {
      // The loss of this draw hour by hour; its total is the sum of the same terms, so the last hour's median is the P50.
      const scale = amount / periodWeight;
      for (let j = 0, at = i * hours; j < hours; j++, at++) {
        const x = scale * weight[j]! * lostFraction(j, drawn);
        byHour[at] = x;
        perPerson += x;
      }
    }
    lossPerPerson[i] = perPerson;
    lossTotal[i] = n * perPerson;
    if (compensation !== undefined) {
      const eligible = uniform(compensation.eligible);
      values.loss = values.lossWon = perPerson;
      values.income = values.incomeWon = amount;
      for (const name of variableNames) values[name] = uniform(compensation.variables[name]!);
      const raw = formula!.evaluate(values);
      const each = Math.max(0, Math.round(raw / compensation.roundTo) * compensation.roundTo);
      compensationPerPerson[i] = each;
      compensationTotal[i] = n * eligible * each;
      if (lossTotal[i]! > 0) compensatedShare[shared++] = compensationTotal[i]! / lossTotal[i]!;
    }
  }

  // Hours without the services, hour by hour, weighted as outageHours is.
  const hourlyOutage = new Float64Array(hours);
  for (let d = 0; d < lost.length; d++) {
    const w = shareSum > 0 ? midShares[d]! / shareSum : 1 / lost.length;
    const l = lost[d]!;
    for (let j = 0; j < hours; j++) hourlyOutage[j] += w * l[j]!;
  }
  const hourlyOutageHours = differences(cumulative(hourlyOutage), 1000);
  let hourlyLoss: number[] = [];
  if (income !== undefined) {
    // The median person's loss so far at the end of each hour, from the same draws as lossPerPerson: at the last hour it is the P50.
    const soFar = coefficients !== null ? lossSoFar(coefficients, prefixSums(weight, lost), services, kept) : medianSoFar(byHour!, hours, kept);
    for (let j = 0; j < hours; j++) soFar[j] *= people;
    hourlyLoss = differences(soFar, 1);
  }
  const hasIncome = income !== undefined;
  return {
    id: group.id,
    name: group.name,
    people: Math.round(people),
    eligiblePeople: compensation === undefined ? 0 : Math.round(people * mid(compensation.eligible)),
    outageHours: r3(outageHours),
    userHoursLost: Math.round(people * outageHours),
    lossPerPerson: hasIncome ? percentiles(lossPerPerson) : null,
    lossTotal: hasIncome ? percentiles(lossTotal) : null,
    compensationPerPerson: compensation === undefined ? null : median(compensationPerPerson),
    compensationTotal: compensation === undefined ? null : Math.round(median(compensationTotal)),
    compensatedShare: shared === 0 ? null : Math.round(median(compensatedShare.subarray(0, shared)) * 10000) / 10000,
    compensationForm: compensation === undefined ? null : (compensation.form ?? 'cash'),
    hourlyLoss,
    hourlyOutageHours,
  };
}

/** A group's arrays of draws, kept from one group and one run to the next (see `keptArrays`). */
interface KeptArrays {
  draws: number;
  lossPerPerson: Float64Array;
  lossTotal: Float64Array;
  compensationPerPerson: Float64Array;
  compensationTotal: Float64Array;
  compensatedShare: Float64Array;
  /** Per service, then per draw (service-major); at least draws × the most services of a group long. */
  coefficients: Float64Array;
  /** Per draw, then per hour (draw-major), for groups that are not linear; grown when one needs more. */
  byHour: Float64Array;
  /** Each draw's running loss. */
  running: Float64Array;
  /** For selection to overwrite. */
  scratch: Float64Array;
  /** The hour-by-hour median, one for every group and run: a new one each time cost re-optimisations. */
  median: RunningMedian;
}

let kept: KeptArrays | null = null;

/**
 * The arrays of the groups' draws. They live in module scope and are made anew only when a scenario asks
 * for another number of draws or more services: the ledger runs after every run, thousands of times in a
 * sweep's worker, and new arrays for every group were part of its cost (bench/RESULTS.md, "The ledger's
 * new estimator"). So nothing here is zero when handed out: every user writes before it reads.
 */
function keptArrays(draws: number, services: number): KeptArrays {
  if (kept === null || kept.draws !== draws) {
    const make = () => new Float64Array(draws);
    const scratch = make();
    kept = { draws, lossPerPerson: make(), lossTotal: make(), compensationPerPerson: make(), compensationTotal: make(), compensatedShare: make(), coefficients: make(), byHour: make(), running: make(), scratch, median: createRunningMedian(scratch) };
  }
  if (kept.coefficients.length < draws * services) kept.coefficients = new Float64Array(draws * services);
  return kept;
}

/** Running sums of a series. */
function cumulative(series: Float64Array): Float64Array {
  const out = new Float64Array(series.length);
  let sum = 0;
  for (let j = 0; j < series.length; j++) out[j] = sum += series[j]!;
  return out;
}

/**
 * The steps of a running total rounded to 1/`unit`, rounding the total rather than each step: the steps
 * then add up to the rounded total exactly, however many there are. Trailing hours that add nothing are left out.
 */
function differences(totals: Float64Array, unit: number): number[] {
  const out: number[] = [];
  let before = 0;
  for (let j = 0; j < totals.length; j++) {
    const now = Math.round(totals[j]! * unit);
    out.push((now - before) / unit);
    before = now;
  }
  while (out.length > 0 && out.at(-1) === 0) out.pop();
  return out;
}

/**
 * Per service, its lost hours weighted by the profile, summed up to each hour (in the order `weighted` sums
 * them): one array, service-major, every hour of the first service, then the next.
 */
function prefixSums(weight: Float64Array, lost: Float64Array[]): Float64Array {
  const hours = weight.length;
  const out = new Float64Array(lost.length * hours);
  for (let d = 0, at = 0; d < lost.length; d++) {
    const l = lost[d]!;
    let sum = 0;
    for (let j = 0; j < hours; j++, at++) out[at] = sum += l[j]! * weight[j]!;
  }
  return out;
}

/**
 * Per hour, the median over draws of what one person had lost by the end of it, when a draw's loss is
 * Σ coefficient × weighted lost hours (service-major `coefficients`: every draw's for the first service,
 * then the next; `prefix` from prefixSums). With one service every draw has the same shape in time, so
 * the order of the draws never changes and one median, scaled, serves every hour; otherwise the median
 * is taken again at every hour that cost anything.
 */
function lossSoFar(coefficients: Float64Array, prefix: Float64Array, services: number, kept: KeptArrays): Float64Array {
  const { draws, running, scratch } = kept;
  const hours = prefix.length / services;
  const out = new Float64Array(hours);
  if (services === 1) {
    scratch.set(coefficients.subarray(0, draws));
    const c = median(scratch);
    for (let j = 0; j < hours; j++) out[j] = c * prefix[j]!;
    return out;
  }
  const medianOf = kept.median;
  medianOf.guess = 0;
  let value = 0;
  for (let j = 0; j < hours; j++) {
    let moved = false;
    for (let d = 0, at = j; d < services; d++, at += hours) if (prefix[at] !== (j === 0 ? 0 : prefix[at - 1])) moved = true;
    if (moved) {
      // Service by service, each a plain loop over the draws; every draw's sum is still taken in the order
      // of its services, as lossPerPerson's is. A service not yet down adds 0, which changes no sum.
      running.fill(0);
      for (let d = 0, c = 0; d < services; d++, c += draws) {
        const at = prefix[d * hours + j]!;
        if (at === 0) continue;
        for (let i = 0; i < draws; i++) running[i] += coefficients[c + i]! * at;
      }
      value = runningMedian(medianOf, running);
    }
    out[j] = value;
  }
  return out;
}

/**
 * Per hour, the median over draws of what one person had lost by the end of it (draw-major `byHour`).
 * Each draw's running loss never falls, so neither does the median; hours that cost no draw anything are skipped.
 */
function medianSoFar(byHour: Float64Array, hours: number, kept: KeptArrays): Float64Array {
  const { draws, running } = kept;
  const medianOf = kept.median;
  medianOf.guess = 0;
  const out = new Float64Array(hours);
  running.fill(0);
  let value = 0;
  for (let j = 0; j < hours; j++) {
    let moved = false;
    for (let i = 0; i < draws; i++) {
      const x = byHour[i * hours + j]!;
      if (x !== 0) {
        running[i] += x;
        moved = true;
      }
    }
    if (moved) value = runningMedian(medianOf, running);
    out[j] = value;
  }
  return out;
}

// Parsed once per text, not once per run: the same closures every run are what lets the JIT keep
// the code it compiled for them.
const formulas = new Map<string, Formula>();

/** A formula the loader has already checked. */
function compileFormula(text: string): Formula {
  let formula = formulas.get(text);
  if (formula === undefined) {
    const parsed = parseFormula(text);
    if (!parsed.ok) throw new RangeError(`compensation formula "${text}": expected ${parsed.expected}`);
    formula = parsed.formula;
    formulas.set(text, formula);
  }
  return formula;
}

function periodWeightOf(profile: ReadonlyArray<number>, per: string): number {
  const week = profile.reduce((a, b) => a + b, 0);
  if (per === 'week') return week;
  if (per === 'month') return (week * DAYS_PER_MONTH) / 7;
  const day = WEEKDAYS.indexOf(per as (typeof WEEKDAYS)[number]);
  let sum = 0;
  for (let k = day * 24; k < day * 24 + 24; k++) sum += profile[k]!;
  return sum; // never 0: the loader refuses an income quoted for a day the profile leaves empty
}
