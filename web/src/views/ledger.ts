/** The impact ledger, growing as time passes: what each group has lost so far, against what it was compensated. */
import { compensatedShareText } from '../../../src/impact/shareText.js';
import type { Recording } from '../recording.js';
import { escape } from './summary.js';

const won = (x: number) => `${Math.round(x).toLocaleString('en-US')} won`;
const big = (x: number) => (x >= 1e9 ? `${(x / 1e9).toFixed(1)} bn won` : x >= 1e6 ? `${(x / 1e6).toFixed(1)} M won` : won(x));

export class LedgerView {
  readonly element: HTMLElement;
  private drawnAt = NaN;

  constructor(private readonly recording: Recording) {
    this.element = document.createElement('section');
    this.element.className = 'ledger';
  }

  draw(h: number): void {
    const ledger = this.recording.ledger;
    if (ledger === null) {
      this.element.innerHTML = this.recording.end === null ? '<h3>Who lost what</h3><p class="pending">The ledger comes with the end of the run.</p>' : '';
      return;
    }
    const key = Math.round(h * 4);
    if (key === this.drawnAt) return;
    this.drawnAt = key;
    const rows = ledger.groups
      .map((g) => {
        // Lost so far: whole hours before h, and the part of the hour h is in.
        const elapsed = h - ledger.firstHourH;
        let soFar = 0;
        g.hourlyLossWon.forEach((x, j) => {
          soFar += x * Math.max(0, Math.min(1, elapsed - j));
        });
        const perPerson = g.people > 0 ? soFar / g.people : 0;
        const final = g.lossPerPersonWon === null ? '—' : `${won(g.lossPerPersonWon.p50)} <small>(${Math.round(g.lossPerPersonWon.p10).toLocaleString('en-US')}–${Math.round(g.lossPerPersonWon.p90).toLocaleString('en-US')})</small>`;
        const comp = g.compensationPerPersonWon === null ? 'none' : g.compensationPerPersonWon === 0 ? escape(g.compensationForm ?? 'none') : `${won(g.compensationPerPersonWon)}${g.compensationForm && g.compensationForm !== 'cash' ? ` <small>(${escape(g.compensationForm)})</small>` : ''}`;
        const share = compensatedShareText(g.compensatedShare);
        const lostNow = g.lossPerPersonWon === null ? `${Math.min(g.outageHours, Math.max(0, elapsed)).toFixed(0)} h` : `${won(perPerson)} <small>(${big(soFar)} in all)</small>`;
        return `<tr data-group="${g.id}" data-loss-so-far="${Math.round(soFar)}"><td>${escape(g.name)}</td><td>${g.people.toLocaleString('en-US')}</td><td>${lostNow}</td><td>${final}</td><td>${comp}</td><td>${share}</td></tr>`;
      })
      .join('');
    this.element.innerHTML = `<h3>Who lost what <small>median (P10–P90) of ${ledger.draws} draws</small></h3>
      <table data-testid="ledger"><thead><tr><th>group</th><th>people</th><th>lost so far, per person</th><th>loss per person by the end</th><th>compensation per eligible person</th><th>compensated</th></tr></thead><tbody>${rows}</tbody></table>`;
  }
}
