/**
 * The recording reader: a run's messages checked one by one, against the
 * protocol's schemas and against the run's own `run.start` (samples with a
 * value per site and service, fleet frames that cover its servers with its
 * states, time that never goes backwards). Whatever a file or a socket holds,
 * a view only ever sees messages that passed; what did not is named by line,
 * message and path, never with a stack trace. Shared by the viewer and
 * `firedrill export`, so both accept and refuse the same recordings.
 */
import type { z } from 'zod';
import { firstIssue, quote } from './issues.js';
import { PROTOCOL_VERSION, type RunStartMessage, type StreamMessage } from './protocol.js';
import { MESSAGE_SCHEMAS } from './schema.js';
import { renameKeys } from './renameKeys.js';

const [MAJOR, MINOR] = PROTOCOL_VERSION.split('.').map(Number) as [number, number];

/** The oldest version read: 1.1 brought the fleet frames and state names the floor map draws. */
export const OLDEST: readonly [number, number] = [1, 1];

/** A version as one number that orders as versions do (minors below 1,000). */
const rank = (major: number, minor: number) => major * 1000 + minor;
const CURRENT = rank(MAJOR, MINOR);

/** Servers a recording may lay out: the viewer keeps every one in typed arrays and draws each as a cell. */
export const MAX_SERVERS = 4_000_000;

/** Fields that a version added, by message type and path (`*` for any index): a recording of an older version may lack them. */
const ADDED_IN: Record<string, Record<string, number>> = { 'run.start': { scenarioSha256: rank(1, 2) }, ledger: { 'groups.*.hourlyOutageHours': rank(1, 4) } };

/** 1.x ledger fields that 2.0 named without the currency. */
const RENAMED_IN_2: ReadonlyArray<readonly [string, string]> = [
  ['lossPerPersonWon', 'lossPerPerson'],
  ['lossTotalWon', 'lossTotal'],
  ['compensationPerPersonWon', 'compensationPerPerson'],
  ['compensationTotalWon', 'compensationTotal'],
  ['hourlyLossWon', 'hourlyLoss'],
];

/**
 * A 1.x message in 2.0's shape: the ledger's fields lose their currency, and `run.start` gains the
 * zone, locale and currency that 1.x left to the viewer, which named +09:00 KST and wrote amounts in
 * won (1.x ledgers were all in KRW: it was the only currency the format had a word for).
 */
function upgradeFrom1(type: unknown, value: Record<string, unknown>): Record<string, unknown> {
  if (type === 'run.start') {
    const offset = typeof value.start === 'string' ? /(Z|[+-]\d{2}:\d{2})$/.exec(value.start)?.[1] : undefined;
    return { ...value, timeZone: offset === '+09:00' ? 'KST' : null, locale: 'en-US', currency: 'KRW', currencyUnit: 'won' };
  }
  if (type === 'run.end') return { ...value, dataLost: [] }; // 1.x had no way to lose data
  if (type === 'ledger' && Array.isArray(value.groups)) {
    return {
      ...value,
      groups: value.groups.map((g: unknown) => renameKeys(g, RENAMED_IN_2)),
    };
  }
  return value;
}

/** `2022-10-15T15:19:00+09:00`: the viewer's clock reads the offset from the end. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A message that is not a valid part of the run being read; the message says where and why. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** Checks the messages of one run, in order (from a file or live). */
export class MessageChecker {
  /** The run's `run.start`, once checked. */
  start: RunStartMessage | null = null;
  /** Whether `run.end` has been checked. */
  ended = false;
  private version = CURRENT;
  private servers = 0;
  private lastH = -Infinity;

  /** Returns `value` as a message, or null for a message type of a newer minor (readers ignore those); throws ProtocolError. */
  check(value: unknown): StreamMessage | null {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ProtocolError(`expected a protocol message (a JSON object with a type), got ${quote(value)}`);
    const type = (value as { type?: unknown }).type;
    if (this.start === null) {
      if (type !== 'run.start') throw new ProtocolError(`expected a Firedrill recording beginning with run.start, got ${quote(type ?? null)}`);
      this.version = versionOf((value as { protocol?: unknown }).protocol);
    } else if (type === 'run.start') throw new ProtocolError('a second run.start: a recording holds one run');
    else if (this.ended) throw new ProtocolError(`${quote(type ?? null)} after run.end, which ends the run`);
    if (typeof type !== 'string') throw new ProtocolError(`expected a message type (a string), got ${quote(type ?? null)}`);
    // Own keys only: a type named __proto__ or constructor must not find Object.prototype's.
    const schema = Object.hasOwn(MESSAGE_SCHEMAS, type) ? (MESSAGE_SCHEMAS as Record<string, z.ZodType>)[type] : undefined;
    if (schema === undefined) {
      if (this.version > CURRENT) return null;
      throw new ProtocolError(`unknown message type ${quote(type)}: protocol ${this.start!.protocol} has none`);
    }
    if (this.version < rank(2, 0)) value = upgradeFrom1(type, value as Record<string, unknown>);
    const result = schema.safeParse(value, { reportInput: true });
    if (!result.success) {
      const issues = result.error.issues.filter((issue) => !this.tolerated(type, issue));
      if (issues.length > 0) throw new ProtocolError(firstIssue(issues, type));
    }
    const message = value as StreamMessage;
    this.checkAgainstRun(message);
    return message;
  }

  /** What a reader of this version lets pass: keys a newer minor added, and fields an older minor did not have yet. */
  private tolerated(type: string, issue: z.core.$ZodIssue): boolean {
    if (issue.code === 'unrecognized_keys') return this.version > CURRENT;
    const path = issue.path.map((key) => (typeof key === 'number' ? '*' : String(key))).join('.');
    const added = Object.hasOwn(ADDED_IN, type) && Object.hasOwn(ADDED_IN[type]!, path) ? ADDED_IN[type]![path] : undefined;
    return issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined && added !== undefined && this.version < added;
  }

  /** What the schemas cannot say: how a message must agree with the run's layout and with the messages before it. */
  private checkAgainstRun(message: StreamMessage): void {
    if (message.type === 'run.start') {
      this.servers = checkLayout(message);
      this.start = message;
      return;
    }
    const start = this.start!;
    const h = (message as { h?: unknown }).h;
    if (typeof h === 'number') {
      if (h < this.lastH) throw new ProtocolError(`${message.type}.h: ${h} is before the previous message's ${this.lastH} (time never goes backwards in a run)`);
      this.lastH = h;
    }
    if (message.type === 'sample') {
      const expect = (name: 'running' | 'availability' | 'level', n: number, per: string) => {
        if (message[name].length !== n) throw new ProtocolError(`sample.${name}: expected ${n} values (one per ${per} of run.start), got ${message[name].length}`);
      };
      expect('running', start.sites.length, 'site');
      expect('availability', start.services.length, 'service');
      expect('level', start.services.length, 'service');
    } else if (message.type === 'fleet') {
      const runs = message.runs;
      if (runs.length % 2 !== 0) throw new ProtocolError(`fleet.runs: expected [state, count, …] pairs, got ${runs.length} numbers`);
      let total = 0;
      for (let i = 0; i < runs.length; i += 2) {
        if (runs[i]! >= start.serverStates.length) throw new ProtocolError(`fleet.runs[${i}]: state ${runs[i]} is not one of the ${start.serverStates.length} of run.start.serverStates`);
        total += runs[i + 1]!;
        if (total > this.servers) break;
      }
      if (total !== this.servers) throw new ProtocolError(`fleet.runs: the counts add up to ${total > this.servers ? 'more than ' : ''}${total} servers; run.start.halls hold ${this.servers}`);
    } else if (message.type === 'run.end') {
      this.ended = true;
    }
  }
}

/** The protocol version as a rank, or a ProtocolError if this reader cannot read it: 1.1 to 1.x (upgraded as read) and 2.x. */
function versionOf(protocol: unknown): number {
  const match = typeof protocol === 'string' ? /^(\d+)\.(\d+)$/.exec(protocol) : null;
  if (match === null) throw new ProtocolError(`run.start.protocol: expected "major.minor", got ${quote(protocol)}`);
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major !== MAJOR && major !== 1) throw new ProtocolError(`recorded with protocol ${protocol}; this Firedrill reads 1.${OLDEST[1]} to ${MAJOR}.x: open it with the Firedrill that recorded it`);
  if (rank(major, minor) < rank(...OLDEST)) throw new ProtocolError(`recorded with protocol ${protocol}, before the floor map's frames; this Firedrill reads ${OLDEST.join('.')} and newer: record the run again`);
  return rank(major, minor);
}

/** Checks that halls number their servers 0…N−1 in order, on known sites, within MAX_SERVERS; returns N. */
function checkLayout(start: RunStartMessage): number {
  if (!INSTANT.test(start.start) || Number.isNaN(Date.parse(start.start))) throw new ProtocolError(`run.start.start: expected an ISO 8601 instant with its offset, got ${quote(start.start)}`);
  const sites = new Set(start.sites.map((s) => s.id));
  let servers = 0;
  start.halls.forEach((hall, i) => {
    if (!sites.has(hall.site)) throw new ProtocolError(`run.start.halls[${i}].site: ${quote(hall.site)} is not the id of one of run.start.sites`);
    if (hall.firstServer !== servers) throw new ProtocolError(`run.start.halls[${i}].firstServer: expected ${servers} (servers are numbered hall by hall from 0), got ${hall.firstServer}`);
    if (hall.racks > MAX_SERVERS || hall.serversPerRack > MAX_SERVERS || hall.racks * hall.serversPerRack > MAX_SERVERS - servers) {
      throw new ProtocolError(`run.start.halls[${i}]: more than ${MAX_SERVERS.toLocaleString('en-US')} servers in all; the viewer draws every server and reads at most that many`);
    }
    servers += hall.racks * hall.serversPerRack;
  });
  if (servers > 0 && start.serverStates.length === 0) throw new ProtocolError('run.start.serverStates: expected the names of the server states, got none');
  return servers;
}

/** Where reading stopped: the line (from 1) and what was wrong with it. */
export interface ReadProblem {
  line: number;
  message: string;
}

/** A recording as read: every message before the first problem. */
export interface ReadResult {
  /** The run's start, or null if not even that could be read. */
  start: RunStartMessage | null;
  messages: StreamMessage[];
  /** Whether the recording reached run.end. */
  complete: boolean;
  problem: ReadProblem | null;
}

const NOT_A_RECORDING = 'expected a Firedrill recording (NDJSON from firedrill run --out)';

/** Reads NDJSON: every line checked, stopping at the first that fails. Never throws for what the text holds. */
export function readRecording(text: string): ReadResult {
  const checker = new MessageChecker();
  const messages: StreamMessage[] = [];
  const stop = (line: number, message: string): ReadResult => ({ start: checker.start, messages, complete: false, problem: { line, message } });
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return stop(i + 1, checker.start === null ? `${NOT_A_RECORDING}, but line ${i + 1} is not JSON` : 'not JSON: the line is corrupt or cut short');
    }
    try {
      const message = checker.check(value);
      if (message !== null) messages.push(message);
    } catch (error) {
      if (error instanceof ProtocolError) return stop(i + 1, error.message);
      throw error;
    }
  }
  if (checker.start === null) return stop(1, `empty: ${NOT_A_RECORDING}`);
  return { start: checker.start, messages, complete: checker.ended, problem: null };
}
