import { describe, expect, it } from 'vitest';
import { runEventChurn } from '../../bench/eventChurn.js';
import { runLimit } from '../../bench/limit.js';

describe('runEventChurn', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: end_time falls inside MODELS.md's band and draws = K + E − 1`, () => {
      const { outputs } = runEventChurn({ processes: 1_000, events: 2_000_000, seed });
      expect(outputs.end_time).toBeGreaterThanOrEqual(1995.76);
      expect(outputs.end_time).toBeLessThanOrEqual(2004.24);
      expect(outputs.events).toBe(2_000_000);
      expect(outputs.draws).toBe(1_000 + 2_000_000 - 1);
    });
  }

  it('ends at the same time as micro-benchmark P’s hold, which replays its draws on a bare heap', () => {
    const params = { processes: 300, events: 50_000, seed: 4 };
    const churn = runEventChurn(params);
    const limit = runLimit(params);
    expect(limit.hold.end_time).toBe(churn.outputs.end_time);
    expect(limit['hold-rng'].end_time).toBe(churn.outputs.end_time);
  });
});
