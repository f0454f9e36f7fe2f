import { describe, expect, it } from 'vitest';
import { HOUR, createStreams } from '../../sim/index.js';
import { computeLedger } from '../../src/impact/ledger.js';
import { Impact } from '../../src/impact/schema.js';

const flat = Array<number>(168).fill(1);
// Saturday evening worth ten times any other hour.
const saturdayEvening = flat.map((_, k) => (k >= 5 * 24 + 18 && k < 5 * 24 + 23 ? 10 : 1));

function impact(groups: unknown[], profiles: Record<string, number[]> = { flat, saturdayEvening }) {
  return Impact.parse({ draws: 400, profiles, groups });
}

/** A ledger over two services: `a` down for the given log, `b` never down. */
function ledger(def: ReturnType<typeof impact>, logA: number[], start = '2022-10-15T15:00:00+09:00', endMs = 48 * HOUR, seed = 1) {
  return computeLedger({ impact: def, currency: 'KRW', serviceIds: ['a', 'b'], availabilityLog: [logA, []], start, ignitionMs: 0, endMs, rng: createStreams(seed).get('impact.ledger') });
}

describe('the impact ledger', () => {
  it('charges lost income for the hours a service is missing, partial availability for what was missing', () => {
    const def = impact([{ id: 'g', name: 'G', people: 100, dependsOn: [{ service: 'a' }], profile: 'flat', income: { won: 168000, per: 'week' } }]);
    // Down for 2 h, then 50% for 2 h: 3 service-hours lost at 1,000 won an hour.
    const g = ledger(def, [0, 0, 2 * HOUR, 0.5, 4 * HOUR, 1]).groups[0]!;
    expect(g.lossPerPerson).toEqual({ p10: 3000, p50: 3000, p90: 3000 });
    expect(g.lossTotal!.p50).toBe(300000);
    expect(g.outageHours).toBe(3);
    expect(g.userHoursLost).toBe(300);
    expect(g.hourlyLoss).toEqual([100000, 100000, 50000, 50000]);
  });

  it('weights hours by the profile: a Saturday-evening hour costs more than a Tuesday 4 a.m. one', () => {
    const def = impact([{ id: 'g', name: 'G', people: 1, dependsOn: [{ service: 'a' }], profile: 'saturdayEvening', income: { won: 213000, per: 'week' } }]);
    // 15:00 Saturday: hour 3 is 18:00 Saturday; hour 61 is 04:00 Tuesday.
    const saturday = ledger(def, [3 * HOUR, 0, 4 * HOUR, 1]).groups[0]!.lossPerPerson!.p50;
    const tuesday = ledger(def, [61 * HOUR, 0, 62 * HOUR, 1], undefined, 70 * HOUR).groups[0]!.lossPerPerson!.p50;
    expect([saturday, tuesday]).toEqual([10000, 1000]);
  });

  it('anchors income quoted per day to that day of the profile', () => {
    const def = impact([{ id: 'g', name: 'G', people: 1, dependsOn: [{ service: 'a' }], profile: 'flat', income: { won: 240000, per: 'saturday' } }]);
    // Losing all of Saturday 15:00–24:00 on a flat profile costs 9/24 of a Saturday's income.
    expect(ledger(def, [0, 0, 9 * HOUR, 1]).groups[0]!.lossPerPerson!.p50).toBe(90000);
  });

  it('propagates ranges: the median sits inside a P10–P90 that widens with the range', () => {
    const narrow = impact([{ id: 'g', name: 'G', people: [90, 110], dependsOn: [{ service: 'a', share: [0.4, 0.6] }], profile: 'flat', income: { won: [150000, 180000], per: 'week' } }]);
    const wide = impact([{ id: 'g', name: 'G', people: [90, 110], dependsOn: [{ service: 'a', share: [0.1, 0.9] }], profile: 'flat', income: { won: [150000, 180000], per: 'week' } }]);
    const log = [0, 0, 10 * HOUR, 1];
    const n = ledger(narrow, log).groups[0]!.lossPerPerson!;
    const w = ledger(wide, log).groups[0]!.lossPerPerson!;
    expect(n.p10).toBeLessThan(n.p50);
    expect(n.p50).toBeLessThan(n.p90);
    // Central value near 0.5 × 165,000 × 10/168 ≈ 4,911 won.
    expect(Math.abs(n.p50 - 4911)).toBeLessThan(250);
    expect(w.p90 - w.p10).toBeGreaterThan(2 * (n.p90 - n.p10));
    // Same seed, same ledger; another seed, other draws.
    expect(ledger(wide, log)).toEqual(ledger(wide, log));
    expect(ledger(wide, log, undefined, undefined, 2).groups[0]!.lossPerPerson).not.toEqual(w);
  });

  it('never loses more than all of an hour, however many services a group depends on', () => {
    const def = impact([{ id: 'g', name: 'G', people: 1, dependsOn: [{ service: 'a', share: 0.8 }, { service: 'b', share: 0.8 }], profile: 'flat', income: { won: 168, per: 'week' } }]);
    const both = computeLedger({ impact: def, currency: 'KRW', serviceIds: ['a', 'b'], availabilityLog: [[0, 0, HOUR, 1], [0, 0, HOUR, 1]], start: '2022-10-15T15:00:00+09:00', ignitionMs: 0, endMs: 2 * HOUR, rng: createStreams(1).get('x') });
    expect(both.groups[0]!.lossPerPerson!.p50).toBe(1);
  });

  it('computes compensation from the rule, rounded as written, and sets it against the loss', () => {
    const def = impact([
      {
        id: 'g',
        name: 'G',
        people: 1000,
        dependsOn: [{ service: 'a' }],
        profile: 'flat',
        income: { won: 168000, per: 'week' },
        compensation: { who: 'paid members', eligible: 0.5, formula: 'monthlyFee * 6 / 31', variables: { monthlyFee: 39000 }, roundTo: 10 },
      },
      {
        id: 'h',
        name: 'H',
        people: 10,
        dependsOn: [{ service: 'a' }],
        profile: 'flat',
        income: { won: 168000, per: 'week' },
        compensation: { who: 'claimants', formula: '(lossWon <= 5000) * 300 + (lossWon > 5000) * 500' },
      },
    ]);
    const [g, h] = ledger(def, [0, 0, 10 * HOUR, 1]).groups;
    expect(g!.compensationPerPerson).toBe(7550);
    expect(g!.eligiblePeople).toBe(500);
    expect(g!.compensationTotal).toBe(500 * 7550);
    expect(g!.compensatedShare).toBe(Math.round(((500 * 7550) / (1000 * 10000)) * 10000) / 10000);
    // 10,000 won lost each: the upper tier.
    expect(h!.compensationPerPerson).toBe(500);
  });

  it('counts hours, not money, for a group without an income', () => {
    const def = impact([{ id: 'u', name: 'Users', people: 1000, dependsOn: [{ service: 'a' }], profile: 'flat' }]);
    const u = ledger(def, [0, 0, 5 * HOUR, 1]).groups[0]!;
    expect(u.lossPerPerson).toBeNull();
    expect(u.userHoursLost).toBe(5000);
    expect(u.hourlyLoss).toEqual([]);
    expect(u.hourlyOutageHours).toEqual([1, 1, 1, 1, 1]);
  });

  it('adds the hours up to the totals: hourly loss to people × the median loss per person, hourly hours to outageHours', () => {
    // Ranges everywhere, one group of one service and one of two services down at different times:
    // the median of a product of draws is not the product of the central values, which the hours once used.
    const def = impact([
      { id: 'one', name: 'One', people: 1000, dependsOn: [{ service: 'a', share: [0.1, 0.3] }], profile: 'saturdayEvening', income: { won: [150000, 250000], per: 'saturday' } },
      { id: 'two', name: 'Two', people: 500, dependsOn: [{ service: 'a', share: [0.02, 0.1] }, { service: 'b', share: [0.02, 0.08] }], profile: 'flat', income: { won: [2e6, 6e6], per: 'week' } },
    ]);
    const result = computeLedger({ impact: def, currency: 'KRW', serviceIds: ['a', 'b'], availabilityLog: [[0, 0, 30 * HOUR, 0.5, 40 * HOUR, 1], [20 * HOUR, 0, 70 * HOUR, 1]], start: '2022-10-15T15:19:00+09:00', ignitionMs: 0, endMs: 96 * HOUR, rng: createStreams(3).get('impact.ledger') });
    for (const g of result.groups) {
      const sum = g.hourlyLoss.reduce((a, b) => a + b, 0);
      expect(Math.round(sum / g.people)).toBe(g.lossPerPerson!.p50);
      expect(g.hourlyLoss.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      expect(g.hourlyOutageHours.reduce((a, b) => a + b, 0)).toBeCloseTo(g.outageHours, 6);
    }
    // Two services down at different hours: their hours come in where they were lost.
    const two = result.groups[1]!;
    expect(two.hourlyOutageHours.length).toBe(71);
    expect(two.hourlyLoss.length).toBe(71);
  });
});
