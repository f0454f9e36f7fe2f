import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { col, edit, malformedCases } from '../malformedHelpers.js';

const { run } = malformedCases();

/**
 * The sections issue #14 added — hazards, templates, backups and supplies, people — each mistake
 * one clear line naming file:line:col and the path, exit code 2, no stack trace, nothing written
 * (`run` checks the last three). Each case edits the hello-world example.
 */
const HELLO = readFileSync(new URL('../../scenarios/examples/hello-world.yaml', import.meta.url), 'utf8');
/** The hello world with more sections appended at the end (top-level keys it does not have). */
const plus = (more: string) => `${HELLO}${more}`;
/** The 1-based line of the first line containing `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
/** A line and the column of `needle` on it, as `line:col`. */
const at = (text: string, needle: string, on = needle) => `${lineOf(text, on)}:${col(text, lineOf(text, on), needle)}`;

const COOLING = 'hazards:\n  - { kind: cooling-loss, site: dc1, at: power-cut, shutdownWithin: 15m, restore: 2h }\n';
const TOOLS = `  - id: 'tool-{i}'
    count: 3
    let: { grade: { choice: [2, 3] }, needs: { pick: 1, from: [login] } }
    name: Tool {i}
    priority: '{grade}'
    dependsOn: '{needs}'
    components: [{ id: app, demand: 2, placements: [{ site: dc2, servers: 2, role: active }], redundancy: { kind: single-site } }]
`;
const withTools = (tools = TOOLS) => HELLO.replace('\n# 8. How the response runs.', `${tools}\n# 8. How the response runs.`);

describe('malformed hazards', () => {
  it('a cooling loss at a site that does not exist, with a suggestion', async () => {
    const text = plus(COOLING.replace('site: dc1', 'site: dc3'));
    expect(await run('h-site', text)).toEqual([`h-site.yaml:${at(text, 'dc3')}: hazards[0].site: expected the id of a site (dc1, dc2), got "dc3"; did you mean "dc1"?`]);
  });

  it('a cooling loss in a building the site does not have', async () => {
    const text = plus(COOLING.replace('site: dc1,', 'site: dc1, building: east,'));
    expect(await run('h-building', text)).toEqual([`h-building.yaml:${at(text, 'east')}: hazards[0].building: expected the id of a building of dc1 (), got "east"`]);
  });

  it('a hazard of a kind there is not', async () => {
    const text = plus('hazards:\n  - { kind: flood, site: dc1 }\n');
    expect(await run('h-kind', text)).toEqual([`h-kind.yaml:${at(text, 'flood')}: hazards[0].kind: expected one of fire, cooling-loss, water, power-loss, got "flood"`]);
  });

  it('water in a hall the site does not have', async () => {
    const text = plus('hazards:\n  - { kind: water, site: dc1, halls: [hall-z], at: power-cut, damage: 0.1 }\n');
    expect(await run('h-hall', text)).toEqual([`h-hall.yaml:${at(text, 'hall-z')}: hazards[0].halls[0]: expected the id of a hall of dc1 (hall-a, hall-b), got "hall-z"; did you mean "hall-a"?`]);
  });

  it('water damage that is not a probability', async () => {
    const text = plus('hazards:\n  - { kind: water, site: dc1, halls: [hall-a], at: power-cut, damage: 1.5 }\n');
    expect(await run('h-damage', text)).toEqual([`h-damage.yaml:${at(text, '1.5', 'damage: 1.5')}: hazards[0].damage: expected a number <= 1, got 1.5`]);
  });

  it('a cooling loss at a time that is neither power-cut nor a duration', async () => {
    const text = plus(COOLING.replace('at: power-cut', 'at: later'));
    expect(await run('h-at', text)).toEqual([`h-at.yaml:${at(text, 'later')}: hazards[0].at: expected power-cut or a duration such as 90m, 2h, 3.5d or 1h30m (units ms, s, m, h, d, w), got "later"`]);
  });

  it('the fire written twice, as fire: and as a hazard', async () => {
    const text = plus('hazards:\n  - { kind: fire, site: dc1, room: ups-room, ignition: 0m, gasSuppressionSuccess: 1, extinguish: 1h }\n');
    expect(await run('h-twofires', text)).toEqual([`h-twofires.yaml:${at(text, '{ kind: fire')}: hazards[0]: expected the fire once: this scenario has a fire: section already`]);
  });

  it('the fire spreading to a hall of another site', async () => {
    const { text } = edit('  extinguish: { triangular: [2h, 3h, 5h] }\n', '  extinguish: { triangular: [2h, 3h, 5h] }\n  spread: [{ halls: [hall-c], reach: 1h, burnToDestroy: 2h }]\n', HELLO);
    expect(await run('h-spread', text)).toEqual([`h-spread.yaml:${at(text, 'hall-c]', 'spread:')}: fire.spread[0].halls[0]: expected the id of a hall of dc1, where the fire burns (hall-a, hall-b), got "hall-c"; did you mean "hall-a"?`]);
  });

  it('smoke, but no time to clean a rack', async () => {
    const { text } = edit('  extinguish: { triangular: [2h, 3h, 5h] }\n', '  extinguish: { triangular: [2h, 3h, 5h] }\n  smoke: [{ halls: [hall-b], reach: 30m }]\n', HELLO);
    expect(await run('h-smoke', text)).toEqual([`h-smoke.yaml:${at(text, 'rackRestart', 'rackRestart')}: servers: expected cleanRack (how long cleaning soot off one rack takes), because the fire has smoke: reaching halls`]);
  });

  it('a room in a building the site does not list', async () => {
    const { text } = edit('{ id: ups-room, kind: ups }', '{ id: ups-room, kind: ups, building: annex }', HELLO);
    expect(await run('h-room', text)).toEqual([`h-room.yaml:${at(text, 'annex')}: sites[0].rooms[1].building: expected no building, since dc1 lists no buildings (add buildings: [{ id: annex }] to the site), got "annex"`]);
  });
});

describe('malformed templates', () => {
  it('a count that is not a whole number', async () => {
    const text = withTools(TOOLS.replace('count: 3', 'count: -1'));
    expect(await run('t-count', text)).toEqual([`t-count.yaml:${at(text, '-1')}: services[3].count: expected a whole number of instances, at most 100,000 instances of one template (each instance is an item the loader validates and the world builds; a hundred thousand systems or racks is past any estate one scenario describes), got -1`]);
  });

  it('a variable the template does not define', async () => {
    const text = withTools(TOOLS.replace('name: Tool {i}', 'name: Tool {i} of {tier}'));
    expect(await run('t-var', text)).toEqual([`t-var.yaml:${at(text, 'Tool {i} of')}: services[3].name: expected a variable of the template (i, grade, needs), got {tier}`]);
  });

  it('a pick from ids that match nothing', async () => {
    const text = withTools(TOOLS.replace('from: [login]', 'from: [db-*]'));
    expect(await run('t-pick', text)).toEqual([`t-pick.yaml:${at(text, '[db-*]')}: services[3].let.needs.from: expected at least 1 services matching db-* to pick from, got 0`]);
  });

  it('a uniform range that runs backwards', async () => {
    const text = withTools(TOOLS.replace('grade: { choice: [2, 3] }', 'grade: { uniform: [4, 2] }'));
    expect(await run('t-uniform', text)).toEqual([`t-uniform.yaml:${at(text, '[4, 2]')}: services[3].let.grade.uniform: expected [low, high], two numbers with low <= high`]);
  });

  it('weights that do not match the choices', async () => {
    const text = withTools(TOOLS.replace('grade: { choice: [2, 3] }', 'grade: { choice: [2, 3], weights: [1] }'));
    expect(await run('t-weights', text)).toEqual([`t-weights.yaml:${at(text, '[1] }')}: services[3].let.grade.weights: expected 2 weights, numbers >= 0 and not all 0, one per choice`]);
  });

  it('an instance whose drawn value is invalid: placed at the template, the path naming item and instance', async () => {
    const text = withTools(TOOLS.replace('grade: { choice: [2, 3] }', 'grade: { choice: [0] }'));
    expect(await run('t-instance', text)).toEqual([`t-instance.yaml:${at(text, "'{grade}'")}: services[3]#1.priority: expected a number >= 1, got 0`, `t-instance.yaml:${at(text, "'{grade}'")}: services[3]#2.priority: expected a number >= 1, got 0`, `t-instance.yaml:${at(text, "'{grade}'")}: services[3]#3.priority: expected a number >= 1, got 0`]);
  });
});

describe('malformed backups and supplies', () => {
  const BACKED = "    dataTB: 6\n    backup: { site: dc2, age: 12h, restorePerHourTB: 2 }\n";
  const backed = (backup = BACKED) => HELLO.replace('    name: Login\n', `    name: Login\n${backup}`);

  it('a backup at a site that does not exist', async () => {
    const text = backed(BACKED.replace('site: dc2', 'site: dc9'));
    expect(await run('b-site', text)).toEqual([`b-site.yaml:${at(text, 'dc9')}: services[0].backup.site: expected the id of a site (dc1, dc2), got "dc9"; did you mean "dc1"?`]);
  });

  it('a restore throughput of zero', async () => {
    const text = backed(BACKED.replace('restorePerHourTB: 2', 'restorePerHourTB: 0'));
    expect(await run('b-rate', text)).toEqual([`b-rate.yaml:${at(text, '0 }', 'restorePerHourTB')}: services[0].backup.restorePerHourTB: expected a number > 0, got 0`]);
  });

  it('a backup age that is not a duration', async () => {
    const text = backed(BACKED.replace('age: 12h', 'age: yesterday'));
    expect(await run('b-age', text)).toEqual([`b-age.yaml:${at(text, 'yesterday')}: services[0].backup.age: expected a duration such as 90m, 2h, 3.5d or 1h30m (units ms, s, m, h, d, w), got "yesterday"`]);
  });

  it('a rebuild on new servers from a supply the scenario does not have', async () => {
    const text = HELLO.replace('        redundancy: { kind: active-standby, failover: manual }\n', '        redundancy: { kind: active-standby, failover: manual }\n    rebuild: { sites: [dc2], from: dc2, duration: 4h, supply: vendor }\n');
    expect(await run('b-supply', text)).toEqual([`b-supply.yaml:${at(text, 'vendor }')}: services[0].rebuild.supply: expected the id of a supply (supplies:) (), got "vendor"`]);
  });

  it('a supply that delivers nothing', async () => {
    const text = plus('supplies:\n  - { id: vendor, leadTime: 2d, perWeek: 0 }\n');
    expect(await run('b-perweek', text)).toEqual([`b-perweek.yaml:${at(text, '0 }', 'perWeek')}: supplies[0].perWeek: expected a number > 0, got 0`]);
  });
});

describe('malformed people', () => {
  it('no cleaning crews at all', async () => {
    const { text } = edit('people: { restartCrews: 2, hardwareCrews: 2, engineers: 2 }', 'people: { restartCrews: 2, hardwareCrews: 2, engineers: 2, cleaningCrews: 0 }', HELLO);
    expect(await run('p-clean', text)).toEqual([`p-clean.yaml:${at(text, '0 }', 'cleaningCrews')}: people.cleaningCrews: expected a number > 0, got 0`]);
  });

  it('a vendor maintaining systems that match nothing', async () => {
    const { text } = edit('people: { restartCrews: 2, hardwareCrews: 2, engineers: 2 }', 'people: { restartCrews: 2, hardwareCrews: 2, engineers: 2, vendors: [{ id: acme, teams: 1, services: [billing-*] }] }', HELLO);
    expect(await run('p-vendor', text)).toEqual([`p-vendor.yaml:${at(text, 'billing-*')}: people.vendors[0].services[0]: expected the id of a service, or a pattern matching some (login, shop, reports), got "billing-*"`]);
  });

  it('a dependency order that is not true or false', async () => {
    const { text } = edit('  verify: 15m\n', '  verify: 15m\n  restartInDependencyOrder: sometimes\n', HELLO);
    expect(await run('p-order', text)).toEqual([`p-order.yaml:${at(text, 'sometimes')}: incident.restartInDependencyOrder: expected true or false, got "sometimes"`]);
  });
});
