import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../src/stream/protocol.js';
import { MAX_SERVERS, readRecording } from '../../src/stream/read.js';
import { MESSAGE_SCHEMAS } from '../../src/stream/schema.js';
import { readSweepSummary } from '../../src/sweep/summarySchema.js';
import { pangyoLines } from './recording.js';

/**
 * The recording reader against mutated real recordings and plain garbage,
 * with fixed seeds so a failure replays the same in CI: it never throws,
 * never hangs, names a line that exists, echoes little, and what it accepts
 * is what the views index without checking.
 */

// A short real recording: run.start, its first samples and fleet frames, the ledger and run.end.
const all = pangyoLines();
const BASE = [...all.slice(0, 40), ...all.slice(-2)];

/** Values that have broken readers before: wrong types, edges of numbers, prototype keys, markup, depth. */
const nasty = fc.constantFrom<unknown>(null, '', -1, 0, 1e308, -1e308, 2 ** 53, 0.5, '1', '__proto__', 'constructor', '<img src=x onerror=alert(1)>', [], {}, [[[[[]]]]], { __proto__: 1 }, 'x'.repeat(10_000), true);
// Numbers and strings as often as anything: they pass the schemas and test what must agree with run.start.
const anyValue = fc.oneof(nasty, fc.jsonValue({ maxDepth: 3 }), fc.integer({ min: -2, max: 50_000 }), fc.double(), fc.string());

type Mutation =
  | { kind: 'set'; line: number; path: number[]; value: unknown }
  | { kind: 'delete'; line: number; path: number[] }
  | { kind: 'truncate'; line: number; at: number }
  | { kind: 'insert'; line: number; text: string }
  | { kind: 'remove'; line: number }
  | { kind: 'swap'; line: number; other: number };

const line = fc.nat({ max: BASE.length - 1 });
const path = fc.array(fc.nat(), { minLength: 1, maxLength: 5 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('set' as const), line, path, value: anyValue }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), line, path }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('truncate' as const), line, at: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), line, text: fc.oneof(fc.string(), fc.json({ maxDepth: 3 }), fc.constant('[' .repeat(100_000))) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('remove' as const), line }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('swap' as const), line, other: line }), weight: 1 },
);

/** Walks `path` (indices into keys or items, wrapped) to a container and the key in it. */
function locate(root: unknown, selectors: number[]): { parent: Record<string, unknown> | unknown[]; key: string | number } | null {
  let parent: unknown = root;
  let found: { parent: Record<string, unknown> | unknown[]; key: string | number } | null = null;
  for (const s of selectors) {
    if (parent === null || typeof parent !== 'object') break;
    const keys: Array<string | number> = Array.isArray(parent) ? parent.map((_, i) => i) : Object.keys(parent);
    if (keys.length === 0) break;
    const key = keys[s % keys.length]!;
    found = { parent: parent as Record<string, unknown>, key };
    parent = (parent as Record<string | number, unknown>)[key];
  }
  return found;
}

function apply(lines: string[], m: Mutation): string[] {
  const out = [...lines];
  const i = Math.min(m.line, out.length - 1);
  switch (m.kind) {
    case 'set':
    case 'delete': {
      let message: unknown;
      try {
        message = JSON.parse(out[i]!);
      } catch {
        return out; // an earlier mutation cut this line short
      }
      const at = locate(message, m.path);
      if (at === null) return out;
      if (m.kind === 'set') (at.parent as Record<string | number, unknown>)[at.key] = m.value;
      else if (Array.isArray(at.parent)) at.parent.splice(at.key as number, 1);
      else delete at.parent[at.key as string];
      out[i] = JSON.stringify(message);
      return out;
    }
    case 'truncate':
      out[i] = out[i]!.slice(0, m.at % (out[i]!.length + 1));
      return out;
    case 'insert':
      out.splice(i, 0, m.text.replaceAll('\n', ' '));
      return out;
    case 'remove':
      out.splice(i, 1);
      return out;
    case 'swap':
      [out[i], out[m.other]] = [out[m.other]!, out[i]!];
      return out;
  }
}

/** What the views index without checking, for every message the reader let through. */
function expectDrawable(messages: StreamMessage[]): void {
  const start = messages[0];
  expect(start?.type).toBe('run.start');
  if (start?.type !== 'run.start') return;
  let servers = 0;
  for (const hall of start.halls) {
    expect(hall.firstServer).toBe(servers);
    expect(start.sites.some((s) => s.id === hall.site)).toBe(true);
    servers += hall.racks * hall.serversPerRack;
  }
  expect(servers).toBeLessThanOrEqual(MAX_SERVERS);
  let lastH = -Infinity;
  for (const m of messages.slice(1)) {
    if (m.type === 'run.start') throw new Error('a second run.start was accepted');
    expect(MESSAGE_SCHEMAS[m.type].safeParse(m).success).toBe(true);
    expect(m.h).toBeGreaterThanOrEqual(lastH);
    lastH = m.h;
    if (m.type === 'sample') expect([m.running.length, m.availability.length, m.level.length]).toEqual([start.sites.length, start.services.length, start.services.length]);
    if (m.type === 'fleet') {
      let total = 0;
      for (let r = 0; r < m.runs.length; r += 2) {
        expect(start.serverStates[m.runs[r]!]).toBeTypeOf('string');
        total += m.runs[r + 1]!;
      }
      expect(total).toBe(servers);
    }
  }
}

describe('readRecording, fuzzed', () => {
  it('never throws on a mutated real recording; names a line that exists; accepts only what views can draw', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const lines = mutations.reduce(apply, BASE);
        const text = `${lines.join('\n')}\n`;
        const read = readRecording(text);
        if (read.problem === null) {
          expect(read.start).not.toBeNull();
          if (read.start!.protocol === '1.2') expectDrawable(read.messages);
        } else {
          expect(read.problem.line).toBeGreaterThanOrEqual(1);
          expect(read.problem.line).toBeLessThanOrEqual(Math.max(1, lines.length));
          // One line of text, with at most a short quote of what was there.
          expect(read.problem.message.length).toBeLessThan(400);
          expect(read.problem.message).not.toMatch(/\n|TypeError|Cannot read|is not a function|\bat .*:\d+:\d+/);
        }
      }),
      { seed: 16, numRuns: 1000 },
    );
  });

  it('with numbers and strings changed in place, accepts only recordings that agree with their run.start', () => {
    const leaf = fc.record({ kind: fc.constant('set' as const), line, path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), value: fc.oneof(fc.integer({ min: -1, max: 40_000 }), fc.string({ maxLength: 8 })) });
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(leaf, { minLength: 1, maxLength: 2 }), (mutations) => {
        const read = readRecording(`${mutations.reduce(apply, BASE).join('\n')}\n`);
        if (read.problem === null) {
          accepted++;
          expectDrawable(read.messages);
        }
      }),
      { seed: 16, numRuns: 1000 },
    );
    // Enough of them pass for the property to say something about what is accepted.
    expect(accepted).toBeGreaterThan(100);
  });

  it('never throws on text that is no recording at all', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 2000 }), fc.array(fc.json({ maxDepth: 4 }), { maxLength: 20 }).map((l) => l.join('\n'))), (text) => {
        const read = readRecording(text);
        expect(read.problem === null ? read.start !== null : read.problem.line >= 1).toBe(true);
      }),
      { seed: 16, numRuns: 1000 },
    );
  });

  it('reads a line nested 100,000 deep as a refusal, not a stack overflow', () => {
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    const start = JSON.parse(BASE[0]!) as Record<string, unknown>;
    const text = `${JSON.stringify(start).replace('"seed":1', `"seed":${deep}`)}\n`;
    expect(readRecording(text).problem).toEqual({ line: 1, message: 'run.start.seed: expected number, got […]' });
  });
});

describe('readSweepSummary, fuzzed', () => {
  it('never throws on a mutated summary, and answers in one short line', () => {
    // A summary of the shape firedrill sweep writes, small enough to mutate quickly.
    const summary = {
      kind: 'firedrill-sweep-summary',
      version: 1,
      scenario: 'pangyo-2022',
      policy: 'historical',
      seeds: '1..2',
      runs: 4,
      designs: ['a', 'b'],
      variations: ['base'],
      services: ['s'],
      groups: ['g'],
      perDesign: ['a', 'b'].map((design) => ({
        design,
        runs: 2,
        allRestoredHours: { p50: 1, p90: 2, p99: 2 },
        neverRestored: 0,
        promiseKept: 0.5,
        worst: { seed: 2, allRestoredHours: 2 },
        best: { seed: 1, allRestoredHours: 1 },
        ecdf: [[1, 0.5, 1], [2, 1, 2]],
        services: [{ id: 's', usable: { p50: 1, p90: 1, p99: 1 }, normal: { p50: 1, p90: 2, p99: 2 }, ecdf: [[1, 1]] }],
        ledger: [{ group: 'g', lossWon: { p50: 10, p90: 20 } }],
        totalLossWon: { p50: 10, p90: 20 },
      })),
      paired: [{ a: 'a', b: 'b', metric: 'all_restored_h', n: 2, excluded: 0, meanDifference: 0, ci95: [null, null] }],
      sensitivity: [],
    };
    expect(readSweepSummary(summary).ok).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.record({ path, value: fc.option(anyValue, { nil: undefined }) }), { minLength: 1, maxLength: 3 }), (changes) => {
        const copy = structuredClone(summary) as unknown;
        for (const change of changes) {
          const at = locate(copy, change.path);
          if (at === null) continue;
          if (change.value === undefined && !Array.isArray(at.parent)) delete at.parent[at.key as string];
          else (at.parent as Record<string | number, unknown>)[at.key] = change.value;
        }
        const read = readSweepSummary(copy);
        if (!read.ok) {
          expect(read.message.length).toBeLessThan(400);
          expect(read.message).not.toMatch(/\n|TypeError|Cannot read/);
        }
      }),
      { seed: 16, numRuns: 500 },
    );
  });
});
