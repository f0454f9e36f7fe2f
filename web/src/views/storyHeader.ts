/** The story header: the shown hour and, per run, services usable, servers up, the promise and the ledger so far, in a line each. */
import { tPlus, wallClock } from '../clock.js';
import { el } from '../dom.js';
import type { Recording } from '../recording.js';
import { money, storyAt, type Story } from '../story.js';

/** One sentence for screen readers and the announcer. */
export function storySentence(story: Story, name: string | null): string {
  const up = story.running === null ? '' : `, ${((story.running / Math.max(1, story.servers)) * 100).toFixed(0)}% of servers up`;
  const lost = story.lostSoFar === null ? '' : `, ${money(story.lostSoFar, story.currency ?? '')} lost so far`;
  return `${name === null ? '' : `${name}: `}${story.usable} of ${story.services} services usable${up}, ${story.promise.text}${lost}`;
}

export class StoryHeader {
  private shownFor = '';

  constructor(private readonly element: HTMLElement) {}

  draw(recordings: Recording[], names: string[], h: number): Story[] {
    const start = recordings[0]?.start ?? null;
    const stories = recordings.filter((r) => r.start !== null).map((r) => storyAt(r, h));
    const key = `${Math.round(h * 60)} ${stories.map((s) => `${s.usable} ${s.running} ${s.promise.text} ${Math.round((s.lostSoFar ?? 0) / 1e6)}`).join('|')}`;
    if (key === this.shownFor) return stories;
    this.shownFor = key;
    const clock = el('span', { class: 'clock', 'data-testid': 'clock', 'data-h': Math.round(h * 1000) / 1000 }, start ? `${wallClock(start, h)} · ${tPlus(h)}` : tPlus(h));
    const lines = stories.map((s, i) => {
      const up = s.running === null ? null : el('span', { class: 'fact', 'data-testid': 'story-servers', 'data-running': s.running }, `${((s.running / Math.max(1, s.servers)) * 100).toFixed(0)}% servers up`, el('small', { class: 'wide' }, ` (${s.running.toLocaleString('en-US')} of ${s.servers.toLocaleString('en-US')})`));
      return el(
        'p',
        { class: 'story-line', 'data-run': i },
        recordings.length > 1 ? el('b', { class: `run-name run-${i}` }, `${names[i]}: `) : null,
        el('span', { class: 'fact', 'data-testid': 'story-usable', 'data-usable': s.usable }, `${s.usable} of ${s.services} services usable`),
        up,
        el('span', { class: 'fact promise-state', 'data-testid': 'story-promise', 'data-state': s.promise.state }, s.promise.text),
        s.lostSoFar === null ? null : el('span', { class: 'fact', 'data-testid': 'story-lost', 'data-won': Math.round(s.lostSoFar) }, `${money(s.lostSoFar, s.currency ?? '')} lost so far`),
      );
    });
    this.element.replaceChildren(clock, ...lines);
    return stories;
  }
}
