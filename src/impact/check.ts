/**
 * What the `impact:` schema cannot see: groups that name services and
 * profiles the scenario does not define, formulas that read figures nobody
 * wrote down, ids used twice.
 */
import type { IssueAt } from '../scenario/references.js';
import { suggest, type ScenarioIssue } from '../scenario/errors.js';
import { parseFormula } from './formula.js';
import type { ImpactDef } from './schema.js';
import { WEEKDAYS } from './weekdays.js';

/** Variables every compensation formula may read, computed by the ledger. */
export const BUILT_IN_VARIABLES = ['loss', 'income', 'outageHours', 'outageDays'] as const;
/** Older names of `loss` and `income`, still read, no longer suggested. */
const OLD_NAMES = ['lossWon', 'incomeWon'];

/** Every reference problem of the impact section, located. */
export function checkImpact(impact: ImpactDef, serviceIds: string[], at: IssueAt): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const expectId = (path: ReadonlyArray<PropertyKey>, what: string, got: string, known: string[]) => {
    const hint = suggest(got, known);
    const list = known.length > 8 ? `${known.slice(0, 8).join(', ')}, …` : known.join(', ');
    issues.push(at(path, `expected the id of ${what} (${list}), got "${got}"${hint ? `; did you mean "${hint}"?` : ''}`));
  };
  const profiles = Object.keys(impact.profiles);
  const seen = new Map<string, number>();
  impact.groups.forEach((group, gi) => {
    const path = ['impact', 'groups', gi];
    const first = seen.get(group.id);
    if (first !== undefined) issues.push(at([...path, 'id'], `expected a unique group id; "${group.id}" is already used at impact.groups[${first}]`));
    else seen.set(group.id, gi);
    group.dependsOn.forEach((dep, di) => {
      if (!serviceIds.includes(dep.service)) expectId([...path, 'dependsOn', di, 'service'], 'a service', dep.service, serviceIds);
    });
    const services = group.dependsOn.map((d) => d.service);
    const twice = services.findIndex((s, i) => services.indexOf(s) !== i);
    if (twice >= 0) issues.push(at([...path, 'dependsOn', twice, 'service'], `expected each service once per group; "${services[twice]}" is listed twice`));
    if (!profiles.includes(group.profile)) expectId([...path, 'profile'], 'a profile of impact.profiles', group.profile, profiles);
    else if (group.income !== undefined && WEEKDAYS.includes(group.income.per as (typeof WEEKDAYS)[number])) {
      const day = WEEKDAYS.indexOf(group.income.per as (typeof WEEKDAYS)[number]);
      const weight = impact.profiles[group.profile]!.slice(day * 24, day * 24 + 24).reduce((a, b) => a + b, 0);
      if (weight === 0) issues.push(at([...path, 'income', 'per'], `expected a day on which profile "${group.profile}" has weight, since income is quoted per ${group.income.per}; the profile gives ${group.income.per} none`));
    }
    const compensation = group.compensation;
    if (compensation !== undefined) {
      const known = [...Object.keys(compensation.variables), ...BUILT_IN_VARIABLES];
      const parsed = parseFormula(compensation.formula);
      const variables = parsed.ok ? parsed.formula.variables : new Set<string>();
      for (const name of variables) {
        if (known.includes(name) || OLD_NAMES.includes(name)) continue;
        const hint = suggest(name, known);
        issues.push(
          at([...path, 'compensation', 'formula'], `expected a formula reading only its variables (${known.join(', ')}), got the unknown variable "${name}"${hint ? `; did you mean "${hint}"?` : `; define it under compensation.variables`}`),
        );
      }
      for (const name of ['loss', 'income', 'lossWon', 'incomeWon']) {
        if (variables.has(name) && group.income === undefined) issues.push(at([...path, 'compensation', 'formula'], `expected an income for the group, since its formula reads ${name}`));
      }
    }
  });
  return issues;
}
