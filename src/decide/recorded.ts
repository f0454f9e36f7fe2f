/**
 * The recorded decider: replays a decision log. Each action is taken at the
 * stop of the run where it was taken before — right after the question that
 * stopped the run, or at the same time boundary — and in the same order, so
 * the replay's stream is the original's, byte for byte. Strict, an action the
 * run cannot take then is an error naming the entry, the action, the time and
 * what is missing, and an entry whose stop never comes is reported by
 * `unused()`. Lenient (a counterfactual, where one changed decision makes the
 * rest of the log partly moot), both are skipped. A counterfactual also
 * replaces one entry: where the question it answered is asked, another
 * decider answers instead, in the entry's place in the order.
 */
import type { DecisionRequest } from '../model/decisions.js';
import type { LoggedAction } from '../run/steppedRun.js';
import type { CommanderView } from '../stream/protocol.js';
import type { Choice, Decider } from './decider.js';

/** A recorded decider, with what it could not replay. */
export interface RecordedDecider extends Decider {
  /** Entries of the log never taken (their stop never came), by index. */
  unused(): number[];
  /** What the replacing decider chose in the replaced entry's place (empty if it was never asked). */
  replacement(): Choice[];
}

/** How to replay. */
export interface ReplayOptions {
  /** Skip what cannot be taken instead of failing. [default: false] */
  lenient?: boolean;
  /** Leave entry `index` out; if it answered a question, `by` answers that question when it is asked. */
  replace?: { index: number; by: Decider };
  /** Told of every question as it is asked, with the view then (to ask another decider what it would do). */
  probe?: (request: DecisionRequest, view: CommanderView) => void;
  /** Told of every time boundary where the log acts unprompted, with the view then. */
  probeWake?: (now: number, view: CommanderView) => void;
  /** After the log: questions asked from `fromMs` on are answered by `by` (a drill played only part of the way). */
  then?: { fromMs: number; by: Decider };
}

/** Replays `entries`. */
export function createRecorded(entries: readonly LoggedAction[], options: ReplayOptions = {}): RecordedDecider {
  const used = new Uint8Array(entries.length);
  const optional = options.lenient === true;
  const replace = options.replace;
  const replacedRequest = replace === undefined ? null : entries[replace.index]!.request;
  const replacement: Choice[] = [];
  // Entries of the current stop not handed out yet, because the replaced entry before them waits for its question.
  let held: number[] = [];
  let waiting = false;

  const choice = (i: number): Choice => {
    used[i] = 1;
    const e = entries[i]!;
    return { action: e.action, by: e.by, entry: i, optional };
  };
  // Hands out `indices` in order; stops at the replaced entry until its question is asked.
  const handOut = (indices: number[], asked: { key: string } | null, answer: () => Choice[]): Choice[] => {
    const out: Choice[] = [];
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      if (replace !== undefined && i === replace.index) {
        if (replacedRequest !== null && asked !== null && asked.key !== replacedRequest) {
          held = indices.slice(k);
          waiting = true;
          return out;
        }
        used[i] = 1;
        if (replacedRequest !== null && asked !== null) for (const c of answer()) replacement.push(c), out.push({ ...c, optional: true });
        continue;
      }
      out.push(choice(i));
    }
    held = [];
    waiting = false;
    return out;
  };
  const unusedWhere = (match: (e: LoggedAction) => boolean): number[] => {
    const out: number[] = [];
    entries.forEach((e, i) => used[i] === 0 && match(e) && out.push(i));
    return out;
  };

  return {
    name: 'recorded',
    decide(request, view) {
      options.probe?.(request, view);
      const answer = () => replace!.by.decide(request, view);
      if (waiting) return handOut(held, request, answer);
      const out = handOut(unusedWhere((e) => e.stop === request.key), request, answer);
      // The replaced question asked at another stop than the one the log answered it at.
      if (!waiting && replace !== undefined && used[replace.index] === 0 && request.key === replacedRequest) out.push(...handOut([replace.index], request, answer));
      if (options.then !== undefined && request.atMs >= options.then.fromMs) out.push(...options.then.by.decide(request, view).map((c) => ({ ...c, optional: true })));
      return out;
    },
    nextWake(now) {
      let next = Infinity;
      entries.forEach((e, i) => {
        if (used[i] === 0 && e.stop === null && e.atMs >= now && e.atMs < next && !(replace !== undefined && i === replace.index)) next = e.atMs;
      });
      return next;
    },
    wake(now, view) {
      options.probeWake?.(now, view);
      const due = unusedWhere((e) => e.stop === null && e.atMs === now);
      // An action of the commander's own initiative, replaced: simply not taken.
      return handOut(due, null, () => []);
    },
    unused() {
      return unusedWhere(() => true).filter((i) => !(replace !== undefined && i === replace.index));
    },
    replacement() {
      return replacement;
    },
  };
}
