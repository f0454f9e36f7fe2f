/**
 * A run as the viewer holds it: the protocol's messages sorted by kind, read
 * from a recording or received live. Every message is checked by the
 * protocol's reader first (src/stream/read.ts), so views only ever draw what
 * passed; reading stops at the first message that fails and says where,
 * showing everything before it.
 */
import type { FleetMessage, LedgerMessage, NarrativeMessage, RunEndMessage, RunStartMessage, SampleMessage, StreamMessage } from '../../src/stream/protocol.js';
import { MessageChecker, ProtocolError, readRecording } from '../../src/stream/read.js';

/** A recording the viewer refuses outright (wrong protocol, not a recording at all), or a live message it cannot take. */
export class RecordingError extends Error {}

/** One run's messages. */
export class Recording {
  start: RunStartMessage | null = null;
  readonly fleet: FleetMessage[] = [];
  readonly samples: SampleMessage[] = [];
  readonly narrative: NarrativeMessage[] = [];
  ledger: LedgerMessage | null = null;
  end: RunEndMessage | null = null;
  /** What went wrong while reading, if anything; what was read before it stays. */
  problem: string | null = null;
  private readonly checker = new MessageChecker();

  /** Checks one message received live, then adds it; throws RecordingError naming what was wrong, and takes no more. */
  add(value: unknown): void {
    // After a message it could not read, the run is shown as far as it got.
    if (this.problem !== null) return;
    let message: StreamMessage | null;
    try {
      message = this.checker.check(value);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.problem = `the server sent a message this viewer cannot read: ${error.message}`;
      throw new RecordingError(this.problem);
    }
    if (message !== null) this.keep(message);
  }

  /** Files a message that has been checked. */
  keep(message: StreamMessage): void {
    switch (message.type) {
      case 'run.start':
        this.start = message;
        break;
      case 'fleet':
        this.fleet.push(message);
        break;
      case 'sample':
        this.samples.push(message);
        break;
      case 'narrative':
        this.narrative.push(message);
        break;
      case 'ledger':
        this.ledger = message;
        break;
      case 'run.end':
        this.end = message;
        break;
      default:
        // A newer minor may add message types: ignore them.
        break;
    }
  }

  /** The last simulated hour the recording reaches. */
  get lastHour(): number {
    // The ledger counts whole local hours: the run is shown to the end of the last one that cost anything, where "so far" is all of it.
    const ledger = this.ledger === null ? 0 : this.ledger.firstHourH + Math.max(0, ...this.ledger.groups.map((g) => Math.max(g.hourlyLoss.length, (g as { hourlyOutageHours?: number[] }).hourlyOutageHours?.length ?? 0)));
    const last = Math.max(this.samples.at(-1)?.h ?? 0, this.fleet.at(-1)?.h ?? 0, this.narrative.at(-1)?.h ?? 0, ledger);
    return this.end === null ? last : Math.min(this.end.h, Math.max(last, this.end.allRestoredHours ?? 0));
  }

  /** Index of the fire site in `start.sites`. */
  get fireSite(): number {
    const ignited = this.narrative.find((n) => n.kind === 'fire.ignited');
    const site = ignited?.data?.site;
    const i = this.start?.sites.findIndex((s) => s.id === site) ?? -1;
    return i >= 0 ? i : 0;
  }
}

/** Reads an NDJSON recording. Throws RecordingError if nothing can be shown; otherwise notes where reading stopped. */
export function parseRecording(text: string, name: string): Recording {
  const read = readRecording(text);
  if (read.start === null) throw new RecordingError(`${name}:${read.problem!.line}: ${read.problem!.message}`);
  const recording = new Recording();
  for (const message of read.messages) recording.keep(message);
  const shown = `up to T+${recording.lastHour.toFixed(1)} h`;
  if (read.problem !== null) {
    const { line, message } = read.problem;
    recording.problem = `${name}:${line}: ${message}; showing the ${line - 1} lines before it (${shown}).`;
  } else if (!read.complete) {
    recording.problem = `${name} stops at T+${recording.lastHour.toFixed(1)} h without run.end: it was cut short; showing what it holds.`;
  }
  return recording;
}
