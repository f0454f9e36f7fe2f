/**
 * The stream protocol: versioned NDJSON, one message a line, the same bytes
 * printed, saved as a recording or sent over a WebSocket. The viewer imports
 * only these types. Times are hours after ignition (`h`), rounded to the
 * millisecond, so a recording reads the same on every machine.
 */

import type { Action } from '../model/decisions.js';

export type { Action } from '../model/decisions.js';

/** Protocol version: a reader refuses a different major. */
export const PROTOCOL_VERSION = '2.1';

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
  /** Name of `start`'s offset on clocks (`KST`), or null: clocks say UTC±hh:mm. Since 2.0. */
  timeZone: string | null;
  /** BCP 47 locale of numbers and dates. Since 2.0. */
  locale: string;
  /** ISO 4217 code of every amount (`XXX`: none). Since 2.0. */
  currency: string;
  /** How amounts are written after the number (`won`, `EUR`). Since 2.0. */
  currencyUnit: string;
  /** Hours after simulated time 0 at which the fire starts. */
  ignitionH: number;
  sites: Array<{ id: string; name: string }>;
  halls: Array<{ id: string; site: string; domain: string | null; racks: number; serversPerRack: number; firstServer: number }>;
  services: Array<{ id: string; name: string; priority: number; users: number }>;
  /** Names of the server states `fleet` frames use, by number. */
  serverStates: string[];
  promise: { text: string; deadlineH: number | null } | null;
  /**
   * The parameters the run drew (`--priors`, `--posterior`): each uncertain parameter's factor on its
   * value as written, and the value it gave. Absent when the run uses the values as written. Since 2.1.
   */
  parameters?: {
    source: 'prior' | 'posterior';
    particle: number | null;
    values: Array<{ path: string; tag: 'sourced' | 'assumed' | 'calibrated'; from: 'prior' | 'posterior'; factor: number; value: number | null; unit: 'h' | '' }>;
  };
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

/** A promise the commander stated during the run, scored against what happened. */
export interface PromiseResult {
  statedH: number;
  withinH: number;
  after: 'now' | 'first-power-return' | 'full-power-return';
  /** One service, or null for all. */
  service: string | null;
  text: string;
  /** When it fell due, or null if its anchor never came (power never returned). */
  deadlineH: number | null;
  /** When what it promised was back (normal), or null if it never was by the horizon. */
  doneH: number | null;
  met: boolean | null;
  missedByH: number | null;
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
  /** Promises the commander stated, each scored. Since 1.3. */
  promises: PromiseResult[];
  /** Decisions made (questions answered, by anyone or by a deadline). Since 1.3. */
  decisions: number;
  /** What the response spent on actions that cost money, in the ledger's currency (0 without such actions). Since 1.3. */
  spent: number;
  /** Services that lost data: destroyed or rebuilt without a backup (TB lost), or with one (the writes since it). Since 2.0. */
  dataLost: DataLoss[];
  events: number;
}

/** One service's lost data. */
export interface DataLoss {
  service: string;
  /** TB lost for want of a backup (0 when it had one). */
  tb: number;
  /** With a backup: hours of writes lost (its age); null without one. */
  writesH: number | null;
  /** In words. */
  why: string;
}

/** What the commander can see of one service. */
export interface ViewService {
  id: string;
  name: string;
  priority: number;
  users: number;
  role: string | null;
  /** What is known: `unknown` before anyone could tell. */
  known: 'normal' | 'degraded' | 'down' | 'unknown';
  /** When the knowledge is from (hours after ignition), or null. */
  asOfH: number | null;
  /** Who told: monitoring, user complaints, the engineers who use it. */
  source: 'monitoring' | 'complaints' | 'engineers' | 'none';
  /** Whether it has standby sites or spare capacity it could be failed over to. */
  hasStandby: boolean;
  /** Whether it can be rebuilt elsewhere, and where. */
  rebuildSites: string[];
  approval: 'undecided' | 'approved' | 'denied';
}

/** A report that reached the commander. */
export interface ViewReport {
  /** When it arrived. */
  h: number;
  from: 'operator' | 'engineers' | 'brigade' | 'monitoring' | 'users';
  text: string;
}

/** An open question, as the commander sees it: each option with what it still lacks. */
export interface ViewRequest {
  id: number;
  key: string;
  kind: string;
  subject: string | null;
  text: string;
  options: Array<{ action: Action; label: string; missing: string | null }>;
  defaultOption: number | null;
  deadlineH: number | null;
}

/**
 * What the commander can see: what monitoring, the building operator's
 * updates, the engineers, the fire brigade and users' complaints have told,
 * each as late as it arrives. Never per-server state while monitoring is down.
 */
export interface CommanderView {
  h: number;
  declared: boolean;
  /** The response's own tools: whether they work (the engineers find out by using them). */
  tools: { monitoring: boolean; internalChat: boolean; opsTools: boolean; failoverSystem: boolean; deployment: boolean };
  services: ViewService[];
  /** Servers running per hall, from monitoring; null while monitoring is down. */
  halls: Array<{ id: string; site: string; running: number; servers: number }> | null;
  /** The building operator's last update on power, or null before the first. */
  power: { asOfH: number; buildingPercent: number; domains: Array<{ id: string; site: string; energised: boolean; expectedInH: number | null }> } | null;
  /** Whether the fire is known to be out. */
  fireOut: boolean;
  /** Complaints per hour reaching the company, as of `asOfH`. */
  complaints: { perHour: number; asOfH: number };
  people: Array<{ team: string; onDuty: number; busy: number; waiting: number; pace: number; callable: number }>;
  /** The latest reports, oldest first. */
  reports: ViewReport[];
  pending: ViewRequest[];
  promises: Array<{ statedH: number; text: string }>;
}

/** A question put to the commander, with the view the commander had then. Since 1.3. */
export interface DecisionRequestedMessage extends ViewRequest {
  type: 'decision.requested';
  h: number;
  view: CommanderView;
}

/** A question answered: by whom (a decider's name, `learner`, `deadline`), with which action. Since 1.3. */
export interface DecisionMadeMessage {
  type: 'decision.made';
  h: number;
  id: number;
  key: string;
  by: string;
  action: Action;
}

/** An action taken, answering a question (`request`, its key) or on the commander's own initiative. Since 1.3. */
export interface ActionMessage {
  type: 'action';
  h: number;
  by: string;
  request: string | null;
  action: Action;
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
  lossPerPerson: Percentiles | null;
  lossTotal: Percentiles | null;
  /** What the rule gave one eligible person (median over draws); null without a rule. */
  compensationPerPerson: number | null;
  compensationTotal: number | null;
  /** Compensation paid to the group over its lost income (median over draws); null if nothing was lost or no rule applied. */
  compensatedShare: number | null;
  /** How it was given: cash, points, free days. */
  compensationForm: string | null;
  /**
   * Lost income of the group per local hour, from `firstHourLocal` to the last hour that cost anything:
   * people × the hour's rise in the median person's loss so far, from the same draws as `lossPerPerson`,
   * so the hours add up to people × its P50 (since 1.4; before, central values, which did not).
   */
  hourlyLoss: number[];
  /** Hours without the group's services per local hour, weighted as `outageHours` (which they add up to), to the last hour with any. Since 1.4. */
  hourlyOutageHours: number[];
}

/** The impact ledger of the run, sent just before `run.end` when the scenario has an `impact:` section. */
export interface LedgerMessage {
  type: 'ledger';
  h: number;
  currency: string;
  draws: number;
  /** Start of the first local hour of `hourlyLoss`, in hours after ignition (negative: ignition falls inside it). */
  firstHourH: number;
  firstHourLocal: string;
  groups: LedgerGroup[];
}

/** Any message of the protocol. */
export type StreamMessage =
  | RunStartMessage
  | NarrativeMessage
  | SampleMessage
  | FleetMessage
  | DecisionRequestedMessage
  | DecisionMadeMessage
  | ActionMessage
  | LedgerMessage
  | RunEndMessage;
