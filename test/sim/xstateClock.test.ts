import { describe, expect, it } from 'vitest';
import { assign, createActor, createMachine, setup } from 'xstate';
import { createSimulatedClock, HOUR, MINUTE } from '../../sim/index.js';
import { collect } from '../helpers.js';

describe('createSimulatedClock', () => {
  it('runs an xstate actor’s delayed transitions on simulated time, ordered with other events', () => {
    const { env, lines, log } = collect();
    const incident = setup({}).createMachine({
      id: 'incident',
      initial: 'detect',
      states: {
        detect: { after: { [10 * MINUTE]: 'declare' } },
        declare: { after: { [2 * HOUR]: 'assess' } },
        assess: {},
      },
    });
    const actor = createActor(incident, { clock: createSimulatedClock(env) });
    actor.subscribe((s) => log(`state ${String(s.value)}`));
    actor.start();
    env.schedule(30 * MINUTE, () => log('power cut'));
    env.run();
    expect(lines).toEqual([
      '0 state detect',
      `${10 * MINUTE} state declare`,
      `${30 * MINUTE} power cut`,
      `${130 * MINUTE} state assess`,
    ]);
  });

  it('clearTimeout cancels a delayed transition left behind by an earlier event', () => {
    const { env, lines, log } = collect();
    const machine = createMachine({
      initial: 'waiting',
      context: { n: 0 },
      states: {
        waiting: {
          after: { 1000: 'timedOut' },
          on: { POWER: { target: 'restored', actions: assign({ n: 1 }) } },
        },
        timedOut: {},
        restored: {},
      },
    });
    const actor = createActor(machine, { clock: createSimulatedClock(env) }).start();
    env.schedule(400, () => actor.send({ type: 'POWER' }));
    env.run();
    log(String(actor.getSnapshot().value));
    expect(lines).toEqual(['400 restored']);
    expect(env.now).toBe(400); // the cancelled timer did not move the clock
  });
});
