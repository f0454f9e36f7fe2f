import { describe, expect, it } from 'vitest';
import { machineInterference } from '../../bench/machineInterference.js';
import { REPAIR_SHOP_DEFAULTS, runRepairShop } from '../../bench/repairShop.js';

// MODELS.md's ± 3 sd bands for one run at the default parameters.
const BANDS = {
  failures: [795_798, 801_822],
  mean_wait_h: [0.0778, 0.1024],
  p_wait: [0.3203, 0.3611],
  availability: [0.9984935, 0.9985307],
  crew_utilization: [0.8899, 0.8995],
  mean_queue_len: [2.476, 3.28],
} as const;

describe('runRepairShop', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: every output falls inside MODELS.md's ± 3 sd band`, () => {
      const { outputs, events } = runRepairShop({ ...REPAIR_SHOP_DEFAULTS, seed });
      for (const [name, [lo, hi]] of Object.entries(BANDS)) {
        const value = outputs[name as keyof typeof BANDS];
        expect(value, name).toBeGreaterThanOrEqual(lo);
        expect(value, name).toBeLessThanOrEqual(hi);
      }
      expect(events).toBe(outputs.failures + outputs.repairs);
      expect(outputs.repair_starts - outputs.repairs).toBeLessThanOrEqual(REPAIR_SHOP_DEFAULTS.crews);
      expect(outputs.failures - outputs.repairs).toBe(outputs.down_at_end);
    });
  }

  it('agrees with the exact M/M/C//N steady state for other parameters', () => {
    // 120 servers, 4 crews, offered load 120 × 3 / (90 × 4) = 1.0: a third of the fleet's
    // failures queue. 400,000 h gives about 500,000 failures.
    const params = { servers: 120, crews: 4, mtbf: 90, mttr: 3, hours: 400_000, seed: 11 };
    const exact = machineInterference(120, 4, 90, 3);
    const { outputs } = runRepairShop(params);
    expect(outputs.failures / params.hours).toBeCloseTo(exact.failures_per_h, 2);
    expect(Math.abs(outputs.availability - exact.availability)).toBeLessThan(0.002);
    expect(Math.abs(outputs.crew_utilization - exact.crew_utilization)).toBeLessThan(0.005);
    expect(Math.abs(outputs.p_wait - exact.p_wait)).toBeLessThan(0.01);
    expect(Math.abs(outputs.mean_queue_len / exact.mean_queue_len - 1)).toBeLessThan(0.04);
    expect(Math.abs(outputs.mean_wait_h / exact.mean_wait_h - 1)).toBeLessThan(0.04);
  });

  it('gives identical outputs for the same seed and different ones for another seed', () => {
    const small = { servers: 500, crews: 3, mtbf: 100, mttr: 0.5, hours: 2_000, seed: 9 };
    expect(runRepairShop(small).outputs).toEqual(runRepairShop(small).outputs);
    expect(runRepairShop({ ...small, seed: 10 }).outputs).not.toEqual(runRepairShop(small).outputs);
  });
});
