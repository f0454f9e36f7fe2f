/** The overview strip under the bar: narrative events per hour over the run (up to the shown hour in spoiler-free mode), the shown hour marked. */
import type { Recording } from '../recording.js';

/** Draws the strip for hours 0…`maxH`, the hour `h` marked. */
export function drawOverview(canvas: HTMLCanvasElement, recordings: Recording[], h: number, maxH: number, spoilerFree: boolean): void {
  const width = canvas.clientWidth;
  if (width === 0) return;
  if (canvas.width !== width) canvas.width = width;
  const ctx = canvas.getContext('2d')!;
  ctx.clearRect(0, 0, width, canvas.height);
  const span = Math.max(maxH, 1);
  // An hour a bucket, but never more buckets than pixels, however long the run.
  const buckets = new Array<number>(Math.min(Math.ceil(span), width) + 1).fill(0);
  const hoursPerBucket = span / (buckets.length - 1);
  for (const r of recordings) for (const n of r.narrative) if (!spoilerFree || n.h <= h + 1e-9) buckets[Math.min(buckets.length - 1, Math.max(0, Math.floor(n.h / hoursPerBucket)))]!++;
  const most = buckets.reduce((a, b) => Math.max(a, b), 1);
  const step = width / (buckets.length - 1);
  ctx.fillStyle = '#f0a400';
  buckets.forEach((count, i) => {
    if (count === 0) return;
    const bar = Math.max(2, (count / most) * (canvas.height - 4));
    ctx.fillRect(i * step, canvas.height - bar, Math.max(1, step - 0.5), bar);
  });
  ctx.fillStyle = '#ffffff';
  ctx.fillRect((h / span) * (width - 2), 0, 2, canvas.height);
}
