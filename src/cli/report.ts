/**
 * The readable report of a run: per service the simulation beside history and
 * the promise, why it took that long (the critical chain), and the restart
 * curve as a small text chart.
 */
import { compensatedShareText } from '../impact/shareText.js';
import { describeChain } from '../observe/criticalChain.js';
import type { LedgerMessage, RunEndMessage, RunStartMessage } from '../stream/protocol.js';

const hours = (h: number | null) => (h === null ? '—' : `${h.toFixed(1)} h`);

/** Renders the whole report. */
export function renderReport(start: RunStartMessage, end: RunEndMessage & { ledger?: LedgerMessage | null }, promiseText: string | null): string {
  const out: string[] = [];
  out.push(`${start.title}`);
  out.push(`design ${start.design ?? '(scenario as written)'} · policy ${start.policy} · seed ${start.seed} · t = 0 at ${start.start} · scenario ${start.scenarioSha256.slice(0, 12)}`);
  if (promiseText !== null) {
    out.push(`Promise: "${promiseText}" → deadline ${end.promiseDeadlineHours === null ? 'never set (power never returned)' : `${end.promiseDeadlineHours.toFixed(1)} h after ignition`}`);
  }
  if (start.parameters) out.push('', ...drawnLines(start));
  out.push('');
  const rows: string[][] = [['service', 'usable (sim)', 'usable (reported)', 'normal (sim)', 'normal (reported)', 'promise']];
  for (const s of end.services) {
    const promise = s.promiseMet === null ? '' : s.promiseMet ? 'kept' : s.promiseMissedByHours === null ? 'missed (not back)' : `missed by ${s.promiseMissedByHours.toFixed(1)} h`;
    rows.push([s.name, hours(s.firstUsableHours), hours(s.reportedFirstUsableHours), hours(s.normalHours), hours(s.reportedNormalHours), promise]);
  }
  out.push(...table(rows));
  out.push('');
  out.push(restoredLine(end));
  out.push('');
  out.push('Why it took that long (the waits that decided each service):');
  for (const s of end.services) {
    if (s.normalHours === null) {
      out.push(`  ${s.name}: not back to normal by the end of the run.`);
    } else if (s.criticalChain.length === 0) {
      out.push(`  ${s.name}: never lost (capacity at other sites carried it).`);
    } else {
      out.push(`  ${s.name} normal at ${s.normalHours.toFixed(1)} h: ${describeChain(s.criticalChain)}.`);
    }
  }
  if (end.dataLost.length > 0) {
    const tb = end.dataLost.reduce((n, d) => n + d.tb, 0);
    const without = end.dataLost.filter((d) => d.writesH === null).length;
    out.push('');
    out.push(`Data lost: ${tb.toLocaleString('en-US', { maximumFractionDigits: 1 })} TB of ${without} service${without === 1 ? '' : 's'} with no backup${end.dataLost.length > without ? `; ${end.dataLost.length - without} more lost the writes since their backup` : ''}:`);
    for (const d of end.dataLost) out.push(`  ${d.service}: ${d.writesH === null ? `${d.tb} TB` : `${d.writesH} h of writes`} (${d.why})`);
  }
  out.push('');
  out.push(...restartChart(end));
  if (end.ledger) {
    out.push('');
    out.push(...renderLedger(end.ledger, start.currencyUnit));
  }
  return out.join('\n');
}

/** What a run that drew its parameters drew: each parameter's factor on its value as written, and the value it gave. */
export function drawnLines(start: RunStartMessage): string[] {
  const p = start.parameters!;
  const whence = p.source === 'posterior' ? `the calibrated ones from the posterior (particle ${p.particle}), the rest from their priors` : 'from their priors';
  const rows = [['parameter', 'tag', 'from', 'factor', 'value']];
  for (const v of p.values) rows.push([v.path, v.tag, v.from, `×${v.factor.toFixed(3)}`, v.value === null ? '(several)' : v.unit === 'h' ? `${v.value.toFixed(2)} h` : String(Math.round(v.value * 1000) / 1000)]);
  return [`Parameters drawn on seed ${start.seed}, ${whence} (values as written: firedrill params):`, '', ...table(rows)];
}

/** When everything was back, or, for a run that ended first, how much was. */
export function restoredLine(end: RunEndMessage): string {
  if (end.allRestoredHours !== null) return `Everything restored: ${hours(end.allRestoredHours)} simulated, ${hours(end.reportedAllRestoredHours)} reported.`;
  const back = end.services.filter((s) => s.normalHours !== null).length;
  const reported = end.reportedAllRestoredHours === null ? '' : `; reported restored at ${hours(end.reportedAllRestoredHours)}`;
  return `Not everything was restored by the end of the run at ${hours(end.h)}: ${back} of ${end.services.length} services back to normal${reported}.`;
}

const grouped = (x: number) => Math.round(x).toLocaleString('en-US');

/** An amount of money as people read it, `unit` after it as the scenario writes its currency: 7,550 won, 5.8 bn won. */
export function money(x: number, unit: string): string {
  const abs = Math.abs(x);
  if (abs >= 1e12) return `${(x / 1e12).toFixed(1)} tn ${unit}`;
  if (abs >= 1e9) return `${(x / 1e9).toFixed(1)} bn ${unit}`;
  if (abs >= 1e6) return `${(x / 1e6).toFixed(1)} M ${unit}`;
  return `${grouped(x)} ${unit}`;
}

/** The impact ledger as a table, with totals per group. */
export function renderLedger(ledger: LedgerMessage, unit: string): string[] {
  const rows = [['group', 'people', 'hours without', 'loss per person, median (P10–P90)', 'compensation per eligible', 'eligible', 'compensated']];
  for (const g of ledger.groups) {
    const loss = g.lossPerPerson === null ? '—' : `${money(g.lossPerPerson.p50, unit)} (${grouped(g.lossPerPerson.p10)}–${grouped(g.lossPerPerson.p90)})`;
    const comp = g.compensationPerPerson === null ? 'none' : g.compensationForm !== null && g.compensationForm !== 'cash' && g.compensationPerPerson === 0 ? g.compensationForm : `${money(g.compensationPerPerson, unit)}${g.compensationForm && g.compensationForm !== 'cash' ? ` (${g.compensationForm})` : ''}`;
    rows.push([g.name, grouped(g.people), `${g.outageHours.toFixed(1)} h`, loss, comp, grouped(g.eligiblePeople), compensatedShareText(g.compensatedShare)]);
  }
  const out = [
    `Who lost what, against what they were compensated (median and P10–P90 of ${ledger.draws} draws over the scenario's ranges; local hours from ${ledger.firstHourLocal}):`,
    '',
    ...table(rows),
    '',
  ];
  for (const g of ledger.groups) {
    if (g.lossTotal === null) out.push(`  ${g.name}: ${grouped(g.userHoursLost)} user-hours without the service.`);
    else out.push(`  ${g.name}: ${money(g.lossTotal.p50, unit)} lost in all (P10–P90 ${money(g.lossTotal.p10, unit)}–${money(g.lossTotal.p90, unit)}), ${money(g.compensationTotal ?? 0, unit)} compensated.`);
  }
  return out;
}

/** Left-aligned columns, first column widest. */
export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r, ri) => {
    const line = r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
    return ri === 0 ? `${line}\n${'─'.repeat(line.length)}` : line;
  });
}

/** The fire site's servers running over time: `●` simulated, `○` reported, as a 10-row chart. */
export function restartChart(end: RunEndMessage, width = 64, height = 10): string[] {
  const curve = end.serverCurve;
  if (curve.length === 0) return [];
  // Show the story, not the horizon: up to a little past the last change or reported point.
  let lastChange = 0;
  for (let i = 1; i < curve.length; i++) if (curve[i]!.fractionRunning !== curve[i - 1]!.fractionRunning) lastChange = curve[i]!.hours;
  const lastReported = Math.max(0, ...curve.filter((p) => p.reportedFractionRunning !== null).map((p) => p.hours));
  const maxH = Math.max(1, Math.ceil((Math.max(lastChange, lastReported, end.allRestoredHours ?? 0) * 1.1) / 12) * 12);
  const grid = Array.from({ length: height + 1 }, () => Array<string>(width + 1).fill(' '));
  const plot = (h: number, f: number, mark: string) => {
    const x = Math.round((h / maxH) * width);
    const y = height - Math.round(f * height);
    if (grid[y]![x] === ' ' || mark === '●') grid[y]![x] = mark;
  };
  for (let x = 0; x <= width; x++) {
    const h = (x / width) * maxH;
    let f = curve[0]!.fractionRunning;
    for (const p of curve) {
      if (p.hours > h + 1e-9) break;
      f = p.fractionRunning;
    }
    plot(h, f, '●');
  }
  for (const p of curve) if (p.reportedFractionRunning !== null) plot(p.hours, p.reportedFractionRunning, '○');
  const lines = ['Servers running at the fire site (● simulated, ○ reported):'];
  grid.forEach((row, y) => {
    const label = y % 5 === 0 ? `${String(Math.round(100 - (y / height) * 100)).padStart(3)}% ┤` : '     │';
    lines.push(`${label}${row.join('')}`);
  });
  lines.push(`     └${'─'.repeat(width + 1)}`);
  lines.push(`      0 h${' '.repeat(Math.max(1, width - 12))}${maxH.toFixed(0)} h`);
  return lines;
}
