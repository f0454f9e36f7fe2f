import { formatSimTime, type SimTime } from './time.js';

/**
 * Raised out of `Environment.run()` / `step()` when an event's handler throws
 * or a failed event is left unhandled. The run stops there: the simulation
 * never swallows an error and carries on from a corrupt state.
 */
export class SimulationError extends Error {
  /** Simulated time at which the event was being handled. */
  readonly time: SimTime;
  /** What was being handled, e.g. `callback fail(17)` or `Process 'reboot'`. */
  readonly event: string;

  constructor(time: SimTime, event: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`simulation stopped at ${formatSimTime(time)} (${time} ms) while handling ${event}: ${reason}`, { cause });
    this.name = 'SimulationError';
    this.time = time;
    this.event = event;
  }
}

/** Raised when `run({ until: event })` runs out of events before `event` happens. */
export class EmptyScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmptyScheduleError';
  }
}
