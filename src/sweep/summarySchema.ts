/**
 * `summary.json` as a zod schema, so that the viewer and the report page
 * check a summary before they show it: the page of a sweep is sent to other
 * people, and whatever a summary holds must not reach a view unchecked. The
 * shape is summary.ts's; a compile-time check below keeps the two the same.
 */
import { z } from 'zod';
import { firstIssue, quote } from '../stream/issues.js';
import { summaryFromVersion2 } from './olderNames.js';
import type { SweepSummary } from './summary.js';

/** Hours after ignition; null for never (or undefined). */
const hours = z.number().nullable();
const count = z.number().int().nonnegative();
const seed = z.number().int().nonnegative();
const fraction = z.number().min(0).max(1);
const Percentiles3 = z.object({ p50: hours, p90: hours, p99: hours });
const Extreme = z.object({ seed, allRestoredHours: hours });
const P50P90 = z.object({ p50: z.number().nullable(), p90: z.number().nullable() });

const DesignSummary = z.object({
  design: z.string(),
  designName: z.string(),
  policy: z.string(),
  runs: count,
  allRestoredHours: Percentiles3,
  neverRestored: count,
  promiseKept: fraction.nullable(),
  promiseRuns: count.optional(),
  worst: Extreme,
  best: Extreme,
  ecdf: z.array(z.tuple([z.number(), fraction, seed])),
  services: z.array(z.object({ id: z.string(), usable: Percentiles3, normal: Percentiles3, ecdf: z.array(z.tuple([z.number(), fraction])), usableEcdf: z.array(z.tuple([z.number(), fraction])).optional() })),
  ledger: z.array(z.object({ group: z.string(), loss: P50P90, perPerson: P50P90.nullable().optional(), hours: P50P90.optional() })),
  totalLoss: P50P90,
});

/** A sweep's summary.json, version 3; keys it does not know are dropped, not refused (they would only be ignored). */
export const SweepSummarySchema = z.object({
  kind: z.literal('firedrill-sweep-summary'),
  version: z.literal(3),
  scenario: z.string(),
  policies: z.array(z.string()),
  seeds: z.string(),
  runs: count,
  designs: z.array(z.string()),
  variations: z.array(z.string()),
  services: z.array(z.string()),
  groups: z.array(z.string()),
  names: z.object({ designs: z.record(z.string(), z.string()), services: z.record(z.string(), z.string()), groups: z.record(z.string(), z.string()) }).optional(),
  currencyUnit: z.string().optional(),
  perDesign: z.array(DesignSummary),
  paired: z.array(z.object({ a: z.string(), b: z.string(), metric: z.string(), n: count, excluded: count, meanDifference: z.number().nullable(), ci95: z.tuple([z.number().nullable(), z.number().nullable()]) })),
  sensitivity: z.array(z.object({ design: z.string(), path: z.string(), value: z.string(), allRestoredP50: hours, baseP50: hours, delta: z.number().nullable() })),
  uncertainty: z
    .object({
      source: z.enum(['prior', 'posterior']),
      posteriorSha256: z.string().nullable(),
      posteriorFile: z.string().nullable(),
      indices: z.array(z.object({ design: z.string(), metric: z.string(), path: z.string(), index: fraction })),
      unexplained: z.array(z.object({ design: z.string(), metric: z.string(), share: fraction })),
    })
    .optional(),
});

/** Where a design lacks a service or a group the summary lists: the report's tables have a cell for each. */
function hole(summary: SweepSummary): string | null {
  for (const [i, d] of summary.perDesign.entries()) {
    const services = new Set(d.services.map((s) => s.id));
    const service = summary.services.find((id) => !services.has(id));
    if (service !== undefined) return `summary.perDesign[${i}].services: no entry for service ${quote(service)} of summary.services`;
    const groups = new Set(d.ledger.map((g) => g.group));
    const group = summary.groups.find((g) => !groups.has(g));
    if (group !== undefined) return `summary.perDesign[${i}].ledger: no entry for group ${quote(group)} of summary.groups`;
  }
  return null;
}

// The schema and summary.ts describe the same shape, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const shapesAgree: Same<z.infer<typeof SweepSummarySchema>, SweepSummary> = true;

/** A version 1 summary (one policy for the whole sweep) as version 2 says it: each arm is its design under that policy. */
function fromVersion1(v1: Record<string, unknown>): Record<string, unknown> {
  const { policy, ...rest } = v1;
  const perDesign = Array.isArray(rest.perDesign) ? rest.perDesign.map((d) => (d !== null && typeof d === 'object' ? { ...d, designName: (d as { design?: unknown }).design, policy } : d)) : rest.perDesign;
  return { ...rest, version: 2, policies: [policy], perDesign };
}

/** Whether parsed JSON says it is a sweep summary (of any version), as opposed to a recording. */
export function claimsSweepSummary(json: unknown): boolean {
  return json !== null && typeof json === 'object' && (json as { kind?: unknown }).kind === 'firedrill-sweep-summary';
}

/**
 * Checks a parsed summary.json: the summary, or a message naming the path and what was wrong. A summary
 * of an older version (1 or 2) is read as version 3 says it, each version's changes applied in turn.
 */
export function readSweepSummary(json: unknown): { ok: true; summary: SweepSummary } | { ok: false; message: string } {
  const version = (x: unknown) => (x as { version?: unknown }).version;
  if (claimsSweepSummary(json) && version(json) === 1) json = fromVersion1(json as Record<string, unknown>);
  if (claimsSweepSummary(json) && version(json) === 2) json = summaryFromVersion2(json as Record<string, unknown>);
  if (claimsSweepSummary(json) && version(json) !== 3) {
    return { ok: false, message: `a sweep summary of version ${quote(version(json))}; this Firedrill reads versions 1 to 3: open it with the Firedrill that wrote it` };
  }
  const result = SweepSummarySchema.safeParse(json, { reportInput: true });
  if (!result.success) return { ok: false, message: firstIssue(result.error.issues, 'summary') };
  const missing = hole(result.data);
  return missing === null ? { ok: true, summary: result.data } : { ok: false, message: missing };
}
