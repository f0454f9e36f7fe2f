/**
 * The names older sweeps gave amounts of money, before they stopped naming a
 * currency: summary.json's ledger fields up to version 2, and the ledger's
 * metric columns in a sweep's sweep.json (and so of its journal). Readers
 * rename them on read, so a summary or a half-done sweep already on disk
 * still opens or resumes; this file alone keeps the old names.
 */
import { renameKeys } from '../stream/renameKeys.js';

/** Version 2's fields of `perDesign[].ledger[]` that version 3 names without the currency. */
const LEDGER_RENAMED_IN_3: ReadonlyArray<readonly [string, string]> = [
  ['lossWon', 'loss'],
  ['perPersonWon', 'perPerson'],
];

/** Version 2's fields of `perDesign[]` that version 3 names without the currency. */
const ARM_RENAMED_IN_3: ReadonlyArray<readonly [string, string]> = [['totalLossWon', 'totalLoss']];

/** A version 2 summary as version 3 says it: the same figures, the ledger's fields named without the currency. */
export function summaryFromVersion2(v2: Record<string, unknown>): Record<string, unknown> {
  const perDesign = Array.isArray(v2.perDesign)
    ? v2.perDesign.map((d: unknown) => {
        const arm = renameKeys(d, ARM_RENAMED_IN_3);
        if (arm === d || !Array.isArray((arm as { ledger?: unknown }).ledger)) return arm;
        return { ...(arm as Record<string, unknown>), ledger: ((arm as { ledger: unknown[] }).ledger).map((g) => renameKeys(g, LEDGER_RENAMED_IN_3)) };
      })
    : v2.perDesign;
  return { ...v2, version: 3, perDesign };
}

/** The ledger columns that sweeps begun before the rename wrote, by the name they have now; `G` is a group's id. */
const COLUMNS_RENAMED: ReadonlyArray<readonly [(g: string) => string, (g: string) => string]> = [
  [(g) => `ledger:${g}:loss_won`, (g) => `ledger:${g}:loss`],
  [(g) => `ledger:${g}:loss_per_person_won`, (g) => `ledger:${g}:loss_per_person`],
];
const TOTALS_RENAMED: ReadonlyArray<readonly [string, string]> = [
  ['ledger:total_loss_won', 'ledger:total_loss'],
  ['ledger:total_compensation_won', 'ledger:total_compensation'],
];

/**
 * A sweep's metric columns under today's names, given its ledger groups: a
 * journal holds values by position, so the names are all that changed. The
 * same array when nothing needed renaming.
 */
export function currentMetricNames(metrics: string[], groups: readonly string[]): string[] {
  const table = new Map<string, string>(TOTALS_RENAMED);
  for (const g of groups) for (const [from, to] of COLUMNS_RENAMED) table.set(from(g), to(g));
  if (!metrics.some((m) => table.has(m))) return metrics;
  return metrics.map((m) => table.get(m) ?? m);
}
