/**
 * Keyframes of every server's state for the viewer's floor map: the whole
 * fleet, run-length encoded in server order ([state, count, state, count …]),
 * whenever it changed since the last frame. Each frame stands alone, so a
 * viewer seeks anywhere by taking the last frame at or before that time.
 * Halls are re-encoded only when one of their servers changed: racks share
 * states, so a frame is short and cheap.
 */
import type { RunContext } from '../model/context.js';

/** Produces fleet frames for a run. */
export interface FleetFrames {
  /** The current frame, or null if nothing changed since the last one. */
  next(): number[] | null;
}

/** Watches the fleet's state changes (`serverChanged` on the bus). */
export function watchFleet(ctx: RunContext): FleetFrames {
  const { world } = ctx;
  const halls = world.halls;
  const dirty = new Uint8Array(halls.length).fill(1);
  const encoded: number[][] = halls.map(() => []);
  let changed = true;
  ctx.bus.serverChanged.on((server) => {
    dirty[world.serverHall[server]!] = 1;
    changed = true;
  });
  const encodeHall = (h: number): number[] => {
    const hall = halls[h]!;
    const out: number[] = [];
    const end = hall.firstServer + hall.serverCount;
    let state = world.serverState[hall.firstServer]!;
    let count = 0;
    for (let s = hall.firstServer; s < end; s++) {
      const x = world.serverState[s]!;
      if (x === state) count++;
      else {
        out.push(state, count);
        state = x;
        count = 1;
      }
    }
    if (count > 0) out.push(state, count);
    return out;
  };
  return {
    next() {
      if (!changed) return null;
      changed = false;
      const runs: number[] = [];
      for (let h = 0; h < halls.length; h++) {
        if (dirty[h] === 1) {
          encoded[h] = encodeHall(h);
          dirty[h] = 0;
        }
        // Join runs across hall boundaries so the frame does not depend on the hall layout.
        const hallRuns = encoded[h]!;
        let i = 0;
        if (runs.length > 0 && hallRuns.length > 0 && runs[runs.length - 2] === hallRuns[0]) {
          runs[runs.length - 1]! += hallRuns[1]!;
          i = 2;
        }
        for (; i < hallRuns.length; i++) runs.push(hallRuns[i]!);
      }
      return runs;
    },
  };
}
