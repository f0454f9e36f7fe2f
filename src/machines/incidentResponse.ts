/**
 * The incident as the response experiences it: detect → declare → assess →
 * decide → execute → verify → stand down. The chart only orders the phases;
 * how long each takes and what is decided come from hooks the model provides
 * (and so from whether monitoring and internal chat are up, and from the
 * policy). It runs on simulated time through `createSimulatedClock`.
 */
import { setup } from 'xstate';

/** What the model supplies to the machine. */
export interface IncidentHooks {
  /** Ms from first impact to detection, drawn when the phase starts. */
  detectDelay(): number;
  /** Ms from detection to a declared incident. */
  declareDelay(): number;
  /** Ms spent assessing before deciding. */
  assessDelay(): number;
  /** Makes the plan and starts executing it; the model sends EXECUTED when every action is done. */
  decide(): void;
  /** Told of every phase entered, for the narrative. */
  entered(phase: IncidentPhase): void;
}

/** The phases of the chart. */
export type IncidentPhase = 'detect' | 'declare' | 'assess' | 'decide' | 'execute' | 'verify' | 'standDown';

/** Events the model sends: the plan's actions are done; every service is back to normal. */
export type IncidentEvent = { type: 'EXECUTED' } | { type: 'ALL_NORMAL' };

/** The incident-response chart. */
export const incidentResponse = setup({
  types: { context: {} as { hooks: IncidentHooks }, input: {} as { hooks: IncidentHooks }, events: {} as IncidentEvent },
  delays: {
    detectDelay: ({ context }) => context.hooks.detectDelay(),
    declareDelay: ({ context }) => context.hooks.declareDelay(),
    assessDelay: ({ context }) => context.hooks.assessDelay(),
  },
  actions: {
    decide: ({ context }) => context.hooks.decide(),
    enter: ({ context }, phase: IncidentPhase) => context.hooks.entered(phase),
  },
}).createMachine({
  id: 'incident',
  context: ({ input }) => ({ hooks: input.hooks }),
  initial: 'detect',
  on: { ALL_NORMAL: '.standDown' },
  states: {
    detect: { entry: { type: 'enter', params: 'detect' }, after: { detectDelay: 'declare' } },
    declare: { entry: { type: 'enter', params: 'declare' }, after: { declareDelay: 'assess' } },
    assess: { entry: { type: 'enter', params: 'assess' }, after: { assessDelay: 'decide' } },
    decide: { entry: [{ type: 'enter', params: 'decide' }, 'decide'], always: 'execute' },
    execute: { entry: { type: 'enter', params: 'execute' }, on: { EXECUTED: 'verify' } },
    verify: { entry: { type: 'enter', params: 'verify' } },
    standDown: { type: 'final', entry: { type: 'enter', params: 'standDown' } },
  },
});
