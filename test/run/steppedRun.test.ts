import { describe, expect, it } from 'vitest';
import { deciderOf } from '../../src/decide/policies.js';
import { ActionError } from '../../src/model/decisions.js';
import { drive } from '../../src/run/drive.js';
import { runScenario } from '../../src/run/runScenario.js';
import { startRun } from '../../src/run/steppedRun.js';
import type { StreamMessage } from '../../src/stream/protocol.js';
import { loadPangyo } from '../helpers.js';
import { H, tiny } from '../recovery/tiny.js';

describe('a stepped run', () => {
  it('advance stops right after the event that raised a question, and at the time asked for otherwise', () => {
    const run = startRun({ scenario: tiny(), policy: 'waits' });
    expect(run.advance(0.1 * H)).toBe('time');
    expect(run.now).toBe(0.1 * H);
    expect(run.advance(H)).toBe('decision');
    expect(run.now).toBe(0.2 * H); // detected 6 min after the first impact
    const [asked] = run.raised();
    expect(asked).toMatchObject({ key: 'incident.declare#1', kind: 'incident.declare', deadlineMs: null });
    expect(run.raised()).toEqual([]);
    expect(run.pending.map((r) => r.key)).toEqual(['incident.declare#1']);
    // Left open, the question stays; the run goes on until the next one (the brigade's, at 0.5 h).
    expect(run.advance(H)).toBe('decision');
    expect(run.raised().map((r) => r.key)).toEqual(['powerCut#1']);
    expect(run.pending.map((r) => r.key)).toEqual(['incident.declare#1', 'powerCut#1']);
  });

  it('act answers the open question an action is an option of, and refuses what cannot be taken now, naming it', () => {
    const run = startRun({ scenario: tiny(), policy: 'waits' });
    run.advance(H);
    expect(() => run.act({ kind: 'failover.approve', service: 'app' }, 'me')).toThrow(ActionError);
    expect(() => run.act({ kind: 'failover.approve', service: 'app' }, 'me')).toThrow('failover.approve service=app at T+0.20 h: the incident is not declared yet');
    run.act({ kind: 'incident.declare' }, 'me');
    expect(run.pending).toEqual([]);
    expect(() => run.act({ kind: 'incident.declare' }, 'me')).toThrow(/already declared/);
    expect(run.log).toEqual([{ atMs: 0.2 * H, stop: 'incident.declare#1', request: 'incident.declare#1', by: 'me', action: { kind: 'incident.declare' } }]);
  });

  it('a question put off is asked again after deferFor, under the next key', () => {
    const run = startRun({ scenario: tiny(), policy: 'waits' });
    run.advance(H);
    run.act({ kind: 'defer', request: 'incident.declare#1' }, 'me');
    expect(() => run.act({ kind: 'defer', request: 'incident.declare#1' }, 'me')).toThrow(/no open question "incident.declare#1"/);
    run.advance(2 * H); // the brigade's question comes first; answer it and go on
    run.act({ kind: 'powerCut.answer', cut: 'building' }, 'me');
    expect(run.advance(2 * H)).toBe('decision');
    expect(run.now).toBe(1.2 * H);
    expect(run.raised().map((r) => r.key)).toEqual(['incident.declare#2']);
  });

  it('advanced a step at a time with actions on the way, gives the stream of a run straight through when the actions are the same', () => {
    const scenario = loadPangyo();
    const straight: string[] = [];
    runScenario({ scenario, seed: 3, sink: (m: StreamMessage) => straight.push(JSON.stringify(m)) });
    const stepped: string[] = [];
    const run = startRun({ scenario, seed: 3, policy: 'historical', sink: (m) => stepped.push(JSON.stringify(m)) });
    const decider = deciderOf(scenario, 'historical', 3);
    for (let t = 0; t < run.horizon; t += 0.25 * H) drive(run, decider, t); // stop every 15 minutes
    drive(run, decider);
    run.finish();
    expect(stepped.length).toBe(straight.length);
    expect(stepped.join('\n')).toBe(straight.join('\n'));
  });
});
