/**
 * Problems with a scenario file, each one line a person can act on:
 * `scenarios/my.yaml:41:15: services[3].components[0].site: expected the id
 * of a site (pangyo, anyang), got "pangyoo"; did you mean "pangyo"?`
 */

import { MAX_ECHO, MAX_ISSUES_SHOWN } from './limits.js';

/** `text` cut to `max` characters, saying how long it was: a bad 100 KB value is not echoed whole. */
export function clip(text: string, max = MAX_ECHO): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)`;
}

/** A value quoted back to the author, clipped: `"90x"`. */
export function quote(text: string, max = MAX_ECHO): string {
  if (text.length <= max) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, max))}… (${text.length.toLocaleString('en-US')} characters)`;
}

/** One problem, located in a file. */
export interface ScenarioIssue {
  file: string;
  line: number;
  column: number;
  /** Where in the document, as `services[3].components[0].site`; empty for the whole document. */
  path: string;
  /** What was expected (and what was found). */
  expected: string;
}

/** Formats an issue as its one line. */
export function formatIssue(issue: ScenarioIssue): string {
  return `${clip(issue.file)}:${issue.line}:${issue.column}: ${issue.path === '' ? '' : `${issue.path}: `}${issue.expected}`;
}

const PLAIN_KEY = /^[\p{L}\p{N}_.$-]+$/u;

/** A document path as people write it: `services[3].components[0].site`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    // A key that is not a plain name (spaces, line breaks, brackets: YAML allows any) is quoted, so the path stays one line.
    else if (!PLAIN_KEY.test(String(key))) out += `[${quote(String(key), 60)}]`;
    else out += out === '' ? clip(String(key), 60) : `.${clip(String(key), 60)}`;
  }
  return out;
}

/** Thrown by the loader: every issue found, sorted by file and line. The message is their lines. */
export class ScenarioError extends Error {
  readonly issues: ScenarioIssue[];

  constructor(issues: ScenarioIssue[]) {
    const sorted = [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    // Values are clipped where they are quoted; this is the backstop for any that is not.
    const lines = sorted.slice(0, MAX_ISSUES_SHOWN).map((issue) => clip(formatIssue(issue), 1000));
    if (sorted.length > MAX_ISSUES_SHOWN) lines.push(`… and ${sorted.length - MAX_ISSUES_SHOWN} more problems`);
    super(lines.join('\n'));
    this.name = 'ScenarioError';
    this.issues = sorted;
  }
}

/** The known word closest to `word` within an edit distance of 2 (transpositions count 1), if any. */
export function suggest(word: string, known: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of known) {
    // Lengths more than 2 apart cannot be within 2 edits; skipping them keeps a huge word from costing length².
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
