/**
 * What the commander can do unprompted: state a public promise, call in
 * more teams, set the order in which crews and engineers take their work.
 * Forms and buttons only: the model reads actions, never free text.
 */
import type { Action, Team } from '../../../src/model/decisions.js';
import type { DrillState } from '../../../src/drill/protocol.js';
import { el } from '../../src/dom.js';

const TEAMS: Array<[Team, string]> = [
  ['engineers', 'engineer teams'],
  ['restartCrews', 'restart crews'],
  ['hardwareCrews', 'hardware technicians'],
  ['electricians', 'electricians'],
];

/** The forms a role may use. */
export function actions(state: DrillState, act: (action: Action) => void, allowed: ReadonlySet<string>): HTMLElement {
  const section = el('section', { class: 'panel actions', 'data-testid': 'actions', 'aria-label': 'act on your own' }, el('h2', {}, 'Act on your own'));
  const services = state.view.services;

  if (allowed.has('promise.state')) {
    const within = el('input', { type: 'number', min: '1', max: '2000', step: '1', value: '24', 'aria-label': 'hours', 'data-testid': 'promise-hours' });
    const after = el('select', { 'aria-label': 'counted from', 'data-testid': 'promise-after' }, el('option', { value: 'now' }, 'from now'), el('option', { value: 'first-power-return' }, 'after power first returns'), el('option', { value: 'full-power-return' }, 'after power fully returns'));
    const what = el('select', { 'aria-label': 'what', 'data-testid': 'promise-service' }, el('option', { value: '' }, 'all services'), ...services.filter((s) => s.users > 0).map((s) => el('option', { value: s.id }, s.name)));
    const button = el('button', { 'data-testid': 'promise-state' }, 'Say it publicly');
    button.addEventListener('click', () => act({ kind: 'promise.state', withinH: Number(within.value), after: after.value as 'now', service: what.value === '' ? null : what.value }));
    section.append(el('fieldset', { class: 'form' }, el('legend', {}, 'A public promise'), what, ' back within ', within, ' h ', after, ' ', button));
  }

  if (allowed.has('people.callIn')) {
    const team = el('select', { 'aria-label': 'team', 'data-testid': 'callin-team' }, ...TEAMS.map(([id, name]) => el('option', { value: id }, name)));
    const count = el('input', { type: 'number', min: '1', max: '100', step: '1', value: '2', 'aria-label': 'how many', 'data-testid': 'callin-count' });
    const callable = el('small', { class: 'quiet' });
    const show = () => {
      const p = state.view.people.find((x) => x.team === team.value);
      callable.textContent = p === undefined ? '' : ` (${p.callable} more can be called)`;
    };
    team.addEventListener('change', show);
    show();
    const button = el('button', { 'data-testid': 'call-in' }, 'Call them in');
    button.addEventListener('click', () => act({ kind: 'people.callIn', team: team.value as Team, count: Number(count.value) }));
    section.append(el('fieldset', { class: 'form' }, el('legend', {}, 'More people'), count, ' more ', team, ' ', button, callable));
  }

  if (allowed.has('priorities.set')) {
    const chosen: string[] = [];
    const list = el('ol', { class: 'order', 'data-testid': 'order' });
    const pick = el('select', { 'aria-label': 'service', 'data-testid': 'order-service' }, ...services.map((s) => el('option', { value: s.id }, s.name)));
    const add = el('button', { 'data-testid': 'order-add' }, 'Put next');
    add.addEventListener('click', () => {
      if (chosen.includes(pick.value)) return;
      chosen.push(pick.value);
      list.append(el('li', {}, services.find((s) => s.id === pick.value)!.name));
    });
    const set = el('button', { 'data-testid': 'set-priorities' }, 'Work in this order');
    set.addEventListener('click', () => act({ kind: 'priorities.set', first: chosen }));
    section.append(el('fieldset', { class: 'form' }, el('legend', {}, 'Work order: these first, then the rest by priority'), pick, ' ', add, ' ', set, list));
  }
  if (section.childElementCount === 1) section.append(el('p', { class: 'quiet' }, 'Your role answers the questions put to it; the commander acts on the rest.'));
  return section;
}
