/**
 * A scenario file parsed with positions kept, so that any path in it can be
 * turned back into `file:line:column`.
 */
import { LineCounter, isMap, isNode, isPair, isScalar, parseDocument, type Document } from 'yaml';
import type { ScenarioIssue } from './errors.js';

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

/** Parses YAML text; syntax errors, duplicate keys and alias bombs come back as issues. */
export function parseSource(text: string, file: string): { source: Source } | { issues: ScenarioIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const issues: ScenarioIssue[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const pos = lines.linePos(error.pos[0]);
    const what = error.code === 'DUPLICATE_KEY' ? 'each key once in a mapping; this key is repeated' : `valid YAML (${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')})`;
    issues.push({ file, line: pos.line, column: pos.col, path: '', expected: `expected ${what}` });
  }
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
    if (atKey !== undefined && n === path.length && isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === atKey);
      if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
    }
    const pos = source.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }
  return { line: 1, column: 1 };
}
