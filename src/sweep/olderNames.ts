/**
 * The names older sweeps gave amounts of money, before they stopped naming a
 * currency: summary.json's ledger fields up to version 2. Readers rename them
 * on read, so a summary already on disk still opens; this file alone keeps
 * the old names.
 */

/** Version 2's fields of `perDesign[].ledger[]` that version 3 names without the currency. */
const LEDGER_RENAMED_IN_3: ReadonlyArray<readonly [string, string]> = [
  ['lossWon', 'loss'],
  ['perPersonWon', 'perPerson'],
];

/** Version 2's fields of `perDesign[]` that version 3 names without the currency. */
const ARM_RENAMED_IN_3: ReadonlyArray<readonly [string, string]> = [['totalLossWon', 'totalLoss']];

/** Moves each `from` key of `value` to `to`, where `to` is not already there; anything not an object is left as it is (the schema names it). */
function renamed(value: unknown, table: ReadonlyArray<readonly [string, string]>): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [from, to] of table) {
    if (Object.hasOwn(out, from) && !Object.hasOwn(out, to)) {
      out[to] = out[from];
      delete out[from];
    }
  }
  return out;
}

/** A version 2 summary as version 3 says it: the same figures, the ledger's fields named without the currency. */
export function summaryFromVersion2(v2: Record<string, unknown>): Record<string, unknown> {
  const perDesign = Array.isArray(v2.perDesign)
    ? v2.perDesign.map((d: unknown) => {
        const arm = renamed(d, ARM_RENAMED_IN_3);
        if (arm === d || !Array.isArray((arm as { ledger?: unknown }).ledger)) return arm;
        return { ...(arm as Record<string, unknown>), ledger: ((arm as { ledger: unknown[] }).ledger).map((g) => renamed(g, LEDGER_RENAMED_IN_3)) };
      })
    : v2.perDesign;
  return { ...v2, version: 3, perDesign };
}
