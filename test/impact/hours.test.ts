import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../sim/index.js';
import { hourGrid, unavailableByHour } from '../../src/impact/hours.js';

describe('the ledger clock', () => {
  it('counts local hours of the start’s own zone, Monday 00:00 = hour 0', () => {
    // Saturday 15 Oct 2022, 15:19 KST: the hour from 15:00, Saturday = day 5.
    const grid = hourGrid('2022-10-15T15:19:00+09:00', 0, 3 * HOUR);
    expect(grid.firstLocal).toBe('2022-10-15T15:00+09:00');
    expect(grid.firstMs).toBe(-19 * MINUTE);
    expect(grid.count).toBe(4); // 15:00, 16:00, 17:00, 18:00 (the run ends at 18:19)
    expect(Array.from(grid.hourOfWeek)).toEqual([5 * 24 + 15, 5 * 24 + 16, 5 * 24 + 17, 5 * 24 + 18]);
  });

  it('wraps from Sunday night to Monday morning and honours negative offsets', () => {
    const grid = hourGrid('2022-10-16T23:30:00-05:00', 0, 2 * HOUR);
    expect(Array.from(grid.hourOfWeek)).toEqual([6 * 24 + 23, 0, 1]);
    expect(grid.firstLocal).toBe('2022-10-16T23:00-05:00');
  });

  it('integrates unavailability exactly, partial availability counting for what was missing', () => {
    const grid = hourGrid('2022-10-15T15:00:00+09:00', 0, 4 * HOUR);
    // Down from 0:30 to 1:30, then at 40% until 3:00, then back.
    const log = [30 * MINUTE, 0, 90 * MINUTE, 0.4, 3 * HOUR, 1];
    const lost = Array.from(unavailableByHour(log, grid, 4 * HOUR));
    expect(lost.map((x) => Math.round(x * 1e9) / 1e9)).toEqual([0.5, 0.5 + 0.5 * 0.6, 0.6, 0]);
  });

  it('keeps a service that never came back down to the end of the run', () => {
    const grid = hourGrid('2022-10-15T15:00:00+09:00', 0, 2.5 * HOUR);
    expect(Array.from(unavailableByHour([HOUR, 0], grid, 2.5 * HOUR))).toEqual([0, 1, 0.5]);
    expect(Array.from(unavailableByHour([], grid, 2.5 * HOUR))).toEqual([0, 0, 0]);
  });
});
