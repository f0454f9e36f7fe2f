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
      const failed = await runPool(tasks, { workers: 2, script, workerData: { crash, mode: 'die' }, onLines: (l) => lines.push(...l) });
      expect(failed).toEqual([{ task: crash, reason: `fault on task ${crash}` }]);
      expect(lines.map(Number).sort((a, b) => a - b)).toEqual(tasks.filter((t) => t !== crash));
    }
  });

  it('retries a chunk whose run threw one task at a time, and fails only the task that throws again', async () => {
    const tasks = Array.from({ length: 23 }, (_, t) => t);
    for (const workers of [1, 2]) {
      const lines: string[] = [];
      const failed = await runPool(tasks, { workers, script, workerData: { crash: 9, mode: 'throw' }, onLines: (l) => lines.push(...l) });
      expect(failed).toEqual([{ task: 9, reason: 'fault on task 9' }]);
      expect(lines.map(Number).sort((a, b) => a - b)).toEqual(tasks.filter((t) => t !== 9));
    }
  });

  it('an empty list of tasks starts no worker and fails nothing', async () => {
    expect(await runPool([], { workers: 2, script, workerData: { crash: -1 }, onLines: () => expect.unreachable() })).toEqual([]);
  });
});
