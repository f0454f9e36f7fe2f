/**
 * The incident as the response experiences it: detect → declare → assemble
 * → assess → respond → stand down. The chart only orders the phases; how
 * long each takes comes from hooks the model provides (and so from whether
 * monitoring and internal chat are up), and leaving `declare` waits for the
 * commander's decision to declare. It runs on simulated time through
 * `createSimulatedClock`.
 */
import { setup } from 'xstate';

/** What the model supplies to the machine. */
export interface IncidentHooks {
  /** Ms from first impact to detection, drawn when the phase starts. */
  detectDelay(): number;
  /** Puts the question of declaring the incident to the commander; the model sends DECLARED once it is declared. */
  askToDeclare(): void;
  /** Ms from the declaration to a commander with a team assembled. */
  assembleDelay(): number;
  /** Ms spent assessing the damage before the first decisions. */
  assessDelay(): number;
  /** Puts the first decisions of the response (failovers, rebuilding elsewhere) to the commander. */
  respond(): void;
  /** Told of every phase entered, for the narrative. */
  entered(phase: IncidentPhase): void;
}

/** The phases of the chart. */
export type IncidentPhase = 'detect' | 'declare' | 'assemble' | 'assess' | 'respond' | 'standDown';

/** Events the model sends: the commander declared the incident; every service is back to normal. */
export type IncidentEvent = { type: 'DECLARED' } | { type: 'ALL_NORMAL' };

/** The incident-response chart. */
export const incidentResponse = setup({
  types: { context: {} as { hooks: IncidentHooks }, input: {} as { hooks: IncidentHooks }, events: {} as IncidentEvent },
  delays: {
    detectDelay: ({ context }) => context.hooks.detectDelay(),
    assembleDelay: ({ context }) => context.hooks.assembleDelay(),
    assessDelay: ({ context }) => context.hooks.assessDelay(),
  },
  actions: {
    askToDeclare: ({ context }) => context.hooks.askToDeclare(),
    respond: ({ context }) => context.hooks.respond(),
    enter: ({ context }, phase: IncidentPhase) => context.hooks.entered(phase),
  },
}).createMachine({
  id: 'incident',
  context: ({ input }) => ({ hooks: input.hooks }),
  initial: 'detect',
  on: { ALL_NORMAL: '.standDown' },
  states: {
    detect: { entry: { type: 'enter', params: 'detect' }, after: { detectDelay: 'declare' } },
    declare: { entry: [{ type: 'enter', params: 'declare' }, 'askToDeclare'], on: { DECLARED: 'assemble' } },
    assemble: { entry: { type: 'enter', params: 'assemble' }, after: { assembleDelay: 'assess' } },
    assess: { entry: { type: 'enter', params: 'assess' }, after: { assessDelay: 'respond' } },
    respond: { entry: [{ type: 'enter', params: 'respond' }, 'respond'] },
    standDown: { type: 'final', entry: { type: 'enter', params: 'standDown' } },
  },
});
