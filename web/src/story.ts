/**
 * What a run looks like at one hour, as the story header and the views tell
 * it: services usable, servers up, where the promise stands, what the ledger
 * has counted so far. Only from what happened up to that hour, so it can be
 * shown in spoiler-free mode. Pure: reads a recording, touches no DOM.
 */
import type { FleetMessage, LedgerGroup, LedgerMessage, SampleMessage } from '../../src/stream/protocol.js';
import type { Recording } from './recording.js';

/** Index of the last item with `h` at or before `h`, or −1. */
export function lastAtOrBefore(items: ReadonlyArray<{ h: number }>, h: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.h <= h + 1e-9) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at;
}

export const sampleAt = (rec: Recording, h: number): SampleMessage | null => rec.samples[lastAtOrBefore(rec.samples, h)] ?? null;
export const fleetAt = (rec: Recording, h: number): FleetMessage | null => rec.fleet[lastAtOrBefore(rec.fleet, h)] ?? null;

/** Where the scenario's promise stands at an hour. */
export interface PromiseStatus {
  state: 'none' | 'waiting' | 'due' | 'kept' | 'broken';
  /** One line: "due T+14:20", "broken: 19 of 20 services not back 2 h after power returned". */
  text: string;
  /** When it falls due, once that is known at this hour. */
  deadlineH: number | null;
}

const clock = (h: number) => {
  const m = Math.round(h * 60);
  return `T+${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** The promise at hour `h`: its deadline only once the hour it counts from has come. */
export function promiseAt(rec: Recording, h: number): PromiseStatus {
  const promise = rec.start?.promise ?? null;
  if (promise === null) return { state: 'none', text: 'no promise', deadlineH: null };
  let deadline = promise.deadlineH;
  if (deadline === null) {
    // Counted from power returning: known once power has returned somewhere, and then only from the run's end.
    const returned = rec.narrative.find((n) => n.kind === 'power.restored');
    deadline = returned !== undefined && returned.h <= h + 1e-9 ? (rec.end?.promiseDeadlineHours ?? null) : null;
  }
  if (deadline === null) return { state: 'waiting', text: `promised: ${promise.text}; not yet due`, deadlineH: null };
  if (h < deadline - 1e-9) return { state: 'due', text: `promise due ${clock(deadline)} (in ${(deadline - h).toFixed(1)} h)`, deadlineH: deadline };
  const services = rec.end?.services ?? [];
  const late = services.filter((s) => s.normalHours === null || s.normalHours > deadline! + 1e-9).length;
  return late === 0
    ? { state: 'kept', text: `promise kept: every service normal by ${clock(deadline)}`, deadlineH: deadline }
    : { state: 'broken', text: `promise broken: ${late} of ${services.length} services not normal by ${clock(deadline)}`, deadlineH: deadline };
}

/** A group's ledger up to an hour: lost income (whole group) and hours without its services, so far. */
export interface LedgerSoFar {
  group: LedgerGroup;
  lostSoFar: number;
  /** Per person; null for a group without an income. */
  lostPerPerson: number | null;
  /** Hours without the services so far; null when the recording does not say (before protocol 1.4). */
  hours: number | null;
  /** Whether `h` is past every hour the ledger counted: "so far" is then "by the end". */
  complete: boolean;
}

/** Sum of an hourly series up to `elapsed` hours of it, the hour it is in counted in part. */
function upTo(series: readonly number[], elapsed: number): number {
  let sum = 0;
  const whole = Math.max(0, Math.min(series.length, Math.floor(elapsed)));
  for (let j = 0; j < whole; j++) sum += series[j]!;
  if (whole < series.length && elapsed > whole) sum += series[whole]! * (elapsed - whole);
  return sum;
}

/** Every group's ledger at hour `h`. */
export function ledgerAt(ledger: LedgerMessage, h: number): LedgerSoFar[] {
  const elapsed = h - ledger.firstHourH;
  return ledger.groups.map((group) => {
    const lostSoFar = upTo(group.hourlyLoss, elapsed);
    const hourly = (group as { hourlyOutageHours?: number[] }).hourlyOutageHours;
    const complete = elapsed >= Math.max(group.hourlyLoss.length, hourly?.length ?? 0);
    return {
      group,
      lostSoFar,
      lostPerPerson: group.lossPerPerson === null ? null : group.people > 0 ? lostSoFar / group.people : 0,
      hours: hourly === undefined ? (complete ? group.outageHours : null) : complete ? group.outageHours : upTo(hourly, elapsed),
      complete,
    };
  });
}

/** The story at an hour. */
export interface Story {
  h: number;
  usable: number;
  services: number;
  running: number | null;
  servers: number;
  promise: PromiseStatus;
  /** The ledger's total so far, in its currency; null without a ledger (yet). */
  lostSoFar: number | null;
  currency: string | null;
}

export function storyAt(rec: Recording, h: number): Story {
  const start = rec.start!;
  const sample = sampleAt(rec, h);
  const usable = sample === null ? start.services.length : sample.level.filter((l) => l >= 1).length;
  const servers = start.halls.reduce((n, hall) => n + hall.racks * hall.serversPerRack, 0);
  const frame = fleetAt(rec, h);
  const runningState = start.serverStates.indexOf('running');
  let running: number | null = frame === null ? (rec.fleet.length === 0 ? null : servers) : 0;
  if (frame !== null) for (let i = 0; i < frame.runs.length; i += 2) if (frame.runs[i] === runningState) running! += frame.runs[i + 1]!;
  const ledger = rec.ledger;
  return {
    h,
    usable,
    services: start.services.length,
    running,
    servers,
    promise: promiseAt(rec, h),
    lostSoFar: ledger === null ? null : ledgerAt(ledger, h).reduce((a, g) => a + g.lostSoFar, 0),
    currency: ledger === null ? null : (start.currencyUnit ?? ledger.currency),
  };
}

/** Money as people read it, `currency` after it as the scenario writes it: 25,338 won, 5.8 M won, 142.5 bn won. */
export function money(x: number, currency: string): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(1)} bn ${currency}`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(1)} M ${currency}`;
  return `${Math.round(x).toLocaleString('en-US')} ${currency}`;
}
