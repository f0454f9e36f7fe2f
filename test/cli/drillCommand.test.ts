import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, firedrill } from '../cliHelpers.js';

/** `firedrill drill`: the server with a drill's addresses; a drill file of one's own served by id, nothing else. */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-drillcmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `firedrill drill ARGS` as a process: its output until it says how to stop it, then `whileUp`, then stopped. */
async function drillProcess(args: string[], whileUp: (stdout: string) => Promise<void> = async () => {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/firedrill.js', 'drill', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let failure: unknown = null;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (stdout.includes('Ctrl-C')) whileUp(stdout).catch((e) => (failure = e)).finally(() => child.kill('SIGTERM'));
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (failure !== null) throw failure;
  return { code, stdout, stderr };
}

describe('firedrill drill', () => {
  it('serves a drill file of one’s own by its id beside the built-in ones, and prints where to play it alone and as a group', async () => {
    const mine = join(dir, 'my-class.yaml');
    const builtIn = readFileSync(join(ROOT, 'scenarios/drills/kakao-2024-future.yaml'), 'utf8');
    writeFileSync(mine, builtIn.replace(/^id: .*$/m, 'id: my-class').replace(/^title: .*$/m, 'title: Our own fire'));
    const { code, stdout, stderr } = await drillProcess([mine, '--port', '0', '--pace', 'pressure'], async (out) => {
      const base = /Play it alone: +(http:\/\/127\.0\.0\.1:\d+\/)drill\/\?drill=my-class\n/.exec(out)![1]!;
      expect(out).toContain(`Run it for a group:  ${base}drill/?facilitate=my-class&pace=pressure\n`);
      const drills = (await (await fetch(`${base}api/drills`)).json()) as Array<{ id: string; title: string }>;
      expect(drills).toEqual([{ id: 'kakao-2024-future', title: expect.any(String) }, { id: 'my-class', title: 'Our own fire' }, { id: 'pangyo-2022', title: expect.any(String) }]);
      const bundle = (await (await fetch(`${base}api/drill/my-class`)).json()) as { script: { title: string }; design: string };
      expect(bundle.script.title).toBe('Our own fire');
      expect(bundle.design).toBe('kakao-2024');
      expect((await fetch(`${base}api/drill/my-class.yaml`)).status).toBe(404);
      expect((await fetch(`${base}drill/`)).status).toBe(200);
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Firedrill drill: Our own fire \(my-class\)\n/);
  });

  it('reports a broken drill file by line before any server starts, and lists the built-in drills', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'id: broken\ntitle: x\nscenario: pangyo-2022\nseed: -3\n');
    const r = firedrill(['drill', broken, '--port', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${broken.replace(/[.]/g, '\\.')}:\\d+:\\d+: `));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    const list = firedrill(['drill', '--list']);
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0])).toEqual(['kakao-2024-future', 'pangyo-2022']);
  });
});
