/**
 * Event priorities: among events at the same time, a lower priority number
 * leaves first; among equal priorities, the one scheduled first leaves first.
 */

/** For process starts and interrupts, which SimPy also runs before ordinary events at the same time. */
export const URGENT = 0;
/** The default priority. */
export const NORMAL = 1;
/** The largest allowed priority number. */
export const MAX_PRIORITY = 255;

/** Throws a RangeError unless `priority` is an integer in 0..MAX_PRIORITY. */
export function assertPriority(priority: number): void {
  if (!(Number.isInteger(priority) && priority >= 0 && priority <= MAX_PRIORITY)) {
    throw new RangeError(`priority must be an integer from 0 to ${MAX_PRIORITY}, got ${priority}`);
  }
}
