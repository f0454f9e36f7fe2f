import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { applyAssignment, parseVary } from '../../src/sweep/vary.js';
import { makePlan } from '../../src/sweep/plan.js';

const HOUR = 3_600_000;

describe('--vary on a distribution', () => {
  it('parseVary keeps a flow mapping whole: commas inside brackets do not split values', () => {
    const vary = parseVary('fire.extinguish={ triangular: [4h, 6h, 9h] },12h');
    expect(vary.values.map((v) => v.value)).toEqual([{ triangular: ['4h', '6h', '9h'] }, '12h']);
  });

  it('x0.5 scales every duration of a distribution and leaves probabilities and shapes alone', () => {
    const doc: Record<string, any> = { a: { triangular: ['2h', '4h', '8h'] }, b: { empirical: [['30m', 0], ['2h', 1]] }, c: { weibull: { shape: 2, scale: '4h' } }, n: 10 };
    for (const [path, expected] of [['a', { triangular: ['1h', '2h', '4h'] }], ['b', { empirical: [['15m', 0], ['1h', 1]] }], ['c', { weibull: { shape: 2, scale: '2h' } }], ['n', 5]] as const) {
      applyAssignment(doc, parseVary(`${path}=x0.5`).values[0]!);
      expect(doc[path]).toEqual(expected);
    }
  });

  it('a sweep varies the Pangyo fire\'s extinguish distribution, and each cell has it', () => {
    const plan = makePlan({ scenario: null, designs: ['as-built-2022'], seeds: '1', policies: [], vary: ['fire.extinguish={ triangular: [4h, 6h, 9h] },x2'] }, null);
    expect(plan.cells.map((c) => c.variation)).toEqual(['base', 'fire.extinguish={ triangular: [4h, 6h, 9h] }', 'fire.extinguish=x2']);
    expect(plan.cells[1]!.scenario.fire.extinguish).toEqual({ kind: 'triangular', min: 4 * HOUR, mode: 6 * HOUR, max: 9 * HOUR });
    // Pangyo's is [7h, 8h26m, 10h]: doubled.
    expect(plan.cells[2]!.scenario.fire.extinguish).toEqual({ kind: 'triangular', min: 14 * HOUR, mode: (16 * 60 + 52) * 60_000, max: 20 * HOUR });
  });

  it('bad YAML in a value is a usage error naming the option, not an internal error', () => {
    expect(() => parseVary('fire.extinguish={ triangular: [4h, 6h }')).toThrow(UsageError);
    expect(() => parseVary('fire.extinguish={ triangular: [4h, 6h }')).toThrow(/--vary fire\.extinguish: expected brackets/);
    expect(() => parseVary('fire.extinguish=x0')).toThrow(/expected a factor above zero/);
  });
});
