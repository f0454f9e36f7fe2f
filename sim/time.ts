/** Simulated time: milliseconds since the start of the scenario, a float64. xstate's `Clock` speaks the same unit. */
export type SimTime = number;

/** One simulated millisecond, the unit of `SimTime`. */
export const MILLISECOND: SimTime = 1;
/** One simulated second in `SimTime` units. */
export const SECOND: SimTime = 1_000;
/** One simulated minute in `SimTime` units. */
export const MINUTE: SimTime = 60_000;
/** One simulated hour in `SimTime` units. */
export const HOUR: SimTime = 3_600_000;
/** One simulated day in `SimTime` units. */
export const DAY: SimTime = 86_400_000;

/**
 * Formats a simulated time as `T+hh:mm:ss.mmm`, with a day count once past 24 h
 * (`T+2d 03:04:05.000`). Meant for messages and logs, not for parsing.
 */
export function formatSimTime(time: SimTime): string {
  if (!Number.isFinite(time)) return `T${time > 0 ? '+' : '-'}∞`;
  const sign = time < 0 ? '-' : '+';
  let rest = Math.abs(time);
  const days = Math.floor(rest / DAY);
  rest -= days * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  const seconds = Math.floor(rest / SECOND);
  const millis = Math.round(rest - seconds * SECOND);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const clock = `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(millis, 3)}`;
  return `T${sign}${days > 0 ? `${days}d ` : ''}${clock}`;
}
