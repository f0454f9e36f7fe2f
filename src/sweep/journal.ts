/**
 * The sweep's journal, `DIR/journal.ndjson`: one line per finished run,
 * appended as runs finish, so a sweep killed at any moment keeps every run
 * whose line was written. On resume, lines that do not read back exactly (a
 * line cut short by the kill) are dropped and their runs redone; a run is
 * never kept twice.
 */
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';

const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);

/** `[task, seed, metric…]` with never-back values as null, hours to the millisecond. */
export function journalLine(task: number, seed: number, metrics: number[]): string {
  return JSON.stringify([task, seed, ...metrics.map(round)]);
}

/** What reading a journal found. */
export interface JournalRead {
  /** Valid lines by task, first occurrence only. */
  lines: Map<number, string>;
  /** Lines dropped: cut short, unreadable, or repeating a task. */
  dropped: number;
}

/** Reads a journal, keeping only lines that fit this sweep. */
export function readJournal(path: string, taskCount: number, seedOf: (t: number) => number, metricCount: number): JournalRead {
  const lines = new Map<number, string>();
  let dropped = 0;
  if (!existsSync(path)) return { lines, dropped };
  const text = readFileSync(path, 'utf8');
  const parts = text.split('\n');
  // The last part is what follows the final newline: empty, or a line cut short.
  parts.forEach((line, i) => {
    if (line === '') return;
    const complete = i < parts.length - 1;
    const row = complete ? parseLine(line) : null;
    if (row === null || row.length !== metricCount + 2) return void dropped++;
    const [t, seed] = row as [number, number];
    if (!Number.isInteger(t) || t < 0 || t >= taskCount || seed !== seedOf(t) || lines.has(t)) return void dropped++;
    lines.set(t, line);
  });
  return { lines, dropped };
}

function parseLine(line: string): unknown[] | null {
  try {
    const row = JSON.parse(line) as unknown;
    if (!Array.isArray(row) || !row.every((x) => x === null || typeof x === 'number')) return null;
    return row;
  } catch {
    return null;
  }
}

/** Appends lines as they come; each write is whole lines. */
export class JournalWriter {
  private readonly fd: number;
  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }
  append(lines: string[]): void {
    if (lines.length > 0) writeSync(this.fd, `${lines.join('\n')}\n`);
  }
  close(): void {
    closeSync(this.fd);
  }
}
