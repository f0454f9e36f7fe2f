import { describe, expect, it } from 'vitest';
import { PASSIVE, runWith, scripted } from '../decide/scripted.js';
import { tiny } from './tiny.js';

// The fire is out at 2 h, the building cleared at 3 h; one electrician team inspects d1 (3→4 h) and
// finds its UPS burnt, then d2 (4→5 h). The bypass materials come 10 h after the order; their work takes 2 h.
const order = (how: 'standard' | 'expedited' | 'temporary-feed') => scripted({ ...PASSIVE, materials: (r) => ({ kind: 'materials.order', domain: r.subject!, how }) });

describe('materials ordered at inspection', () => {
  it('a standard order: the question at the inspection (4 h), materials at 14 h, energised at 16 h', () => {
    const run = runWith(tiny(), order('standard'));
    const asked = run.messages.find((m) => m.type === 'decision.requested' && m.kind === 'materials');
    expect(asked).toMatchObject({ h: 4, subject: 'd1' });
    expect(run.narrative).toContain('16 power.restored');
    expect(run.result.spent).toBe(0);
  });

  it('expedited: half the lead time (5 h), energised at 11 h, at its cost', () => {
    const run = runWith(tiny(), order('expedited'));
    expect(run.narrative).toContain('11 power.restored');
    expect(run.result.spent).toBe(100);
  });

  it('a temporary feed: 3 h to arrive and 1 h to connect, energised at 8 h while the repair goes on behind it', () => {
    const run = runWith(tiny(), order('temporary-feed'));
    expect(run.narrative.filter((l) => l.endsWith('power.restored'))).toEqual(['5 power.restored', '8 power.restored']);
    expect(run.result.spent).toBe(7);
  });

  it('nothing ordered, nothing comes: a question left open keeps the domain dark', () => {
    const run = runWith(tiny(), scripted({ ...PASSIVE, materials: () => null }));
    expect(run.narrative.filter((l) => l.endsWith('power.restored'))).toEqual(['5 power.restored']);
  });

  it('a site without the option says why', () => {
    const seen: Array<string | null> = [];
    runWith(tiny((doc) => delete doc.sites[0].restoration.temporaryFeed), scripted({ ...PASSIVE, materials: (r, view) => {
      seen.push(view.pending.find((p) => p.id === r.id)!.options.find((o) => o.action.kind === 'materials.order' && o.action.how === 'temporary-feed')!.missing);
      return { kind: 'materials.order', domain: r.subject!, how: 'standard' };
    } }));
    expect(seen).toEqual(['The burning centre has no way to feed a domain temporarily']);
  });

  it('a domain with no repair plan for its damage stays dark and is reported', () => {
    const run = runWith(tiny((doc) => delete doc.sites[0].restoration.bypass), order('standard'));
    expect(run.narrative).toContain('4 power.unrepairable');
    expect(run.narrative.filter((l) => l.endsWith('power.restored'))).toEqual(['5 power.restored']);
  });
});

describe("the fire brigade's request to cut power", () => {
  it('a delay lets the fire burn on: the cut at 1 h instead of 0.5 h, the fire out at 2.5 h instead of 2 h', () => {
    const run = runWith(tiny(), scripted({ ...PASSIVE, powerCut: (_r, view) => (view.pending.find((p) => p.kind === 'powerCut')!.options.some((o) => o.action.kind === 'powerCut.answer' && o.action.cut === 'delay') ? { kind: 'powerCut.answer', cut: 'delay' } : { kind: 'powerCut.answer', cut: 'building' }) }));
    expect(run.at('fire.cutDelayed')).toBe(0.5);
    expect(run.at('power.cut')).toBe(1);
    expect(run.at('fire.out')).toBe(2.5);
  });

  it('unanswered, the brigade cuts the whole building at its deadline (10 min), by default', () => {
    const run = runWith(tiny(), scripted({ ...PASSIVE, powerCut: () => null }));
    expect(run.at('power.cut')).toBe(0.667);
    expect(run.messages.find((m) => m.type === 'decision.made' && m.key === 'powerCut#1')).toMatchObject({ by: 'deadline', action: { kind: 'powerCut.answer', cut: 'building' } });
  });

  it('a zone cut only where the building can cut one: then only the burning zone goes dark', () => {
    const zone = scripted({ ...PASSIVE, powerCut: () => ({ kind: 'powerCut.answer', cut: 'zone' }) });
    expect(() => runWith(tiny(), zone)).toThrow(/powerCut.answer cut=zone at T\+0.50 h: The burning centre can only cut all its power at once/);
    const run = runWith(tiny((doc) => (doc.sites[0].zonedPowerCutoff = true)), zone);
    expect(run.narrative.filter((l) => l.endsWith('power.lost'))).toEqual(['0.1 power.lost']);
    expect(run.result.services.find((s) => s.id === 'app')!.normalHours).toBe(0); // d2 never lost power
  });
});
