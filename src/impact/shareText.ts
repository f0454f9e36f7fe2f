/**
 * The compensated share as the report and the viewer print it: a percentage,
 * or, from 10 times the loss on, how many times the loss it is (13,900% reads
 * as a number, "139× the loss" as a fact). No imports: the viewer bundles it.
 */
export function compensatedShareText(share: number | null): string {
  if (share === null) return '—';
  if (share >= 10) return `${Math.round(share).toLocaleString('en-US')}× the loss`;
  return `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`;
}
