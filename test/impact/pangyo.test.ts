import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../../src/run/runScenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { listBuiltInDesigns } from '../../src/scenario/builtIns.js';
import { scaleScenario } from '../../src/scenario/scale.js';
import type { LedgerGroup, StreamMessage } from '../../src/stream/protocol.js';
import { loadPangyo } from '../helpers.js';

/**
 * The Pangyo ledger against what was reported: Kakao's compensation
 * arithmetic, the T-money taxi figure for day 0 and the designated drivers'
 * self-reported loss. Tolerances and the reasoning behind them are in
 * docs/impact.md.
 */
const pangyo = loadPangyo();
const SEEDS = [1, 2, 3, 4, 5];
const runs = SEEDS.map((seed) => runScenario({ scenario: pangyo, seed }));
const group = (r: RunResult, id: string): LedgerGroup => r.ledger!.groups.find((g) => g.id === id)!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('the Pangyo ledger', () => {
  it('reproduces the compensation arithmetic from the formulas: 7,550 and 4,260 won', () => {
    for (const r of runs) {
      expect(group(r, 'taxi-drivers').compensationPerPerson).toBe(7550);
      expect(group(r, 'designated-drivers').compensationPerPerson).toBe(4260);
    }
    // Computed from fee × 6 / 31, not written in: neither figure appears in the scenario's impact section.
    const yaml = readFileSync(new URL('../../scenarios/pangyo-2022.yaml', import.meta.url), 'utf8');
    const impact = yaml.slice(yaml.indexOf('\nimpact:'));
    expect(impact).toContain('formula: monthlyFee * 6 / 31');
    expect(impact).not.toMatch(/7,?550|4,?260/);
  });

  it('loses individual-taxi revenue on day 0 of the order T-money reported (−544.6 M won of a 6.34 bn won Saturday)', () => {
    // Share of a Saturday's fares lost between ignition and midnight, applied to T-money's base.
    const dayZero = runs.map((r) => {
      const taxi = group(r, 'taxi-drivers');
      expect(r.ledger!.firstHourLocal).toBe('2022-10-15T15:00+09:00');
      const lostToMidnight = taxi.hourlyLoss.slice(0, 9).reduce((a, b) => a + b, 0); // 15:00 … 23:00
      const saturdayFares = taxi.people * 200_000; // central of 150,000–250,000 won a Saturday
      return (lostToMidnight / saturdayFares) * 6.34e9;
    });
    // The share of fares lost while Kakao T is down is an assumption of 0.1–0.3 (central 0.2),
    // so the central estimate is good to ±50% at best: that is the tolerance.
    const estimate = median(dayZero);
    expect(estimate).toBeGreaterThan(544.6e6 * 0.5);
    expect(estimate).toBeLessThan(544.6e6 * 1.5);
  });

  it('puts the designated drivers’ reported 178,000 won mean loss inside the simulated P10–P90', () => {
    for (const r of runs) {
      const loss = group(r, 'designated-drivers').lossPerPerson!;
      // Seeds where the gas held the fire cost little; the others must make 178,000 won plausible.
      if (group(r, 'designated-drivers').outageHours < 24) continue;
      expect(loss.p10).toBeLessThanOrEqual(178_000);
      expect(loss.p90).toBeGreaterThanOrEqual(178_000);
    }
    expect(median(runs.map((r) => group(r, 'designated-drivers').outageHours))).toBeGreaterThan(60);
  });

  it('compensates a paid taxi driver for a small share of what the outage cost him', () => {
    const taxi = group(runs[0]!, 'taxi-drivers');
    expect(taxi.lossPerPerson!.p10).toBeGreaterThan(7550);
    expect(taxi.compensatedShare!).toBeLessThan(0.1);
  });

  it('changes with the design through the simulation alone: naver-like costs each group a small fraction of as-built-2022', () => {
    const asBuilt = loadScenario('as-built-2022', 'design').scenario;
    const naver = loadScenario('naver-like', 'design').scenario;
    // The designs change no figure of the impact section.
    expect(naver.impact).toEqual(asBuilt.impact);
    const cost = (scenario: typeof naver, g: string) =>
      median(
        SEEDS.map((seed) => {
          const x = group(runScenario({ scenario, seed, design: 'x' }), g);
          return x.lossTotal === null ? x.userHoursLost : x.lossTotal.p50;
        }),
      );
    for (const g of pangyo.impact!.groups) {
      const before = cost(asBuilt, g.id);
      const after = cost(naver, g.id);
      expect(before, g.id).toBeGreaterThan(0);
      expect(after / before, g.id).toBeLessThan(0.05);
    }
  });

  it('keeps the scenario plain data, so it can be cloned, scaled and sent to a worker', () => {
    expect(structuredClone(pangyo)).toEqual(pangyo);
    expect(runScenario({ scenario: scaleScenario(pangyo, 2), seed: 1 }).ledger!.groups[1]!.compensationPerPerson).toBe(7550);
  });

  it('runs on every built-in design, and a scenario without impact: gives no ledger', () => {
    for (const name of listBuiltInDesigns()) {
      const messages: StreamMessage[] = [];
      const r = runScenario({ scenario: loadScenario(name, 'design').scenario, seed: 1, sink: (m) => messages.push(m) });
      expect(r.ledger!.groups.map((g) => g.id)).toEqual(pangyo.impact!.groups.map((g) => g.id));
      expect(messages.at(-2)).toBe(messages.find((m) => m.type === 'ledger'));
    }
    const messages: StreamMessage[] = [];
    const bare = runScenario({ scenario: loadPangyo((raw) => delete raw.impact), seed: 1, sink: (m) => messages.push(m) });
    expect(bare.ledger).toBeNull();
    expect(messages.some((m) => m.type === 'ledger')).toBe(false);
    // Without the ledger the simulation is the same, byte for byte.
    const { ledger: _, ...withLedger } = runs[0]!;
    const { ledger: __, ...without } = bare;
    expect(without).toEqual(withLedger);
  });
});
