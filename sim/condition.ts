import type { Environment } from './environment.js';
import { EventState, SimEvent } from './event.js';

/** Decides whether a condition holds, given its events and how many of them have succeeded. */
export type ConditionTest = (events: readonly SimEvent[], succeeded: number) => boolean;

/** All of the events have succeeded. */
export const allEvents: ConditionTest = (events, succeeded) => succeeded === events.length;
/** At least one event has succeeded (or there are none). */
export const anyEvent: ConditionTest = (events, succeeded) => succeeded > 0 || events.length === 0;

/**
 * An event that succeeds once `test` holds over a set of events, SimPy's
 * `Condition` behind `allOf` / `anyOf`. Its value maps each of the events that
 * had succeeded when it was met to that event's value, in the given order. It
 * fails, with the same error, as soon as one of its events fails.
 */
export class Condition extends SimEvent<Map<SimEvent, unknown>> {
  private readonly events: readonly SimEvent[];
  private readonly test: ConditionTest;
  private readonly label: string;
  private succeeded = 0;
  private readonly check = (event: SimEvent): void => this.observe(event);

  constructor(env: Environment, test: ConditionTest, events: readonly SimEvent<any>[], label = 'Condition') {
    super(env);
    this.events = [...events];
    this.test = test;
    this.label = label;
    for (const event of this.events) {
      if (!(event instanceof SimEvent)) throw new TypeError(`${label}: every item must be an event, got ${String(event)}`);
      if (event.env !== env) throw new Error(`${label}: an event belongs to another environment`);
    }
    if (this.test(this.events, 0)) {
      this.succeed(new Map());
      return;
    }
    for (const event of this.events) {
      if (this.state !== EventState.Pending) break;
      if (event.state === EventState.Processed) this.observe(event);
      else if (event.state !== EventState.Cancelled) event.addCallback(this.check);
    }
  }

  override toString(): string {
    return `${this.label}(${this.events.length} events)`;
  }

  private observe(event: SimEvent): void {
    if (this.state !== EventState.Pending) return;
    if (!event.ok) {
      event.defused = true;
      this.detach();
      this.fail(event.outcome as Error);
      return;
    }
    this.succeeded++;
    if (this.test(this.events, this.succeeded)) {
      this.detach();
      const value = new Map<SimEvent, unknown>();
      for (const e of this.events) if (e.state === EventState.Processed && e.ok) value.set(e, e.outcome);
      this.succeed(value);
    }
  }

  /** Stops listening to events still pending, so they do not hold on to a met condition. */
  private detach(): void {
    for (const event of this.events) event.removeCallback(this.check);
  }
}
