import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { col, edit, malformedCases, PANGYO } from '../malformedHelpers.js';

const { dir, run, runAsProcess } = malformedCases();

/**
 * Each case edits one line of the built-in Pangyo scenario (or writes an
 * overlay), runs `firedrill run FILE --out out.ndjson`, and checks the exact
 * message, exit code 2, no stack trace, and that no output file appeared.
 */
describe('malformed scenarios: one clear line each, exit code 2, nothing written', () => {
  it('a misspelt key, with a suggestion (as a real process: exit 2, one line on stderr, nothing written)', async () => {
    const { text, line } = edit('zonedPowerCutoff: false', 'zonedPowerCutof: false');
    expect(runAsProcess('misspelt', text)).toEqual([`misspelt.yaml:${line}:5: sites[0].zonedPowerCutof: unknown key "zonedPowerCutof"; did you mean "zonedPowerCutoff"?`]);
  });

  it('a negative server count', async () => {
    const { text, line } = edit('servers: 1200, halls: [a1', 'servers: -1200, halls: [a1');
    expect(await run('negative', text)).toEqual([`negative.yaml:${line}:${col(text, line, '-1200')}: services[0].components[0].placements[0].servers: expected a number >= 0, got -1200`]);
  });

  it('a duration with an unknown unit', async () => {
    const { text, line } = edit('clearance: { triangular: [1h, 1h45m, 3h] }', 'clearance: { triangular: [1h, 1h45m, 3hrs] }');
    expect(await run('unit', text)).toEqual([`unit.yaml:${line}:${col(text, line, '3hrs')}: sites[0].restoration.clearance.triangular[2]: expected a duration such as 90m, 2h, 3.5d or 1h30m (units ms, s, m, h, d, w), got "3hrs"`]);
  });

  it('a negative duration', async () => {
    const { text, line } = edit('ignition: 0m', 'ignition: -5m');
    expect(await run('negdur', text)).toEqual([`negdur.yaml:${line}:13: fire.ignition: expected a duration such as 90m, 2h, 3.5d or 1h30m (units ms, s, m, h, d, w), got "-5m"`]);
  });

  it('a date that does not exist', async () => {
    const { text, line } = edit('start: 2022-10-15T15:19:00+09:00', 'start: 2022-02-30T15:19:00+09:00');
    expect(await run('date', text)).toEqual([`date.yaml:${line}:8: start: expected a real calendar date and time, got "2022-02-30T15:19:00+09:00"`]);
  });

  it('a date without an offset', async () => {
    const { text, line } = edit('start: 2022-10-15T15:19:00+09:00', 'start: 2022-10-15T15:19:00');
    expect(await run('nooffset', text)).toEqual([`nooffset.yaml:${line}:8: start: expected a date and time with an offset, such as 2022-10-15T15:19:00+09:00, got "2022-10-15T15:19:00"`]);
  });

  it('a placement on an undefined site, with a suggestion', async () => {
    const { text, line } = edit('site: anyang, servers: 800', 'site: anyangg, servers: 800');
    expect(await run('site', text)).toEqual([`site.yaml:${line}:${col(text, line, 'anyangg')}: services[1].components[0].placements[1].site: expected the id of a site (pangyo, anyang, capital-3), got "anyangg"; did you mean "anyang"?`]);
  });

  it('a hall in another site', async () => {
    const { text, line } = edit('site: anyang, servers: 800, role: standby', 'site: anyang, servers: 800, halls: [a1], role: standby');
    expect(await run('hall', text)).toEqual([`hall.yaml:${line}:${col(text, line, 'a1]')}: services[1].components[0].placements[1].halls[0]: expected the id of a hall of anyang (an1), got "a1"; did you mean "an1"?`]);
  });

  it('a hall on an undefined power domain', async () => {
    const { text, line } = edit('{ id: a1, powerDomain: kakao-a1,', '{ id: a1, powerDomain: kakao-x1,');
    expect(await run('domain', text)).toEqual([`domain.yaml:${line}:${col(text, line, 'kakao-x1')}: sites[0].halls[0].powerDomain: expected the id of a power domain of pangyo (other-1, other-2, other-3, other-4, kakao-a1, kakao-a2, kakao-a3, kakao-b1, …), got "kakao-x1"; did you mean "kakao-a1"?`]);
  });

  it('a cable through an undefined room', async () => {
    const { text, line } = edit('cablePath: [b3-battery]', 'cablePath: [b4-battery]');
    expect(await run('room', text)).toEqual([`room.yaml:${line}:${col(text, line, 'b4-battery')}: sites[0].powerDomains[10].cablePath[0]: expected the id of a room of pangyo (b3-battery, b2-ups, b1-ups), got "b4-battery"; did you mean "b3-battery"?`]);
  });

  it('a fire in an undefined room', async () => {
    const { text, line } = edit('room: b3-battery', 'room: b9-battery');
    expect(await run('fireroom', text)).toEqual([`fireroom.yaml:${line}:9: fire.room: expected the id of a room of pangyo (b3-battery, b2-ups, b1-ups), got "b9-battery"; did you mean "b3-battery"?`]);
  });

  it('a dependency on an undefined service', async () => {
    const { text, line } = edit('dependsOn: [kakao-auth]\n    components:\n      - id: pc-session', 'dependsOn: [kakao-oauth]\n    components:\n      - id: pc-session');
    expect(await run('dep', text)).toEqual([`dep.yaml:${line}:${col(text, line, 'kakao-oauth')}: services[2].dependsOn[0]: expected the id of a service (kakao-auth, kakaotalk-messaging, kakaotalk-pc-login, kakao-t-taxi, kakao-t-designated, kakao-pay, daum-portal, kakao-map, …), got "kakao-oauth"; did you mean "kakao-auth"?`]);
  });

  it('a dependency cycle, naming the cycle', async () => {
    const first = edit('    priority: 1\n    components:\n      - id: auth-core', '    priority: 1\n    dependsOn: [kakaotalk-pc-login]\n    components:\n      - id: auth-core');
    const lines = await run('cycle', first.text);
    // Reported where the cycle closes: PC login's dependency on auth.
    const line = first.text.slice(0, first.text.indexOf('dependsOn: [kakao-auth]\n    components:\n      - id: pc-session')).split('\n').length;
    expect(lines).toEqual([`cycle.yaml:${line}:${col(first.text, line, 'kakao-auth')}: services[2].dependsOn[0]: expected no dependency cycle, got kakao-auth → kakaotalk-pc-login → kakao-auth`]);
  });

  it('a duplicate service id', async () => {
    const { text, line } = edit('  - id: daum-mail\n', '  - id: kakao-mail\n');
    const history = text.split('\n').findIndex((l) => l.startsWith('    daum-mail:')) + 1;
    const impact = text.split('\n').findIndex((l) => l.includes('service: daum-mail')) + 1;
    expect(await run('dup', text)).toEqual([
      `dup.yaml:${line}:9: services[9].id: expected a unique service id; "kakao-mail" is already used at services[8]`,
      // The history entry now names a service that no longer exists.
      `dup.yaml:${history}:16: history.services.daum-mail: expected the id of a service (kakao-auth, kakaotalk-messaging, kakaotalk-pc-login, kakao-t-taxi, kakao-t-designated, kakao-pay, daum-portal, kakao-map, …), got "daum-mail"`,
      // So does the impact group that depends on it.
      `dup.yaml:${impact}:${col(text, impact, 'daum-mail')}: impact.groups[4].dependsOn[0].service: expected the id of a service (kakao-auth, kakaotalk-messaging, kakaotalk-pc-login, kakao-t-taxi, kakao-t-designated, kakao-pay, daum-portal, kakao-map, …), got "daum-mail"`,
    ]);
  });

  it('more servers than the halls hold', async () => {
    const { text, line } = edit('servers: 1200, halls: [c1', 'servers: 9000, halls: [c1');
    expect(await run('overfull', text)).toEqual([`overfull.yaml:${line}:${col(text, line, '9000')}: services[12].components[0].placements[0].servers: expected at most 5700 servers: that is what halls c1, c2, c3, c4, c5 have left after earlier placements, got 9000`]);
  });

  it('an unknown redundancy kind', async () => {
    const { text, line } = edit('redundancy: { kind: single-site }', 'redundancy: { kind: single-sight }');
    expect(await run('kind', text)).toEqual([`kind.yaml:${line}:${col(text, line, 'single-sight')}: services[0].components[0].redundancy.kind: expected one of single-site, active-standby, n-plus-k, active-active, got "single-sight"`]);
  });

  it('a distribution in a form the format does not know', async () => {
    const { text, line } = edit('  boot: { triangular: [3m, 8m, 25m] }', '  boot: { triangle: [3m, 8m, 25m] }');
    expect(await run('dist', text)).toEqual([`dist.yaml:${line}:9: servers.boot: expected a duration (2h) or one of { uniform: [min, max] }, { triangular: [min, mode, max] }, { exponential: mean }, { lognormal: { median, p90 } }, { weibull: { shape, scale } }, { normal: { mean, sd } }, { empirical: [[duration, p], …] }, got a mapping`]);
  });

  it('a triangular distribution out of order', async () => {
    const { text, line } = edit('  boot: { triangular: [3m, 8m, 25m] }', '  boot: { triangular: [30m, 8m, 25m] }');
    expect(await run('order', text)).toEqual([`order.yaml:${line}:9: servers.boot: expected a triangular distribution [min, mode, max] with min <= mode <= max and min < max`]);
  });

  it('a probability above 1', async () => {
    const { text, line } = edit('bootFailure: 0.031', 'bootFailure: 3.1');
    expect(await run('prob', text)).toEqual([`prob.yaml:${line}:16: servers.bootFailure: expected a number <= 1, got 3.1`]);
  });

  it('a whole number given as text', async () => {
    const { text, line } = edit('  hardwareCrews: 60', '  hardwareCrews: "sixty"');
    expect(await run('text', text)).toEqual([`text.yaml:${line}:18: people.hardwareCrews: expected a number, got "sixty"`]);
  });

  it('a required field missing', async () => {
    const { text } = edit('  engineers: 4\n', '');
    const people = text.split('\n').indexOf('people:') + 1;
    expect(await run('missing', text)).toEqual([`missing.yaml:${people}:1: people.engineers: expected a number, but it is missing`]);
  });

  it('a YAML syntax error', async () => {
    const { text, line } = edit('  hardwareCrews: 60', '  hardwareCrews: [60');
    const lines = await run('syntax', text);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^syntax\\.yaml:${line + 1}:\\d+: expected valid YAML \\(`));
  });

  it('a key given twice', async () => {
    const { text, line } = edit('  engineers: 4\n', '  engineers: 4\n  engineers: 5\n');
    expect(await run('twice', text)).toEqual([`twice.yaml:${line + 1}:3: expected each key once in a mapping; this key is repeated`]);
  });

  it('an empty file', async () => {
    expect(await run('empty', '')).toEqual(['empty.yaml:1:1: expected a mapping of scenario fields (id, title, sites, …), got an empty document']);
  });

  it('a design overlay: the error points into the overlay, not the base', async () => {
    writeFileSync(join(dir, 'base.yaml'), PANGYO);
    const overlay = 'extends: ./base.yaml\ndesign: { id: mine, title: Mine }\nsites:\n  - id: pangyo\n    zonedPowerCutoff: yes-please\n';
    expect(await run('overlay', overlay)).toEqual(['overlay.yaml:5:23: sites[0].zonedPowerCutoff: expected true or false, got "yes-please"']);
  });

  it('a design overlay extending a scenario that does not exist', async () => {
    expect(await run('nobase', 'extends: pangyo-2021\nsites: []\n')).toEqual(['nobase.yaml:1:10: extends: expected a built-in scenario (ovh-sbg-2021, pangyo-2022) or a path, got "pangyo-2021"; did you mean "pangyo-2022"?']);
  });

  it('overlays that extend each other', async () => {
    writeFileSync(join(dir, 'loop-b.yaml'), 'extends: ./loop-a.yaml\n');
    expect(await run('loop-a', 'extends: ./loop-b.yaml\n')).toEqual(['loop-b.yaml:1:10: extends: expected a chain of extends that ends; loop-a.yaml is extended twice']);
  });

  it('a policy with an unknown decider', async () => {
    const { text, line } = edit('    decider: playbook\n    # Manual failover', '    decider: oracle\n    # Manual failover');
    expect(await run('decider', text)).toEqual([`decider.yaml:${line}:14: policies.historical.decider: expected one of playbook, random, got "oracle"`]);
  });

  it('a rebuild at a site that does not exist', async () => {
    const { text, line } = edit('rebuild: { sites: [anyang, capital-3], from: anyang, teams: 1, duration: { triangular: [2h, 4h, 8h] }', 'rebuild: { sites: [anyang, ansan], from: anyang, teams: 1, duration: { triangular: [2h, 4h, 8h] }');
    expect(await run('rebuildsite', text)).toEqual([`rebuildsite.yaml:${line}:${col(text, line, 'ansan')}: services[13].rebuild.sites[1]: expected the id of a site (pangyo, anyang, capital-3), got "ansan"; did you mean "anyang"?`]);
  });

  it('a playbook rebuilding a service that has no rebuild plan', async () => {
    const { text, line } = edit('rebuild: [failover-system, ops-tools, deployment]', 'rebuild: [failover-system, ops-tools, kakao-auth]');
    expect(await run('rebuildplan', text)).toEqual([`rebuildplan.yaml:${line}:${col(text, line, 'kakao-auth')}: policies.runbook.controlPlane.rebuild[2]: expected the id of a service with a rebuild: plan (failover-system, ops-tools, deployment), got "kakao-auth"`]);
  });

  it('a playbook calling in a team the scenario cannot call in', async () => {
    const { text, line } = edit('callIn: [{ team: engineers, count: 4 }]', 'callIn: [{ team: electricians, count: 4 }]');
    expect(await run('callin', text)).toEqual([`callin.yaml:${line}:${col(text, line, 'electricians')}: policies.runbook.callIn[0].team: expected a team the scenario can call in (people.callIn: engineers), got "electricians"`]);
  });
});
