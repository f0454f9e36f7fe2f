/**
 * Decision logs on disk: read and checked (every problem named by file, line,
 * column and place in the log, never a stack trace), and written whole.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { DecisionLog } from '../decide/log.js';
import { formatPath } from '../scenario/errors.js';
import { parseSource, positionOf } from '../scenario/source.js';
import { UsageError } from './errors.js';

/** The longest bit of a bad value an error message quotes. */
const QUOTE = 60;

/** Reads and checks a decision log; throws a UsageError naming the file and the place of the first problems. */
export function readDecisionLog(path: string): DecisionLog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${path}: expected a readable decision log (written by firedrill run --decisions-out), but ${code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message);
    const offset = at === null ? 0 : Number(at[1]);
    const before = text.slice(0, offset).split('\n');
    throw new UsageError(`${path}:${before.length}:${before.at(-1)!.length + 1}: expected JSON (a decision log), but it does not parse: ${(error as Error).message.replace(/ in JSON at position \d+.*$/, '').slice(0, 120)}`);
  }
  const result = DecisionLog.safeParse(data);
  if (!result.success) {
    const parsed = typeof data === 'object' && data !== null && !Array.isArray(data) ? parseSource(text, path) : null;
    const lines = result.error.issues.slice(0, 5).map((issue) => {
      const where = parsed !== null && 'source' in parsed ? positionOf(parsed.source, issue.path as PropertyKey[]) : { line: 1, column: 1 };
      const place = formatPath(issue.path as PropertyKey[]);
      return `${path}:${where.line}:${where.column}: ${place === '' ? '' : `${place}: `}${describe(issue, valueAt(data, issue.path as PropertyKey[]))}`;
    });
    throw new UsageError(lines.join('\n'));
  }
  return result.data;
}

/** Where in a log an entry is, as `file:line:col: actions[3]`, for errors found while replaying it. */
export function entryPlace(path: string, index: number): string {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return `${path}: actions[${index}]`;
  }
  const parsed = parseSource(text, path);
  const where = 'source' in parsed ? positionOf(parsed.source, ['actions', index]) : { line: 1, column: 1 };
  return `${path}:${where.line}:${where.column}: actions[${index}]`;
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  const got = value === undefined ? 'nothing' : JSON.stringify(value)?.slice(0, QUOTE) ?? String(value);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `expected ${issue.expected}, but it is missing` : `expected ${issue.expected}, got ${got}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${got}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k.slice(0, QUOTE)}"`).join(', ')}`;
    case 'invalid_union':
      return 'discriminator' in issue && issue.discriminator ? `expected an action kind (incident.declare, powerCut.answer, materials.order, failover.approve, failover.deny, rebuild.start, rebuild.wait, priorities.set, people.callIn, promise.state, defer), got ${got}` : `expected a valid entry, got ${got}`;
    case 'too_small':
      return `expected ${issue.origin === 'string' ? 'text that is not empty' : issue.inclusive === false ? `more than ${issue.minimum}` : `at least ${issue.minimum}`}, got ${got}`;
    case 'too_big':
      return `expected at most ${issue.maximum}${issue.origin === 'array' ? ' entries' : ''}, got ${issue.origin === 'array' && Array.isArray(value) ? value.length : got}`;
    default:
      return `expected ${issue.message.toLowerCase()}, got ${got}`;
  }
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key as string];
  }
  return node;
}
