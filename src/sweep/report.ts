/** report.html: placeholder until the report viewer is built. */
import type { SweepSummary } from './outputs.js';

export function writeReport(path: string, summary: SweepSummary, write: (path: string, text: string) => void): void {
  write(path, `<!doctype html><title>Firedrill sweep</title><pre>${JSON.stringify(summary).replaceAll('<', '&lt;')}</pre>\n`);
}
