/** What reached the commander, newest first (injects and reports), and the commander's own log. */
import type { DrillState } from '../../../src/drill/protocol.js';
import { describeAction } from '../../../src/model/decisions.js';
import { el } from '../../src/dom.js';
import { tPlus } from '../../src/clock.js';

/** The feed and the log. */
export function feed(state: DrillState): HTMLElement {
  const items = [
    ...state.injects.map((i) => ({ h: i.h, from: i.from, text: i.text, kind: 'inject' as const, asks: i.asks })),
    ...state.view.reports.map((r) => ({ h: r.h, from: r.from, text: r.text, kind: 'report' as const, asks: null })),
  ].sort((a, b) => b.h - a.h);
  return el(
    'section',
    { class: 'panel feed', 'data-testid': 'feed', 'aria-label': 'what reached you' },
    el('h2', {}, 'What reached you'),
    el('ol', { class: 'items' }, ...items.map((i) => el('li', { class: i.kind, 'data-kind': i.kind }, el('time', {}, tPlus(i.h)), ' ', el('b', {}, i.from), ': ', i.text, i.asks === null ? null : el('small', { class: 'asks' }, ` (see: ${i.asks === 'promise.state' ? 'a public promise' : i.asks === 'people.callIn' ? 'more people' : 'work order'})`)))),
    el('h2', {}, 'Your log'),
    el('ol', { class: 'log', 'data-testid': 'log' }, ...[...state.log].reverse().map((l) => el('li', { 'data-by': l.by }, el('time', {}, tPlus(l.h)), ` ${l.by === 'deadline' ? 'time ran out: ' : ''}${describeAction(l.action)}`))),
  );
}
