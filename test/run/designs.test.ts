import { describe, expect, it } from 'vitest';
import { quantile } from '../../src/run/calibration.js';
import { runScenario } from '../../src/run/runScenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { listBuiltInDesigns } from '../../src/scenario/builtIns.js';
import type { RunEndMessage, StreamMessage } from '../../src/stream/protocol.js';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function runs(design: string, policy = 'historical'): RunEndMessage[] {
  const { scenario } = loadScenario(design, 'design');
  return SEEDS.map((seed) => runScenario({ scenario, seed, policy }));
}
const medianOf = (ends: RunEndMessage[], pick: (e: RunEndMessage) => number | null) => quantile(ends.map((e) => pick(e) ?? Infinity), 0.5)!;

describe('designs change recovery through the simulation alone (same fire, same seeds)', () => {
  it('lists the five built-in designs', () => {
    expect(listBuiltInDesigns()).toEqual(['as-built-2022', 'control-plane-active-active', 'kakao-2024', 'naver-like', 'zoned-power-cutoff']);
  });

  it('naver-like brings most services back within 4 h and all within 12 h, by autoscaling at the surviving sites', () => {
    const ends = runs('naver-like');
    const ids = ends[0]!.services.map((s) => s.id);
    const normal = ids.map((id) => medianOf(ends, (e) => e.services.find((s) => s.id === id)!.normalHours));
    expect(normal.filter((h) => h <= 4).length).toBeGreaterThan(ids.length / 2);
    expect(Math.max(...normal)).toBeLessThanOrEqual(12);
    const messaging = ends[0]!.services.find((s) => s.id === 'kakaotalk-messaging')!;
    expect(messaging.criticalChain.map((l) => l.what)).toContain('autoscaling at the surviving sites');
  });

  it('control-plane-active-active recovers messaging in under 3 h: the failover system and deployment tool survive', () => {
    const ends = runs('control-plane-active-active');
    expect(medianOf(ends, (e) => e.services.find((s) => s.id === 'kakaotalk-messaging')!.firstUsableHours)).toBeLessThan(3);
    const asBuilt = runs('as-built-2022');
    expect(medianOf(asBuilt, (e) => e.services.find((s) => s.id === 'kakaotalk-messaging')!.firstUsableHours)).toBeGreaterThan(6);
  });

  it('zoned-power-cutoff keeps the servers outside the burning zone running', () => {
    const { scenario } = loadScenario('zoned-power-cutoff', 'design');
    for (const seed of SEEDS) {
      const lost: string[] = [];
      const end = runScenario({ scenario, seed, sink: (m: StreamMessage) => void (m.type === 'narrative' && m.kind === 'power.lost' && lost.push(String(m.data?.domain))) });
      // Only the domains fed from, or cabled through, the burning room ever lose power.
      expect(lost.sort()).toEqual(['kakao-b1', 'kakao-b2', 'kakao-b3', 'kakao-c1', 'kakao-c2']);
      expect(end.serverCurve.find((p) => p.hours === 17)!.fractionRunning).toBeGreaterThanOrEqual(12_000 / 32_000);
      expect(end.services.find((s) => s.id === 'kakaotalk-messaging')!.firstUsableHours).toBe(0);
    }
  });

  it('kakao-2024 loses no service: every component keeps enough capacity at Anyang and Ansan', () => {
    const ends = runs('kakao-2024');
    for (const end of ends) expect(end.allRestoredHours).toBe(0);
  });

  it('the same seed gives every design the same fire', () => {
    const fire = (design: string) => {
      const { scenario } = loadScenario(design, 'design');
      const events: string[] = [];
      runScenario({ scenario, seed: 4, sink: (m: StreamMessage) => void (m.type === 'narrative' && m.kind.startsWith('fire.') && events.push(`${m.h} ${m.kind}`)) });
      return events;
    };
    expect(fire('naver-like')).toEqual(fire('as-built-2022'));
    expect(fire('kakao-2024')).toEqual(fire('as-built-2022'));
  });
});
