import { describe, expect, it } from 'vitest';
import { runGarbage } from '../../bench/garbage.js';

describe('npm run bench -- garbage', () => {
  it('counts the collections of the measured runs only, per 100 runs', () => {
    // Twenty Pangyo runs allocate far more than the young generation holds, so a working counter sees
    // scavenges; the figures are per measured run, not per run done (warm-up included).
    const result = runGarbage({ warmup: 3, measured: 20 });
    expect(result.runs).toBe(20);
    expect(result.ms_per_run).toBeGreaterThan(0);
    expect(result.scavenges_per_100_runs).toBeGreaterThan(0);
    // A whole number of collections over the 20 measured runs, expressed per 100 (a denominator that
    // counted the 3 warm-up runs too would give a fraction of a collection).
    expect((result.scavenges_per_100_runs * 20) / 100).toBeCloseTo(Math.round((result.scavenges_per_100_runs * 20) / 100), 9);
    expect(result.gc_pause_ms_per_run).toBeGreaterThan(0);
  });
});
