/**
 * A drill in progress: a stepped run whose decider is a learner (or a group
 * in roles), a clock that stops at the incident's questions (or, under
 * pressure, does not: each question's time runs out and its default happens),
 * the script's injects as they fall due, and the commander's log. Pure data
 * plus the kernel, like the stepped run under it: it runs in a browser worker
 * or in the server the same.
 */
import { HOUR } from '../../sim/index.js';
import { ActionError, type Action, type DecisionRequest } from '../model/decisions.js';
import { startRun, type LoggedAction, type SteppedRun } from '../run/steppedRun.js';
import type { Scenario } from '../scenario/schema.js';
import type { CommanderView } from '../stream/protocol.js';
import { ROLE_ACTIONS, rolesFor, type DrillScript, type InjectDef, type Role } from './script.js';

/** How the clock runs: stopping at every question, or running on with deadlines. */
export type Pace = 'stop' | 'pressure';

/** An inject as delivered: when it reached the commander, and its index in the script. */
export interface DeliveredInject extends InjectDef {
  index: number;
  /** Added live by a facilitator rather than written in the script. */
  live: boolean;
}

/** What the session reports after advancing. */
export interface Progress {
  /** Hours after ignition now. */
  h: number;
  /** Why it stopped: new questions (in `stop` pace), the time asked for, or the end of the drill. */
  stop: 'decision' | 'time' | 'end';
  /** Questions raised meanwhile. */
  asked: DecisionRequest[];
  /** Injects that fell due meanwhile. */
  injects: DeliveredInject[];
  /** Defaults that happened because a question's time ran out (pressure). */
  timedOut: Array<{ key: string; action: Action }>;
}

/** A drill session. */
export interface DrillSession {
  readonly script: DrillScript;
  readonly scenario: Scenario;
  readonly design: string | null;
  readonly seed: number;
  readonly pace: Pace;
  /** Simulated ms now, and where the drill ends. */
  readonly now: number;
  readonly endMs: number;
  readonly ended: boolean;
  /** Advances the clock by up to `hours` of simulated time (stopping early at a question in `stop` pace). */
  advance(hours: number): Progress;
  /** What the commander (or one role) can see now. */
  view(role?: Role): CommanderView;
  /** Takes an action as a role; throws an ActionError with what is missing, or a RangeError for an action outside the role. */
  act(action: Action, role?: Role): void;
  /** Adds an inject now (a facilitator, live). */
  inject(from: string, text: string): DeliveredInject;
  /** Every inject delivered so far. */
  readonly injects: readonly DeliveredInject[];
  /** The learner's actions so far (the decision log). */
  readonly log: readonly LoggedAction[];
  /** The run under it (for the debrief and the stream). */
  readonly run: SteppedRun;
}

/** Options of a session. */
export interface SessionDef {
  script: DrillScript;
  scenario: Scenario;
  design?: string | null;
  fingerprint?: string;
  seed?: number;
  pace?: Pace;
  /** Receives the stream's messages (truth and views), as a run's sink. */
  sink?: Parameters<typeof startRun>[0]['sink'];
  version?: string;
}

/** The name a learner's actions carry in logs and messages (`learner` alone, or with the role in a group). */
export const learnerName = (role: Role | undefined) => (role === undefined ? 'learner' : `learner:${role}`);

/** Starts a drill. */
export function startDrill(def: SessionDef): DrillSession {
  const { script } = def;
  const seed = def.seed ?? script.seed;
  const pace = def.pace ?? 'stop';
  const run = startRun({
    scenario: def.scenario,
    design: def.design ?? null,
    policy: 'learner',
    seed,
    ...(def.fingerprint === undefined ? {} : { fingerprint: def.fingerprint }),
    ...(def.sink === undefined ? {} : { sink: def.sink }),
    fleetFrames: def.sink !== undefined,
    version: def.version ?? '0.0.0',
  });
  const ignition = def.scenario.fire.ignition;
  const endMs = Math.min(run.horizon, script.until === undefined ? run.horizon : ignition + script.until);
  const injects: DeliveredInject[] = [];
  let nextInject = 0;
  const scripted = [...script.injects].map((inject, index) => ({ ...inject, index, live: false })).sort((a, b) => a.at - b.at || a.index - b.index);
  // Under pressure: when each open question's time is up.
  const deadlines = new Map<string, number>();
  const answerWithin = (request: DecisionRequest) => (script.answerWithin as Record<string, number | undefined>)[request.kind] ?? script.answerWithin.default;

  const timeOut = (request: DecisionRequest): Action | null => {
    // The world's own default if it has one; otherwise nothing is decided, and the question comes back later.
    const fallback = request.defaultOption !== null ? request.options[request.defaultOption]!.action : (request.options.find((o) => o.action.kind === 'defer')?.action ?? null);
    if (fallback === null) return null;
    try {
      run.act(fallback, 'deadline');
      return fallback;
    } catch (error) {
      if (error instanceof ActionError) return null;
      throw error;
    }
  };

  const session: DrillSession = {
    script,
    scenario: def.scenario,
    design: def.design ?? null,
    seed,
    pace,
    get now() {
      return run.now;
    },
    endMs,
    get ended() {
      return run.now >= endMs;
    },
    advance(hours) {
      const until = Math.min(endMs, run.now + Math.max(0, hours) * HOUR);
      const progress: Progress = { h: 0, stop: 'time', asked: [], injects: [], timedOut: [] };
      for (;;) {
        const due = scripted[nextInject]?.at;
        const nextDeadline = Math.min(...deadlines.values());
        const target = Math.min(until, due === undefined ? Infinity : ignition + due, nextDeadline);
        const stop = run.advance(Math.max(run.now, target));
        if (stop === 'decision') {
          const asked = run.raised();
          progress.asked.push(...asked);
          if (pace === 'pressure') for (const r of asked) deadlines.set(r.key, run.now + answerWithin(r));
          else break;
          continue;
        }
        while (nextInject < scripted.length && ignition + scripted[nextInject]!.at <= run.now) {
          const inject = scripted[nextInject++]!;
          injects.push(inject);
          progress.injects.push(inject);
        }
        for (const [key, at] of [...deadlines]) {
          if (at > run.now) continue;
          deadlines.delete(key);
          const request = run.pending.find((r) => r.key === key);
          if (request === undefined) continue; // answered in time
          const taken = timeOut(request);
          if (taken !== null) progress.timedOut.push({ key, action: taken });
        }
        if (run.now >= until) break;
      }
      progress.h = (run.now - ignition) / HOUR;
      progress.stop = progress.asked.length > 0 && pace === 'stop' ? 'decision' : run.now >= endMs ? 'end' : 'time';
      return progress;
    },
    view(role) {
      const view = run.observe();
      return role === undefined || role === 'commander' ? view : viewOf(view, role);
    },
    act(action, role) {
      if (role !== undefined && !ROLE_ACTIONS[role].has(action.kind)) throw new RangeError(`the ${role} lead cannot take ${action.kind}: that is for ${rolesFor(action.kind)}`);
      run.act(action, learnerName(role));
      if (action.kind !== 'defer') for (const r of [...deadlines.keys()]) if (!run.pending.some((p) => p.key === r)) deadlines.delete(r);
    },
    inject(from, text) {
      const inject: DeliveredInject = { at: run.now - ignition, from, text, index: scripted.length + injects.filter((i) => i.live).length, live: true };
      injects.push(inject);
      return inject;
    },
    injects,
    get log() {
      return run.log;
    },
    run,
  };
  return session;
}


/**
 * What one role of a group sees: the communications lead the services as
 * users see them, the complaints, the reports and the promises; the
 * operations lead the tools, the teams, the power and the questions it can
 * answer. (The commander sees everything.)
 */
export function viewOf(view: CommanderView, role: Exclude<Role, 'commander'>): CommanderView {
  const whole = JSON.parse(JSON.stringify(view)) as CommanderView;
  // The questions this role can answer.
  const pending = whole.pending.filter((q) => q.options.some((o) => o.action.kind !== 'defer' && ROLE_ACTIONS[role].has(o.action.kind)));
  if (role === 'communications') return { ...whole, halls: null, power: null, people: [], pending };
  return { ...whole, complaints: { perHour: 0, asOfH: whole.complaints.asOfH }, promises: [], pending };
}
