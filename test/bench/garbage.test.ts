import { describe, expect, it } from 'vitest';
import { runGarbage } from '../../bench/garbage.js';

describe('npm run bench -- garbage', () => {
  it('counts the collections of the measured runs only, per 100 runs', () => {
    // Twenty Pangyo runs allocate far more than the young generation holds, so scavenges must be seen;
    // none of the warm-up's may be counted, and every figure is per measured run.
    const result = runGarbage({ warmup: 3, measured: 20 });
    expect(result.runs).toBe(20);
    expect(result.ms_per_run).toBeGreaterThan(0);
    expect(result.scavenges_per_100_runs).toBeGreaterThan(0);
    // A whole number of collections over the 20 runs, expressed per 100.
    expect((result.scavenges_per_100_runs * 20) / 100).toBeCloseTo(Math.round((result.scavenges_per_100_runs * 20) / 100), 9);
    expect(result.gc_pause_ms_per_run).toBeGreaterThan(0);
  });
});
