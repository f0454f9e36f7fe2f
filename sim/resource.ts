import type { Callback, Environment } from './environment.js';
import { EventState, SimEvent } from './event.js';
import { EventQueue } from './queue.js';
import { Tally, TimeWeighted } from './stats.js';

/** Options of `createResource`. */
export interface ResourceDef {
  /** Units that can be held at once (crews, electricians). Positive integer. */
  capacity: number;
  /** Name used in errors and traces. [default: 'resource'] */
  name?: string;
}

/** A ticket for a queued `acquire`, for `withdraw`. */
export type Ticket = number;

const SLOT_LIMIT = 2 ** 26;
const GEN_MASK = SLOT_LIMIT - 1;

/**
 * A pool of identical units with a priority queue of waiters, SimPy's
 * `PriorityResource`: lower priority numbers are served first, equal ones in
 * arrival order. Two ways in: `acquire(fn, arg)` calls back when a unit is
 * granted (the hot path, no allocation), `request()` returns an event for
 * processes. Keeps its statistics: utilisation, waits, time-averaged queue length.
 */
export class Resource {
  readonly env: Environment;
  readonly name: string;
  /** Units in use over time; its mean over capacity is the utilisation. */
  readonly busy: TimeWeighted;
  /** Waiters in the queue over time. */
  readonly queueLength: TimeWeighted;
  /** Waits from acquire/request to grant, in ms, zeros included. */
  readonly waits = new Tally();
  private limit: number;
  private inUse = 0;
  private waiting = 0;
  private readonly queue = new EventQueue(64);
  private fns: Array<Callback | null> = [];
  private args: unknown[] = [];
  private since: number[] = [];
  private generations: number[] = [];
  private freeSlots: number[] = [];
  private seq = 0;

  constructor(env: Environment, def: ResourceDef) {
    if (!(Number.isInteger(def.capacity) && def.capacity > 0)) {
      throw new RangeError(`resource ${def.name ?? ''}: capacity must be a positive integer, got ${def.capacity}`);
    }
    this.env = env;
    this.limit = def.capacity;
    this.name = def.name ?? 'resource';
    this.busy = new TimeWeighted(env.now, 0);
    this.queueLength = new TimeWeighted(env.now, 0);
  }

  /** Units it has now. */
  get capacity(): number {
    return this.limit;
  }

  /**
   * Changes the number of units (people called in, a shift going home). More
   * units serve waiters at once, in priority order; fewer take effect as held
   * units are released, never by taking a unit from its holder.
   */
  setCapacity(capacity: number): void {
    if (!(Number.isInteger(capacity) && capacity > 0)) {
      throw new RangeError(`${this.name}.setCapacity(): capacity must be a positive integer, got ${capacity}`);
    }
    this.limit = capacity;
    while (this.inUse < this.limit && this.waiting > 0) {
      // Counted as held before the waiter's callback runs: it may release at once.
      this.busy.update(this.env.now, ++this.inUse);
      this.grantNext();
    }
  }

  /** Units held now. */
  get count(): number {
    return this.inUse;
  }

  /** Waiters queued now. */
  get queued(): number {
    return this.waiting;
  }

  /** Time-averaged units in use since creation over the capacity now (exact while the capacity never changed). */
  utilisation(): number {
    return this.busy.mean(this.env.now) / this.capacity;
  }

  /** Time-averaged number of waiters since creation. */
  meanQueueLength(): number {
    return this.queueLength.mean(this.env.now);
  }

  /**
   * Asks for one unit; `fn(arg)` is called once it is granted: at once, inside
   * this call, if a unit is free and nobody waits, otherwise from the
   * `release()` that frees one. Returns a ticket for `withdraw`, or -1 if
   * granted at once.
   */
  acquire<A>(fn: Callback<A>, arg?: A, priority = 0): Ticket {
    if (!Number.isFinite(priority)) throw new RangeError(`${this.name}.acquire(): priority must be a finite number, got ${priority}`);
    const now = this.env.now;
    if (this.inUse < this.capacity && this.waiting === 0) {
      this.busy.update(now, ++this.inUse);
      this.waits.add(0);
      fn(arg as A);
      return -1;
    }
    let slot: number;
    if (this.freeSlots.length > 0) {
      slot = this.freeSlots.pop()!;
    } else {
      slot = this.fns.length;
      this.fns.push(null);
      this.args.push(undefined);
      this.since.push(0);
      this.generations.push(0);
    }
    this.fns[slot] = fn;
    this.args[slot] = arg;
    this.since[slot] = now;
    this.queue.push(priority, this.seq++, slot);
    this.queueLength.update(now, ++this.waiting);
    return this.generations[slot]! * SLOT_LIMIT + slot;
  }

  /** Takes a queued acquire back before it is granted. Returns false if it was granted or withdrawn already. */
  withdraw(ticket: Ticket): boolean {
    if (!(ticket >= 0)) return false;
    const slot = ticket % SLOT_LIMIT;
    if (this.generations[slot] !== (ticket - slot) / SLOT_LIMIT || this.fns[slot] == null) return false;
    this.fns[slot] = null;
    this.args[slot] = undefined;
    this.queueLength.update(this.env.now, --this.waiting);
    return true;
  }

  /**
   * Gives back one unit. If someone waits, the first in priority order gets it
   * and its callback runs inside this call.
   */
  release(): void {
    if (this.inUse === 0) throw new Error(`${this.name}.release(): no unit is in use`);
    // The unit passes straight to the first waiter (in use stays the same), unless the capacity shrank below what is held.
    if (this.inUse <= this.limit && this.grantNext()) return;
    this.busy.update(this.env.now, --this.inUse);
  }

  /** Hands a unit to the first waiter still waiting; false if none waits. */
  private grantNext(): boolean {
    const now = this.env.now;
    const queue = this.queue;
    while (queue.size > 0) {
      const slot = queue.slots[0]!;
      queue.pop();
      const fn = this.fns[slot]!;
      const arg = this.args[slot];
      this.fns[slot] = null;
      this.args[slot] = undefined;
      this.generations[slot] = (this.generations[slot]! + 1) & GEN_MASK;
      this.freeSlots.push(slot);
      if (fn === null) continue; // withdrawn
      this.queueLength.update(now, --this.waiting);
      this.waits.add(now - this.since[slot]!);
      fn(arg);
      return true;
    }
    return false;
  }

  /** Asks for one unit as an event that succeeds when it is granted; give it back with `request.release()`. */
  request(priority = 0): Request {
    return new Request(this, priority);
  }

  toString(): string {
    return `Resource '${this.name}'`;
  }
}

/**
 * A request for one unit of a resource, as an event: yield it to wait for the
 * grant, then `release()` it. Releasing (or cancelling) a request still
 * waiting takes it out of the queue, so an interrupted process can clean up.
 */
export class Request extends SimEvent<Request> {
  readonly resource: Resource;
  readonly priority: number;
  private ticket: Ticket;
  private granted = false;
  private released = false;

  constructor(resource: Resource, priority: number) {
    super(resource.env);
    this.resource = resource;
    this.priority = priority;
    this.ticket = -1;
    this.ticket = resource.acquire(grant, this, priority);
  }

  /** Gives the unit back, or leaves the queue if it was not granted yet. Idempotent. */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.granted) this.resource.release();
    else this.resource.withdraw(this.ticket);
  }

  override cancel(): boolean {
    const pending = this.state === EventState.Pending || this.state === EventState.Triggered;
    this.release();
    return pending && super.cancel();
  }

  override toString(): string {
    return `Request for ${this.resource.toString()}`;
  }

  /** @internal */
  markGranted(): void {
    this.granted = true;
  }
}

function grant(request: Request): void {
  request.markGranted();
  request.succeed(request);
}

/** Creates a resource in `env`. */
export function createResource(env: Environment, def: ResourceDef): Resource {
  return new Resource(env, def);
}
