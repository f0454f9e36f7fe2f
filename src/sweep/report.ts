/**
 * report.html: the report page (built by vite into dist/report/index.html,
 * d3 and all inline) with the sweep's summary.json inside, so it opens from
 * disk and can be mailed as one file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../cli/errors.js';
import { withPolicyMeta } from '../html/csp.js';
import { embedData } from '../html/embed.js';
import { scenariosFolder } from '../scenario/builtIns.js';
import type { SweepSummary } from './summary.js';

/** The built report page. */
export function reportTemplate(): string {
  return join(dirname(scenariosFolder()), 'dist', 'report', 'index.html');
}

/** Fails early, before hours of runs, if the report page is not built. */
export function checkReportTemplate(): void {
  if (!existsSync(reportTemplate())) throw new UsageError(`the sweep report page is not built (${reportTemplate()} is missing): run npm run build:web`);
}

/** Writes report.html: the built page (its Content-Security-Policy included) with `summary` inside, inert whatever its strings hold. */
export function writeReport(path: string, summary: SweepSummary, write: (path: string, text: string) => void): void {
  checkReportTemplate();
  const html = readFileSync(reportTemplate(), 'utf8');
  write(path, embedData(withPolicyMeta(html), { id: 'summary', type: 'application/json', json: JSON.stringify(summary) }));
}
