/** Per service: when the simulation brought it back, when it really came back, and the promise. */
import type { Recording } from '../recording.js';

const hours = (h: number | null | undefined) => (h == null ? '—' : `${h.toFixed(1)} h`);

export class Summary {
  readonly element: HTMLElement;
  private drawnFor = '';

  constructor(private readonly recording: Recording) {
    this.element = document.createElement('section');
    this.element.className = 'summary';
  }

  draw(): void {
    const rec = this.recording;
    const end = rec.end;
    const key = `${rec.start?.seed}-${end ? 'end' : rec.samples.length}`;
    if (key === this.drawnFor) return;
    this.drawnFor = key;
    if (end === null) {
      this.element.innerHTML = `<h3>Recovery</h3><p class="pending">Simulating… ${rec.samples.length} samples so far.</p>`;
      return;
    }
    const rows = end.services
      .map((s) => {
        const promise = s.promiseMet === null ? '' : s.promiseMet ? 'kept' : s.promiseMissedByHours === null ? 'missed (not back)' : `missed by ${s.promiseMissedByHours.toFixed(1)} h`;
        return `<tr data-service-id="${s.id}" data-first-usable="${s.firstUsableHours ?? ''}" data-normal="${s.normalHours ?? ''}"><td>${escape(s.name)}</td><td>${hours(s.firstUsableHours)}</td><td>${hours(s.reportedFirstUsableHours)}</td><td>${hours(s.normalHours)}</td><td>${hours(s.reportedNormalHours)}</td><td>${promise}</td></tr>`;
      })
      .join('');
    this.element.innerHTML = `<h3>Recovery <span data-testid="all-restored" data-hours="${end.allRestoredHours ?? ''}">everything restored at ${hours(end.allRestoredHours)} simulated, ${hours(end.reportedAllRestoredHours)} reported</span></h3>
      <table data-testid="service-table"><thead><tr><th>service</th><th>usable (sim)</th><th>usable (reported)</th><th>normal (sim)</th><th>normal (reported)</th><th>promise</th></tr></thead><tbody>${rows}</tbody></table>`;
  }
}

/** Escapes text for HTML. */
export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
