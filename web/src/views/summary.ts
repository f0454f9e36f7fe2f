/** Per service: when the simulation brought it back, when it really came back, and the promise. */
import { el } from '../dom.js';
import type { Recording } from '../recording.js';

const hours = (h: number | null | undefined) => (h == null ? '—' : `${h.toFixed(1)} h`);

export class Summary {
  readonly element: HTMLElement;
  private drawnFor = '';

  constructor(private readonly recording: Recording) {
    this.element = el('section', { class: 'summary' });
  }

  draw(): void {
    const rec = this.recording;
    const end = rec.end;
    const key = end ? 'end' : String(rec.samples.length);
    if (key === this.drawnFor) return;
    this.drawnFor = key;
    if (end === null) {
      this.element.replaceChildren(el('h3', {}, 'Recovery'), el('p', { class: 'pending' }, `Simulating… ${rec.samples.length} samples so far.`));
      return;
    }
    const rows = end.services.map((s) => {
      const promise = s.promiseMet === null ? '' : s.promiseMet ? 'kept' : s.promiseMissedByHours === null ? 'missed (not back)' : `missed by ${s.promiseMissedByHours.toFixed(1)} h`;
      return el(
        'tr',
        { 'data-service-id': s.id, 'data-first-usable': s.firstUsableHours ?? '', 'data-normal': s.normalHours ?? '' },
        ...[s.name, hours(s.firstUsableHours), hours(s.reportedFirstUsableHours), hours(s.normalHours), hours(s.reportedNormalHours), promise].map((text) => el('td', {}, text)),
      );
    });
    const head = ['service', 'usable (sim)', 'usable (reported)', 'normal (sim)', 'normal (reported)', 'promise'].map((text) => el('th', {}, text));
    this.element.replaceChildren(
      el('h3', {}, 'Recovery ', el('span', { 'data-testid': 'all-restored', 'data-hours': end.allRestoredHours ?? '' }, `everything restored at ${hours(end.allRestoredHours)} simulated, ${hours(end.reportedAllRestoredHours)} reported`)),
      el('table', { 'data-testid': 'service-table' }, el('thead', {}, el('tr', {}, ...head)), el('tbody', {}, ...rows)),
    );
  }
}
