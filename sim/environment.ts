import { Condition, allEvents, anyEvent } from './condition.js';
import { EmptyScheduleError, SimulationError } from './errors.js';
import { SimEvent, Timeout, processEvent } from './event.js';
import { NORMAL, assertPriority } from './priority.js';
import { Process, type ProcessGenerator } from './process.js';
import { EventQueue } from './queue.js';
import type { SimTime } from './time.js';

/** A function the environment calls at a scheduled time with the argument given when scheduling. */
export type Callback<A = any> = (arg: A) => void;

/**
 * A handle to a scheduled callback, for `cancel()`. It stays valid after the
 * callback runs (cancel then returns false) until its slot has been reused
 * 2^26 times.
 */
export type EventId = number;

/** Options of `createEnvironment`. */
export interface EnvironmentDef {
  /** Simulated time at the start, in ms. [default: 0] */
  initialTime?: SimTime;
  /** Called before each event is handled, with what `describeEvent` says of it; for traces and golden logs. [default: none] */
  trace?: (time: SimTime, description: string) => void;
  /** Expected number of pending events; the queue grows past it as needed. [default: 1024] */
  capacity?: number;
}

/** Options of `run()`. */
export interface RunOptions {
  /**
   * Stop before handling events at this time (ms) and set `now` to it, or
   * stop once this event has been processed. [default: run until no events remain]
   */
  until?: SimTime | SimEvent<any>;
}

// An entry's rank packs (priority, seq): priority * 2^45 + seq stays an exact
// float64 integer for priorities up to 255 and 3.5e13 events per run.
const RANK_SCALE = 2 ** 45;
const SLOT_LIMIT = 2 ** 26;
const GEN_MASK = SLOT_LIMIT - 1;

/**
 * The discrete-event kernel: a clock and one queue of pending events keyed by
 * (time, priority, seq), so equal times leave in scheduling order and a run is
 * a pure function of its inputs. Behaviour is written either as callbacks
 * (`schedule`, for hot paths) or as generator processes (`process`, for
 * narrative logic), as in SimPy.
 */
export class Environment {
  /** The process being resumed right now, if any. */
  activeProcess: Process<unknown> | null = null;

  // Starts as a number, not undefined (a bare field declaration): V8 then stores the clock's fractional
  // times in place instead of allocating a heap number at every event.
  private nowMs: SimTime = 0;
  private readonly queue: EventQueue;
  private fns: Array<Callback | null>;
  private args: unknown[];
  private generations: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  private seq = 0;
  /** The root entry was handed to the running callback but is still in the heap (see `step`). */
  private rootTaken = false;
  private stopRequested = false;
  private running = false;
  private handled = 0;
  private readonly trace: ((time: SimTime, description: string) => void) | null;

  constructor(def: EnvironmentDef = {}) {
    const initialTime = def.initialTime ?? 0;
    if (!Number.isFinite(initialTime)) throw new RangeError(`initialTime must be a finite number of ms, got ${initialTime}`);
    this.nowMs = initialTime;
    const capacity = Math.max(16, def.capacity ?? 1024);
    this.queue = new EventQueue(capacity);
    this.fns = new Array<Callback | null>(capacity).fill(null);
    this.args = new Array<unknown>(capacity).fill(undefined);
    this.generations = new Int32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
    this.trace = def.trace ?? null;
  }

  /** The current simulated time in ms. */
  get now(): SimTime {
    return this.nowMs;
  }

  /** Events handled so far (cancelled ones not counted). */
  get eventsHandled(): number {
    return this.handled;
  }

  /** Number of entries in the queue, cancelled ones not yet discarded included. */
  get queueSize(): number {
    return this.queue.size - (this.rootTaken ? 1 : 0);
  }

  /**
   * Calls `fn(arg)` after `delay` ms (0 = now, after what is already due now).
   * The hot path of the kernel: no allocation. Returns a handle for `cancel`.
   */
  schedule<A>(delay: SimTime, fn: Callback<A>, arg?: A, priority: number = NORMAL): EventId {
    if (!(delay >= 0 && delay < Infinity)) {
      throw new RangeError(`schedule(): delay must be a finite number of ms >= 0, got ${delay}`);
    }
    if (priority !== NORMAL) assertPriority(priority);
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount]!;
    else slot = this.newSlot();
    this.fns[slot] = fn;
    this.args[slot] = arg;
    const time = this.nowMs + delay;
    const rank = priority * RANK_SCALE + this.seq++;
    if (this.rootTaken) {
      // The event being handled still sits at the root: overwrite it instead
      // of a separate pop and push (bench: event-churn, repair-shop).
      this.rootTaken = false;
      this.queue.replaceTop(time, rank, slot);
    } else {
      this.queue.push(time, rank, slot);
    }
    return this.generations[slot]! * SLOT_LIMIT + slot;
  }

  /** Calls `fn(arg)` at absolute time `time` (ms), which must not be in the past. */
  scheduleAt<A>(time: SimTime, fn: Callback<A>, arg?: A, priority: number = NORMAL): EventId {
    if (!(time >= this.nowMs)) throw new RangeError(`scheduleAt(): time ${time} ms is before now (${this.nowMs} ms)`);
    return this.schedule(time - this.nowMs, fn, arg, priority);
  }

  /**
   * Cancels a scheduled callback so that it never runs. Returns false if it
   * has already run or been cancelled. O(1): the entry is dropped when it
   * reaches the front of the queue, without moving the clock.
   */
  cancel(id: EventId): boolean {
    if (!(id >= 0)) return false;
    const slot = id % SLOT_LIMIT;
    const generation = (id - slot) / SLOT_LIMIT;
    if (slot >= this.slotCount || this.generations[slot] !== generation || this.fns[slot] === null) return false;
    this.fns[slot] = null;
    this.args[slot] = undefined;
    return true;
  }

  /** Time of the next event to handle, or Infinity if none is left. */
  peek(): SimTime {
    this.settleRoot();
    this.dropCancelledHead();
    return this.queue.size > 0 ? this.queue.keys[0]! : Infinity;
  }

  /** Handles the next event. Throws `EmptyScheduleError` if there is none. */
  step(): void {
    this.assertNotRunning('step');
    this.settleRoot();
    this.dropCancelledHead();
    if (this.queue.size === 0) throw new EmptyScheduleError('step(): no events left to handle');
    this.loop(Infinity, true);
  }

  /**
   * Runs until no events remain, until a time (events at exactly that time are
   * not handled, and `now` ends there), or until an event has been processed
   * (returning its value). Also returns early after `stop()`.
   */
  run(options: RunOptions = {}): unknown {
    this.assertNotRunning('run');
    const until = options.until;
    this.settleRoot();
    this.stopRequested = false;
    if (until instanceof SimEvent) return this.runUntilEvent(until);
    if (until === undefined) {
      this.loop(Infinity, false);
      return undefined;
    }
    if (!(until >= this.nowMs)) {
      throw new RangeError(`run({ until }): until must be a time >= now (${this.nowMs} ms), got ${until}`);
    }
    this.loop(until, false);
    if (!this.stopRequested && until < Infinity) this.nowMs = until;
    return undefined;
  }

  /** Makes the current `run()` return after the event being handled. */
  stop(): void {
    this.stopRequested = true;
  }

  /** A new pending event, to be triggered by `succeed` or `fail`. */
  event<T = unknown>(): SimEvent<T> {
    return new SimEvent<T>(this);
  }

  /** An event that succeeds with `value` after `delay` ms. */
  timeout<T = undefined>(delay: SimTime, value?: T, priority: number = NORMAL): Timeout<T> {
    if (!(delay >= 0 && delay < Infinity)) {
      throw new RangeError(`timeout(): delay must be a finite number of ms >= 0, got ${delay}`);
    }
    return new Timeout<T>(this, delay, value, priority);
  }

  /** Starts a generator process now; the returned process is an event that succeeds with the generator's return value. */
  process<R>(generator: ProcessGenerator<R>, name?: string): Process<R> {
    return new Process<R>(this, generator, name);
  }

  /** An event that succeeds once all `events` have succeeded (fails as soon as one fails). */
  allOf(events: readonly SimEvent<any>[]): Condition {
    return new Condition(this, allEvents, events, 'AllOf');
  }

  /** An event that succeeds once any of `events` has succeeded (fails if the first to finish fails). */
  anyOf(events: readonly SimEvent<any>[]): Condition {
    return new Condition(this, anyEvent, events, 'AnyOf');
  }

  private runUntilEvent(until: SimEvent<any>): unknown {
    if (until.env !== this) throw new Error('run({ until }): the event belongs to another environment');
    if (!until.processed) {
      const stop = () => this.stop();
      until.addCallback(stop);
      this.loop(Infinity, false);
      if (!until.processed) {
        until.removeCallback(stop);
        throw new EmptyScheduleError(`run({ until }): no events left, but ${until.toString()} was never processed`);
      }
    }
    return until.value;
  }

  /**
   * The event loop. The handled entry is freed before its callback runs but
   * stays at the heap root, flagged by `rootTaken`: if the callback schedules
   * an event, that entry replaces the root in one sift-down (see `schedule`).
   */
  private loop(limit: SimTime, once: boolean): void {
    this.running = true;
    try {
      this.drain(limit, once);
    } finally {
      this.running = false;
    }
  }

  // Apart from `loop` so that its compiled form, entered in the middle of the first long run, has
  // seen every statement it contains: a `finally` that had not run yet when it was compiled sent every
  // later run back to the interpreter at its end.
  private drain(limit: SimTime, once: boolean): void {
    const queue = this.queue;
    const fns = this.fns;
    const args = this.args;
    const trace = this.trace;
    let fn: Callback | null = null;
    let arg: unknown = undefined;
    try {
      while (queue.size > 0 && !this.stopRequested) {
        // Not a variable of the function: one the catch below reads would be boxed, a heap number
        // per event, so that the handler could see it at every call that might throw.
        const time = queue.keys[0]!;
        if (time >= limit) break;
        const slot = queue.slots[0]!;
        fn = fns[slot]!;
        arg = args[slot];
        fns[slot] = null;
        args[slot] = undefined;
        this.generations[slot] = (this.generations[slot]! + 1) & GEN_MASK;
        this.freeSlots[this.freeCount++] = slot;
        if (fn === null) {
          queue.pop(); // cancelled: dropped without moving the clock
          continue;
        }
        this.nowMs = time;
        this.handled++;
        this.rootTaken = true;
        if (trace !== null) trace(time, describeEvent(fn, arg));
        fn(arg);
        if (this.rootTaken) {
          this.rootTaken = false;
          queue.pop();
        }
        if (once) break;
      }
    } catch (error) {
      this.settleRoot();
      this.activeProcess = null;
      if (error instanceof SimulationError) throw error;
      // Only a callback throws, after the clock moved to its event: the event's time is now.
      throw new SimulationError(this.nowMs, fn === null ? 'an event' : describeEvent(fn, arg), error);
    }
  }

  private assertNotRunning(what: string): void {
    if (this.running) throw new Error(`${what}() cannot be called from inside an event handler; schedule an event or call stop()`);
  }

  private settleRoot(): void {
    if (this.rootTaken) {
      this.rootTaken = false;
      this.queue.pop();
    }
  }

  private dropCancelledHead(): void {
    const queue = this.queue;
    while (queue.size > 0) {
      const slot = queue.slots[0]!;
      if (this.fns[slot] !== null) return;
      this.generations[slot] = (this.generations[slot]! + 1) & GEN_MASK;
      this.freeSlots[this.freeCount++] = slot;
      queue.pop();
    }
  }

  private newSlot(): number {
    const slot = this.slotCount++;
    if (slot >= SLOT_LIMIT) throw new RangeError(`more than ${SLOT_LIMIT} events pending at once`);
    if (slot >= this.generations.length) {
      const n = this.generations.length * 2;
      const generations = new Int32Array(n);
      generations.set(this.generations);
      this.generations = generations;
      const freeSlots = new Int32Array(n);
      freeSlots.set(this.freeSlots);
      this.freeSlots = freeSlots;
      for (let i = this.fns.length; i < n; i++) {
        this.fns.push(null);
        this.args.push(undefined);
      }
    }
    return slot;
  }
}

/** Creates a simulation environment. */
export function createEnvironment(def: EnvironmentDef = {}): Environment {
  return new Environment(def);
}

/** Describes a scheduled callback or event for errors and traces: `Timeout(500 ms)`, `callback fail(17)`. */
export function describeEvent(fn: Callback, arg: unknown): string {
  if (fn === processEvent) return (arg as SimEvent).toString();
  const name = fn.name || '(anonymous)';
  return `callback ${name}(${arg === undefined ? '' : describeArgument(arg)})`;
}

function describeArgument(arg: unknown): string {
  if (arg === null || typeof arg !== 'object') return typeof arg === 'function' ? 'function' : JSON.stringify(arg) ?? String(arg);
  if (Object.prototype.hasOwnProperty.call(Object.getPrototypeOf(arg), 'toString') && Object.getPrototypeOf(arg) !== Object.prototype) {
    return String(arg);
  }
  return arg.constructor?.name ?? 'object';
}
