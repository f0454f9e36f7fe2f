/**
 * Compensation formulas as written in a scenario: `monthlyFee * 6 / 31`,
 * `(lossWon <= 300000) * 30000 + (lossWon > 300000) * 50000`. Arithmetic,
 * comparisons (1 when true, 0 when false), parentheses and the functions
 * min, max, round, floor, ceil and abs; nothing else, so a formula can only
 * compute, never reach outside. Parsed once into a closure.
 */

/** A parsed formula: the variables it reads and how to evaluate it. */
export interface Formula {
  readonly text: string;
  readonly variables: ReadonlySet<string>;
  evaluate(values: Readonly<Record<string, number>>): number;
}

/** A parse result: the formula, or what was expected and where (0-based column in the text). */
export type ParsedFormula = { ok: true; formula: Formula } | { ok: false; expected: string; at: number };

type Node = (v: Readonly<Record<string, number>>) => number;

const FUNCTIONS: Record<string, { arity: [number, number]; fn: (...xs: number[]) => number }> = {
  min: { arity: [1, Infinity], fn: Math.min },
  max: { arity: [1, Infinity], fn: Math.max },
  round: { arity: [1, 1], fn: Math.round },
  floor: { arity: [1, 1], fn: Math.floor },
  ceil: { arity: [1, 1], fn: Math.ceil },
  abs: { arity: [1, 1], fn: Math.abs },
};

const COMPARISONS: Record<string, (a: number, b: number) => boolean> = {
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
};

class FormulaSyntaxError extends Error {
  constructor(
    readonly expected: string,
    readonly at: number,
  ) {
    super(expected);
  }
}

/** Parses a formula. */
export function parseFormula(text: string): ParsedFormula {
  const variables = new Set<string>();
  let i = 0;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (expected: string): never => {
    throw new FormulaSyntaxError(expected, i);
  };
  const peek = (s: string) => {
    skip();
    return text.startsWith(s, i);
  };

  function comparison(): Node {
    const left = additive();
    skip();
    for (const op of Object.keys(COMPARISONS)) {
      if (text.startsWith(op, i)) {
        i += op.length;
        const right = additive();
        const test = COMPARISONS[op]!;
        return (v) => (test(left(v), right(v)) ? 1 : 0);
      }
    }
    return left;
  }
  function additive(): Node {
    let node = multiplicative();
    for (;;) {
      if (peek('+')) {
        i++;
        const [a, b] = [node, multiplicative()];
        node = (v) => a(v) + b(v);
      } else if (peek('-')) {
        i++;
        const [a, b] = [node, multiplicative()];
        node = (v) => a(v) - b(v);
      } else return node;
    }
  }
  function multiplicative(): Node {
    let node = unary();
    for (;;) {
      if (peek('*')) {
        i++;
        const [a, b] = [node, unary()];
        node = (v) => a(v) * b(v);
      } else if (peek('/')) {
        i++;
        const [a, b] = [node, unary()];
        node = (v) => a(v) / b(v);
      } else return node;
    }
  }
  function unary(): Node {
    if (peek('-')) {
      i++;
      const a = unary();
      return (v) => -a(v);
    }
    return primary();
  }
  function primary(): Node {
    skip();
    const rest = text.slice(i);
    const number = /^(\d[\d_]*(?:\.\d+)?)/.exec(rest);
    if (number) {
      i += number[1]!.length;
      const value = Number(number[1]!.replaceAll('_', ''));
      return () => value;
    }
    const name = /^([A-Za-z][A-Za-z0-9_]*)/.exec(rest);
    if (name) {
      const id = name[1]!;
      const at = i;
      i += id.length;
      if (peek('(')) {
        const known = FUNCTIONS[id];
        if (known === undefined) {
          i = at;
          fail(`a function among ${Object.keys(FUNCTIONS).join(', ')}, got "${id}("`);
        }
        i++;
        const args: Node[] = [];
        if (!peek(')')) {
          args.push(comparison());
          while (peek(',')) {
            i++;
            args.push(comparison());
          }
        }
        if (!peek(')')) fail('")" or ","');
        i++;
        const [lo, hi] = known!.arity;
        if (args.length < lo || args.length > hi) {
          i = at;
          fail(`${id}() with ${lo === hi ? lo : `at least ${lo}`} argument${lo === 1 && hi === 1 ? '' : 's'}, got ${args.length}`);
        }
        return (v) => known!.fn(...args.map((a) => a(v)));
      }
      variables.add(id);
      return (v) => v[id]!;
    }
    if (peek('(')) {
      i++;
      const inner = comparison();
      if (!peek(')')) fail('")"');
      i++;
      return inner;
    }
    return fail(i >= text.length ? 'a number, a variable or "(", but the formula ends' : `a number, a variable or "(", got "${text[i]}"`);
  }

  try {
    const root = comparison();
    skip();
    if (i < text.length) fail(`an operator (+ - * / < <= > >= == !=) or the end of the formula, got "${text[i]}"`);
    return { ok: true, formula: { text, variables, evaluate: root } };
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return { ok: false, expected: error.expected, at: error.at };
    throw error;
  }
}
