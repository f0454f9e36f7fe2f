/**
 * Per service: when the simulation brought it back, when it really came
 * back, and the promise. In spoiler-free mode a time is shown only once the
 * shown hour has reached it.
 */
import { el, scrollBox } from '../dom.js';
import type { Recording } from '../recording.js';
import { promiseAt } from '../story.js';

const hours = (h: number | null | undefined) => (h == null ? '—' : `${h.toFixed(1)} h`);

export class Summary {
  readonly element: HTMLElement;
  private drawnFor = '';

  constructor(private readonly recording: Recording) {
    this.element = el('section', { class: 'summary' });
  }

  draw(h: number, spoilerFree: boolean): void {
    const rec = this.recording;
    const end = rec.end;
    // Spoiler-free, the table changes only when one of its times is passed: key by how many are.
    const times = end === null || !spoilerFree ? [] : end.services.flatMap((s) => [s.firstUsableHours, s.normalHours, s.reportedFirstUsableHours, s.reportedNormalHours]).concat(end.allRestoredHours, end.reportedAllRestoredHours, promiseAt(rec, h).deadlineH);
    const key = end ? `end ${spoilerFree} ${times.filter((t) => t !== null && t <= h + 1e-9).length}` : String(rec.samples.length);
    if (key === this.drawnFor) return;
    this.drawnFor = key;
    if (end === null) {
      this.element.replaceChildren(el('h3', {}, 'Recovery'), el('p', { class: 'pending' }, `Simulating… ${rec.samples.length} samples so far.`));
      return;
    }
    const known = (t: number | null | undefined) => t != null && (!spoilerFree || t <= h + 1e-9);
    const at = (t: number | null | undefined, not = 'not yet') => (known(t) ? hours(t) : t == null ? '—' : not);
    const deadline = spoilerFree ? promiseAt(rec, h).deadlineH : end.promiseDeadlineHours;
    const rows = end.services.map((s) => {
      let promise = '';
      if (s.promiseMet !== null && deadline !== null && (!spoilerFree || h >= deadline - 1e-9)) {
        if (s.promiseMet) promise = 'kept';
        else if (s.promiseMissedByHours !== null && known(s.normalHours)) promise = `missed by ${s.promiseMissedByHours.toFixed(1)} h`;
        else promise = spoilerFree && s.normalHours !== null ? 'missed (not back yet)' : 'missed (not back)';
      } else if (s.promiseMet !== null) promise = 'not yet due';
      return el(
        'tr',
        { 'data-service-id': s.id, 'data-first-usable': known(s.firstUsableHours) ? s.firstUsableHours : '', 'data-normal': known(s.normalHours) ? s.normalHours : '' },
        el('th', { scope: 'row' }, s.name),
        ...[at(s.firstUsableHours), at(s.reportedFirstUsableHours), at(s.normalHours), at(s.reportedNormalHours), promise].map((text) => el('td', {}, text)),
      );
    });
    const head = ['service', 'usable (sim)', 'usable (reported)', 'normal (sim)', 'normal (reported)', 'promise'].map((text) => el('th', { scope: 'col' }, text));
    const restored = known(end.allRestoredHours) ? `everything restored at ${hours(end.allRestoredHours)} simulated` : 'not everything restored yet';
    this.element.replaceChildren(
      el('h3', {}, 'Recovery ', el('span', { 'data-testid': 'all-restored', 'data-hours': known(end.allRestoredHours) ? end.allRestoredHours! : '' }, `${restored}, ${known(end.reportedAllRestoredHours) ? hours(end.reportedAllRestoredHours) : 'not yet'} reported`)),
      scrollBox('recovery per service', el('table', { 'data-testid': 'service-table' }, el('thead', {}, el('tr', {}, ...head)), el('tbody', {}, ...rows))),
    );
  }
}
