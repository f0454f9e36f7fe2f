/**
 * A decider for tests: answers each kind of question as a table says, and
 * records what it saw, so a test can put one decision in place and check
 * what the model does with it.
 */
import type { Choice, Decider } from '../../src/decide/decider.js';
import type { Action, DecisionRequest } from '../../src/model/decisions.js';
import { runLogged } from '../../src/run/runScenario.js';
import type { Scenario } from '../../src/scenario/schema.js';
import type { CommanderView, NarrativeMessage, StreamMessage } from '../../src/stream/protocol.js';

/** For each kind of question, the action to take (or null to leave it open). */
export type Script = Partial<Record<DecisionRequest['kind'], (request: DecisionRequest, view: CommanderView) => Action | Action[] | null>>;

/** A decider that follows the script; unprompted actions at given times (ms) too. */
export function scripted(script: Script, timed: Array<{ at: number; action: Action }> = []): Decider & { asked: DecisionRequest[] } {
  const asked: DecisionRequest[] = [];
  const pending = [...timed].sort((a, b) => a.at - b.at);
  const wrap = (a: Action | Action[] | null): Choice[] => (a === null ? [] : (Array.isArray(a) ? a : [a]).map((action) => ({ action, by: 'test' })));
  return {
    name: 'test',
    asked,
    decide(request, view) {
      asked.push(request);
      return wrap(script[request.kind]?.(request, view) ?? null);
    },
    nextWake: () => pending[0]?.at ?? Infinity,
    wake(now) {
      const out: Choice[] = [];
      while (pending.length > 0 && pending[0]!.at <= now) out.push({ action: pending.shift()!.action, by: 'test' });
      return out;
    },
  };
}

/** Declares at once, cuts the whole building, orders standard, waits for every site, fails nothing over. */
export const PASSIVE: Script = {
  'incident.declare': () => ({ kind: 'incident.declare' }),
  powerCut: () => ({ kind: 'powerCut.answer', cut: 'building' }),
  materials: (r) => ({ kind: 'materials.order', domain: r.subject!, how: 'standard' }),
  failover: (r) => ({ kind: 'failover.deny', service: r.subject! }),
  rebuild: (r) => ({ kind: 'rebuild.wait', service: r.subject! }),
};

/** Runs a scenario with a decider and returns its result, log and narrative (`h kind`), with every message. */
export function runWith(scenario: Scenario, decider: Decider, seed = 1) {
  const messages: StreamMessage[] = [];
  const { result, log } = runLogged({ scenario, decider, seed, sink: (m) => messages.push(m) });
  const narrative = messages.flatMap((m) => (m.type === 'narrative' ? [`${m.h} ${m.kind}`] : []));
  return { result, log, messages, narrative, at: (kind: string) => messages.find((m): m is NarrativeMessage => m.type === 'narrative' && m.kind === kind)?.h ?? null };
}
