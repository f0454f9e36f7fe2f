import type { ActorOptions, AnyActorLogic } from 'xstate';
import type { Environment } from './environment.js';

/** xstate's `Clock` interface (the package does not export the name). */
export type Clock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

/**
 * An xstate `Clock` on simulated time: pass it to `createActor(machine, { clock })`
 * and the actor's delayed transitions (`after: { 5000: … }`) become kernel events,
 * ordered with everything else in the run, instead of real timers.
 * Both speak milliseconds, so delays cross unchanged.
 */
export function createSimulatedClock(env: Environment): Clock {
  return {
    setTimeout(fn: (...args: any[]) => void, timeout: number) {
      return env.schedule(Math.max(0, timeout), runTimer, fn);
    },
    clearTimeout(id: number) {
      env.cancel(id);
    },
  };
}

function runTimer(fn: () => void): void {
  fn();
}
