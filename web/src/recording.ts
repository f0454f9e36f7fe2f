/**
 * A run as the viewer holds it: the protocol's messages sorted by kind, read
 * from a recording or received live. Reading stops at the first line it
 * cannot understand and says where, showing everything before it.
 */
import type { FleetMessage, LedgerMessage, NarrativeMessage, RunEndMessage, RunStartMessage, SampleMessage, StreamMessage } from '../../src/stream/protocol.js';

/** The protocol major this viewer reads. */
export const READS_MAJOR = 1;

/** A recording the viewer refuses outright (wrong protocol, not a recording at all). */
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

  /** Adds one message; throws RecordingError for a first message that is not a readable run.start. */
  add(message: StreamMessage): void {
    if (this.start === null) {
      if (message.type !== 'run.start') throw new RecordingError(`expected the recording to begin with run.start, got ${JSON.stringify((message as { type?: unknown }).type ?? null)}`);
      const major = Number(String(message.protocol).split('.')[0]);
      if (major !== READS_MAJOR) throw new RecordingError(`this recording uses protocol ${message.protocol}; this viewer reads ${READS_MAJOR}.x. Open it with a Firedrill of that version.`);
      this.start = message;
      return;
    }
    switch (message.type) {
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
    const last = Math.max(this.samples.at(-1)?.h ?? 0, this.fleet.at(-1)?.h ?? 0, this.narrative.at(-1)?.h ?? 0);
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
  const recording = new Recording();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let message: StreamMessage;
    try {
      message = JSON.parse(line) as StreamMessage;
      if (message === null || typeof message !== 'object' || typeof (message as { type?: unknown }).type !== 'string') throw new Error('not a protocol message');
    } catch {
      if (recording.start === null) throw new RecordingError(`${name} is not a Firedrill recording: line ${i + 1} is not a protocol message (expected NDJSON from firedrill run --out).`);
      recording.problem = `${name}: line ${i + 1} is corrupt or cut short; showing the ${i} lines before it (up to T+${recording.lastHour.toFixed(1)} h).`;
      return recording;
    }
    recording.add(message);
  }
  if (recording.start === null) throw new RecordingError(`${name} is empty: expected NDJSON from firedrill run --out.`);
  if (recording.end === null && recording.problem === null) {
    recording.problem = `${name} stops at T+${recording.lastHour.toFixed(1)} h without run.end: it was cut short; showing what it holds.`;
  }
  return recording;
}
