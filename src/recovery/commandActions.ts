/**
 * The commander's orders that are not work on one thing: the order in which
 * crews and engineers take their work, calling in more teams, and public
 * promises. Each is an action with its preconditions.
 */
import { setWorkOrder } from '../model/command.js';
import type { RunContext } from '../model/context.js';
import { TEAM_KINDS } from '../scenario/responseSchema.js';

/** Registers `priorities.set`, `people.callIn` and `promise.state`. */
export function registerCommandActions(ctx: RunContext): void {
  const { world, command, people } = ctx;
  const indexOf = new Map(world.services.map((s) => [s.id, s.index]));

  ctx.actions.on('priorities.set', {
    check: ({ first }) => {
      const unknown = first.find((id) => !indexOf.has(id));
      if (unknown !== undefined) return `there is no service "${unknown}"`;
      if (new Set(first).size !== first.length) return 'each service at most once';
      return null;
    },
    carryOut: ({ first }) => {
      setWorkOrder(command, world, first.map((id) => indexOf.get(id)!));
      ctx.narrate({ type: 'priorities.set', text: `Work order: ${first.map((id) => world.services[indexOf.get(id)!]!.name).join(', ')} first, then the rest by priority`, data: { first: first.join(',') } });
    },
  });

  ctx.actions.on('people.callIn', {
    check: ({ team, count }) => {
      if (!(TEAM_KINDS as readonly string[]).includes(team)) return `there is no team kind "${team}" (${TEAM_KINDS.join(', ')})`;
      if (!Number.isInteger(count) || count < 1) return 'a whole number of teams, at least 1';
      if (!command.declared) return 'the incident is not declared yet';
      const callable = people.callable(team);
      if (callable === 0) return `no more ${team} can be called in`;
      if (count > callable) return `only ${callable} more ${team} can be called in`;
      return null;
    },
    carryOut: ({ team, count }) => {
      const at = people.callIn(team, count);
      ctx.narrate({ type: 'people.calledIn', text: `${count} more ${team} called in; they arrive in ${((at - ctx.env.now) / 3_600_000).toFixed(1)} h`, data: { team, count } });
    },
  });

  ctx.actions.on('promise.state', {
    check: ({ withinH, service }) => {
      if (!(withinH > 0 && withinH <= 24 * 365)) return 'a promise of more than 0 hours and at most a year';
      if (service !== null && !indexOf.has(service)) return `there is no service "${service}"`;
      if (!ctx.milestones.firstImpact.triggered) return 'nothing has happened yet';
      return null;
    },
    carryOut: ({ withinH, after, service }) => {
      command.promises.push({ atMs: ctx.env.now, withinH, after, service });
      const what = service === null ? 'all services' : world.services[indexOf.get(service)!]!.name;
      const from = after === 'now' ? 'now' : after === 'first-power-return' ? 'power first returns' : 'power fully returns';
      ctx.narrate({ type: 'promise.stated', text: `Promised: ${what} back within ${withinH} h of ${from}`, data: { withinH, after, service } });
    },
  });
}
