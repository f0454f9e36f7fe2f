import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { MINUTE, createEnvironment, createSimulatedClock } from '../../sim/index.js';
import { incidentResponse, type IncidentPhase } from '../../src/machines/incidentResponse.js';

function start(delays: { detect: number; declare: number; assess: number }) {
  const env = createEnvironment();
  const phases: string[] = [];
  let decided = 0;
  const actor = createActor(incidentResponse, {
    clock: createSimulatedClock(env),
    input: {
      hooks: {
        detectDelay: () => delays.detect,
        declareDelay: () => delays.declare,
        assessDelay: () => delays.assess,
        decide: () => void decided++,
        entered: (phase: IncidentPhase) => phases.push(`${env.now / MINUTE} ${phase}`),
      },
    },
  });
  actor.start();
  return { env, actor, phases, decided: () => decided };
}

describe('incidentResponse', () => {
  it('runs detect → declare → assess → decide → execute on the simulated clock, deciding once', () => {
    const { env, phases, decided } = start({ detect: 20 * MINUTE, declare: 60 * MINUTE, assess: 30 * MINUTE });
    env.run();
    expect(phases).toEqual(['0 detect', '20 declare', '80 assess', '110 decide', '110 execute']);
    expect(decided()).toBe(1);
  });

  it('goes to verify when the plan is executed and stands down when everything is normal', () => {
    const { env, actor, phases } = start({ detect: MINUTE, declare: MINUTE, assess: MINUTE });
    env.run();
    env.schedule(10 * MINUTE, () => actor.send({ type: 'EXECUTED' }));
    env.schedule(20 * MINUTE, () => actor.send({ type: 'ALL_NORMAL' }));
    env.run();
    expect(phases.slice(-2)).toEqual(['13 verify', '23 standDown']);
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('stands down at once if everything is back before the incident is even declared', () => {
    const { env, actor, phases, decided } = start({ detect: 30 * MINUTE, declare: MINUTE, assess: MINUTE });
    env.schedule(5 * MINUTE, () => actor.send({ type: 'ALL_NORMAL' }));
    env.run();
    expect(phases).toEqual(['0 detect', '5 standDown']);
    expect(decided()).toBe(0);
    expect(env.now).toBe(5 * MINUTE); // the pending detection timer was cancelled
  });
});
