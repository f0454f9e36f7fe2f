/**
 * Decisions in a run: what the commander can do (actions), the questions the
 * incident puts to the commander (decision requests, each with its options
 * and what happens if nobody answers), and the desk where requests wait and
 * answers arrive. Plain JSON data, so that a log, a stream message and a
 * browser form all carry the same objects. What an action does is recovery's
 * business (recovery/actions.ts); who chooses it is a decider's (decide/).
 */
import type { Environment } from '../../sim/index.js';
import type { RunBus } from './bus.js';

/** Kinds of team, as the scenario's `people` names them. */
export type Team = 'restartCrews' | 'hardwareCrews' | 'engineers' | 'electricians';

/** What a stated promise counts from. */
export type PromiseAnchor = 'now' | 'first-power-return' | 'full-power-return';

/** Something the commander does. Times are hours, as everywhere in the protocol. */
export type Action =
  /** Declares the incident: a commander takes charge and the team assembles. */
  | { kind: 'incident.declare' }
  /** Answers the fire brigade's request to cut power: the whole building, the burning zone only (where the building allows it), or after a delay. */
  | { kind: 'powerCut.answer'; cut: 'building' | 'zone' | 'delay' }
  /** Orders what a damaged domain needs: a standard order, an expedited one, or a temporary feed meanwhile. */
  | { kind: 'materials.order'; domain: string; how: 'standard' | 'expedited' | 'temporary-feed' }
  /** Approves failing a service over (and building out its standby capacity) whenever it needs it. */
  | { kind: 'failover.approve'; service: string }
  /** Decides not to fail a service over: it waits for its site. */
  | { kind: 'failover.deny'; service: string }
  /** Rebuilds a service (a control-plane tool) at another site from its off-site copy. */
  | { kind: 'rebuild.start'; service: string; site: string }
  /** Decides not to rebuild a service elsewhere: it waits for its site. */
  | { kind: 'rebuild.wait'; service: string }
  /** Sets the order in which crews and engineers take work: these services first, in this order, then the rest by priority. */
  | { kind: 'priorities.set'; first: string[] }
  /** Calls in more teams of a kind; they arrive after the scenario's lead time. */
  | { kind: 'people.callIn'; team: Team; count: number }
  /** States a public promise: everything (or one service) back within `withinH` hours of the anchor. */
  | { kind: 'promise.state'; withinH: number; after: PromiseAnchor; service: string | null }
  /** Puts a decision off: it is asked again after the scenario's `incident.deferFor`. */
  | { kind: 'defer'; request: string };

/** The kinds of action. */
export type ActionKind = Action['kind'];

/** One answer a request offers. */
export interface DecisionOption {
  action: Action;
  /** What it means, for people. */
  label: string;
}

/** The kinds of question the incident asks. */
export type RequestKind = 'incident.declare' | 'powerCut' | 'materials' | 'failover' | 'rebuild';

/** A question put to the commander at a decision point. */
export interface DecisionRequest {
  /** Sequence number in the run, from 1. */
  readonly id: number;
  /** Stable name of the question: kind, subject and occurrence (`failover:kakao-t-taxi#1`), the same in another run that asks it. */
  readonly key: string;
  readonly kind: RequestKind;
  /** What it is about (a service, a domain), or null. */
  readonly subject: string | null;
  /** When it was asked, in ms. */
  readonly atMs: number;
  /** The question, for people. */
  readonly text: string;
  /** The answers it offers; any other action may be taken beside them. */
  readonly options: readonly DecisionOption[];
  /** Index of the option that happens if nobody answers by the deadline, or null if nothing happens. */
  readonly defaultOption: number | null;
  /** When the world stops waiting (the default happens), in ms, or null if it waits for ever. */
  readonly deadlineMs: number | null;
}

/** What raising a request takes: the request without its id, key and time, and what to do with the answer. */
export interface RequestDef {
  kind: RequestKind;
  subject: string | null;
  text: string;
  options: DecisionOption[];
  defaultOption: number | null;
  /** Ms from now until the default happens, or null. */
  deadlineIn: number | null;
  /**
   * Whether it may be put off (a `defer` option is added); asked again after
   * the desk's deferral time if `stillOpen()` then says it still matters.
   */
  deferrable?: { stillOpen(): boolean };
}

/** Whether `action` is the answer `option` offers: same kind and same subject. */
export function answers(action: Action, option: DecisionOption): boolean {
  const a = action as Record<string, unknown>;
  const o = option.action as Record<string, unknown>;
  if (a.kind !== o.kind) return false;
  for (const k of Object.keys(o)) if (k !== 'kind' && a[k] !== o[k]) return false;
  return true;
}

/** The desk where requests wait for answers. */
export interface Desk {
  /** Open requests, oldest first. */
  readonly pending: readonly DecisionRequest[];
  /** Raises a request now; the run stops after the event that raised it so that its driver can answer. */
  raise(def: RequestDef): DecisionRequest;
  /** The open request `action` answers (one of its options), or null. */
  find(action: Action): DecisionRequest | null;
  /** Closes an open request with one of its options (the caller carries the action out). */
  answer(request: DecisionRequest, option: DecisionOption, by: string): void;
  /** Requests raised since the last call, oldest first (the driver's new questions). */
  takeRaised(): DecisionRequest[];
}

/**
 * Creates the desk of a run. `takeDefault` carries out a request's default
 * when its deadline passes unanswered (the world does not wait).
 */
export function createDesk(env: Environment, bus: RunBus, deferForMs: number, takeDefault: (request: DecisionRequest, option: DecisionOption) => void): Desk {
  const pending: DecisionRequest[] = [];
  const defs = new Map<number, RequestDef>();
  const deadlines = new Map<number, number>();
  const occurrences = new Map<string, number>();
  let raised: DecisionRequest[] = [];
  let nextId = 1;

  const close = (request: DecisionRequest, option: DecisionOption, by: string): void => {
    const i = pending.indexOf(request);
    if (i < 0) return;
    pending.splice(i, 1);
    const deadline = deadlines.get(request.id);
    if (deadline !== undefined) env.cancel(deadline);
    deadlines.delete(request.id);
    const def = defs.get(request.id)!;
    defs.delete(request.id);
    bus.decided.emit(request, option, by);
    if (option.action.kind === 'defer') {
      env.schedule(deferForMs, () => {
        if (def.deferrable!.stillOpen()) desk.raise(def);
      });
    }
  };

  const expire = (request: DecisionRequest): void => {
    deadlines.delete(request.id);
    if (request.defaultOption === null) return;
    const option = request.options[request.defaultOption]!;
    close(request, option, 'deadline');
    takeDefault(request, option);
  };

  const desk: Desk = {
    pending,
    raise(def) {
      const base = `${def.kind}${def.subject === null ? '' : `:${def.subject}`}`;
      const n = (occurrences.get(base) ?? 0) + 1;
      occurrences.set(base, n);
      const key = `${base}#${n}`;
      const options = def.deferrable === undefined ? def.options : [...def.options, { action: { kind: 'defer', request: key } as const, label: `Decide later (asked again in ${deferForMs / 3_600_000} h)` }];
      const request: DecisionRequest = {
        id: nextId++,
        key,
        kind: def.kind,
        subject: def.subject,
        atMs: env.now,
        text: def.text,
        options,
        defaultOption: def.defaultOption,
        deadlineMs: def.deadlineIn === null ? null : env.now + def.deadlineIn,
      };
      pending.push(request);
      defs.set(request.id, def);
      if (def.deadlineIn !== null) deadlines.set(request.id, env.schedule(def.deadlineIn, expire, request));
      raised.push(request);
      bus.requested.emit(request);
      env.stop();
      return request;
    },
    find(action) {
      for (const request of pending) for (const option of request.options) if (answers(action, option)) return request;
      return null;
    },
    answer(request, option, by) {
      close(request, option, by);
    },
    takeRaised() {
      const out = raised;
      raised = [];
      return out;
    },
  };
  return desk;
}

/** What carrying out one kind of action takes. */
export interface ActionHandler<A extends Action = Action> {
  /** Null when the action can be taken now; otherwise what is missing, for people ("the deployment tool is down"). */
  check(action: A): string | null;
  /** Carries it out: starts the work, or changes what the response will do. */
  carryOut(action: A): void;
}

/** Every kind of action and who carries it out: the recovery modules register their own. */
export interface ActionBook {
  /** Registers the handler of a kind. */
  on<K extends ActionKind>(kind: K, handler: ActionHandler<Extract<Action, { kind: K }>>): void;
  /** Null when the action can be taken now, else what is missing. */
  check(action: Action): string | null;
  /** Carries out an action whose check passed. */
  carryOut(action: Action): void;
}

/** Creates an empty action book. */
export function createActionBook(): ActionBook {
  const handlers = new Map<ActionKind, ActionHandler>();
  return {
    on(kind, handler) {
      handlers.set(kind, handler as unknown as ActionHandler);
    },
    check(action) {
      const handler = handlers.get(action.kind);
      return handler === undefined ? `nobody in this scenario can carry out "${action.kind}"` : handler.check(action);
    },
    carryOut(action) {
      handlers.get(action.kind)!.carryOut(action);
    },
  };
}

/** An action that cannot be taken now: what it was, when, and what is missing. */
export class ActionError extends Error {
  override name = 'ActionError';
  /** Index of the decision-log entry that asked for it, when a log is replayed. */
  entry: number | null = null;
  constructor(
    readonly action: Action,
    readonly atMs: number,
    readonly missing: string,
  ) {
    super(`${describeAction(action)} at T+${(atMs / 3_600_000).toFixed(2)} h: ${missing}`);
  }
}

/** An action in a few words, for errors and logs: `failover.approve kakao-t-taxi`. */
export function describeAction(action: Action): string {
  const rest = Object.entries(action)
    .filter(([k]) => k !== 'kind')
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`);
  return [action.kind, ...rest].join(' ');
}
