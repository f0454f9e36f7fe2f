/**
 * Upper limits of scenario values, each with the reason it sits where it
 * does. A value past one is refused by the loader with that reason in the
 * message (`expected at most 1,000 servers in a rack (…), got 2000000`),
 * instead of running out of memory, running for hours, or ending in an
 * internal error. The limits are generous: each is well beyond anything a
 * real platform needs, and the checks are on the input only, so a run of a
 * valid scenario never pays for them.
 */
import { DAY, HOUR } from '../../sim/index.js';
import type { IssueAt } from './references.js';
import type { ScenarioIssue } from './errors.js';
import type { Scenario } from './schema.js';

/** An upper limit and why. */
export interface Limit {
  readonly max: number;
  /** What is counted, as it reads after "at most N": `servers in a rack`. */
  readonly what: string;
  /** The engineering reason, one clause. */
  readonly why: string;
  /** How to print the maximum [default: grouped digits]. */
  readonly show?: string;
}

/** "at most 1,000 servers in a rack (why)": the text after "expected" in an error. */
export function atMost(limit: Limit): string {
  return `at most ${limit.show ?? limit.max.toLocaleString('en-US')} ${limit.what} (${limit.why})`;
}

/** Measured with `firedrill run` on Pangyo scaled 25 times (975,000 servers): 2.4 s, 18 MB of recording, 34 MB of typed arrays. */
export const SERVERS: Limit = {
  max: 1_000_000,
  what: 'servers in a scenario',
  why: 'a run holds about 35 bytes and spends about 2.5 µs per server and records about 18 bytes per server: a million servers is a run of a few seconds and an 18 MB recording, which a sweep repeats thousands of times',
};

export const RACKS: Limit = {
  max: 100_000,
  what: 'racks in a scenario',
  why: 'each rack is a restart task for a crew; 100,000 racks is about ten of the largest data centres',
};

export const SERVERS_PER_RACK: Limit = {
  max: 1_000,
  what: 'servers in a rack',
  why: 'the densest racks, of blade and microserver chassis, hold a few hundred',
};

export const HORIZON: Limit = {
  max: 366 * DAY,
  show: '366d',
  what: 'of simulated time',
  why: 'while anything is down a run samples every 15 minutes up to its horizon, 35,136 lines of recording a year, and the impact ledger weighs every local hour of it',
};

/** Any one duration of the scenario (a lead time, a repair, a mean). */
export const DURATION: Limit = {
  max: 3653 * DAY,
  show: '3653d (10 years)',
  what: 'for one duration',
  why: "nothing in a recovery takes longer, and sums of such durations stay exact to the millisecond in the kernel's float64 clock, which holds whole milliseconds only up to 2^53 (285,000 years)",
};

/** People in one team: crews, engineers, electricians, commanders. */
export const PEOPLE: Limit = {
  max: 10_000,
  what: 'people in one team',
  why: 'more than any operator has on one incident; each is a unit of a resource shared by the whole run',
};

export const USERS: Limit = {
  max: 10_000_000_000,
  what: 'users or people',
  why: 'more than everyone alive, 8.1 billion in 2024',
};

export const PRIORITY: Limit = {
  max: 1_000_000,
  what: 'for a priority',
  why: 'crews rank racks that serve no service at 2^20 (1,048,576), so every service must rank ahead of that',
};

export const BUILD_OUT_PER_HOUR: Limit = {
  max: 1_000_000,
  what: 'servers an hour for one team',
  why: 'a whole million-server fleet in an hour is already beyond any deployment tool',
};

export const SLOWDOWN: Limit = {
  max: 100,
  what: 'times slower',
  why: 'a tool that slows work a hundredfold is as good as none',
};

export const WEIBULL_SHAPE: Limit = {
  max: 100,
  what: 'for a Weibull shape',
  why: 'failure and repair times have shapes between about 0.5 and 5; past 100 every draw is the scale',
};

/** Weibull shapes below this can draw durations that overflow to infinity (a draw is scale × (−ln u)^(1/shape)). */
export const WEIBULL_MIN_SHAPE = 0.1;

export const ID_LENGTH: Limit = {
  max: 100,
  what: 'characters in an id',
  why: 'ids are names people type and read, and they are repeated in every message and report that names them',
};

/** Relative weights of the hours of a week (impact profiles). */
export const HOUR_WEIGHT: Limit = {
  max: 1_000_000,
  what: 'for an hourly weight',
  why: 'weights are relative: a million leaves six orders of magnitude between the busiest hour and the smallest non-zero one, far beyond any real week, whereas one absurd weight makes its hour worth more than the whole period the income is quoted for',
};

/** Any amount of money per person or per rule (income, compensation variables, rounding). */
export const MONEY: Limit = {
  max: 1e12,
  show: '1e12',
  what: 'in money for one person or rule',
  why: 'a trillion units is over 40 million US dollars even in Vietnamese dong, about 25,000 to the dollar: beyond that it is a typo',
};

/** The size of a scenario or design file. */
export const FILE_BYTES: Limit = {
  max: 4 * 1024 * 1024,
  show: '4 MiB',
  what: 'for a scenario file',
  why: 'the YAML parser keeps every value with its position; the Pangyo scenario is 33 KB, so this is over a hundred times that',
};

/** Problems listed in one error; the rest are counted. */
export const MAX_ISSUES_SHOWN = 50;

/** Characters of a value quoted back in an error message. */
export const MAX_ECHO = 200;

/**
 * Totals the schema cannot see field by field: servers and racks over every
 * hall. Returns one problem at the hall that crosses each limit.
 */
export function checkTotals(s: Scenario, at: IssueAt): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  let servers = 0;
  let racks = 0;
  let serversReported = false;
  let racksReported = false;
  s.sites.forEach((site, si) => {
    site.halls.forEach((hall, hi) => {
      servers += hall.racks * hall.serversPerRack;
      racks += hall.racks;
      if (!serversReported && servers > SERVERS.max) {
        serversReported = true;
        issues.push(at(['sites', si, 'halls', hi, 'racks'], `expected ${atMost(SERVERS)}; the halls up to this one hold ${servers.toLocaleString('en-US')}`));
      }
      if (!racksReported && racks > RACKS.max) {
        racksReported = true;
        issues.push(at(['sites', si, 'halls', hi, 'racks'], `expected ${atMost(RACKS)}; the halls up to this one hold ${racks.toLocaleString('en-US')}`));
      }
    });
  });
  return issues;
}

/** Instances of one template (`count:`). */
export const TEMPLATE_COUNT: Limit = {
  max: 100_000,
  what: 'instances of one template',
  why: 'each instance is an item the loader validates and the world builds; a hundred thousand systems or racks is past any estate one scenario describes',
};

/** The limit on reported hours in `history:` (the horizon's, in hours). */
export const HISTORY_HOURS: Limit = { ...HORIZON, max: HORIZON.max / HOUR, show: `${HORIZON.max / HOUR} h` };
