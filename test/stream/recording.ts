/** A real recording for the reader's tests: Pangyo, seed 1, with fleet frames, as `firedrill run --out` writes it. */
import { runScenario } from '../../src/run/runScenario.js';
import { loadScenario } from '../../src/scenario/load.js';

let cached: string[] | null = null;

/** The recording's lines (without the final newline), made once per test file. */
export function pangyoLines(): string[] {
  cached ??= (() => {
    const lines: string[] = [];
    runScenario({ scenario: loadScenario('pangyo-2022').scenario, seed: 1, fleetFrames: true, version: '0.1.0', sink: (m) => lines.push(JSON.stringify(m)) });
    return lines;
  })();
  return [...cached];
}

/** The lines with line `n` (from 1) parsed, changed by `edit`, and written back. */
export function editLine(lines: string[], n: number, edit: (message: Record<string, unknown>) => void): string[] {
  const copy = [...lines];
  const message = JSON.parse(copy[n - 1]!) as Record<string, unknown>;
  edit(message);
  copy[n - 1] = JSON.stringify(message);
  return copy;
}

/** Line number (from 1) of the first message of `type`. */
export function lineOf(lines: string[], type: string): number {
  return lines.findIndex((l) => l.startsWith(`{"type":"${type}"`)) + 1;
}
