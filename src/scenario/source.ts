/**
 * A scenario file parsed with positions kept, so that any path in it can be
 * turned back into `file:line:column`.
 */
import { LineCounter, isAlias, isMap, isNode, isPair, isScalar, parseDocument, visit, type Document } from 'yaml';
import { clip, type ScenarioIssue } from './errors.js';

/** A parsed YAML document and where it came from. */
export interface Source {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
  /** The document as plain data. */
  readonly data: unknown;
}

/** Aliases one document may expand: YAML's defence against alias bombs, kept deliberately low. */
const MAX_ALIAS_COUNT = 100;

// The last few files parsed, by name and text. A sweep, `compare` or `--vary` loads the same base
// scenario once per design or variation: parsing it again each time was most of their start-up.
const recent: Array<{ file: string; text: string; source: Source }> = [];
const RECENT = 8; // files, each kept only when under 256 KB (Pangyo's is 33 KB)

/**
 * Parses YAML text; syntax errors, duplicate keys and alias bombs come back
 * as issues. Each call gets its own copy of the data (callers may edit it);
 * the parsed document is shared, read only for positions.
 */
export function parseSource(text: string, file: string): { source: Source } | { issues: ScenarioIssue[] } {
  const at = recent.findIndex((r) => r.file === file && r.text === text);
  if (at >= 0) {
    const [hit] = recent.splice(at, 1);
    recent.unshift(hit!); // most recently used first
    return { source: { ...hit!.source, data: structuredClone(hit!.source.data) } };
  }
  const parsed = parseAnew(text, file);
  if ('source' in parsed && text.length <= 256 * 1024) {
    recent.unshift({ file, text, source: parsed.source });
    recent.length = Math.min(recent.length, RECENT);
    return { source: { ...parsed.source, data: structuredClone(parsed.source.data) } };
  }
  return parsed; // an error, or a file too big to keep
}

function parseAnew(text: string, file: string): { source: Source } | { issues: ScenarioIssue[] } {
  const lines = new LineCounter();
  // YAML 1.1 merge keys (`<<: *base`) are what authors reach for to share fields between items.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  const issues: ScenarioIssue[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const pos = lines.linePos(error.pos[0]);
    const what = error.code === 'DUPLICATE_KEY' ? 'each key once in a mapping; this key is repeated' : `valid YAML (${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')})`;
    issues.push({ file, line: pos.line, column: pos.col, path: '', expected: `expected ${what}` });
  }
  if (issues.length > 0) return { issues };
  // An alias inside the very node it names (`a: &x { b: *x }`) makes a cycle of the data, which every
  // later walk would follow until the stack runs out.
  // One pass in document order, where an alias names the latest anchor before it (Alias.resolve would
  // search the whole document again for each alias).
  const anchors = new Map<string, unknown>();
  visit(doc, (_, node, path) => {
    if (isAlias(node)) {
      if (!path.includes(anchors.get(node.source) as never)) return;
      const pos = lines.linePos(node.range?.[0] ?? 0);
      issues.push({ file, line: pos.line, column: pos.col, path: '', expected: `expected an alias to a node outside itself; *${clip(node.source, 60)} is inside the node it names, which would repeat forever` });
    } else if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
  });
  if (issues.length > 0) return { issues };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { issues: [{ file, line: 1, column: 1, path: '', expected: `expected a document without runaway aliases (${(error as Error).message})` }] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { issues: [{ file, line: 1, column: 1, path: '', expected: `expected a mapping of scenario fields (id, title, sites, …), got ${data === null || data === undefined ? 'an empty document' : Array.isArray(data) ? 'a list' : 'a single value'}` }] };
  }
  return { source: { file, doc, lines, data } };
}

/**
 * Position of the node at `path`, or of its nearest existing ancestor. With
 * `atKey`, the position of that key inside the mapping at `path` instead.
 */
export function positionOf(source: Source, path: ReadonlyArray<PropertyKey>, atKey?: string): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = source.doc.getIn(path.slice(0, n) as unknown[], true);
    if (!isNode(node) || node.range == null) continue;
    let offset = node.range[0];
    // A key missing here but brought in by a merge key (`<<: *base`) is placed at that merge key.
    const merged = n < path.length && isMap(node) ? node.items.find((item) => isPair(item) && isScalar(item.key) && (item.key.value === '<<' || (typeof item.key.value === 'symbol' && item.key.value.description === '<<'))) : undefined;
    if (merged && isPair(merged) && isScalar(merged.key) && merged.key.range) offset = merged.key.range[0];
    if (atKey !== undefined && n === path.length && isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === atKey);
      if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
    }
    const pos = source.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }
  return { line: 1, column: 1 };
}
