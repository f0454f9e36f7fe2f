import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createWorkerPool } from '../../src/run/workerPool.js';

const script = new URL('./fixtures/requireEsmWorker.mjs', import.meta.url);

describe('the worker pool', () => {
  // Node aborts the process when a thread is terminated at the end of a require(esm) load; with it off,
  // piscina loads the worker with import(), which a termination ends cleanly (see workerPool.ts).
  it('loads its workers with require(esm) off, which this Node has on by default', async () => {
    let here: string;
    try {
      createRequire(script)('./esmLeaf.mjs');
      here = 'loaded';
    } catch (error) {
      here = (error as NodeJS.ErrnoException).code ?? String(error);
    }
    expect(here).toBe('loaded');
    const pool = createWorkerPool({ script, threads: 1 });
    try {
      expect(await pool.run(null)).toBe('ERR_REQUIRE_ESM');
    } finally {
      await pool.destroy();
    }
  });
});
