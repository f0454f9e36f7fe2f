/** Parsers for command-line values: each returns the value or throws a UsageError saying what was expected. */
import { InvalidArgumentError } from 'commander';
import { quote } from '../scenario/errors.js';

/** A seed: a whole number from 0 to 2^32 − 1. */
export function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n > 0xffffffff) throw new InvalidArgumentError(`expected a whole number from 0 to 4294967295, got ${quote(text)}`);
  return n;
}

/** A seed range: `7`, `1..20` or `1-20`. */
export function parseSeeds(text: string): number[] {
  const m = /^(\d+)(?:(?:\.\.|-)(\d+))?$/.exec(text.trim());
  if (m === null) throw new InvalidArgumentError(`expected a seed or a range such as 1..20, got ${quote(text)}`);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (to < from) throw new InvalidArgumentError(`expected a range that does not go backwards, got ${quote(text)}`);
  if (to - from >= 1000) throw new InvalidArgumentError(`expected at most 1000 seeds here (use firedrill sweep for more), got ${to - from + 1}`);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** A comma-separated list of names. */
export function parseList(text: string): string[] {
  const items = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list of names');
  return items;
}

/** A TCP port: 0 (any free one) to 65535. */
export function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new InvalidArgumentError(`expected a port from 0 to 65535 (0 picks a free one), got ${quote(text)}`);
  return n;
}
