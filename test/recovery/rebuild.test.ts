import { describe, expect, it } from 'vitest';
import { PASSIVE, runWith, scripted } from '../decide/scripted.js';
import { tiny } from './tiny.js';

// The tiny world's response: detected at 0.2 h, declared at once, assembled at 0.7 h, assessed at 1.2 h.
describe('rebuilding a tool at another site', () => {
  it('takes its duration, doubled while the operations tools are down, from the first decisions (1.2 + 2 × 2 = 5.2 h)', () => {
    const run = runWith(tiny(), scripted({ ...PASSIVE, rebuild: (r) => ({ kind: 'rebuild.start', service: r.subject!, site: 'far' }) }));
    expect(run.at('rebuild.started')).toBe(1.2);
    expect(run.at('rebuild.done')).toBe(5.2);
    const ops = run.result.services.find((s) => s.id === 'ops')!;
    expect(ops.firstUsableHours).toBe(5.2); // 5.2 h is on the recompute grid
    expect(ops.normalHours).toBe(5.3); // + 6 min of verification
  });

  it('waits for the burnt site when told to: the tool comes back with its power (d2 at 5 h) and a cold start (1 h, doubled)', () => {
    const run = runWith(tiny(), scripted(PASSIVE));
    expect(run.at('rebuild.started')).toBeNull();
    expect(run.at('power.restored')).toBe(5);
    // Racks restarted one at a time by one crew: 2 racks of d2 × 10 min, then boots of 5 min.
    expect(run.result.services.find((s) => s.id === 'ops')!.firstUsableHours).toBeGreaterThan(5 + 2);
  });

  it('cannot start without power where the copy is, and says so', () => {
    const scenario = tiny((doc) => (doc.services[1].rebuild.from = 'dc'));
    const seen: Array<string | null> = [];
    runWith(scenario, scripted({ ...PASSIVE, rebuild: (_r, view) => {
      seen.push(view.pending.find((p) => p.kind === 'rebuild')!.options.find((o) => o.action.kind === 'rebuild.start')!.missing);
      return null;
    } }));
    expect(seen).toEqual(['the copy of The ops tool is at dc, which has no power']);
  });
});
