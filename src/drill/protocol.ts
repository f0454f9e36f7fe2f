/**
 * What a drill page and the engine running its session (a browser worker, or
 * the server in a group drill) say to each other. Plain JSON both ways.
 */
import type { DecisionLog } from '../decide/log.js';
import type { Action } from '../model/decisions.js';
import type { Scenario } from '../scenario/schema.js';
import type { CommanderView } from '../stream/protocol.js';
import type { Debrief } from './debrief.js';
import type { Pace } from './session.js';
import type { DrillScript, Role } from './script.js';

/** Everything a page needs to run a drill with no server: the script and the validated scenario. */
export interface DrillBundle {
  script: DrillScript;
  scenario: Scenario;
  design: string | null;
  /** The scenario's fingerprint, worked out when it was loaded. */
  fingerprint: string;
}

/** One line of the commander's log, as the page shows it. */
export interface LogLine {
  h: number;
  by: string;
  request: string | null;
  action: Action;
}

/** An inject as the page shows it. */
export interface InjectLine {
  h: number;
  from: string;
  text: string;
  asks: string | null;
  live: boolean;
}

/** The drill now, for one role. */
export interface DrillState {
  title: string;
  briefing: string;
  role: Role;
  pace: Pace;
  seed: number;
  /** Hours after ignition now, and where the drill ends. */
  h: number;
  endH: number;
  ended: boolean;
  /** Why the clock stopped last. */
  stop: 'decision' | 'time' | 'end' | 'start';
  /** The wall-clock instant of simulated time 0 and the fire's start after it, for the page's clock. */
  start: string;
  ignitionH: number;
  view: CommanderView;
  injects: InjectLine[];
  log: LogLine[];
  /** Defaults that happened because a question's time ran out, since the last state. */
  timedOut: Array<{ key: string; action: Action }>;
}

/** From a page to the engine. */
export type ToDrill =
  | { type: 'start'; bundle: DrillBundle; seed?: number; pace: Pace }
  | { type: 'advance'; hours: number }
  | { type: 'act'; action: Action }
  | { type: 'inject'; from: string; text: string }
  | { type: 'debrief' }
  /** The debrief of a log played elsewhere (a group's room), stopped at `stoppedAtH` hours after ignition. */
  | { type: 'debriefOf'; bundle: DrillBundle; log: DecisionLog; stoppedAtH: number }
  | { type: 'log' };

/** From the engine to a page. */
export type FromDrill = { type: 'state'; state: DrillState } | { type: 'problem'; message: string } | { type: 'debrief'; debrief: Debrief } | { type: 'log'; log: DecisionLog };
