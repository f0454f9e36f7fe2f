import { describe, expect, it } from 'vitest';
import { runPool } from '../../src/sweep/pool.js';

const script = new URL('./fixtures/crashingWorker.mjs', import.meta.url);

describe('the sweep pool', () => {
  it('keeps every finished chunk exactly once when a worker dies just after answering', async () => {
    // The race is between the dying worker's 'error' and the answer it posted just before; repeat so
    // that both orders occur.
    for (let round = 0; round < 25; round++) {
      const tasks = Array.from({ length: 40 }, (_, t) => t);
      const crash = 5 + round;
      const lines: string[] = [];
      const failed = await runPool(tasks, { workers: 2, script, workerData: { crash }, onLines: (l) => lines.push(...l) });
      expect(failed).toEqual([{ task: crash, reason: `fault on task ${crash}` }]);
      expect(lines.map(Number).sort((a, b) => a - b)).toEqual(tasks.filter((t) => t !== crash));
    }
  });
});
