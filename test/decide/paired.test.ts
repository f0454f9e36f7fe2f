import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/runScenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { pairedDifference } from '../../src/sweep/stats.js';

/**
 * Issue #12's acceptance: over seeds 1–100 on as-built-2022, the runbook (rebuild the control plane
 * elsewhere, call in engineers, fail everything over) against what Kakao did, paired on the seed —
 * the same fire and the same luck for both.
 */
describe('runbook against historical, paired over seeds 1–100 (as-built-2022)', () => {
  const { scenario } = loadScenario('as-built-2022', 'design');
  const seeds = Array.from({ length: 100 }, (_, i) => i + 1);
  const historical = seeds.map((seed) => runScenario({ scenario, seed, policy: 'historical' }));
  const runbook = seeds.map((seed) => runScenario({ scenario, seed, policy: 'runbook' }));
  const at = (runs: typeof historical, id: string, field: 'normalHours' | 'firstUsableHours') => runs.map((r) => r.services.find((s) => s.id === id)![field]!);
  const earlier = (id: string, field: 'normalHours' | 'firstUsableHours') => {
    const d = pairedDifference(at(historical, id, field), at(runbook, id, field));
    expect(d.n).toBe(100);
    expect(d.ci95[1]!).toBeLessThan(0); // runbook − historical: the whole interval below zero
    return d;
  };

  it('restores the operations tools earlier', () => {
    expect(earlier('ops-tools', 'normalHours').mean).toBeLessThan(-1);
  });

  it('restores the failover system earlier', () => {
    expect(earlier('failover-system', 'normalHours').mean).toBeLessThan(-1);
  });

  it('makes messaging usable earlier', () => {
    expect(earlier('kakaotalk-messaging', 'firstUsableHours').mean).toBeLessThan(0);
  });
});
