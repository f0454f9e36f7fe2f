import type { Environment } from './environment.js';
import { EventState, SimEvent } from './event.js';
import { URGENT } from './priority.js';

/** What a process body is: a generator that yields events and may return a value. */
export type ProcessGenerator<R = unknown> = Generator<SimEvent<any>, R, any>;

/** Thrown into a process at its current `yield` by `Process.interrupt(cause)`. */
export class Interrupt extends Error {
  constructor(cause: unknown) {
    super(`interrupted${cause === undefined ? '' : `: ${String(cause)}`}`, { cause });
    this.name = 'Interrupt';
  }
}

let anonymousCount = 0;

/**
 * A generator run as a simulation process, SimPy's `Process`. Each `yield`
 * suspends it until the yielded event is processed; the process resumes with
 * the event's value, or with its error thrown at the `yield`. The process is
 * itself an event that succeeds with the generator's return value, so others
 * can wait for it.
 */
export class Process<R = unknown> extends SimEvent<R> {
  /** Name used in errors and traces. */
  readonly name: string;
  /** The event the process waits for, or null when it is not waiting. */
  target: SimEvent | null = null;
  private readonly generator: ProcessGenerator<R>;
  private readonly resumeCallback = (event: SimEvent): void => this.resume(event);
  private readonly interruptCallback = (event: SimEvent): void => this.handleInterrupt(event);

  constructor(env: Environment, generator: ProcessGenerator<R>, name?: string) {
    super(env);
    if (generator === null || typeof generator !== 'object' || typeof generator.next !== 'function') {
      throw new TypeError(`process(): expected a generator object (call the generator function), got ${String(generator)}`);
    }
    this.generator = generator;
    this.name = name ?? `process#${++anonymousCount}`;
    // Start at the current time, before ordinary events already due now, as SimPy's Initialize does.
    const start = new SimEvent(env);
    start.addCallback(this.resumeCallback);
    start.succeed(undefined, URGENT);
    this.target = start;
  }

  /** True until the generator returns or throws. */
  get isAlive(): boolean {
    return this.state === EventState.Pending;
  }

  /**
   * Throws an `Interrupt` carrying `cause` into the process at its current
   * `yield`, at the current time and before ordinary events due now. The event
   * it was waiting for no longer resumes it.
   */
  interrupt(cause?: unknown): void {
    if (!this.isAlive) throw new Error(`${this.toString()} has terminated and cannot be interrupted`);
    if (this.env.activeProcess === this) throw new Error(`${this.toString()} cannot interrupt itself`);
    const interruption = new SimEvent(this.env);
    interruption.addCallback(this.interruptCallback);
    interruption.fail(new Interrupt(cause), URGENT);
    interruption.defused = true;
  }

  override toString(): string {
    return `Process '${this.name}'`;
  }

  private handleInterrupt(interruption: SimEvent): void {
    // The process may have ended between the interrupt call and now.
    if (!this.isAlive) return;
    if (this.target !== null) this.target.removeCallback(this.resumeCallback);
    this.resume(interruption);
  }

  private resume(event: SimEvent): void {
    const env = this.env;
    env.activeProcess = this as Process<unknown>;
    let current = event;
    for (;;) {
      let step: IteratorResult<SimEvent, R>;
      try {
        if (current.ok) {
          step = this.generator.next(current.outcome);
        } else {
          current.defused = true;
          step = this.generator.throw(current.outcome);
        }
      } catch (error) {
        this.target = null;
        env.activeProcess = null;
        this.fail(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (step.done) {
        this.target = null;
        env.activeProcess = null;
        this.succeed(step.value);
        return;
      }
      const next = step.value;
      if (!(next instanceof SimEvent) || next.env !== env) {
        const what = next instanceof SimEvent ? 'an event of another environment' : describeYield(next);
        current = new SimEvent(env);
        current.ok = false;
        current.outcome = new TypeError(`${this.toString()} yielded ${what}; yield an event such as env.timeout(ms)`);
        continue; // thrown into the generator, which may handle it
      }
      if (next.state === EventState.Processed) {
        current = next; // already happened: resume at once with its outcome
        continue;
      }
      if (next.state === EventState.Cancelled) {
        current = new SimEvent(env);
        current.ok = false;
        current.outcome = new Error(`${this.toString()} yielded ${next.toString()}, which was cancelled and will never happen`);
        continue;
      }
      next.callbacks!.push(this.resumeCallback as (event: SimEvent<unknown>) => void);
      this.target = next;
      env.activeProcess = null;
      return;
    }
  }
}

function describeYield(value: unknown): string {
  if (typeof value === 'number') return `the number ${value}`;
  if (value === undefined) return 'nothing';
  return typeof value === 'object' ? `an object that is not an event (${value?.constructor?.name ?? 'null'})` : `a ${typeof value}`;
}
