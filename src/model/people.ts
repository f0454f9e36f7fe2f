/**
 * The people of the response as the model sees them: teams of each kind as
 * kernel resources, how tired they are (work slows after long hours on duty),
 * shift hand-overs, and teams called in during the incident, who arrive after
 * a lead time. Teams of a kind are counted together, in cohorts that started
 * their duty at the same time; a kind's pace is the average over its cohorts.
 */
import { HOUR, createResource, createSampler, type Environment, type RandomStreams, type Resource } from '../../sim/index.js';
import type { PeopleDef } from '../scenario/responseSchema.js';
import type { Team } from './decisions.js';

/** Teams that started their duty at the same time. */
interface Cohort {
  count: number;
  /** When their duty began (ms); with full relief, the duty clock restarts at every shift change. */
  since: number;
}

/** The workforce of one run. */
export interface Workforce {
  readonly restartCrews: Resource;
  /** Who cleans sooted racks: crews of their own, or the restart crews. Their pace is the restart crews'. */
  readonly cleaningCrews: Resource;
  readonly hardwareCrews: Resource;
  readonly engineers: Resource;
  /** Who approves manual failovers. */
  readonly incidentCommanders: Resource;
  /** Electricians per site index; null where the scenario gives the site no restoration work. */
  readonly electricians: ReadonlyArray<Resource | null>;
  /**
   * How much longer work of this kind takes now than when fresh: 1 until
   * the scenario's `fatigue.after` hours on duty, then rising. Hot: called
   * per rack restart and per repair.
   */
  pace(team: Team): number;
  /** Ms until work of this kind can start now: the rest of a shift hand-over, or 0. */
  handoverWait(team: Team): number;
  /** Teams of a kind that can still be called in. */
  callable(team: Team): number;
  /** Calls in teams; they join after the scenario's lead time. Returns the time they arrive (ms). */
  callIn(team: Team, count: number): number;
  /** Starts everyone's duty clock (the first impact: the incident began). */
  startDuty(): void;
}

/**
 * Creates the workforce. `callInSite` is the site whose electricians a call-in
 * reinforces (the fire site).
 */
export function createWorkforce(env: Environment, streams: RandomStreams, people: PeopleDef, electriciansPerSite: ReadonlyArray<number | null>, callInSite: number): Workforce {
  const electricians = electriciansPerSite.map((n, i) => (n === null ? null : createResource(env, { capacity: n, name: `electricians ${i}` })));
  const resources: Record<Team, Resource[]> = {
    restartCrews: [createResource(env, { capacity: people.restartCrews, name: 'restart crews' })],
    hardwareCrews: [createResource(env, { capacity: people.hardwareCrews, name: 'hardware crews' })],
    engineers: [createResource(env, { capacity: people.engineers, name: 'engineers' })],
    electricians: electricians.filter((r): r is Resource => r !== null),
  };
  const cohorts: Record<Team, Cohort[]> = { restartCrews: [], hardwareCrews: [], engineers: [], electricians: [] };
  const called: Record<Team, number> = { restartCrews: 0, hardwareCrews: 0, engineers: 0, electricians: 0 };
  const fatigue = people.fatigue;
  const shifts = people.shifts;
  let dutyStart = -1;

  const onDuty = (team: Team): number => {
    let n = 0;
    for (const r of resources[team]) n += r.capacity;
    return n;
  };
  // Rotation needs a full set of relief teams; with fewer, everyone stays on (a partial rotation is not
  // modelled). Worked out when teams arrive, not at each piece of work: pace() runs per rack and per repair.
  const rotating: Record<Team, boolean> = { restartCrews: false, hardwareCrews: false, engineers: false, electricians: false };
  const rewire = (team: Team): void => {
    rotating[team] = shifts !== undefined && (people.relief[team] ?? 0) >= onDuty(team);
  };

  const slowdown = (hours: number): number => {
    const over = hours - fatigue!.after / HOUR;
    return over <= 0 ? 1 : 1 + Math.min(fatigue!.maxSlowdown, fatigue!.slowdownPerHour * over);
  };
  const callable = (team: Team): number => (people.callIn[team]?.max ?? 0) - called[team];

  return {
    restartCrews: resources.restartCrews[0]!,
    cleaningCrews: people.cleaningCrews === undefined ? resources.restartCrews[0]! : createResource(env, { capacity: people.cleaningCrews, name: 'cleaning crews' }),
    hardwareCrews: resources.hardwareCrews[0]!,
    engineers: resources.engineers[0]!,
    incidentCommanders: createResource(env, { capacity: people.incidentCommanders, name: 'incident commanders' }),
    electricians,
    pace(team) {
      if (fatigue === undefined || dutyStart < 0) return 1;
      // With rotation every team is as far into its shift as the rest.
      if (rotating[team]) return slowdown(((env.now - dutyStart) % shifts!.length) / HOUR);
      const list = cohorts[team];
      let weighted = 0;
      let count = 0;
      for (let i = 0; i < list.length; i++) {
        const c = list[i]!;
        weighted += c.count * slowdown((env.now - c.since) / HOUR);
        count += c.count;
      }
      return count === 0 ? 1 : weighted / count;
    },
    handoverWait(team) {
      if (shifts === undefined || dutyStart < 0 || !rotating[team]) return 0;
      const into = (env.now - dutyStart) % shifts.length;
      // The first shift starts with the incident: no hand-over then.
      return env.now - dutyStart < shifts.length || into >= shifts.handover ? 0 : shifts.handover - into;
    },
    callable,
    callIn(team, count) {
      const plan = people.callIn[team];
      if (plan === undefined || count > callable(team)) throw new RangeError(`cannot call in ${count} ${team}`);
      called[team] += count;
      const arrival = env.now + createSampler(plan.leadTime)(streams.get(`people.callIn.${team}`));
      env.scheduleAt(arrival, () => {
        const resource = team === 'electricians' ? electricians[callInSite] ?? resources.electricians[0]! : resources[team][0]!;
        resource.setCapacity(resource.capacity + count);
        cohorts[team].push({ count, since: env.now });
        rewire(team);
      });
      return arrival;
    },
    startDuty() {
      if (dutyStart >= 0) return;
      dutyStart = env.now;
      for (const team of Object.keys(resources) as Team[]) {
        cohorts[team].push({ count: onDuty(team), since: env.now });
        rewire(team);
      }
    },
  };
}
