/**
 * The impact ledger, growing as time passes: per group, the hours without
 * its services and the income lost so far per person, against the loss by
 * the end and what it was compensated, as a chart and a table. "So far" and
 * "by the end" come from one estimator (the median person of the ledger's
 * draws, docs/impact.md), so at the end they are the same number. In
 * spoiler-free mode the end's figures wait for the end.
 */
import * as d3 from 'd3';
import { compensatedShareText } from '../../../src/impact/shareText.js';
import type { LedgerGroup } from '../../../src/stream/protocol.js';
import { el, scrollBox, type Child } from '../dom.js';
import type { Recording } from '../recording.js';
import { ledgerAt, type LedgerSoFar } from '../story.js';

const number = (x: number) => Math.round(x).toLocaleString('en-US');
/** Amounts in the run's currency, as its scenario writes them (`7,550 won`). */
type Amount = (x: number) => string;
const amountIn = (unit: string): Amount => (x) => `${number(x)} ${unit}`;
const small = (text: string) => el('small', {}, text);

export class LedgerView {
  /** The heading and the chart: kept near the top of a pane. */
  readonly element: HTMLElement;
  /** The table, which needs a pane's whole width. */
  readonly table: HTMLElement;
  private drawnAt = '';

  constructor(private readonly recording: Recording) {
    this.element = el('section', { class: 'ledger' });
    this.table = el('section', { class: 'ledger-table' });
  }

  draw(h: number, width: number, spoilerFree: boolean): void {
    const ledger = this.recording.ledger;
    if (ledger === null) {
      const key = this.recording.end === null ? 'pending' : 'none';
      if (key === this.drawnAt) return;
      this.drawnAt = key;
      if (this.recording.end === null) this.element.replaceChildren(el('h3', {}, 'Who lost what'), el('p', { class: 'pending' }, 'The ledger comes with the end of the run.'));
      else this.element.replaceChildren();
      this.table.replaceChildren();
      return;
    }
    const key = `${Math.round(h * 4)} ${width} ${spoilerFree}`;
    if (key === this.drawnAt) return;
    this.drawnAt = key;
    const unit = this.recording.start?.currencyUnit ?? ledger.currency;
    const amount = amountIn(unit);
    const groups = ledgerAt(ledger, h);
    const ended = groups.every((g) => g.complete);
    const final = !spoilerFree || ended;
    const rows = groups.map((x) => {
      const g = x.group;
      const lost: Child[] = x.lostPerPerson === null ? ['—'] : [amount(x.lostPerPerson)];
      const byEnd: Child[] = !final ? ['at the end'] : g.lossPerPerson === null ? ['—'] : [`${amount(g.lossPerPerson.p50)} `, small(`(${number(g.lossPerPerson.p10)}–${number(g.lossPerPerson.p90)})`)];
      const hours = x.hours === null ? '—' : `${x.hours.toFixed(1)} h`;
      return el(
        'tr',
        { 'data-group': g.id, 'data-loss-so-far': x.lostPerPerson === null ? '' : Math.round(x.lostPerPerson), 'data-loss-by-end': final && g.lossPerPerson !== null ? g.lossPerPerson.p50 : '', 'data-hours-so-far': x.hours === null ? '' : x.hours.toFixed(1) },
        el('th', { scope: 'row' }, g.name),
        el('td', {}, g.people.toLocaleString('en-US')),
        el('td', {}, hours),
        el('td', {}, ...lost),
        el('td', {}, ...byEnd),
        el('td', {}, ...(final ? compensation(g, amount) : ['at the end'])),
        el('td', {}, final ? compensatedShareText(g.compensatedShare) : 'at the end'),
      );
    });
    const head = ['group', 'people', 'hours without', 'lost so far', 'by the end', 'compensation', 'compensated'].map((text) => el('th', { scope: 'col' }, text));
    this.element.replaceChildren(
      el('h3', {}, 'Who lost what ', small(`per person: hours without the services so far, income lost so far and by the end (median, P10–P90 of ${ledger.draws} draws), compensation per eligible person`)),
      chart(groups, final, Math.min(width, 720), unit),
    );
    this.table.replaceChildren(scrollBox('who lost what', el('table', { 'data-testid': 'ledger' }, el('caption', {}, 'Who lost what, per person'), el('thead', {}, el('tr', {}, ...head)), el('tbody', {}, ...rows))));
  }
}

/** Per group with an income: lost so far (bar), by the end (tick, P10–P90 whisker), compensation (diamond), on a log scale. */
function chart(groups: LedgerSoFar[], final: boolean, width: number, unit: string): Element {
  const amount = amountIn(unit);
  const rows = groups.filter((x) => x.group.lossPerPerson !== null);
  const ROW = 22;
  const LEFT = width < 520 ? 110 : 200;
  const top = Math.max(10, ...rows.flatMap((x) => [x.group.lossPerPerson!.p90, x.group.compensationPerPerson ?? 0]));
  const x = d3.scaleLog().domain([10, top * 1.2]).range([LEFT, width - 12]).clamp(true);
  const svg = d3.create('svg').attr('data-testid', 'ledger-chart').attr('width', width).attr('height', rows.length * ROW + 26).attr('role', 'img');
  const summary = rows.map((r) => `${r.group.name}: ${amount(r.lostPerPerson!)} lost so far${final && r.group.compensationPerPerson !== null ? `, ${amount(r.group.compensationPerPerson)} compensation` : ''}`).join('; ');
  svg.attr('aria-label', `Income lost per person against compensation per eligible person: ${summary}.`);
  rows.forEach((r, i) => {
    const g = svg.append('g').attr('transform', `translate(0,${i * ROW})`).attr('data-group', r.group.id);
    const name = r.group.name;
    const short = width < 520 ? 16 : 30;
    g.append('text').attr('x', 0).attr('y', 15).text(name.length > short ? `${name.slice(0, short - 1)}…` : name);
    g.append('rect').attr('class', 'loss').attr('x', LEFT).attr('y', 4).attr('height', ROW - 8).attr('width', Math.max(0, x(Math.max(10, r.lostPerPerson!)) - LEFT));
    if (!final) return;
    const p = r.group.lossPerPerson!;
    g.append('line').attr('class', 'whisker').attr('x1', x(Math.max(10, p.p10))).attr('x2', x(Math.max(10, p.p90))).attr('y1', ROW / 2).attr('y2', ROW / 2);
    g.append('line').attr('class', 'by-end').attr('x1', x(Math.max(10, p.p50))).attr('x2', x(Math.max(10, p.p50))).attr('y1', 2).attr('y2', ROW - 2);
    const c = r.group.compensationPerPerson;
    if (c !== null && c > 0) g.append('path').attr('class', 'compensation').attr('d', d3.symbol(d3.symbolDiamond, 60)()).attr('transform', `translate(${x(c)},${ROW / 2})`);
  });
  const ticks = [10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8].filter((t) => t <= top * 1.2);
  svg.append('g').attr('transform', `translate(0,${rows.length * ROW + 2})`).call(d3.axisBottom(x).tickValues(width < 520 ? ticks.filter((_, i) => i % 2 === 1) : ticks).tickFormat((d) => d3.format('~s')(Number(d))));
  const key = el('p', { class: 'chart-key' }, el('span', { class: 'key-loss' }), ' lost so far · ', ...(final ? [el('span', { class: 'key-end' }), ' by the end, P10–P90 · ', el('span', { class: 'key-comp' }, '◆'), ' compensation per eligible person · '] : []), `${unit} per person, log scale`);
  return el('div', { class: 'ledger-chart' }, svg.node()!, key);
}

/** What one eligible person was given, and in what form when it was not cash. */
function compensation(g: LedgerGroup, amount: Amount): Child[] {
  if (g.compensationPerPerson === null) return ['none'];
  if (g.compensationPerPerson === 0) return [g.compensationForm ?? 'none'];
  return [amount(g.compensationPerPerson), g.compensationForm && g.compensationForm !== 'cash' ? ' ' : null, g.compensationForm && g.compensationForm !== 'cash' ? small(`(${g.compensationForm})`) : null];
}
