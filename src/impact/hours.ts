/**
 * The wall clock of the ledger. Earnings follow the hour of the week where
 * people live, so the ledger counts in whole local hours of the scenario's
 * own time zone (the offset of its `start`), not in hours after ignition.
 */
import { HOUR } from '../../sim/index.js';
import { parseInstant } from '../scenario/units.js';

/** The local hours a run's losses fall in. */
export interface HourGrid {
  /** Hours in the grid. */
  readonly count: number;
  /** Start of the first hour, in simulated ms (may be before ignition: the hour ignition falls in). */
  readonly firstMs: number;
  /** Start of the first hour, as local wall-clock text (`2022-10-15T15:00+09:00`). */
  readonly firstLocal: string;
  /** Per hour of the grid: its hour of the week, 0 = Monday 00:00–01:00. */
  readonly hourOfWeek: Uint8Array;
}

/** The local hours from the one ignition falls in to the one the run ends in. */
export function hourGrid(startText: string, fromMs: number, toMs: number): HourGrid {
  const parsed = parseInstant(startText);
  if (!parsed.ok) throw new RangeError(parsed.expected);
  const offsetText = /(Z|[+-]\d{2}:\d{2})$/.exec(startText.trim())![1]!;
  const offsetMs = offsetText === 'Z' ? 0 : (offsetText[0] === '-' ? -1 : 1) * (Number(offsetText.slice(1, 3)) * 60 + Number(offsetText.slice(4, 6))) * 60_000;
  // Local wall-clock ms of simulated time 0, counted as if the zone were UTC.
  const startLocal = parsed.value + offsetMs;
  const first = Math.floor((startLocal + fromMs) / HOUR);
  const last = Math.max(first + 1, Math.ceil((startLocal + toMs) / HOUR));
  const count = last - first;
  const hourOfWeek = new Uint8Array(count);
  for (let j = 0; j < count; j++) {
    const date = new Date((first + j) * HOUR);
    hourOfWeek[j] = ((date.getUTCDay() + 6) % 7) * 24 + date.getUTCHours();
  }
  const firstDate = new Date(first * HOUR).toISOString().slice(0, 16);
  return { count, firstMs: first * HOUR - startLocal, firstLocal: `${firstDate}${offsetText === 'Z' ? 'Z' : offsetText}`, hourOfWeek };
}

/**
 * Per hour of the grid, the fraction of it a service was unavailable
 * (1 − availability, integrated), from its change log [t, a, t, a, …]; the
 * service starts fully available and keeps its last value to `endMs`.
 */
export function unavailableByHour(log: ReadonlyArray<number>, grid: HourGrid, endMs: number): Float64Array {
  const out = new Float64Array(grid.count);
  let value = 1;
  let from = grid.firstMs;
  const add = (a: number, b: number, availability: number) => {
    const lost = 1 - availability;
    if (lost <= 0 || b <= a) return;
    let j = Math.max(0, Math.floor((a - grid.firstMs) / HOUR));
    for (; j < grid.count; j++) {
      const h0 = grid.firstMs + j * HOUR;
      const h1 = h0 + HOUR;
      if (h0 >= b) break;
      const overlap = Math.min(b, h1) - Math.max(a, h0);
      if (overlap > 0) out[j] += (lost * overlap) / HOUR;
    }
  };
  for (let i = 0; i < log.length; i += 2) {
    const t = log[i]!;
    if (t > from) add(from, Math.min(t, endMs), value);
    from = Math.max(from, t);
    value = log[i + 1]!;
  }
  add(from, endMs, value);
  return out;
}
