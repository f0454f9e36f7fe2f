/**
 * People's work as the processes of recovery do it: waiting out a shift
 * hand-over, then working at the team's current pace (slower when tired).
 */
import type { Team } from '../model/decisions.js';
import type { RunContext } from '../model/context.js';

/** A process step: `duration` ms of fresh work by a team of this kind, done at its pace now. Returns the ms it took. */
export function* work(ctx: RunContext, team: Team, duration: number) {
  const from = ctx.env.now;
  const wait = ctx.people.handoverWait(team);
  if (wait > 0) yield ctx.env.timeout(wait);
  yield ctx.env.timeout(duration * ctx.people.pace(team));
  return ctx.env.now - from;
}

/** Whether a piece of work must be redone: its base chance, raised in proportion to how tired the team is now. */
export function needsRework(ctx: RunContext, team: Team, chance: number, stream: string): boolean {
  if (chance <= 0) return false; // no draw at all: a scenario without rework keeps its random sequences
  return ctx.streams.get(stream)() < Math.min(1, chance * ctx.people.pace(team));
}
