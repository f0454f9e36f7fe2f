import { describe, expect, it } from 'vitest';
import { HOUR } from '../../sim/index.js';
import { deciderOf } from '../../src/decide/policies.js';
import { debrief } from '../../src/drill/debrief.js';
import { loadDrill } from '../../src/drill/load.js';
import { startDrill, type DrillSession } from '../../src/drill/session.js';
import { loadScenario } from '../../src/scenario/load.js';

const script = loadDrill('pangyo-2022');
const { scenario, fingerprint } = loadScenario('as-built-2022', 'design');

/** A learner who does what a policy would: answers every question as it would, and acts when it would unprompted. */
function playAs(session: DrillSession, policy: string): void {
  const decider = deciderOf(scenario, policy, session.seed);
  // Questions already on the table when the learner sits down.
  for (const request of [...session.run.pending]) for (const c of decider.decide(request, session.view())) session.act(c.action);
  while (!session.ended) {
    const wake = decider.nextWake?.(session.now) ?? Infinity;
    const step = Math.min(24, Math.max(0, (wake - session.now) / HOUR));
    const progress = session.advance(step);
    for (const request of progress.asked) for (const c of decider.decide(request, session.view())) session.act(c.action);
    if (session.now === wake) for (const c of decider.wake!(session.now, session.view())) session.act(c.action);
  }
}

describe('a drill session', () => {
  it('stops at each question, delivers the injects on time, and a learner who decides as historical did gets the historical run', () => {
    const session = startDrill({ script, scenario, fingerprint, design: 'as-built-2022' });
    const first = session.advance(24);
    expect(first.stop).toBe('decision');
    expect(first.asked.map((r) => r.key)).toEqual(['incident.declare#1']);
    expect(first.injects.map((i) => i.from)).toEqual(["SK C&C (the building's operator)"]);
    playAs(session, 'historical');
    expect(session.injects.map((i) => i.at / HOUR)).toEqual(script.injects.map((i) => i.at / HOUR));
    const report = debrief({ scenario, design: 'as-built-2022', seed: session.seed, log: session.log, compareWith: ['runbook', 'historical'], judgeWith: 'runbook' });
    const [you, runbook, historical] = report.arms;
    expect(you!.name).toBe('you');
    expect({ ...you!, name: 'historical' }).toEqual(historical);
    expect(runbook!.userHoursLost).toBeLessThan(historical!.userHoursLost);
    // Every decision weighed, the costliest first; the same choice costs nothing.
    expect(report.decisions.length).toBe(session.log.length);
    expect(report.decisions.map((d) => d.cost)).toEqual([...report.decisions.map((d) => d.cost)].sort((a, b) => b - a));
    for (const d of report.decisions.filter((x) => x.same)) expect(d.cost).toBe(0);
    expect(report.score.parts.map((p) => p.name)).toEqual(['outcome', 'promises', 'decisions']);
    expect(report.score.parts[0]!.points).toBe(0); // exactly the historical outcome
    expect(report.score.total).toBeLessThan(50);
  });

  it('a learner who decides as the runbook does scores the outcome in full', () => {
    const session = startDrill({ script, scenario, fingerprint, design: 'as-built-2022' });
    playAs(session, 'runbook');
    const report = debrief({ scenario, design: 'as-built-2022', seed: session.seed, log: session.log, compareWith: ['runbook', 'historical'], judgeWith: 'runbook' });
    expect(report.arms[0]!.userHoursLost).toBe(report.arms[1]!.userHoursLost);
    expect(report.score.parts[0]!.points).toBe(50);
    expect(report.score.parts[2]!.points).toBe(30);
  });

  it('under pressure the clock runs on: an unanswered question falls to its default when its time is up', () => {
    const session = startDrill({ script, scenario, fingerprint, design: 'as-built-2022', pace: 'pressure' });
    const progress = session.advance(3);
    expect(progress.stop).toBe('time');
    expect(progress.h).toBe(3);
    // Nobody declared: put off at 15 min, asked again an hour later, put off again…; the brigade cut all power at its 5 minutes.
    expect(progress.timedOut.map((t) => `${t.key} ${t.action.kind}`)).toEqual(expect.arrayContaining(['incident.declare#1 defer', 'powerCut#1 powerCut.answer']));
    expect(session.log.find((e) => e.request === 'powerCut#1')).toMatchObject({ by: 'deadline', action: { kind: 'powerCut.answer', cut: 'building' } });
  });

  it('gives each role of a group its part of the view and its actions only', () => {
    const session = startDrill({ script, scenario, fingerprint, design: 'as-built-2022' });
    session.advance(24);
    session.act({ kind: 'incident.declare' }, 'commander');
    session.advance(1.5);
    expect(() => session.act({ kind: 'failover.approve', service: 'kakao-t-taxi' }, 'communications')).toThrow('the communications lead cannot take failover.approve: that is for commander or operations');
    session.act({ kind: 'promise.state', withinH: 24, after: 'now', service: null }, 'communications');
    expect(session.log.at(-1)!.by).toBe('learner:communications');
    const comms = session.view('communications');
    expect(comms.halls).toBeNull();
    expect(comms.power).toBeNull();
    expect(comms.people).toEqual([]);
    const ops = session.view('operations');
    expect(ops.promises).toEqual([]);
    expect(ops.pending.every((q) => q.kind !== 'incident.declare')).toBe(true);
  });
});
