import { listBuiltInDesigns } from '../../src/scenario/builtIns.js';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Document, isNode, parse, stringify, type Node } from 'yaml';
import { main } from '../../src/cli/main.js';

/**
 * The scenario loader under fire (issue 16): over a thousand documents made
 * by mutating the real Pangyo scenario and its designs (keys deleted, values
 * of the wrong type, huge numbers, long and exotic strings, unknown keys,
 * YAML aliases and alias bombs, files cut short or spliced), each run through
 * the command line's own `main(['run', FILE, '--out', OUT, '--json'])`
 * in-process. Whatever the document: exit code 0 or 2, no stack trace and no
 * "internal error" on stderr, and the recording either complete (ending in
 * run.end) or absent, with no temporary file left. fast-check's seed is
 * fixed, so CI meets the same documents every time; a failure prints the
 * document's path and the mutation that made it.
 *
 * The bases have their horizon cut to 1 h (the fire and the first UPS
 * failures), so that the documents that stay valid run in milliseconds; the
 * loader sees the real scenario otherwise. The real loader parses a full
 * Pangyo-sized document in 5–20 ms here, so most documents are mutated
 * designs, whose base is parsed once (the loader keeps recent files).
 */
const ROOT = new URL('../../scenarios/', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'firedrill-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const PANGYO = { ...(parse(readFileSync(new URL('pangyo-2022.yaml', ROOT), 'utf8')) as Record<string, Json>), horizon: '1h' };
// Its impact section is 60% of its values (five weeks of hourly weights) and so of the time to parse it:
// most documents leave it out (it is optional), one base keeps it.
const PANGYO_CORE: Record<string, Json> = { ...PANGYO };
delete PANGYO_CORE.impact;
// The designs extend this copy (without the comments, which the parser would read a thousand times over).
writeFileSync(join(dir, 'pangyo-base.yaml'), stringify(PANGYO_CORE, { lineWidth: 0 }));
const designs = listBuiltInDesigns('pangyo-2022').map((name) => `${name}.yaml`);
const BASES: Array<{ name: string; data: Json; weight: number }> = [
  { name: 'pangyo-2022 without impact', data: PANGYO_CORE, weight: 1 },
  { name: 'pangyo-2022', data: PANGYO, weight: 1 },
  ...designs.map((f) => ({ name: f.replace('.yaml', ''), data: { ...(parse(readFileSync(new URL(`designs/${f}`, ROOT), 'utf8')) as Record<string, Json>), extends: './pangyo-base.yaml' }, weight: 2 })),
];

/** Every path to a value in `data`. */
function pathsOf(data: Json, at: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(at);
  if (Array.isArray(data)) data.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (data !== null && typeof data === 'object') for (const [k, v] of Object.entries(data)) pathsOf(v, [...at, k], out);
  return out;
}
const PATHS = BASES.map((b) => pathsOf(b.data).filter((p) => p.length > 0));

// Values that have broken loaders before: wrong types, numbers past every limit, durations that overflow,
// ids that point nowhere, strings of every script and of 100 KB.
const value: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<Json>(null, true, false, 0, -1, 1, 0.5, 2.5, 1e12, -1e12, 1e308, -1e308, 9007199254740993, Infinity, -Infinity, NaN, '', ' ', '0', '1e999d', '-5m', '99999999999999999999d', '10d', '2h', '90m', '1h30m', 'pangyo', 'anyang', 'b3-battery', 'kakao-auth', 'historical', '2022-10-15T15:19:00+09:00', '2022-02-30T15:19:00+09:00', '../../etc/passwd', '{ triangular: [1h, 2h, 3h] }', [], {}, [1, 2, 3], { triangular: ['1h', '2h', '3h'] }, { lognormal: { median: '1h', p90: '1h' } }, { weibull: { shape: 1e-300, scale: '1h' } }, { empirical: [['1h', 0], ['2h', 1]] }) },
  { weight: 2, arbitrary: fc.integer({ min: -1_000_000, max: 100_000_000 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  // Long enough to be clipped in messages (200 characters); 100 KB ones are in limits.test.ts, as one case each.
  { weight: 1, arbitrary: fc.constantFrom('x', 'é', '名', '🔥', '\u202e', '\u0000', '\ufeff').chain((c) => fc.integer({ min: 300, max: 5_000 }).map((n) => c.repeat(n))) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxKeys: 3 }) },
);

/** One change to a document. Paths are indices into the base's list of paths (fast-check shrinks them well). */
type Mutation =
  | { kind: 'delete'; path: number }
  | { kind: 'replace'; path: number; value: Json }
  | { kind: 'add-key'; path: number; key: string; value: Json }
  | { kind: 'alias'; from: number; to: number }
  | { kind: 'alias-bomb'; path: number }
  | { kind: 'cut'; at: number }
  | { kind: 'splice'; at: number; text: string };

const index = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: index }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('replace' as const), path: index, value }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('add-key' as const), path: index, key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('<<', 'extends', 'id', '__proto__', 'constructor', 'x'.repeat(5000))), value }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('alias' as const), from: index, to: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('alias-bomb' as const), path: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('splice' as const), at: index, text: fc.constantFrom('\t', ':', ': x', '{', ']', '&a', '*a', '*nowhere', '!!binary', '!!js/function x', '%YAML 1.1\n---\n', '\n---\n', '? ', '- ', '"', "'", '#', '\u0000', '\ufeff', '<<: *a') }) },
);

/** Sets (or deletes, with `undefined`) the value at `path`. */
function setAt(data: Json, path: Array<string | number>, v: Json | undefined): Json {
  if (path.length === 0) return v === undefined ? null : v;
  const [head, ...rest] = path;
  if (Array.isArray(data)) {
    const copy = [...data];
    if (rest.length === 0 && v === undefined) copy.splice(head as number, 1);
    else copy[head as number] = setAt(copy[head as number] ?? null, rest, v);
    return copy;
  }
  if (data !== null && typeof data === 'object') {
    const copy = { ...data };
    if (rest.length === 0 && v === undefined) delete copy[head as string];
    else copy[head as string] = setAt(copy[head as string] ?? null, rest, v);
    return copy;
  }
  return data;
}

function getAt(data: Json, path: Array<string | number>): Json | undefined {
  let node: Json | undefined = data;
  for (const k of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, Json>)[k] : undefined;
  return node;
}

/** The YAML text of a base after its mutations. */
function documentOf(base: number, mutations: Mutation[], json: boolean): string {
  const paths = PATHS[base]!;
  let data = BASES[base]!.data;
  const pick = (i: number) => paths[i % paths.length]!;
  const aliases: Array<{ from: Array<string | number>; to: Array<string | number> }> = [];
  const bombs: Array<Array<string | number>> = [];
  const textEdits: Mutation[] = [];
  for (const m of mutations) {
    if (m.kind === 'delete') data = setAt(data, pick(m.path), undefined);
    else if (m.kind === 'replace') data = setAt(data, pick(m.path), m.value);
    else if (m.kind === 'add-key') {
      const p = pick(m.path);
      const at = getAt(data, p);
      if (at !== null && typeof at === 'object' && !Array.isArray(at)) data = setAt(data, [...p, m.key], m.value);
      else data = setAt(data, p, { [m.key]: m.value });
    } else if (m.kind === 'alias') aliases.push({ from: pick(m.from), to: pick(m.to) });
    else if (m.kind === 'alias-bomb') bombs.push(pick(m.path));
    else textEdits.push(m);
  }
  // JSON is YAML too (flow style, all on one line): half the documents are written so, which also spares
  // the generator the cost of the YAML writer. Aliases need YAML.
  if (json && aliases.length === 0 && bombs.length === 0) return applyTextEdits(JSON.stringify(data), textEdits);
  const doc = new Document(data);
  let n = 0;
  // Structural edits through the YAML document can meet a path an earlier mutation made a scalar: such
  // an edit is dropped (setIn throws), the rest of the document stands.
  for (const { from, to } of aliases) {
    const source = doc.getIn(from, true);
    if (!isNode(source) || doc.getIn(to, true) === undefined) continue;
    (source as Node).anchor ??= `a${n++}`;
    try {
      doc.setIn(to, doc.createAlias(source as Parameters<typeof doc.createAlias>[0]));
    } catch {
      // dropped
    }
  }
  for (const path of bombs) {
    // Billion laughs: ten levels of ten aliases each, 10^10 nodes once expanded.
    let level: Node = doc.createNode(['lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol']);
    level.anchor = `bomb${n++}`;
    const levels: Node[] = [level];
    for (let i = 0; i < 9; i++) {
      const next: Node = doc.createNode([]);
      for (let j = 0; j < 10; j++) (next as unknown as { items: unknown[] }).items.push(doc.createAlias(level as Parameters<typeof doc.createAlias>[0]));
      next.anchor = `bomb${n++}`;
      levels.push(next);
      level = next;
    }
    try {
      doc.setIn(path, doc.createNode(levels));
    } catch {
      // dropped
    }
  }
  let text: string;
  try {
    text = doc.toString({ lineWidth: 0 });
  } catch {
    // An alias placed inside its own anchor's node cannot be written; the mutation is dropped.
    text = stringify(data, { lineWidth: 0 });
  }
  return applyTextEdits(text, textEdits);
}

/** Cuts and splices, applied to the written text. */
function applyTextEdits(written: string, edits: Mutation[]): string {
  let text = written;
  for (const m of edits) {
    if (m.kind === 'cut') text = text.slice(0, m.at % (text.length + 1));
    else if (m.kind === 'splice') {
      const at = m.at % (text.length + 1);
      text = text.slice(0, at) + m.text + text.slice(at);
    }
  }
  return text;
}

const base = fc.oneof(...BASES.map((b, i) => ({ weight: b.weight, arbitrary: fc.constant(i) })));
const document = fc.record({ base, mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }), json: fc.boolean() });

/** Runs `firedrill ARGS` in this process, capturing what it writes. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('the scenario loader, fuzzed through firedrill run', () => {
  it('answers 1,000 mutated scenarios and designs with a run or a clear error: no stack trace, no hang, no half-written file', async () => {
    const seen = { valid: 0, invalid: 0 };
    let i = 0;
    await fc.assert(
      fc.asyncProperty(document, async ({ base, mutations, json }) => {
        const name = `doc-${i++}`;
        const file = join(dir, `${name}.yaml`);
        const out = join(dir, `${name}.ndjson`);
        writeFileSync(file, documentOf(base, mutations, json));
        const started = performance.now();
        const r = await cli(['run', file, '--out', out, '--json']);
        const ms = performance.now() - started;
        expect(r.stderr).not.toMatch(/\n\s+at |internal error|Error:/);
        expect([0, 2]).toContain(r.code);
        expect(ms, 'one document took too long').toBeLessThan(5_000);
        if (r.code === 0) {
          seen.valid++;
          const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
          expect(JSON.parse(lines[0]!).type).toBe('run.start');
          expect(JSON.parse(lines.at(-1)!).type).toBe('run.end');
          expect(JSON.parse(r.stdout).seed).toBe(1);
        } else {
          seen.invalid++;
          expect(existsSync(out)).toBe(false);
          // Every line says where and what (file:line:col: path: expected …, unknown key …), or is one firedrill: line.
          for (const line of r.stderr.trimEnd().split('\n')) expect(line).toMatch(/^(.+:\d+:\d+: .*(expected|unknown key)|… and \d+ more problems$|firedrill: )/);
          expect(r.stderr.split('\n').every((l) => l.length <= 1100)).toBe(true);
        }
        expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
        rmSync(file);
        rmSync(out, { force: true });
      }),
      { seed: 20_16, numRuns: 1_000, endOnFailure: true },
    );
    // The generator reaches both outcomes: a fuzzer whose documents all fail early tests little.
    expect(seen.valid).toBeGreaterThan(100);
    expect(seen.invalid).toBeGreaterThan(600);
  }, 120_000);
});
