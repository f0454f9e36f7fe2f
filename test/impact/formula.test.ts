import { describe, expect, it } from 'vitest';
import { parseFormula } from '../../src/impact/formula.js';

const value = (text: string, vars: Record<string, number> = {}) => {
  const parsed = parseFormula(text);
  if (!parsed.ok) throw new Error(parsed.expected);
  return parsed.formula.evaluate(vars);
};

describe('compensation formulas', () => {
  it("computes Kakao's rule from the fee", () => {
    expect(value('monthlyFee * 6 / 31', { monthlyFee: 39000 })).toBeCloseTo(7548.387, 3);
    expect(value('monthlyFee * 6 / 31', { monthlyFee: 22000 })).toBeCloseTo(4258.065, 3);
  });

  it('follows the usual precedence, left to right, with unary minus and parentheses', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('(1 + 2) * 3')).toBe(9);
    expect(value('10 - 4 - 3')).toBe(3);
    expect(value('48 / 4 / 2')).toBe(6);
    expect(value('-2 * -3')).toBe(6);
    expect(value('1_000 * 2.5')).toBe(2500);
  });

  it('turns comparisons into 1 or 0, so tiers can be written as sums', () => {
    const tiers = '(lossWon <= 300000) * 30000 + (lossWon > 300000) * 50000';
    expect(value(tiers, { lossWon: 300000 })).toBe(30000);
    expect(value(tiers, { lossWon: 300001 })).toBe(50000);
    expect(value('a == 2', { a: 2 })).toBe(1);
    expect(value('a != 2', { a: 2 })).toBe(0);
    expect(value('a >= 2', { a: 1 })).toBe(0);
  });

  it('knows min, max, round, floor, ceil and abs', () => {
    expect(value('min(a, 5000)', { a: 7000 })).toBe(5000);
    expect(value('max(1, 2, 3)')).toBe(3);
    expect(value('round(7548.4 / 10) * 10')).toBe(7550);
    expect(value('floor(2.7) + ceil(2.1) + abs(-1)')).toBe(6);
  });

  it('lists the variables it reads', () => {
    const parsed = parseFormula('monthlyFee * days / 31 + min(lossWon, 1)');
    expect(parsed.ok && [...parsed.formula.variables]).toEqual(['monthlyFee', 'days', 'lossWon']);
  });

  it('says where a broken formula breaks', () => {
    expect(parseFormula('1 +')).toEqual({ ok: false, expected: 'a number, a variable or "(", but the formula ends', at: 3 });
    expect(parseFormula('(1 + 2')).toMatchObject({ ok: false, expected: '")"' });
    expect(parseFormula('2 3')).toMatchObject({ ok: false, at: 2 });
    expect(parseFormula('round(1, 2)')).toMatchObject({ ok: false, expected: 'round() with 1 argument, got 2', at: 0 });
    expect(parseFormula('process.exit()')).toMatchObject({ ok: false });
  });
});
