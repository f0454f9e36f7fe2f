/**
 * The incident response of a run: the incident-response chart on the
 * simulated clock, its phase durations drawn according to whether monitoring
 * and internal chat work, and the questions it puts to the commander — to
 * declare the incident, then, once the damage is assessed, which services to
 * fail over and which tools to rebuild elsewhere, and again whenever another
 * service goes down. It decides nothing itself: the answers are actions,
 * carried out by the modules that own them.
 */
import { createActor } from 'xstate';
import { createSampler, createSimulatedClock } from '../../sim/index.js';
import { incidentResponse, type IncidentPhase } from '../machines/incidentResponse.js';
import { Level, isRoleUp, type ServiceStatus } from '../model/availability.js';
import { Approval } from '../model/command.js';
import type { RunContext } from '../model/context.js';
import type { Service } from '../model/world.js';
import type { Failovers } from './failover.js';
import type { Rebuilds } from './rebuild.js';

const PHASE_TEXT: Record<IncidentPhase, string> = {
  detect: 'Services are failing; nobody has noticed yet',
  declare: 'The outage is detected; the incident has not been declared yet',
  assemble: 'Incident declared; the commander assembles the team',
  assess: 'The team is assembled; the damage is being assessed',
  respond: 'Assessment done; the response is under way',
  standDown: 'Every service is back to normal; standing down',
};

/** Starts the response when the first power loss happens. */
export function startResponse(ctx: RunContext, status: ServiceStatus, failovers: Failovers, rebuilds: Rebuilds): void {
  const { env, scenario, world, command } = ctx;
  const incident = scenario.incident;
  const rng = ctx.streams.get('response.phases');
  const draw = (spec: Parameters<typeof createSampler>[0]) => createSampler(spec)(rng);
  let declared: () => void = () => undefined;
  let responding = false;

  ctx.actions.on('incident.declare', {
    check: () => (command.declared ? 'the incident is already declared' : ctx.milestones.firstImpact.triggered ? null : 'nothing has happened yet'),
    carryOut: () => {
      command.declared = true;
      ctx.people.startDuty();
      declared();
    },
  });

  // After the first decisions, a service that goes down later is put to the commander once it is
  // noticed: at once with monitoring, after the complaints pile up without it (or, for a tool, once
  // the engineers who use it find it gone, as late).
  const noticeLater = (service: Service, from: number, to: number): void => {
    if (!responding || to !== Level.down || from === Level.down) return;
    const delay = isRoleUp(ctx, status, 'monitoring') ? 0 : scenario.observation.complaints.delay;
    env.schedule(delay, () => {
      rebuilds.ask(service.index); // those with a rebuild: plan
      if (command.approval[service.index] === Approval.undecided) failovers.ask(service.index);
    });
  };

  env.process(
    (function* () {
      yield ctx.milestones.firstImpact;
      const actor = createActor(incidentResponse, {
        clock: createSimulatedClock(env),
        input: {
          hooks: {
            detectDelay: () => draw(isRoleUp(ctx, status, 'monitoring') ? incident.detect.withMonitoring : incident.detect.withoutMonitoring),
            askToDeclare: () => {
              declared = () => actor.send({ type: 'DECLARED' });
              ctx.desk.raise({
                kind: 'incident.declare',
                subject: null,
                text: 'Services are failing at the fire site. Declare an incident and take command?',
                options: [{ action: { kind: 'incident.declare' }, label: 'Declare the incident' }],
                defaultOption: null,
                deadlineIn: null,
                deferrable: { stillOpen: () => !command.declared },
              });
            },
            assembleDelay: () => draw(isRoleUp(ctx, status, 'internal-chat') ? incident.declare.withChat : incident.declare.withoutChat),
            assessDelay: () => draw(incident.assess),
            respond: () => {
              responding = true;
              // The control plane first: without it every other recovery is slower. Then whatever else can be rebuilt.
              for (const s of world.services) if (s.role !== null) rebuilds.ask(s.index);
              for (const s of world.services) if (s.role === null) rebuilds.ask(s.index);
              for (const s of world.services) failovers.ask(s.index);
            },
            entered: (phase) => ctx.narrate({ type: `incident.${phase}`, text: PHASE_TEXT[phase], data: { phase } }),
          },
        },
      });
      actor.start();
      ctx.bus.levelChanged.on(noticeLater);
      ctx.bus.levelChanged.on(() => {
        if (status.level.every((l) => l === Level.normal) && actor.getSnapshot().status === 'active') actor.send({ type: 'ALL_NORMAL' });
      });
    })(),
    'incident response',
  );
}
