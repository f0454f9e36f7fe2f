/**
 * The playbook decider: rules a commander follows, written in the scenario
 * (`policies:` with `decider: playbook`). The historical policy is a playbook
 * sourced from what the operator did; the runbook is what a good one says.
 * It reads only the commander's view.
 */
import { HOUR } from '../../sim/index.js';
import type { Action, DecisionRequest } from '../model/decisions.js';
import type { PlaybookDef } from '../scenario/responseSchema.js';
import type { CommanderView } from '../stream/protocol.js';
import { available, type Choice, type Decider } from './decider.js';

/** Creates the playbook decider of one run; `ignitionMs` converts the view's hours into the run's clock. */
export function createPlaybook(name: string, def: PlaybookDef, ignitionMs: number): Decider {
  const choose = (action: Action | null): Choice[] => (action === null ? [] : [{ action, by: name }]);
  // Unprompted actions at their times (ms): call-ins after the declaration, the public promise.
  const timed: Array<{ at: number; action: Action }> = [];
  if (def.promise !== undefined) {
    timed.push({ at: ignitionMs + def.promise.at, action: { kind: 'promise.state', withinH: def.promise.within / HOUR, after: def.promise.after, service: null } });
  }
  const wanted = (view: CommanderView, serviceId: string): boolean => {
    const service = view.services.find((s) => s.id === serviceId);
    if (service === undefined || def.failOver === 'none') return false;
    return def.failOver === 'all' || service.priority <= def.failOver.priorityUpTo;
  };
  const rebuildList = def.controlPlane === 'wait' ? [] : def.controlPlane.rebuild;

  return {
    name,
    decide(request: DecisionRequest, view: CommanderView): Choice[] {
      switch (request.kind) {
        case 'incident.declare': {
          const out = choose({ kind: 'incident.declare' });
          for (const c of def.callIn) timed.push({ at: request.atMs + c.after, action: { kind: 'people.callIn', team: c.team, count: c.count } });
          timed.sort((a, b) => a.at - b.at);
          if (def.priorities === 'control-plane-first') {
            const roles = view.services.filter((s) => s.role !== null).map((s) => s.id);
            const first = [...rebuildList.filter((id) => roles.includes(id)), ...roles.filter((id) => !rebuildList.includes(id))];
            out.push({ action: { kind: 'priorities.set', first }, by: name });
          }
          return out;
        }
        case 'powerCut': {
          const cut = def.powerCut === 'accept' ? 'building' : def.powerCut;
          return choose(available(view, request, 'powerCut.answer', (a) => a.kind === 'powerCut.answer' && a.cut === cut) ?? available(view, request, 'powerCut.answer', (a) => a.kind === 'powerCut.answer' && a.cut === 'building'));
        }
        case 'materials':
          return choose(
            available(view, request, 'materials.order', (a) => a.kind === 'materials.order' && a.how === def.materials) ??
              available(view, request, 'materials.order', (a) => a.kind === 'materials.order' && a.how === 'standard'),
          );
        case 'failover':
          return choose(available(view, request, wanted(view, request.subject!) ? 'failover.approve' : 'failover.deny'));
        case 'rebuild': {
          if (!rebuildList.includes(request.subject!)) return choose(available(view, request, 'rebuild.wait'));
          const sites = def.controlPlane === 'wait' ? [] : def.controlPlane.at;
          for (const site of sites) {
            const action = available(view, request, 'rebuild.start', (a) => a.kind === 'rebuild.start' && a.site === site);
            if (action !== null) return choose(action);
          }
          // Nowhere to rebuild yet (no power at the sites, the copy unreachable): ask again later.
          return choose(available(view, request, 'defer'));
        }
      }
    },
    nextWake() {
      return timed.length > 0 ? timed[0]!.at : Infinity;
    },
    wake(now: number): Choice[] {
      const out: Choice[] = [];
      while (timed.length > 0 && timed[0]!.at <= now) out.push({ action: timed.shift()!.action, by: name });
      return out;
    },
  };
}
