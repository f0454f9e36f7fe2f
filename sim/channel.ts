/**
 * A typed broadcast channel: listeners subscribe, `emit` calls each in the
 * order they subscribed. Fixed arity (up to three arguments) rather than rest
 * parameters, so that an emit on a hot path allocates nothing.
 *
 * `emit` is a data property, swapped as listeners come and go: with one
 * listener it *is* that listener, with none a no-op. A call site such as
 * `bus.poolChanged.emit(pool, server)` then calls the listener directly, and
 * V8 can inline it there, as it could a hand-written hook; a shared method
 * looping over listeners would be one megamorphic call for every channel of
 * the program (bench: pangyo; it cost a Pangyo run about a fifth).
 */

/** A listener of a channel. */
export type Listener<A, B, C> = (a: A, b: B, c: C) => void;

const nothing = (): void => undefined;

/**
 * One kind of signal with its listeners. `Channel<number, number>` carries two
 * numbers; unused trailing arguments are `void` and may be left out.
 */
export class Channel<A = void, B = void, C = void> {
  /** Calls every listener, in subscription order, with the arguments. */
  emit: Listener<A, B, C> = nothing;
  private listeners: Array<Listener<A, B, C>> = [];

  /** Subscribes `fn`; listeners run in subscription order. Returns `fn`, for `off`. */
  on(fn: Listener<A, B, C>): Listener<A, B, C> {
    // A new array, not a push: an emit under way keeps looping over the listeners it started with.
    this.listeners = [...this.listeners, fn];
    this.rewire();
    return fn;
  }

  /** Unsubscribes `fn`; false if it was not subscribed. */
  off(fn: Listener<A, B, C>): boolean {
    const i = this.listeners.indexOf(fn);
    if (i < 0) return false;
    this.listeners = this.listeners.filter((_, k) => k !== i);
    this.rewire();
    return true;
  }

  /** Number of listeners. */
  get size(): number {
    return this.listeners.length;
  }

  private rewire(): void {
    const listeners = this.listeners;
    if (listeners.length === 0) this.emit = nothing;
    else if (listeners.length === 1) this.emit = listeners[0]!;
    else {
      this.emit = (a, b, c) => {
        for (let i = 0; i < listeners.length; i++) listeners[i]!(a, b, c);
      };
    }
  }
}

/** Creates a channel. */
export function createChannel<A = void, B = void, C = void>(): Channel<A, B, C> {
  return new Channel<A, B, C>();
}
