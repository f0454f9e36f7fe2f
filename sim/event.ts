import type { Environment } from './environment.js';
import { NORMAL } from './priority.js';
import type { SimTime } from './time.js';

/** Lifecycle of an event: created, scheduled to be processed, processed, or cancelled before that. */
export const EventState = { Pending: 0, Triggered: 1, Processed: 2, Cancelled: 3 } as const;
/** One of the values of `EventState`. */
export type EventState = (typeof EventState)[keyof typeof EventState];

/** A function called with an event once the event is processed. */
export type EventCallback<T> = (event: SimEvent<T>) => void;

/**
 * Something that happens at one simulated time, SimPy's `Event`: it is
 * triggered (`succeed` / `fail`), which schedules it, and then processed, which
 * runs its callbacks in the order they were added. Processes wait on events by
 * yielding them.
 */
export class SimEvent<T = unknown> {
  readonly env: Environment;
  /** Callbacks to run when processed; `null` once processed or cancelled. */
  callbacks: Array<EventCallback<any>> | null = [];
  /** Where the event is in its lifecycle. */
  state: EventState = EventState.Pending;
  /** False once the event has failed. */
  ok = true;
  /**
   * Set by whoever handles a failure (a process that receives it, a condition).
   * A failed event nobody defused stops the run, as in SimPy.
   */
  defused = false;
  /** @internal The value, or the error of a failed event. */
  outcome: unknown = undefined;
  /** @internal The environment's handle of the scheduled processing, for cancel(). */
  handle = -1;

  constructor(env: Environment) {
    this.env = env;
  }

  /** True once triggered (scheduled for processing), processed or not. */
  get triggered(): boolean {
    return this.state === EventState.Triggered || this.state === EventState.Processed;
  }

  /** True once the callbacks have run. */
  get processed(): boolean {
    return this.state === EventState.Processed;
  }

  /** The value the event succeeded with. Throws if it failed or has not been triggered. */
  get value(): T {
    if (!this.triggered) throw new Error(`${this.toString()} has no value yet: it has not been triggered`);
    if (!this.ok) throw this.outcome;
    return this.outcome as T;
  }

  /** Triggers the event as a success: it is processed at the current time. */
  succeed(value?: T, priority: number = NORMAL): this {
    this.assertPending('succeed');
    this.ok = true;
    this.outcome = value;
    this.schedule(0, priority);
    return this;
  }

  /** Triggers the event as a failure: processes waiting on it receive `error` thrown at their `yield`. */
  fail(error: Error, priority: number = NORMAL): this {
    this.assertPending('fail');
    if (!(error instanceof Error)) throw new TypeError(`${this.toString()}.fail() needs an Error, got ${String(error)}`);
    this.ok = false;
    this.outcome = error;
    this.schedule(0, priority);
    return this;
  }

  /** Triggers the event with the outcome of `other`, which must already be triggered. */
  trigger(other: SimEvent<T>): this {
    if (!other.triggered) throw new Error(`${this.toString()}.trigger(): ${other.toString()} has not been triggered`);
    return other.ok ? this.succeed(other.outcome as T) : this.fail(other.outcome as Error);
  }

  /** Adds a callback run when the event is processed. Throws if it already was. */
  addCallback(callback: EventCallback<T>): this {
    if (this.callbacks === null) {
      throw new Error(`${this.toString()} has already been ${this.state === EventState.Cancelled ? 'cancelled' : 'processed'}`);
    }
    this.callbacks.push(callback);
    return this;
  }

  /** Removes a callback added earlier; returns whether it was there. */
  removeCallback(callback: EventCallback<T>): boolean {
    const callbacks = this.callbacks;
    if (callbacks === null) return false;
    const i = callbacks.indexOf(callback);
    if (i < 0) return false;
    callbacks.splice(i, 1);
    return true;
  }

  /**
   * Cancels the event: it will never be processed and its callbacks never run
   * (a failover timer overtaken by power returning). Returns false if it had
   * already been processed or cancelled.
   */
  cancel(): boolean {
    if (this.state === EventState.Processed || this.state === EventState.Cancelled) return false;
    if (this.state === EventState.Triggered) this.env.cancel(this.handle);
    this.state = EventState.Cancelled;
    this.callbacks = null;
    return true;
  }

  /** Describes the event in errors and traces. */
  toString(): string {
    return this.constructor.name;
  }

  /** @internal Schedules processing after `delay`. */
  protected schedule(delay: SimTime, priority: number): void {
    this.state = EventState.Triggered;
    this.handle = this.env.schedule(delay, processEvent, this as SimEvent, priority);
  }

  private assertPending(verb: string): void {
    if (this.state !== EventState.Pending) {
      const what = this.state === EventState.Cancelled ? 'cancelled' : 'triggered';
      throw new Error(`cannot ${verb} ${this.toString()}: it has already been ${what}`);
    }
  }
}

/**
 * Processes an event: runs its callbacks, then, if it failed and none of them
 * handled the failure, throws so that the run stops (SimPy's rule that a
 * failed event is never silently ignored).
 */
export function processEvent(event: SimEvent): void {
  const callbacks = event.callbacks;
  event.state = EventState.Processed;
  event.callbacks = null;
  if (callbacks !== null) {
    for (let i = 0; i < callbacks.length; i++) callbacks[i]!(event);
  }
  if (!event.ok && !event.defused) throw event.outcome;
}

/** An event that succeeds `delay` ms after its creation. */
export class Timeout<T = undefined> extends SimEvent<T> {
  /** Delay in ms from creation to processing. */
  readonly delay: SimTime;

  constructor(env: Environment, delay: SimTime, value?: T, priority: number = NORMAL) {
    super(env);
    this.delay = delay;
    this.outcome = value;
    this.schedule(delay, priority);
  }

  override toString(): string {
    return `Timeout(${this.delay} ms)`;
  }
}
