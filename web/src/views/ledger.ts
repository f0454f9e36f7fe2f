/** The impact ledger, growing as time passes: what each group has lost so far, against what it was compensated. */
import { compensatedShareText } from '../../../src/impact/shareText.js';
import type { LedgerGroup } from '../../../src/stream/protocol.js';
import { el, type Child } from '../dom.js';
import type { Recording } from '../recording.js';

const number = (x: number) => Math.round(x).toLocaleString('en-US');
// Amounts in the run's currency, as its scenario writes them (`7,550 won`).
let unit = '';
const amount = (x: number) => `${number(x)} ${unit}`;
const big = (x: number) => (x >= 1e9 ? `${(x / 1e9).toFixed(1)} bn ${unit}` : x >= 1e6 ? `${(x / 1e6).toFixed(1)} M ${unit}` : amount(x));
const small = (text: string) => el('small', {}, text);

export class LedgerView {
  readonly element: HTMLElement;
  private drawnAt = NaN;

  constructor(private readonly recording: Recording) {
    this.element = el('section', { class: 'ledger' });
  }

  draw(h: number): void {
    const ledger = this.recording.ledger;
    if (ledger === null) {
      if (this.recording.end === null) this.element.replaceChildren(el('h3', {}, 'Who lost what'), el('p', { class: 'pending' }, 'The ledger comes with the end of the run.'));
      else this.element.replaceChildren();
      return;
    }
    const key = Math.round(h * 4);
    if (key === this.drawnAt) return;
    this.drawnAt = key;
    unit = this.recording.start?.currencyUnit ?? ledger.currency;
    const rows = ledger.groups.map((g) => {
      // Lost so far: whole hours before h, and the part of the hour h is in.
      const elapsed = h - ledger.firstHourH;
      let soFar = 0;
      g.hourlyLoss.forEach((x, j) => {
        soFar += x * Math.max(0, Math.min(1, elapsed - j));
      });
      const perPerson = g.people > 0 ? soFar / g.people : 0;
      const lostNow: Child[] = g.lossPerPerson === null ? [`${Math.min(g.outageHours, Math.max(0, elapsed)).toFixed(0)} h`] : [`${amount(perPerson)} `, small(`(${big(soFar)} in all)`)];
      const final: Child[] = g.lossPerPerson === null ? ['—'] : [`${amount(g.lossPerPerson.p50)} `, small(`(${number(g.lossPerPerson.p10)}–${number(g.lossPerPerson.p90)})`)];
      const cells = [lostNow, final, compensation(g), [compensatedShareText(g.compensatedShare)]].map((content) => el('td', {}, ...content));
      return el('tr', { 'data-group': g.id, 'data-loss-so-far': Math.round(soFar) }, el('td', {}, g.name), el('td', {}, g.people.toLocaleString('en-US')), ...cells);
    });
    const head = ['group', 'people', 'lost so far, per person', 'loss per person by the end', 'compensation per eligible person', 'compensated'].map((text) => el('th', {}, text));
    this.element.replaceChildren(
      el('h3', {}, 'Who lost what ', small(`median (P10–P90) of ${ledger.draws} draws`)),
      el('table', { 'data-testid': 'ledger' }, el('thead', {}, el('tr', {}, ...head)), el('tbody', {}, ...rows)),
    );
  }
}

/** What one eligible person was given, and in what form when it was not cash. */
function compensation(g: LedgerGroup): Child[] {
  if (g.compensationPerPerson === null) return ['none'];
  if (g.compensationPerPerson === 0) return [g.compensationForm ?? 'none'];
  return [amount(g.compensationPerPerson), g.compensationForm && g.compensationForm !== 'cash' ? ' ' : null, g.compensationForm && g.compensationForm !== 'cash' ? small(`(${g.compensationForm})`) : null];
}
