/**
 * A typed broadcast channel: listeners subscribe, `emit` calls each in the
 * order they subscribed. Fixed arity (up to three arguments) rather than rest
 * parameters, so that an emit on a hot path allocates nothing.
 */

/** A listener of a channel. */
export type Listener<A, B, C> = (a: A, b: B, c: C) => void;

/**
 * One kind of signal with its listeners. `Channel<number, number>` carries two
 * numbers; unused trailing arguments are `void` and may be left out.
 */
export class Channel<A = void, B = void, C = void> {
  private readonly listeners: Array<Listener<A, B, C>> = [];

  /** Subscribes `fn`; listeners run in subscription order. Returns `fn`, for `off`. */
  on(fn: Listener<A, B, C>): Listener<A, B, C> {
    this.listeners.push(fn);
    return fn;
  }

  /** Unsubscribes `fn`; false if it was not subscribed. */
  off(fn: Listener<A, B, C>): boolean {
    const i = this.listeners.indexOf(fn);
    if (i < 0) return false;
    this.listeners.splice(i, 1);
    return true;
  }

  /** Number of listeners. */
  get size(): number {
    return this.listeners.length;
  }

  /** Calls every listener with the arguments. A listener subscribed during an emit is called from the next emit on. */
  emit(a: A, b: B, c: C): void {
    const listeners = this.listeners;
    // An indexed loop over a snapshot length: no iterator, and a listener added meanwhile waits for the next emit.
    for (let i = 0, n = listeners.length; i < n; i++) listeners[i]!(a, b, c);
  }
}

/** Creates a channel. */
export function createChannel<A = void, B = void, C = void>(): Channel<A, B, C> {
  return new Channel<A, B, C>();
}
