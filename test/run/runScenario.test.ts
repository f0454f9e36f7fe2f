import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/runScenario.js';
import type { StreamMessage } from '../../src/stream/protocol.js';
import { loadPangyo } from '../helpers.js';

const pangyo = loadPangyo();

function ndjson(def: Parameters<typeof runScenario>[0]): string {
  const lines: string[] = [];
  runScenario({ ...def, sink: (m: StreamMessage) => lines.push(JSON.stringify(m)) });
  return lines.join('\n');
}

describe('runScenario', () => {
  it('gives byte-identical NDJSON for the same scenario, policy and seed', () => {
    const a = ndjson({ scenario: pangyo, seed: 3 });
    const b = ndjson({ scenario: pangyo, seed: 3 });
    expect(a.length).toBeGreaterThan(10_000);
    expect(a).toBe(b);
    expect(ndjson({ scenario: pangyo, seed: 4 })).not.toBe(a);
  });

  it('starts every run of a scenario object afresh, though its world layout is built once', () => {
    // The first run of a freshly loaded scenario builds the layout; later runs of the same object reuse it
    // and must not see what an earlier run powered down, failed over or built out.
    const fresh = loadPangyo();
    const first = ndjson({ scenario: fresh, seed: 5 });
    ndjson({ scenario: fresh, seed: 6 });
    expect(ndjson({ scenario: fresh, seed: 5 })).toBe(first);
    expect(ndjson({ scenario: loadPangyo(), seed: 5 })).toBe(first);
  });

  it('gives the same simulated results with the history block removed: history is only compared', () => {
    const withHistory = runScenario({ scenario: pangyo, seed: 2 });
    const without = runScenario({ scenario: loadPangyo((raw) => delete raw.history), seed: 2 });
    const strip = (end: typeof withHistory) => ({
      ...end,
      reportedAllRestoredHours: undefined,
      services: end.services.map((s) => ({ ...s, reportedFirstUsableHours: undefined, reportedNormalHours: undefined })),
      serverCurve: undefined,
    });
    expect(strip(without)).toEqual(strip(withHistory));
    expect(without.reportedAllRestoredHours).toBeNull();
    expect(without.services.every((s) => s.reportedNormalHours === null)).toBe(true);
    // The curve differs only by the reported points it is evaluated at.
    const hourly = (end: typeof withHistory) => end.serverCurve.filter((p) => Number.isInteger(p.hours)).map((p) => [p.hours, p.fractionRunning]);
    expect(hourly(without)).toEqual(hourly(withHistory));
  });

  it('starts from a fully running fleet, loses it in the fire and brings (nearly) all of it back', () => {
    const end = runScenario({ scenario: pangyo, seed: 1 });
    const at = (h: number) => end.serverCurve.find((p) => p.hours === h)!.fractionRunning;
    expect(at(0)).toBe(1);
    expect(at(10.2)).toBe(0); // whole building dark before power returns
    expect(end.serverCurve.at(-1)!.fractionRunning).toBeGreaterThan(0.99);
    expect(end.allRestoredHours).not.toBeNull();
  });

  it('explains each recovered service with a critical chain that ends when it became normal', () => {
    const end = runScenario({ scenario: pangyo, seed: 1 });
    const mail = end.services.find((s) => s.id === 'daum-mail')!;
    expect(mail.criticalChain.length).toBeGreaterThan(2);
    expect(mail.criticalChain.at(-1)!.toHours).toBeCloseTo(mail.normalHours!, 6);
    expect(mail.criticalChain.map((l) => l.what).join(' | ')).toMatch(/replacement cable/);
    for (const link of mail.criticalChain) expect(link.toHours).toBeGreaterThanOrEqual(link.fromHours);
  });

  it('rejects an unknown policy with the ones the scenario defines', () => {
    expect(() => runScenario({ scenario: pangyo, policy: 'yolo' })).toThrow(/unknown policy "yolo"; the scenario defines historical, runbook/);
  });
});
