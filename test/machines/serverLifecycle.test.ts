import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { SERVER_EVENTS, SERVER_STATES, compileServerLifecycle, serverLifecycle } from '../../src/machines/serverLifecycle.js';

describe('serverLifecycle', () => {
  it('reaches every state from running', () => {
    const paths = getShortestPaths(serverLifecycle, { events: SERVER_EVENTS.map((type) => ({ type })) });
    const reached = new Set(paths.map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual([...SERVER_STATES].sort());
  });

  it('compileServerLifecycle() agrees with a live actor on every (state, event) pair', () => {
    const table = compileServerLifecycle();
    const paths = getShortestPaths(serverLifecycle, { events: SERVER_EVENTS.map((type) => ({ type })) });
    for (const path of paths) {
      const state = String(path.state.value);
      for (const event of SERVER_EVENTS) {
        // Drive a real actor along the path to the state, then send the event.
        const actor = createActor(serverLifecycle).start();
        for (const step of path.steps) actor.send(step.event);
        expect(actor.getSnapshot().value).toBe(state);
        // A final state takes no events (xstate would only warn): the table must keep it.
        if (actor.getSnapshot().status === 'active') actor.send({ type: event });
        const expected = String(actor.getSnapshot().value);
        const got = SERVER_STATES[table.next[SERVER_STATES.indexOf(state as never) * table.eventCount + SERVER_EVENTS.indexOf(event)]!];
        expect(got, `${state} + ${event}`).toBe(expected);
        actor.stop();
      }
    }
  });

  it('a hard power loss during a repair loses the repair', () => {
    const table = compileServerLifecycle();
    const next = (s: string, e: string) => SERVER_STATES[table.next[SERVER_STATES.indexOf(s as never) * table.eventCount + SERVER_EVENTS.indexOf(e as never)]!];
    expect(next('repairing', 'POWER_LOST')).toBe('failed');
    expect(next('booting', 'POWER_LOST')).toBe('unpowered');
    expect(next('destroyed', 'POWER_RESTORED')).toBe('destroyed');
    expect(next('running', 'BOOTED')).toBe('running');
  });
});
