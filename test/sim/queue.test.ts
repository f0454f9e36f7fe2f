import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, createEnvironment, NORMAL } from '../../sim/index.js';

describe('EventQueue', () => {
  it('pop() leaves entries in (key, rank) order', () => {
    const q = new EventQueue(4);
    const entries: Array<[number, number]> = [[3, 1], [1, 5], [3, 0], [2, 2], [1, 4], [0, 9], [2, 1]];
    entries.forEach(([k, r], i) => q.push(k, r, i));
    const out: Array<[number, number]> = [];
    while (q.size > 0) {
      out.push([q.keys[0]!, q.ranks[0]!]);
      q.pop();
    }
    expect(out).toEqual([[0, 9], [1, 4], [1, 5], [2, 1], [2, 2], [3, 0], [3, 1]]);
  });

  it('replaceTop() removes the minimum and adds the new entry', () => {
    const q = new EventQueue();
    [5, 1, 3].forEach((k, i) => q.push(k, i, i));
    q.replaceTop(4, 10, 7);
    const keys: number[] = [];
    while (q.size > 0) {
      keys.push(q.keys[0]!);
      q.pop();
    }
    expect(keys).toEqual([3, 4, 5]);
  });

  it('grows past its initial capacity without losing entries', () => {
    const q = new EventQueue(4);
    for (let i = 0; i < 1000; i++) q.push((i * 7919) % 1000, i, i);
    let last = -1;
    let n = 0;
    while (q.size > 0) {
      expect(q.keys[0]!).toBeGreaterThanOrEqual(last);
      last = q.keys[0]!;
      q.pop();
      n++;
    }
    expect(n).toBe(1000);
  });
});

/** One operation of a random schedule: schedule an event, cancel an earlier one, or handle the next one. */
type Op =
  | { kind: 'schedule'; delay: number; priority: number }
  | { kind: 'cancel'; index: number }
  | { kind: 'step' };

const op: fc.Arbitrary<Op> = fc.oneof(
  // Few distinct delays, so equal times are common.
  { arbitrary: fc.record({ kind: fc.constant('schedule' as const), delay: fc.integer({ min: 0, max: 5 }), priority: fc.constantFrom(0, 1, 1, 1, 2) }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('cancel' as const), index: fc.nat() }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'step' as const }), weight: 3 },
);

describe('Environment queue order (property)', () => {
  it('handles events in (time, priority, scheduling order), skipping cancelled ones, as a sorted reference does', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const env = createEnvironment({ capacity: 4 });
        const handled: number[] = [];
        const ids: number[] = [];
        // Reference: a plain list of live events, sorted on demand.
        type Ref = { id: number; time: number; priority: number; seq: number; live: boolean; done: boolean };
        const ref: Ref[] = [];
        const expected: number[] = [];
        let now = 0;
        let seq = 0;
        const nextRef = (): Ref | undefined =>
          ref.filter((e) => e.live && !e.done).sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq)[0];
        for (const o of ops) {
          if (o.kind === 'schedule') {
            const n = ids.length;
            ids.push(env.schedule(o.delay, (i: number) => handled.push(i), n, o.priority));
            ref.push({ id: n, time: now + o.delay, priority: o.priority, seq: seq++, live: true, done: false });
          } else if (o.kind === 'cancel') {
            if (ids.length === 0) continue;
            const i = o.index % ids.length;
            const was = ref[i]!.live && !ref[i]!.done;
            expect(env.cancel(ids[i]!)).toBe(was);
            ref[i]!.live = false;
          } else {
            const next = nextRef();
            expect(env.peek()).toBe(next === undefined ? Infinity : next.time);
            if (next === undefined) continue;
            env.step();
            next.done = true;
            now = next.time;
            expected.push(next.id);
            expect(env.now).toBe(now);
          }
        }
        // Drain the rest.
        for (let next = nextRef(); next !== undefined; next = nextRef()) {
          next.done = true;
          expected.push(next.id);
        }
        env.run();
        expect(handled).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps scheduling order among many events at one time and priority', () => {
    const env = createEnvironment();
    const order: number[] = [];
    for (let i = 0; i < 5000; i++) env.schedule(10, (n: number) => order.push(n), i, NORMAL);
    env.run();
    expect(order).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });
});
