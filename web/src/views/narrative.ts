/**
 * The narrative log: what happened, on the scenario's clock and T+hh:mm.
 * Entries are reached with Tab (one stop for the list) and the arrow keys,
 * and Enter, Space or a click seeks to one. In spoiler-free mode entries
 * after the shown hour are not shown at all.
 */
import { tPlus, wallClock } from '../clock.js';
import type { Recording } from '../recording.js';
import { el } from '../dom.js';

export class NarrativeLog {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private rendered = 0;
  private lastPast = -1;
  private lastSpoilerFree = false;

  constructor(
    private readonly recording: Recording,
    private readonly seek: (h: number) => void,
    title = 'What happened',
  ) {
    this.element = el('section', { class: 'narrative' });
    this.list = el('ol', { 'data-testid': 'narrative', 'aria-label': `${title}: use the arrow keys to move, Enter to go to an event` });
    this.element.append(el('h3', {}, title), this.list);
    this.list.addEventListener('click', (event) => {
      const item = (event.target as HTMLElement).closest('li');
      if (item?.dataset.h !== undefined) this.seek(Number(item.dataset.h));
    });
    this.list.addEventListener('keydown', (event) => {
      const item = (event.target as HTMLElement).closest('li');
      if (item === null) return;
      const visible = [...this.list.children].filter((li) => !(li as HTMLElement).hidden) as HTMLElement[];
      const i = visible.indexOf(item);
      let next: HTMLElement | undefined;
      if (event.key === 'ArrowDown') next = visible[i + 1];
      else if (event.key === 'ArrowUp') next = visible[i - 1];
      else if (event.key === 'Home') next = visible[0];
      else if (event.key === 'End') next = visible.at(-1);
      else if (event.key === 'Enter' || event.key === ' ') {
        this.seek(Number(item.dataset.h));
      } else return;
      // The list's own keys: they move within it, not the clock.
      event.preventDefault();
      event.stopPropagation();
      if (next !== undefined) this.focus(next);
    });
  }

  /** Makes `item` the list's one tab stop, and focuses it. */
  private focus(item: HTMLElement): void {
    for (const li of this.list.children) (li as HTMLElement).tabIndex = -1;
    item.tabIndex = 0;
    item.focus();
  }

  draw(h: number, spoilerFree: boolean): void {
    const rec = this.recording;
    if (rec.start === null) return;
    for (; this.rendered < rec.narrative.length; this.rendered++) {
      const n = rec.narrative[this.rendered]!;
      this.list.append(el('li', { 'data-h': n.h, 'data-kind': n.kind, tabindex: this.rendered === 0 ? 0 : -1 }, el('time', {}, `${tPlus(n.h)} · ${wallClock(rec.start, n.h)}`), ` ${n.text}`));
    }
    // Entries up to the shown hour are in the past; the latest is kept in view.
    let past = -1;
    const items = this.list.children;
    for (let i = 0; i < items.length; i++) {
      const isPast = rec.narrative[i]!.h <= h + 1e-9;
      const item = items[i] as HTMLElement;
      item.classList.toggle('future', !isPast);
      item.hidden = spoilerFree && !isPast;
      if (isPast) past = i;
    }
    if (spoilerFree !== this.lastSpoilerFree) {
      this.lastSpoilerFree = spoilerFree;
      this.lastPast = -2;
    }
    if (past !== this.lastPast && past >= 0) {
      this.lastPast = past;
      const item = items[past] as HTMLElement;
      // The tab stop follows the playhead unless the list has focus.
      if (!this.list.contains(document.activeElement)) {
        for (const li of items) (li as HTMLElement).tabIndex = -1;
        item.tabIndex = 0;
      }
      this.list.scrollTop = Math.max(0, item.offsetTop - this.list.offsetTop - this.list.clientHeight + item.offsetHeight + 4);
    } else if (past < 0 && spoilerFree) {
      (items[0] as HTMLElement | undefined)?.setAttribute('tabindex', '0');
    }
  }
}
