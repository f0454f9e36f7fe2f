/**
 * The recorded decider: replays a decision log. Each action is taken at the
 * stop of the run where it was taken before — right after the question that
 * stopped the run, or at the same time boundary — so the replay's stream is
 * the original's, byte for byte. Strict, an action the run cannot take then
 * is an error naming the action, the time and what is missing, and so is an
 * action whose stop never comes; lenient (for counterfactuals, where an
 * earlier change makes the rest of the log partly moot), both are skipped.
 */
import type { LoggedAction } from '../run/steppedRun.js';
import type { Choice, Decider } from './decider.js';

/** A recorded decider, with what it could not replay. */
export interface RecordedDecider extends Decider {
  /** Entries of the log never taken (their stop never came, or they were skipped), by index. */
  unused(): number[];
}

/** Replays `entries`. */
export function createRecorded(entries: readonly LoggedAction[]): RecordedDecider {
  const used = new Uint8Array(entries.length);
  const take = (match: (e: LoggedAction) => boolean): Choice[] => {
    const out: Choice[] = [];
    entries.forEach((e, i) => {
      if (used[i] === 0 && match(e)) {
        used[i] = 1;
        out.push({ action: e.action, by: e.by });
      }
    });
    return out;
  };
  return {
    name: 'recorded',
    decide(request) {
      return take((e) => e.stop === request.key);
    },
    nextWake(now) {
      let next = Infinity;
      entries.forEach((e, i) => {
        if (used[i] === 0 && e.stop === null && e.atMs >= now && e.atMs < next) next = e.atMs;
      });
      return next;
    },
    wake(now) {
      return take((e) => e.stop === null && e.atMs === now);
    },
    unused() {
      const out: number[] = [];
      used.forEach((u, i) => u === 0 && out.push(i));
      return out;
    },
  };
}
