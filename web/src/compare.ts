/**
 * Two designs on the same fire, built around what differs: one service chart
 * for both, a table of differences per service (Δ usable, Δ normal, Δ hours
 * lost: second minus first), the ledger side by side with its difference,
 * one restart chart, and each run's floor map, narrative and recovery below,
 * a floor map left out with a note when both runs' fleets are the same at
 * every hour. Stacked on a phone.
 */
import { el, scrollBox } from './dom.js';
import { chartWidth, RunHeader, type DesignInfo, type DrawOptions } from './pane.js';
import type { Recording } from './recording.js';
import { ledgerAt, money } from './story.js';
import { FloorMap } from './views/floorMap.js';
import { NarrativeLog } from './views/narrative.js';
import { RestartCurve, sameCurve } from './views/restartCurve.js';
import { ServiceTimelines } from './views/services.js';
import { Summary } from './views/summary.js';

/** One service in both runs: [first, second, second − first] of first usable, normal and hours lost; null where a run never got there. */
export interface ServiceDifference {
  id: string;
  name: string;
  usable: [number | null, number | null, number | null];
  normal: [number | null, number | null, number | null];
  lost: [number, number, number];
}

const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

/** The differences of two finished runs, service by service (the first run's order). */
export function serviceDifferences(a: Recording, b: Recording): ServiceDifference[] {
  const other = new Map((b.end?.services ?? []).map((s) => [s.id, s]));
  return (a.end?.services ?? []).flatMap((s) => {
    const t = other.get(s.id);
    if (t === undefined) return [];
    return [{ id: s.id, name: s.name, usable: [s.firstUsableHours, t.firstUsableHours, delta(s.firstUsableHours, t.firstUsableHours)], normal: [s.normalHours, t.normalHours, delta(s.normalHours, t.normalHours)], lost: [s.outageHours, t.outageHours, t.outageHours - s.outageHours] }];
  });
}

/** Whether two runs' floor maps are the same at every hour. */
export function sameFleet(a: Recording, b: Recording): boolean {
  if (a.fleet.length !== b.fleet.length) return false;
  return a.fleet.every((f, i) => {
    const g = b.fleet[i]!;
    return f.h === g.h && f.runs.length === g.runs.length && f.runs.every((x, j) => x === g.runs[j]);
  });
}

const hours = (x: number | null) => (x === null ? 'never' : `${x.toFixed(1)} h`);
const signed = (x: number | null, unit: string) => (x === null ? '—' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(1)}${unit}`);

/** The comparison of two runs. */
export class ComparePane {
  readonly element: HTMLElement;
  private readonly headers: RunHeader[];
  private readonly services: ServiceTimelines;
  private readonly curve: RestartCurve;
  private readonly floorMaps: FloorMap[];
  private readonly narratives: NarrativeLog[];
  private readonly summaries: Summary[];
  private readonly differences = el('section', { class: 'differences' });
  private readonly ledger = el('section', { class: 'ledger-differences' });
  private readonly fleetNotes: HTMLElement[];
  private readonly curveNote = el('p', { class: 'identical', 'data-testid': 'identical-curve', hidden: true });
  private readonly panes: HTMLElement[];
  private readonly names: string[];
  private readonly descriptions: Array<string | null>;
  private differencesFor = '';
  private ledgerFor = '';
  private identical: boolean | null = null;

  constructor(
    readonly recordings: [Recording, Recording],
    seek: (h: number) => void,
    info: Array<DesignInfo | null>,
  ) {
    this.names = recordings.map((r, i) => info[i]?.title ?? r.start?.design ?? 'scenario as written');
    this.descriptions = recordings.map((_, i) => info[i]?.description ?? null);
    this.headers = recordings.map((r, i) => new RunHeader(r, info[i] ?? null));
    this.services = new ServiceTimelines(recordings);
    this.curve = new RestartCurve(recordings);
    this.floorMaps = recordings.map((r) => new FloorMap(r));
    this.narratives = recordings.map((r) => new NarrativeLog(r, seek));
    this.summaries = recordings.map((r) => new Summary(r));
    this.fleetNotes = recordings.map(() => el('p', { class: 'identical', 'data-testid': 'identical-fleet', hidden: true }));
    this.panes = recordings.map((_, i) =>
      el('article', { class: 'pane' }, this.headers[i]!.element, this.fleetNotes[i]!, this.floorMaps[i]!.element, this.narratives[i]!.element, this.summaries[i]!.element),
    );
    const overview = el('article', { class: 'pane compare-overview', 'data-testid': 'compare' }, el('h2', {}, `${this.names[0]} against ${this.names[1]} `, el('small', {}, 'same fire, same seed: the differences are the design’s')), this.services.element, this.differences, this.ledger, this.curve.element, this.curveNote);
    this.element = el('div', { class: 'compare-view' }, overview, el('div', { class: 'compare-runs' }, ...this.panes));
  }

  draw({ h, spoilerFree }: DrawOptions): void {
    const [a, b] = this.recordings;
    if (a.start === null || b.start === null) return;
    const width = chartWidth(this.element.firstElementChild as HTMLElement);
    for (const header of this.headers) header.draw();
    this.drawDifferences(h, spoilerFree);
    this.services.draw(h, width, spoilerFree);
    this.drawLedger(h, spoilerFree);
    this.curve.draw(h, width, spoilerFree);
    if (this.identical === null && a.end !== null && b.end !== null) {
      this.identical = sameFleet(a, b);
      // One floor map is enough when both are the same at every hour: say so, and what the design changes instead.
      this.fleetNotes[1]!.hidden = !this.identical;
      const what = this.descriptions[1] === null ? '' : ` (${this.descriptions[1]!.replace(/\.$/, '')})`;
      this.fleetNotes[1]!.textContent = `Fleet identical to ${this.names[0]}'s at every hour, so its floor map is shown once, on the left: ${this.names[1]}${what} changes how the services recover, not which servers run.`;
      this.floorMaps[1]!.element.hidden = this.identical;
      this.curveNote.hidden = !sameCurve(a, b);
      this.curveNote.textContent = 'The two restart curves are the same: one line shows both.';
    }
    this.floorMaps.forEach((m, i) => {
      if (!m.element.hidden) m.draw(h, Math.min(chartWidth(this.panes[i]!), 560));
    });
    this.narratives.forEach((n) => n.draw(h, spoilerFree));
    this.summaries.forEach((s) => s.draw(h, spoilerFree));
  }

  private drawDifferences(h: number, spoilerFree: boolean): void {
    const [a, b] = this.recordings;
    if (a.end === null || b.end === null) {
      if (this.differencesFor !== 'pending') this.differences.replaceChildren(el('h3', {}, 'Differences'), el('p', { class: 'pending' }, 'The differences come when both runs have ended.'));
      this.differencesFor = 'pending';
      return;
    }
    const rows = serviceDifferences(a, b);
    const known = (x: number | null) => x === null || !spoilerFree || x <= h + 1e-9;
    const key = spoilerFree ? `s ${rows.flatMap((r) => [...r.usable.slice(0, 2), ...r.normal.slice(0, 2)]).filter((x) => x !== null && x <= h + 1e-9).length} ${a.lastHour <= h}` : 'all';
    if (key === this.differencesFor) return;
    this.differencesFor = key;
    const ended = !spoilerFree || (h >= a.lastHour - 1e-9 && h >= b.lastHour - 1e-9);
    const cell = (x: number | null) => (known(x) ? hours(x) : 'not yet');
    const trio = (t: [number | null, number | null, number | null], what: string) => {
      const shown = known(t[0]) && known(t[1]);
      return [el('td', {}, cell(t[0])), el('td', {}, cell(t[1])), el('td', { class: 'delta', 'data-testid': `delta-${what}` }, shown ? signed(t[2], ' h') : '…')];
    };
    const body = rows.map((r) =>
      el(
        'tr',
        { 'data-service-id': r.id, 'data-delta-usable': known(r.usable[0]) && known(r.usable[1]) ? (r.usable[2] ?? '') : '', 'data-delta-normal': known(r.normal[0]) && known(r.normal[1]) ? (r.normal[2] ?? '') : '', 'data-delta-lost': ended ? r.lost[2] : '' },
        el('th', { scope: 'row' }, r.name),
        ...trio(r.usable, 'usable'),
        ...trio(r.normal, 'normal'),
        el('td', {}, ended ? `${r.lost[0].toFixed(1)} h` : 'at the end'),
        el('td', {}, ended ? `${r.lost[1].toFixed(1)} h` : 'at the end'),
        el('td', { class: 'delta' }, ended ? signed(r.lost[2], ' h') : '…'),
      ),
    );
    const [n0, n1] = this.names;
    const head = el(
      'thead',
      {},
      el('tr', {}, el('th', { scope: 'col', rowspan: 2 }, 'service'), el('th', { scope: 'colgroup', colspan: 3 }, 'usable'), el('th', { scope: 'colgroup', colspan: 3 }, 'normal'), el('th', { scope: 'colgroup', colspan: 3 }, 'hours lost')),
      el('tr', {}, ...[0, 1, 2].flatMap(() => [el('th', { scope: 'col', title: n0! }, el('abbr', { title: n0! }, '▲'), el('span', { class: 'visually-hidden' }, n0!)), el('th', { scope: 'col', title: n1! }, el('abbr', { title: n1! }, '▼'), el('span', { class: 'visually-hidden' }, n1!)), el('th', { scope: 'col' }, 'Δ')])),
    );
    const better = rows.filter((r) => (r.normal[2] ?? 0) < -0.05).length;
    const worse = rows.filter((r) => (r.normal[2] ?? 0) > 0.05).length;
    const summary = ended ? `${n1} brings ${better} service${better === 1 ? '' : 's'} back to normal sooner than ${n0}${worse > 0 ? `, ${worse} later` : ''}.` : `Δ is ${n1} minus ${n0}; negative is sooner. Times appear as the playhead reaches them.`;
    this.differences.replaceChildren(
      el('h3', {}, 'Differences ', el('small', {}, `▲ ${n0} · ▼ ${n1} · Δ = ▼ − ▲; negative is sooner or less`)),
      el('p', { 'data-testid': 'difference-summary' }, summary),
      scrollBox('differences per service', el('table', { 'data-testid': 'differences' }, head, el('tbody', {}, ...body))),
    );
  }

  private drawLedger(h: number, spoilerFree: boolean): void {
    const [a, b] = this.recordings;
    if (a.ledger === null || b.ledger === null) {
      if (this.ledgerFor !== 'none') this.ledger.replaceChildren();
      this.ledgerFor = 'none';
      return;
    }
    const key = `${Math.round(h * 4)} ${spoilerFree}`;
    if (key === this.ledgerFor) return;
    this.ledgerFor = key;
    const soFar = [ledgerAt(a.ledger, h), ledgerAt(b.ledger, h)];
    const unit = a.start?.currencyUnit ?? a.ledger.currency;
    const rows = soFar[0]!.map((x, i) => {
      const y = soFar[1]!.find((g) => g.group.id === x.group.id) ?? soFar[1]![i]!;
      // Per person as shown (whole units of the currency), or hours for a group without an income; at the end, the ledgers' own figures.
      const value = (g: typeof x) => (g.lostPerPerson === null ? g.hours : Math.round(g.lostPerPerson));
      const text = (g: typeof x) => (g.lostPerPerson === null ? (g.hours === null ? '—' : `${g.hours.toFixed(1)} h`) : money(g.lostPerPerson, unit));
      const d = value(x) === null || value(y) === null ? null : value(y)! - value(x)!;
      const dText = d === null ? '—' : x.lostPerPerson === null ? signed(d, ' h') : `${d > 0 ? '+' : d < 0 ? '−' : '±'}${money(Math.abs(d), unit)}`;
      return el('tr', { 'data-group': x.group.id, 'data-delta-lost': d ?? '' }, el('th', { scope: 'row' }, x.group.name), el('td', {}, text(x)), el('td', {}, text(y)), el('td', { class: 'delta' }, dText));
    });
    const [n0, n1] = this.names;
    this.ledger.replaceChildren(
      el('h3', {}, 'Who lost what, so far ', el('small', {}, 'per person: income lost, or hours without the services for groups without an income')),
      scrollBox('who lost what, both designs', el('table', { 'data-testid': 'ledger-differences' }, el('thead', {}, el('tr', {}, ...['group', n0!, n1!, 'Δ'].map((t) => el('th', { scope: 'col' }, t)))), el('tbody', {}, ...rows))),
    );
  }
}
