import { describe, expect, it } from 'vitest';
import { createRecorded } from '../../src/decide/recorded.js';
import { ActionError } from '../../src/model/decisions.js';
import { runLogged } from '../../src/run/runScenario.js';
import type { LoggedAction } from '../../src/run/steppedRun.js';
import type { StreamMessage } from '../../src/stream/protocol.js';
import { loadPangyo } from '../helpers.js';
import { H, tiny } from '../recovery/tiny.js';
import { PASSIVE, scripted } from './scripted.js';

function recordAll(def: Parameters<typeof runLogged>[0]) {
  const lines: string[] = [];
  const { result, log } = runLogged({ ...def, sink: (m: StreamMessage) => lines.push(JSON.stringify(m)) });
  return { ndjson: lines.join('\n'), result, log };
}

describe('the recorded decider', () => {
  it('replays a historical run’s log into the same stream, byte for byte (Pangyo, seeds 1 and 2; runbook seed 1)', () => {
    const scenario = loadPangyo();
    for (const [policy, seed] of [['historical', 1], ['historical', 2], ['runbook', 1]] as const) {
      const original = recordAll({ scenario, policy, seed });
      expect(original.log.length).toBeGreaterThan(10);
      const decider = createRecorded(original.log);
      const replay = recordAll({ scenario, policy, seed, decider });
      expect(decider.unused()).toEqual([]);
      expect(replay.ndjson).toBe(original.ndjson);
    }
  });

  it('replays actions taken at time boundaries and after questions, between the same events', () => {
    // Unprompted actions at chosen times, one of them at the instant of a question.
    const decider = scripted(PASSIVE, [
      { at: 0.2 * H, action: { kind: 'promise.state', withinH: 6, after: 'now', service: null } },
      { at: 0.75 * H, action: { kind: 'priorities.set', first: ['ops'] } },
    ]);
    const original = recordAll({ scenario: tiny(), decider });
    expect(original.log.map((e) => [e.atMs / H, e.stop, e.action.kind])).toEqual([
      [0.2, null, 'promise.state'],
      [0.2, 'incident.declare#1', 'incident.declare'],
      [0.5, 'powerCut#1', 'powerCut.answer'],
      [0.75, null, 'priorities.set'],
      [1.2, 'rebuild:ops#1', 'rebuild.wait'],
      [1.2, 'rebuild:ops#1', 'failover.deny'],
      [4, 'materials:d1#1', 'materials.order'],
    ]);
    const replay = recordAll({ scenario: tiny(), decider: createRecorded(original.log) });
    expect(replay.ndjson).toBe(original.ndjson);
  });

  it('names the entry, the action, the time and what is missing when the log asks for the impossible', () => {
    const { log } = runLogged({ scenario: tiny(), decider: scripted(PASSIVE) });
    // The failover denial moved before the incident is declared: at the first stop.
    const edited: LoggedAction[] = [{ ...log[3]!, stop: log[0]!.stop, atMs: log[0]!.atMs, request: null }, ...log.filter((_, i) => i !== 3)];
    try {
      runLogged({ scenario: tiny(), decider: createRecorded(edited) });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ActionError);
      expect((error as ActionError).entry).toBe(0);
      expect((error as Error).message).toBe('failover.deny service=app at T+0.20 h: the incident is not declared yet');
    }
  });

  it('reports entries whose stop never comes', () => {
    const { log } = runLogged({ scenario: tiny(), decider: scripted(PASSIVE) });
    const decider = createRecorded([...log, { ...log[0]!, stop: 'failover:nothing#9' }]);
    runLogged({ scenario: tiny(), decider });
    expect(decider.unused()).toEqual([log.length]);
  });
});
