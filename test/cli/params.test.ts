import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firedrill } from '../cliHelpers.js';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('firedrill params', () => {
  it('lists every parameter by tag with its value as written, its prior and what stands behind it', () => {
    const r = firedrill(['params']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^pangyo-2022: \d+ entries \(\d+ sourced, \d+ assumed, 8 calibrated\) for \d+ values; \d+ with a prior; 0 values untagged\.\n/);
    const lines = r.stdout.split('\n');
    const bypass = lines.indexOf('  sites.pangyo.restoration.bypass.leadTime = triangular 12h–18h–1d18h');
    expect(bypass).toBeGreaterThan(lines.indexOf('CALIBRATED'));
    expect(bypass).toBeLessThan(lines.indexOf('ASSUMED'));
    expect(lines[bypass + 1]).toBe('      prior ×0.33–3 (log-uniform): 5h56m to 2d6h');
    expect(lines[bypass + 2]).toMatch(/^ {6}restart curve at 69 h/);
    // Derived from a sourced time, with no prior: listed as sourced, with what it was derived from.
    const cable = lines.indexOf('  sites.pangyo.restoration.cableReplacement.leadTime = triangular 2d11h–2d15h–2d19h');
    expect(cable).toBeGreaterThan(lines.indexOf('SOURCED'));
    expect(lines[cable + 1]).toMatch(/^ {6}derived from the new cable put into service at 05:00 19 Oct, t = 85\.7 h/);
    expect(r.stdout).toContain('  people.relief.electricians = 4\n      takes the factor drawn for sites.pangyo.restoration.electricians\n');
    expect(r.stdout).toContain('  servers.bootFailure = 0.031\n      ~1,000 of 32,000 servers');
  });

  it('lists what a user\'s scenario leaves untagged, and says so in JSON', () => {
    const text = readFileSync(new URL('../../scenarios/pangyo-2022.yaml', import.meta.url), 'utf8').replace('  servers.boot: { assumed: "a server booting and passing its checks after a hard power loss", prior: { logUniform: [0.5, 2] } }\n', '');
    writeFileSync(join(dir, 'mine.yaml'), text);
    const r = firedrill(['params', 'mine.yaml', '--untagged'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 value untagged\.\n.*\n\nUNTAGGED \(no entry of parameters: speaks for these\)\n {2}servers\.boot\n$/);
    const json = JSON.parse(firedrill(['params', 'mine.yaml', '--json'], { cwd: dir }).stdout) as { untagged: string[]; entries: Array<{ path: string; tag: string; prior: unknown }> };
    expect(json.untagged).toEqual(['servers.boot']);
    expect(json.entries.find((e) => e.path === 'fire.gasSuppressionSuccess')).toMatchObject({ tag: 'calibrated', prior: { form: 'log-uniform', low: 0.2, high: 6 }, values: [{ path: '', value: '0.05' }] });
  });

  it('shows a design\'s own tags where it changes the scenario', () => {
    const r = firedrill(['params', '--design', 'zoned-power-cutoff', '--json']);
    const json = JSON.parse(r.stdout) as { design: string; entries: Array<{ path: string; text: string; values: unknown }> };
    expect(json.design).toBe('zoned-power-cutoff');
    expect(json.entries.find((e) => e.path === 'sites.pangyo.zonedPowerCutoff')).toMatchObject({ text: expect.stringMatching(/^the government's order to SK C&C/), values: [{ path: '', value: 'true' }] });
  });

  it('names an unknown scenario with the built-ins, exit code 2', () => {
    const r = firedrill(['params', 'pangyo-2023']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('pangyo-2023:1:1: expected a built-in scenario (ovh-sbg-2021, pangyo-2022) or a path to a .yaml file; did you mean "pangyo-2022"?\n');
  });
});
