import { describe, expect, it } from 'vitest';
import { createEnvironment, createStreams } from '../../sim/index.js';
import { createWorkforce } from '../../src/model/people.js';
import { People } from '../../src/scenario/responseSchema.js';
import { PASSIVE, runWith, scripted } from '../decide/scripted.js';
import { H, tiny } from '../recovery/tiny.js';

function workforce(people: Record<string, unknown>) {
  const env = createEnvironment();
  const def = People.parse({ restartCrews: 2, hardwareCrews: 1, engineers: 2, ...people });
  return { env, people: createWorkforce(env, createStreams(1), def, [1], 0) };
}

describe('people who tire', () => {
  it('work slows after `after` hours on duty by slowdownPerHour a further hour, up to the cap', () => {
    const { env, people } = workforce({ fatigue: { after: '1h', slowdownPerHour: 0.25, maxSlowdown: 1 } });
    expect(people.pace('engineers')).toBe(1); // before the incident nobody is on its clock
    people.startDuty();
    env.run({ until: 1 * H });
    expect(people.pace('engineers')).toBe(1);
    env.run({ until: 3 * H });
    expect(people.pace('engineers')).toBe(1.5); // 2 h over: +0.5
    env.run({ until: 10 * H });
    expect(people.pace('engineers')).toBe(2); // capped at +1
  });

  it('with a full relief, shifts restart the clock; work in a hand-over waits for its end', () => {
    const { env, people } = workforce({ fatigue: { after: '1h', slowdownPerHour: 0.25, maxSlowdown: 1 }, shifts: { length: '4h', handover: '30m' }, relief: { engineers: 2 } });
    people.startDuty();
    env.run({ until: 3 * H });
    expect(people.pace('engineers')).toBe(1.5);
    expect(people.handoverWait('engineers')).toBe(0);
    env.run({ until: 4.25 * H }); // 15 min into the second shift
    expect(people.pace('engineers')).toBe(1);
    expect(people.handoverWait('engineers')).toBe(0.25 * H);
    // Restart crews have no relief: they stay on, and tire.
    expect(people.pace('restartCrews')).toBe(1 + 0.25 * 3.25);
    expect(people.handoverWait('restartCrews')).toBe(0);
  });

  it('called-in teams arrive after the lead time, fresh: the pace is the average over the teams', () => {
    const { env, people } = workforce({ fatigue: { after: '0m', slowdownPerHour: 0.5, maxSlowdown: 1 }, callIn: { engineers: { max: 2, leadTime: '1h' } } });
    people.startDuty();
    expect(people.callable('engineers')).toBe(2);
    expect(people.callIn('engineers', 2)).toBe(1 * H);
    expect(people.callable('engineers')).toBe(0);
    env.run({ until: 1 * H });
    expect(people.engineers.capacity).toBe(2);
    env.run({ until: 1 * H + 1 });
    expect(people.engineers.capacity).toBe(4);
    env.run({ until: 2 * H });
    // Two teams 2 h on (pace 2) and two 1 h on (pace 1.5).
    expect(people.pace('engineers')).toBe(1.75);
    expect(() => people.callIn('engineers', 1)).toThrow(/cannot call in 1 engineers/);
  });
});

describe('calling in teams in a run', () => {
  it('needs a declared incident and a plan for that team, and names what is missing', () => {
    const missing: Array<string | null> = [];
    const probe = scripted({ ...PASSIVE, 'incident.declare': (_r, view) => {
      missing.push(view.declared ? 'declared' : 'not yet');
      return { kind: 'incident.declare' };
    } }, [{ at: 0.5 * H, action: { kind: 'people.callIn', team: 'engineers', count: 2 } }]);
    const run = runWith(tiny(), probe);
    expect(missing).toEqual(['not yet']);
    expect(run.narrative).toContain('0.5 people.calledIn');
    expect(() => runWith(tiny(), scripted(PASSIVE, [{ at: 0.5 * H, action: { kind: 'people.callIn', team: 'electricians', count: 1 } }]))).toThrow(/no more electricians can be called in/);
  });
});
