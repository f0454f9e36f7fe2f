/**
 * Micro-benchmark P of MODELS.md: what V8 can do with (time, seq) keys in a
 * bare binary min-heap of parallel typed arrays, with no engine around it.
 * The kernel's models are reported as fractions of these rates.
 */
import { exponential, createStreams } from '../sim/index.js';
import { EVENT_CHURN_STREAM } from './eventChurn.js';

/** Parameters of micro-benchmark P. */
export interface LimitParams {
  /** Entries resident in the heap (K). */
  processes: number;
  /** Operations timed (E). */
  events: number;
  seed: number;
}

/** Rates of the three loops of P, in operations per second of the timed loop. */
export interface LimitResult {
  hold: { events_per_s_run: number; run_s: number; end_time: number };
  'hold-rng': { events_per_s_run: number; run_s: number; end_time: number };
  'fill-drain': { events_per_s_run: number; run_s: number };
}

/** The bare heap: keys (time, seq), payload id. Deliberately written out, not shared with the kernel. */
class BareHeap {
  time: Float64Array;
  seq: Float64Array;
  id: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.id = new Int32Array(capacity);
  }
  push(t: number, s: number, p: number): void {
    const time = this.time;
    const seq = this.seq;
    const id = this.id;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = time[parent]!;
      if (pt < t || (pt === t && seq[parent]! < s)) break;
      time[i] = pt;
      seq[i] = seq[parent]!;
      id[i] = id[parent]!;
      i = parent;
    }
    time[i] = t;
    seq[i] = s;
    id[i] = p;
  }
  /** Removes the minimum (read it at index 0 first). */
  pop(): void {
    const time = this.time;
    const seq = this.seq;
    const id = this.id;
    const n = --this.size;
    if (n === 0) return;
    const t = time[n]!;
    const s = seq[n]!;
    const p = id[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = time[c]!;
      let cs = seq[c]!;
      if (c + 1 < n) {
        const dt = time[c + 1]!;
        if (dt < ct || (dt === ct && seq[c + 1]! < cs)) {
          c++;
          ct = dt;
          cs = seq[c]!;
        }
      }
      if (t < ct || (t === ct && s < cs)) break;
      time[i] = ct;
      seq[i] = cs;
      id[i] = id[c]!;
      i = c;
    }
    time[i] = t;
    seq[i] = s;
    id[i] = p;
  }
}

/** Runs hold, hold-rng and fill-drain once each. */
export function runLimit(params: LimitParams): LimitResult {
  const { processes: K, events: E, seed } = params;

  // hold: the increments of model A's stream, drawn before the timed loop.
  const rngA = createStreams(seed).get(EVENT_CHURN_STREAM);
  const initial = new Float64Array(K);
  for (let p = 0; p < K; p++) initial[p] = exponential(rngA, 1);
  const increments = new Float64Array(E);
  for (let i = 0; i < E - 1; i++) increments[i] = exponential(rngA, 1);
  let heap = fill(initial);
  let seq = K;
  let t0 = performance.now();
  let now = 0;
  for (let i = 0; i < E; i++) {
    now = heap.time[0]!;
    const p = heap.id[0]!;
    heap.pop();
    if (i === E - 1) break; // model A stops at the E-th expiry without a draw
    heap.push(now + increments[i]!, seq++, p);
  }
  const holdS = (performance.now() - t0) / 1000;
  const holdEnd = now;

  // hold-rng: the same, drawing inside the loop (the floor for model A itself).
  const rngB = createStreams(seed).get(EVENT_CHURN_STREAM);
  for (let p = 0; p < K; p++) initial[p] = exponential(rngB, 1);
  heap = fill(initial);
  seq = K;
  t0 = performance.now();
  for (let i = 0; i < E; i++) {
    now = heap.time[0]!;
    const p = heap.id[0]!;
    heap.pop();
    if (i === E - 1) break;
    heap.push(now + exponential(rngB, 1), seq++, p);
  }
  const holdRngS = (performance.now() - t0) / 1000;

  // fill-drain: E pushes at uniform random times, then E pops.
  const rngC = createStreams(seed).get('fill-drain');
  const times = new Float64Array(E);
  for (let i = 0; i < E; i++) times[i] = rngC();
  const big = new BareHeap(E);
  t0 = performance.now();
  for (let i = 0; i < E; i++) big.push(times[i]!, i, i);
  let checksum = 0;
  while (big.size > 0) {
    checksum += big.id[0]!;
    big.pop();
  }
  const fillDrainS = (performance.now() - t0) / 1000;
  if (checksum !== (E * (E - 1)) / 2) throw new Error('fill-drain lost entries');

  return {
    hold: { events_per_s_run: E / holdS, run_s: holdS, end_time: holdEnd },
    'hold-rng': { events_per_s_run: E / holdRngS, run_s: holdRngS, end_time: now },
    'fill-drain': { events_per_s_run: E / fillDrainS, run_s: fillDrainS },
  };
}

function fill(initial: Float64Array): BareHeap {
  const heap = new BareHeap(initial.length);
  for (let p = 0; p < initial.length; p++) heap.push(initial[p]!, p, p);
  return heap;
}
