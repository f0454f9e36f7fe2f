import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { MINUTE, createEnvironment, createSimulatedClock } from '../../sim/index.js';
import { incidentResponse, type IncidentPhase } from '../../src/machines/incidentResponse.js';

function start(delays: { detect: number; assemble: number; assess: number }, declareAfter: number | null) {
  const env = createEnvironment();
  const phases: string[] = [];
  let responded = 0;
  const actor = createActor(incidentResponse, {
    clock: createSimulatedClock(env),
    input: {
      hooks: {
        detectDelay: () => delays.detect,
        askToDeclare: () => void (declareAfter !== null && env.schedule(declareAfter, () => actor.send({ type: 'DECLARED' }))),
        assembleDelay: () => delays.assemble,
        assessDelay: () => delays.assess,
        respond: () => void responded++,
        entered: (phase: IncidentPhase) => phases.push(`${env.now / MINUTE} ${phase}`),
      },
    },
  });
  actor.start();
  return { env, actor, phases, responded: () => responded };
}

describe('incidentResponse', () => {
  it('runs detect → declare → assemble → assess → respond on the simulated clock, waiting for the declaration', () => {
    const { env, phases, responded } = start({ detect: 20 * MINUTE, assemble: 60 * MINUTE, assess: 30 * MINUTE }, 15 * MINUTE);
    env.run();
    expect(phases).toEqual(['0 detect', '20 declare', '35 assemble', '95 assess', '125 respond']);
    expect(responded()).toBe(1);
  });

  it('waits in declare for as long as nobody declares', () => {
    const { env, phases, responded } = start({ detect: MINUTE, assemble: MINUTE, assess: MINUTE }, null);
    env.run();
    expect(phases).toEqual(['0 detect', '1 declare']);
    expect(responded()).toBe(0);
  });

  it('stands down when everything is normal, from any phase', () => {
    const { env, actor, phases, responded } = start({ detect: 30 * MINUTE, assemble: MINUTE, assess: MINUTE }, 0);
    env.schedule(5 * MINUTE, () => actor.send({ type: 'ALL_NORMAL' }));
    env.run();
    expect(phases).toEqual(['0 detect', '5 standDown']);
    expect(responded()).toBe(0);
    expect(env.now).toBe(5 * MINUTE); // the pending detection timer was cancelled
    expect(actor.getSnapshot().status).toBe('done');
  });
});
