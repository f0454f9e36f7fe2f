import { describe, expect, it } from 'vitest';
import type { Decider } from '../../src/decide/decider.js';
import { deciderOf } from '../../src/decide/policies.js';
import { runScenario } from '../../src/run/runScenario.js';
import { View } from '../../src/stream/schema.js';
import type { CommanderView, DecisionRequestedMessage, StreamMessage } from '../../src/stream/protocol.js';
import { loadPangyo } from '../helpers.js';

/** The view behind a proxy that throws on any field it does not have: a decider reading beyond its view fails. */
function strict<T>(value: T, path = 'view'): T {
  if (value === null || typeof value !== 'object') return value;
  return new Proxy(value as object, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol' || prop in target) return strict(Reflect.get(target, prop, receiver), `${path}.${String(prop)}`);
      throw new Error(`a decider read ${path}.${prop}, which the commander cannot see`);
    },
  }) as T;
}

const strictly = (decider: Decider): Decider => ({
  ...decider,
  decide: (request, view) => decider.decide(request, strict(view)),
  wake: decider.wake && ((now, view) => decider.wake!(now, strict(view))),
});

describe("the commander's view", () => {
  const scenario = loadPangyo();
  const messages: StreamMessage[] = [];
  runScenario({ scenario, seed: 1, policy: 'runbook', sink: (m) => messages.push(m) });
  const asked = messages.filter((m): m is DecisionRequestedMessage => m.type === 'decision.requested');

  it('is all the deciders read: each runs a whole Pangyo replay on a view that throws on anything else', () => {
    for (const policy of ['historical', 'runbook'])
      for (const seed of [1, 2]) expect(() => runScenario({ scenario, seed, decider: strictly(deciderOf(scenario, policy, seed)) })).not.toThrow();
    const snoop: Decider = {
      name: 'snoop',
      decide: (_r, view) => {
        void (view as unknown as { world: unknown }).world;
        return [];
      },
    };
    expect(() => runScenario({ scenario, seed: 1, decider: strictly(snoop) })).toThrow('a decider read view.world, which the commander cannot see');
  });

  it('carries no per-hall or per-server state while monitoring is down, and hall counts while it works', () => {
    expect(asked.length).toBeGreaterThan(10);
    const dark = asked.filter((m) => !m.view.tools.monitoring);
    const lit = asked.filter((m) => m.view.tools.monitoring);
    expect(dark.length).toBeGreaterThan(0);
    expect(lit.length).toBeGreaterThan(0);
    for (const m of dark) {
      expect(m.view.halls).toBeNull();
      expect(JSON.stringify(m.view)).not.toMatch(/"(running|serverState|servers|runs)":/);
    }
    for (const m of lit) expect(m.view.halls!.reduce((n, h) => n + h.servers, 0)).toBe(32_000 + 4_000 + 3_000);
    for (const m of asked) expect(View.safeParse(m.view).success).toBe(true);
  });

  it('learns of services from late complaints without monitoring, and of tools at once from the engineers who use them, as its tools say', () => {
    const view = asked.find((m) => !m.view.tools.monitoring)!.view as CommanderView;
    const messaging = view.services.find((s) => s.id === 'kakaotalk-messaging')!;
    expect(messaging.source).toBe('complaints');
    expect(messaging.asOfH).toBeCloseTo(view.h - 20 / 60, 2); // the scenario's 20-minute lag
    const ops = view.services.find((s) => s.id === 'ops-tools')!;
    expect(ops.source).toBe('engineers');
    expect(ops.asOfH).toBe(view.h);
    // The tools' row and the tools' flags never disagree (a drill shows both).
    const flags: Record<string, keyof CommanderView['tools']> = { 'ops-tools': 'opsTools', 'failover-system': 'failoverSystem', deployment: 'deployment', monitoring: 'monitoring', 'internal-chat': 'internalChat' };
    for (const m of asked)
      for (const [id, flag] of Object.entries(flags)) expect([m.view.h, id, m.view.services.find((s) => s.id === id)!.known !== 'down']).toEqual([m.view.h, id, m.view.tools[flag]]);
  });

  it("shows the operator's power updates late, with estimates that are off, and the building's percentage, which hides the tenant's floors", () => {
    const late = asked.filter((m) => m.view.power !== null);
    expect(late.length).toBeGreaterThan(0);
    for (const m of late) expect(m.view.power!.asOfH).toBeLessThanOrEqual(m.view.h);
    const eta = late.flatMap((m) => m.view.power!.domains.filter((d) => d.expectedInH !== null));
    expect(eta.length).toBeGreaterThan(0);
  });

  it('offers each open question with what each option still lacks', () => {
    const rebuild = asked.find((m) => m.kind === 'rebuild')!;
    expect(rebuild.options.map((o) => o.action.kind)).toEqual(['rebuild.start', 'rebuild.start', 'rebuild.wait', 'defer']);
    expect(rebuild.options.every((o) => o.missing === null)).toBe(true);
  });
});
