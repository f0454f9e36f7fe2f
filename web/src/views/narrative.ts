/** The narrative log: what happened, on the scenario's clock and T+hh:mm; clicking an entry seeks to it. */
import { tPlus, wallClock } from '../clock.js';
import type { Recording } from '../recording.js';
import { el } from '../dom.js';

export class NarrativeLog {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private rendered = 0;
  private lastPast = -1;

  constructor(
    private readonly recording: Recording,
    private readonly seek: (h: number) => void,
  ) {
    this.element = document.createElement('section');
    this.element.className = 'narrative';
    this.list = el('ol', { 'data-testid': 'narrative' });
    this.element.append(el('h3', {}, 'What happened'), this.list);
    this.list.addEventListener('click', (event) => {
      const item = (event.target as HTMLElement).closest('li');
      if (item?.dataset.h !== undefined) this.seek(Number(item.dataset.h));
    });
  }

  draw(h: number): void {
    const rec = this.recording;
    if (rec.start === null) return;
    for (; this.rendered < rec.narrative.length; this.rendered++) {
      const n = rec.narrative[this.rendered]!;
      this.list.append(el('li', { 'data-h': n.h, 'data-kind': n.kind }, el('time', {}, `${tPlus(n.h)} · ${wallClock(rec.start, n.h)}`), ` ${n.text}`));
    }
    // Entries up to the shown hour are in the past; the latest is kept in view.
    let past = -1;
    const items = this.list.children;
    for (let i = 0; i < items.length; i++) {
      const isPast = rec.narrative[i]!.h <= h + 1e-9;
      (items[i] as HTMLElement).classList.toggle('future', !isPast);
      if (isPast) past = i;
    }
    if (past !== this.lastPast && past >= 0) {
      this.lastPast = past;
      const item = items[past] as HTMLElement;
      this.list.scrollTop = Math.max(0, item.offsetTop - this.list.offsetTop - this.list.clientHeight + item.offsetHeight + 4);
    }
  }
}
