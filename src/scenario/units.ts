/**
 * Human units of scenario files: durations (`90m`, `2h`, `3.5d`, `1h30m`) and
 * wall-clock instants (`2022-10-15T15:19:00+09:00`), converted to the
 * kernel's milliseconds. Parsers return a value or a sentence saying what was
 * expected; the loader attaches file, line and path.
 */
import { DAY, HOUR, MINUTE, SECOND } from '../../sim/index.js';
import { quote } from './errors.js';
import { DURATION as LONGEST, atMost } from './limits.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: SECOND, m: MINUTE, min: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };
const DURATION = /^(?:(\d+(?:\.\d+)?)(ms|s|min|m|h|d|w))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|min|m|h|d|w)/g;

/** A parse result: the value, or what was expected instead. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; expected: string };

/** Parses a duration such as `90m`, `2h`, `3.5d` or `1h30m` into ms. Zero is allowed; negatives are not. */
export function parseDuration(text: string): Parsed<number> {
  const s = text.trim();
  if (!DURATION.test(s)) {
    return { ok: false, expected: `a duration such as 90m, 2h, 3.5d or 1h30m (units ms, s, m, h, d, w), got ${quote(text)}` };
  }
  let total = 0;
  for (const [, amount, unit] of s.matchAll(PART)) total += Number(amount) * UNIT_MS[unit!]!;
  if (!(total <= LONGEST.max)) return { ok: false, expected: `${atMost(LONGEST)}, got ${quote(text)}` };
  return { ok: true, value: total };
}

// ISO 8601 with a required offset: an instant without one would depend on the reader's time zone.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 instant with an explicit offset into epoch ms, rejecting impossible dates (31 June). */
export function parseInstant(text: string): Parsed<number> {
  const m = INSTANT.exec(text.trim());
  const expected = `a date and time with an offset, such as 2022-10-15T15:19:00+09:00, got ${quote(text)}`;
  if (m === null) return { ok: false, expected };
  const [, y, mo, d, h, mi, s = '0', frac = '0', offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.padEnd(3, '0')));
  const back = new Date(utc);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, expected: `a real calendar date and time, got ${quote(text)}` };
  }
  let offsetMs = 0;
  if (offset !== 'Z') {
    const sign = offset![0] === '-' ? -1 : 1;
    const oh = Number(offset!.slice(1, 3));
    const om = Number(offset!.slice(4, 6));
    if (oh > 14 || om > 59) return { ok: false, expected: `a UTC offset between -14:00 and +14:00, got "${offset}"` };
    offsetMs = sign * (oh * HOUR + om * MINUTE);
  }
  return { ok: true, value: utc - offsetMs };
}

/** Formats ms as the shortest readable duration (`1h30m`, `3d12h`, `45s`), for messages and reports. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0m';
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [unit, size] of [['d', DAY], ['h', HOUR], ['m', MINUTE], ['s', SECOND]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return parts.join('');
}
