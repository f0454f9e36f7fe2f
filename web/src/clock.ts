/** Simulated hours as people read them: the scenario's own wall clock and T+hh:mm after ignition. */
import type { RunStartMessage } from '../../src/stream/protocol.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `T+05:30` for 5.5 hours after ignition. */
export function tPlus(h: number): string {
  const minutes = Math.round(h * 60);
  const sign = minutes < 0 ? '−' : '+';
  const m = Math.abs(minutes);
  return `T${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** `Sat 15 Oct 18:19 KST` for hours after ignition, in the zone of the run's start, named as the scenario names it. */
export function wallClock(start: RunStartMessage, h: number): string {
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(start.start)?.[1] ?? 'Z';
  const offsetMin = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(Date.parse(start.start) + (start.ignitionH + h) * 3_600_000 + offsetMin * 60_000);
  const zone = start.timeZone ?? (offset === 'Z' ? 'UTC' : `UTC${offset}`);
  return `${DAYS[local.getUTCDay()]} ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ${zone}`;
}
