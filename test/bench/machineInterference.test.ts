import { describe, expect, it } from 'vitest';
import { machineInterference } from '../../bench/machineInterference.js';

describe('machineInterference', () => {
  it('reproduces the exact column of MODELS.md at the default parameters', () => {
    const exact = machineInterference(32_000, 50, 1_000, 1.4);
    expect(exact.failures_per_h * 25_000).toBeCloseTo(798_810, -1);
    expect(exact.mean_wait_h).toBeCloseTo(0.09008, 5);
    expect(exact.p_wait).toBeCloseTo(0.34069, 5);
    expect(exact.availability).toBeCloseTo(0.9985121, 7);
    expect(exact.crew_utilization).toBeCloseTo(0.894667, 6);
    expect(exact.mean_queue_len).toBeCloseTo(2.8783, 4);
  });

  it('reduces to the M/M/1//N textbook case for one crew and two servers', () => {
    // States 0,1,2 down: p1 = 2r p0, p2 = 2r^2 p0 with r = MTTR/MTBF.
    const r = 0.5;
    const p0 = 1 / (1 + 2 * r + 2 * r * r);
    const exact = machineInterference(2, 1, 2, 1);
    expect(exact.availability).toBeCloseTo(1 - (2 * r * p0 + 2 * 2 * r * r * p0) / 2, 12);
    expect(exact.mean_queue_len).toBeCloseTo(2 * r * r * p0, 12);
  });
});
