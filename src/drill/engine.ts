/**
 * The engine of a drill: a session driven by messages (see protocol.ts), for
 * a browser worker or a server room alike. It answers each message with the
 * drill's state, or a problem in words (an action the run cannot take now, an
 * action outside the role), never an exception.
 */
import { HOUR } from '../../sim/index.js';
import { ActionError } from '../model/decisions.js';
import { decisionLog } from '../decide/log.js';
import { debrief } from './debrief.js';
import type { DrillState, FromDrill, ToDrill } from './protocol.js';
import { startDrill, type DrillSession } from './session.js';
import type { DrillScript, Role } from './script.js';
import type { LoggedAction } from '../run/steppedRun.js';
import type { Scenario } from '../scenario/schema.js';

/** A drill engine; `handle` answers one message. */
export interface DrillEngine {
  handle(message: ToDrill, role?: Role): FromDrill;
  /** The state for a role, as it is now (null before the start). */
  state(role: Role): DrillState | null;
  readonly session: DrillSession | null;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The debrief of a learner's log: where the learner stopped before the horizon (ended the drill early,
 * or the script stops there), the script's `thenBy` policy answers the questions asked afterwards.
 */
function debriefOfLog(script: DrillScript, scenario: Scenario, design: string | null, seed: number, log: readonly LoggedAction[], stoppedAtMs: number) {
  const then = stoppedAtMs < scenario.horizon ? { then: { fromMs: stoppedAtMs, policy: script.thenBy } } : {};
  return debrief({ scenario, design, seed, log, compareWith: script.compareWith, judgeWith: script.judgeWith, ...then });
}

/** Creates an engine with no drill started. */
export function createDrillEngine(): DrillEngine {
  let session: DrillSession | null = null;
  let fingerprint = '';
  let ignition = 0;
  let start = '';
  let lastStop: DrillState['stop'] = 'start';
  let timedOut: DrillState['timedOut'] = [];

  const state = (role: Role): DrillState | null => {
    if (session === null) return null;
    const s = session;
    return {
      title: s.script.title,
      briefing: s.script.briefing,
      role,
      pace: s.pace,
      seed: s.seed,
      h: r3((s.now - ignition) / HOUR),
      endH: r3((s.endMs - ignition) / HOUR),
      ended: s.ended,
      stop: lastStop,
      start,
      ignitionH: r3(ignition / HOUR),
      view: JSON.parse(JSON.stringify(s.view(role))),
      injects: s.injects.filter((i) => i.to === undefined || i.to.includes(role)).map((i) => ({ h: r3(i.at / HOUR), from: i.from, text: i.text, asks: i.asks ?? null, live: i.live })),
      log: s.log.map((e) => ({ h: r3((e.atMs - ignition) / HOUR), by: e.by, request: e.request, action: e.action })),
      timedOut,
    };
  };
  const problem = (message: string): FromDrill => ({ type: 'problem', message });

  return {
    get session() {
      return session;
    },
    state: (role) => state(role),
    handle(message, seat) {
      // A role named (a group drill) is written into the log; a learner alone is just `learner`.
      const role: Role = seat ?? 'commander';
      if (message.type === 'debriefOf') {
        const { bundle, log } = message;
        const fromMs = bundle.scenario.fire.ignition + message.stoppedAtH * HOUR;
        return { type: 'debrief', debrief: debriefOfLog(bundle.script, bundle.scenario, bundle.design, log.seed, log.actions, fromMs) };
      }
      if (message.type === 'start') {
        const { bundle } = message;
        session = startDrill({ script: bundle.script, scenario: bundle.scenario, design: bundle.design, fingerprint: bundle.fingerprint, ...(message.seed === undefined ? {} : { seed: message.seed }), pace: message.pace });
        ignition = bundle.scenario.fire.ignition;
        fingerprint = bundle.fingerprint;
        start = bundle.scenario.start;
        lastStop = 'start';
        timedOut = [];
        return { type: 'state', state: state(role)! };
      }
      if (session === null) return problem('no drill has started');
      switch (message.type) {
        case 'advance': {
          if (!(message.hours > 0 && message.hours <= 24 * 30)) return problem('advance by more than 0 hours and at most 30 days');
          const progress = session.advance(message.hours);
          lastStop = progress.stop;
          timedOut = progress.timedOut;
          return { type: 'state', state: state(role)! };
        }
        case 'act':
          try {
            session.act(message.action, seat);
          } catch (error) {
            if (error instanceof ActionError || error instanceof RangeError) return problem(error.message);
            throw error;
          }
          timedOut = [];
          return { type: 'state', state: state(role)! };
        case 'inject':
          session.inject(message.from, message.text);
          return { type: 'state', state: state(role)! };
        case 'log': {
          const s = session;
          return { type: 'log', log: decisionLog({ scenario: s.scenario.id, scenarioSha256: fingerprint, design: s.design, policy: 'learner', seed: s.seed }, s.log, ignition) };
        }
        case 'debrief': {
          const s = session;
          return { type: 'debrief', debrief: debriefOfLog(s.script, s.scenario, s.design, s.seed, s.log, s.now) };
        }
      }
    },
  };
}
