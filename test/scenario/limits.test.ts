import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { SERVERS } from '../../src/scenario/limits.js';
import { loadFile } from '../../src/scenario/load.js';
import { firedrill } from '../cliHelpers.js';
import { col, edit, malformedCases } from '../malformedHelpers.js';

const { dir, run } = malformedCases();

/**
 * Upper limits (issue 16, finding 4): absurd sizes are refused at load with
 * the limit's reason, exit code 2, file, line and path, instead of running
 * until killed or ending in "internal error: Invalid typed array length".
 */
describe('scenario limits', () => {
  it('1e12 servers in a rack: the limit and its reason', async () => {
    const { text, line } = edit('{ id: an1, racks: 100, serversPerRack: 40,', '{ id: an1, racks: 100, serversPerRack: 1000000000000,');
    expect(await run('rack-servers', text)).toEqual([
      `rack-servers.yaml:${line}:${col(text, line, '1000000000000')}: sites[1].halls[0].serversPerRack: expected at most 1,000 servers in a rack (the densest racks, of blade and microserver chassis, hold a few hundred), got 1000000000000`,
    ]);
  });

  it('1e12 racks, and two million servers in fifty thousand sensible racks', async () => {
    const racks = edit('{ id: an1, racks: 100,', '{ id: an1, racks: 1000000000000,');
    expect(await run('racks', racks.text)).toEqual([
      `racks.yaml:${racks.line}:${col(racks.text, racks.line, '1000000000000')}: sites[1].halls[0].racks: expected at most 100,000 racks in a scenario (each rack is a restart task for a crew; 100,000 racks is about ten of the largest data centres), got 1000000000000`,
    ]);
    const fleet = edit('{ id: an1, racks: 100,', '{ id: an1, racks: 50000,');
    const [line] = await run('fleet', fleet.text);
    expect(line).toMatch(new RegExp(`^fleet\\.yaml:${fleet.line}:\\d+: sites\\[1\\]\\.halls\\[0\\]\\.racks: expected at most 1,000,000 servers in a scenario \\(a run holds about 35 bytes .*\\); the halls up to this one hold 2,032,000$`));
  });

  it('a horizon of 1e9 days, and of 400 days', async () => {
    const huge = edit('horizon: 10d', 'horizon: 1000000000d');
    expect(await run('horizon-huge', huge.text)).toEqual([
      `horizon-huge.yaml:${huge.line}:10: horizon: expected at most 3653d (10 years) for one duration (nothing in a recovery takes longer, and sums of such durations stay exact to the millisecond in the kernel's float64 clock, which holds whole milliseconds only up to 2^53 (285,000 years)), got "1000000000d"`,
    ]);
    const long = edit('horizon: 10d', 'horizon: 400d');
    expect(await run('horizon-long', long.text)).toEqual([
      `horizon-long.yaml:${long.line}:10: horizon: expected at most 366d of simulated time (while anything is down a run samples every 15 minutes up to its horizon, 35,136 lines of recording a year, and the impact ledger weighs every local hour of it), got 400d`,
    ]);
  });

  it('an hourly weight of 1e12, people and money beyond any population or purse', async () => {
    const weight = edit('      3, 2, 2, 2, 2, 3, 5, 8,', '      3, 2, 2, 1000000000000, 2, 3, 5, 8,');
    expect(await run('weight', weight.text)).toEqual([
      `weight.yaml:${weight.line}:${col(weight.text, weight.line, '1000000000000')}: impact.profiles.taxi-fares[3]: expected at most 1,000,000 for an hourly weight (weights are relative: a million leaves six orders of magnitude between the busiest hour and the smallest non-zero one, far beyond any real week, whereas one absurd weight makes its hour worth more than the whole period the income is quoted for), got 1000000000000`,
    ]);
    const people = edit('people: 47640000', 'people: 47640000000');
    expect(await run('people', people.text)).toEqual([
      `people.yaml:${people.line}:${col(people.text, people.line, '47640000000')}: impact.groups[0].people: expected at most 10,000,000,000 users or people (more than everyone alive, 8.1 billion in 2024), got 47640000000`,
    ]);
    const won = edit('income: { amount: [150000, 250000]', 'income: { amount: [150000, 25000000000000]');
    expect((await run('won', won.text))[0]).toMatch(/^won\.yaml:\d+:\d+: impact\.groups\[1\]\.income\.amount\[1\]: expected at most 1e12 in money for one person or rule \(.*\), got 25000000000000$/);
  });

  it('echoes at most about 200 characters of a 100 KB bad value, key or id', async () => {
    const value = 'x'.repeat(100_000);
    for (const [name, find, replace] of [
      ['long-value', 'ignition: 0m', `ignition: ${value}`],
      ['long-key', 'ignition: 0m', `ignition: 0m\n  ? ${value}\n  : 1`], // an explicit key: YAML caps implicit ones at 1,024 characters
      ['long-id', 'site: anyang, servers: 800', `site: ${value}, servers: 800`],
    ] as const) {
      const lines = await run(name, edit(find, replace).text);
      expect(lines.length, name).toBeGreaterThan(0);
      for (const l of lines) expect(l.length, `${name}: ${l.slice(0, 300)}`).toBeLessThan(700);
      expect(lines.join('\n'), name).toContain('(100,000 characters)');
    }
  });

  it('echoes at most about 200 characters of a 100 KB command-line argument', async () => {
    for (const args of [['run', '--seed', '9'.repeat(100_000)], ['run', `--${'d'.repeat(100_000)}`], ['run', '--design', 'd'.repeat(100_000)]]) {
      const r = firedrill(args);
      expect(r.status).toBe(2);
      expect(r.stderr.length, r.stderr.slice(0, 300)).toBeLessThan(700);
      expect(r.stderr).toMatch(/… \(100,\d{3} characters\)/);
    }
  });

  it('refuses a scenario file of more than 4 MiB before reading it', async () => {
    const text = `${'# padding\n'.repeat(500_000)}${edit('ignition: 0m', 'ignition: 0m').text}`;
    expect(await run('huge-file', text)).toEqual(['huge-file.yaml:1:1: expected at most 4 MiB for a scenario file (the YAML parser keeps every value with its position; the Pangyo scenario is 33 KB, so this is over a hundred times that), got 4.8 MiB']);
  });

  it('allows a million servers, and refuses one more', async () => {
    // Pangyo's 35,000 servers outside hall an1 (32,000 + 3,000), plus an1 grown to the rest.
    const write = (name: string, racks: number, extraHall: string) => {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, `extends: pangyo-2022\nsites:\n  - id: anyang\n    halls:\n      - { id: an1, racks: ${racks}, serversPerRack: 40, powerDomain: an-main }\n${extraHall}`);
      return file;
    };
    const million = loadFile(write('million', (SERVERS.max - 35_000) / 40, ''));
    expect(million.scenario.sites.flatMap((s) => s.halls).reduce((n, h) => n + h.racks * h.serversPerRack, 0)).toBe(1_000_000);
    const oneMore = write('million-and-one', (SERVERS.max - 35_000) / 40, '      - { id: an2, racks: 1, serversPerRack: 1, powerDomain: an-main }\n');
    expect(() => loadFile(oneMore)).toThrow(ScenarioError);
    // Reported at the hall that crosses the line: capital-3's, which follows anyang's in the file.
    expect(() => loadFile(oneMore)).toThrow(/sites\[2\]\.halls\[0\]\.racks: expected at most 1,000,000 servers in a scenario .*; the halls up to this one hold 1,000,001$/);
  });
});
