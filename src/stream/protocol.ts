/**
 * The stream protocol: versioned NDJSON, one message a line, the same bytes
 * printed, saved as a recording or sent over a WebSocket. The viewer imports
 * only these types. Times are hours after ignition (`h`), rounded to the
 * millisecond, so a recording reads the same on every machine.
 */

/** Protocol version: a reader refuses a different major. */
export const PROTOCOL_VERSION = '1.2';

/** First message: what is being run and the layout a viewer needs. */
export interface RunStartMessage {
  type: 'run.start';
  protocol: string;
  firedrill: string;
  scenario: string;
  /** SHA-256 of what was simulated (the scenario after overlays and --vary, without history:), hex. Since 1.2. */
  scenarioSha256: string;
  title: string;
  design: string | null;
  policy: string;
  seed: number;
  /** Wall-clock instant of simulated time 0 (ISO 8601). */
  start: string;
  /** Hours after simulated time 0 at which the fire starts. */
  ignitionH: number;
  sites: Array<{ id: string; name: string }>;
  halls: Array<{ id: string; site: string; domain: string | null; racks: number; serversPerRack: number; firstServer: number }>;
  services: Array<{ id: string; name: string; priority: number; users: number }>;
  /** Names of the server states `fleet` frames use, by number. */
  serverStates: string[];
  promise: { text: string; deadlineH: number | null } | null;
}

/** Something a person watching would want told. */
export interface NarrativeMessage {
  type: 'narrative';
  h: number;
  kind: string;
  text: string;
  data?: Record<string, string | number | boolean | null>;
}

/** A periodic sample of the world. */
export interface SampleMessage {
  type: 'sample';
  h: number;
  /** Per site, in `run.start` order: fraction of its servers running. */
  running: number[];
  /** Per service, in `run.start` order: usable fraction (0 = down). */
  availability: number[];
  /** Per service: 0 down, 1 usable, 2 normal. */
  level: number[];
}

/**
 * Every server's state, run-length encoded in server order (halls in
 * `run.start` order, each from `firstServer`): [state, count, state, count, …],
 * states numbered as in `run.start.serverStates`. Sent before a `sample`
 * whenever any server changed since the last frame; each frame stands alone.
 */
export interface FleetMessage {
  type: 'fleet';
  h: number;
  runs: number[];
}

/** A service's recovery as simulated, beside history and the promise. */
export interface ServiceResult {
  id: string;
  name: string;
  priority: number;
  firstUsableHours: number | null;
  normalHours: number | null;
  outageHours: number;
  userHoursLost: number;
  promiseMet: boolean | null;
  promiseMissedByHours: number | null;
  reportedFirstUsableHours: number | null;
  reportedNormalHours: number | null;
  /** The waits that decided when it became normal, in order. */
  criticalChain: Array<{ what: string; fromHours: number; toHours: number }>;
}

/** Last message: the summary. */
export interface RunEndMessage {
  type: 'run.end';
  h: number;
  allRestoredHours: number | null;
  reportedAllRestoredHours: number | null;
  promiseDeadlineHours: number | null;
  services: ServiceResult[];
  serverCurve: Array<{ hours: number; fractionRunning: number; reportedFractionRunning: number | null }>;
  events: number;
}

/** P10, median and P90 over the ledger's draws. */
export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
}

/** What one group of people lost, against what it was compensated. */
export interface LedgerGroup {
  id: string;
  name: string;
  /** People in the group (central value). */
  people: number;
  /** People the compensation rule applied to (central value); 0 without a rule. */
  eligiblePeople: number;
  /** Hours without the services the group depends on, weighted by how much it depends on each. */
  outageHours: number;
  userHoursLost: number;
  /** Lost income per person; null for a group without an income. */
  lossPerPersonWon: Percentiles | null;
  lossTotalWon: Percentiles | null;
  /** What the rule gave one eligible person (median over draws); null without a rule. */
  compensationPerPersonWon: number | null;
  compensationTotalWon: number | null;
  /** Compensation paid to the group over its lost income (median over draws); null if nothing was lost or no rule applied. */
  compensatedShare: number | null;
  /** How it was given: cash, points, free days. */
  compensationForm: string | null;
  /** Lost income of the whole group per local hour, from `firstHourLocal` to the last hour that cost anything (central values). */
  hourlyLossWon: number[];
}

/** The impact ledger of the run, sent just before `run.end` when the scenario has an `impact:` section. */
export interface LedgerMessage {
  type: 'ledger';
  h: number;
  currency: string;
  draws: number;
  /** Start of the first local hour of `hourlyLossWon`, in hours after ignition (negative: ignition falls inside it). */
  firstHourH: number;
  firstHourLocal: string;
  groups: LedgerGroup[];
}

/** Any message of the protocol. */
export type StreamMessage = RunStartMessage | NarrativeMessage | SampleMessage | FleetMessage | LedgerMessage | RunEndMessage;
