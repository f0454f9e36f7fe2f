/**
 * report.html: the report page (built by vite into dist/report/index.html,
 * d3 and all inline) with the sweep's summary.json inside, so it opens from
 * disk and can be mailed as one file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../cli/errors.js';
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

export function writeReport(path: string, summary: SweepSummary, write: (path: string, text: string) => void): void {
  checkReportTemplate();
  const html = readFileSync(reportTemplate(), 'utf8');
  const at = html.lastIndexOf('</body>');
  const json = JSON.stringify(summary).replaceAll('</', '<\\/');
  write(path, `${html.slice(0, at)}<script type="application/json" id="summary">${json}</script>\n${html.slice(at)}`);
}
