import type { SimTime } from './time.js';

/**
 * Summary statistics of a series of observations (waits, repair times):
 * count, mean, variance by Welford's update, min and max. O(1) memory.
 */
export class Tally {
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  private meanValue = 0;
  private m2 = 0;

  /** Records one observation. */
  add(x: number): void {
    this.count++;
    this.sum += x;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    const delta = x - this.meanValue;
    this.meanValue += delta / this.count;
    this.m2 += delta * (x - this.meanValue);
  }

  /** Mean of the observations; NaN if there are none. */
  get mean(): number {
    return this.count === 0 ? NaN : this.meanValue;
  }

  /** Sample variance (n - 1 in the denominator); NaN below two observations. */
  get variance(): number {
    return this.count < 2 ? NaN : this.m2 / (this.count - 1);
  }

  /** Sample standard deviation; NaN below two observations. */
  get sd(): number {
    return Math.sqrt(this.variance);
  }
}

/**
 * A quantity that holds a value between changes (queue length, servers down),
 * averaged over simulated time: the integral of a step function.
 */
export class TimeWeighted {
  // Every number field starts as a number: a field declared bare starts as undefined, and V8 then
  // keeps it as a generic slot where each fractional value stored is a new heap number.
  /** Current value. */
  value = 0;
  /** Smallest value held. */
  min = 0;
  /** Largest value held. */
  max = 0;
  private readonly startTime: SimTime = 0;
  private lastTime: SimTime = 0;
  private area = 0;

  constructor(startTime: SimTime = 0, initialValue = 0) {
    this.startTime = startTime;
    this.lastTime = startTime;
    this.value = initialValue;
    this.min = initialValue;
    this.max = initialValue;
  }

  /** Sets the value from time `now` on; `now` must not go backwards. */
  update(now: SimTime, value: number): void {
    if (now < this.lastTime) throw timeWentBackwards(now, this.lastTime);
    this.area += this.value * (now - this.lastTime);
    this.lastTime = now;
    this.value = value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  /** Adds `delta` to the value from time `now` on. */
  add(now: SimTime, delta: number): void {
    this.update(now, this.value + delta);
  }

  /** Integral of the value from the start time up to `now`. */
  integral(now: SimTime): number {
    return this.area + this.value * (now - this.lastTime);
  }

  /** Time average of the value from the start time up to `now`; the current value if no time has passed. */
  mean(now: SimTime): number {
    const span = now - this.startTime;
    return span > 0 ? this.integral(now) / span : this.value;
  }
}

// The message is built out here, not in a template literal inside update(): inlined into a caller with the
// clock as a raw double, V8 converted `now` to a string at every call, thrown or not (~1,500 instructions,
// 30% of a repair-shop event; bench/RESULTS.md, the kernel's A/B).
function timeWentBackwards(now: SimTime, last: SimTime): RangeError {
  return new RangeError(`TimeWeighted.update(): time went backwards (${now} < ${last})`);
}
