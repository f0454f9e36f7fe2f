/**
 * The debrief: the truth revealed. The learner's run beside the policies the
 * script compares with, on the same fire and the same luck; the promises
 * against what happened; who lost what under each; what each decision cost
 * against the judging policy's choice, costliest first; the score and its
 * rubric.
 */
import type { Debrief } from '../../../src/drill/debrief.js';
import { describeAction } from '../../../src/model/decisions.js';
import { el } from '../../src/dom.js';
import { tPlus } from '../../src/clock.js';

const h = (x: number | null) => (x === null ? 'not back' : `${x.toFixed(1)} h`);
const money = (x: number | null) => (x === null ? '—' : Math.abs(x) >= 1e9 ? `${(x / 1e9).toFixed(1)} bn` : Math.abs(x) >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : Math.round(x).toLocaleString('en-US'));
const signed = (x: number, fmt: (y: number) => string) => (x === 0 ? '—' : `${x > 0 ? '+' : '−'}${fmt(Math.abs(x))}`);

/** The debrief as a page section. */
export function debriefView(d: Debrief): HTMLElement {
  const currency = d.currencyUnit;
  const names = d.arms.map((a) => a.name);
  const score = el(
    'section',
    { class: 'panel score', 'data-testid': 'score', 'data-total': d.score.total },
    el('h2', {}, `Score: ${d.score.total} of ${d.score.max}`),
    el('ul', {}, ...d.score.parts.map((p) => el('li', { 'data-part': p.name, 'data-points': p.points }, el('b', {}, `${p.name}: ${p.points} / ${p.max}`), ` — ${p.why}`))),
    el('p', { class: 'quiet' }, `The rubric: outcome 50 (user-hours lost, from ${names.at(-1)}'s result to ${d.judgeWith}'s), promises 20 (each kept in full; none made is half), decisions 30 (less what your choices cost against ${d.judgeWith}'s, as a share of the gap). On seed ${d.seed}: the same fire and the same luck for every column.`),
  );
  const arms = el(
    'section',
    { class: 'panel', 'data-testid': 'arms' },
    el('h2', {}, 'When each service came back'),
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, el('th', {}, 'service'), ...names.map((n) => el('th', { 'data-arm': n }, n === 'you' ? 'you' : n)))),
      el(
        'tbody',
        {},
        ...d.arms[0]!.services.map((s, i) => el('tr', { 'data-service': s.id }, el('th', { scope: 'row' }, s.name), ...d.arms.map((a) => el('td', { 'data-arm': a.name, 'data-normal': String(a.services[i]!.normalH) }, `${h(a.services[i]!.firstUsableH)} usable, ${h(a.services[i]!.normalH)} normal`)))),
        el('tr', { 'data-testid': 'all-restored' }, el('th', { scope: 'row' }, 'everything restored'), ...d.arms.map((a) => el('td', { 'data-arm': a.name, 'data-hours': String(a.allRestoredH) }, h(a.allRestoredH)))),
        el('tr', {}, el('th', { scope: 'row' }, 'user-hours lost'), ...d.arms.map((a) => el('td', { 'data-arm': a.name, 'data-user-hours': String(a.userHoursLost) }, Math.round(a.userHoursLost).toLocaleString('en-US')))),
      ),
    ),
  );
  const you = d.arms[0]!;
  const promises = el(
    'section',
    { class: 'panel', 'data-testid': 'promises' },
    el('h2', {}, 'What you promised, against what happened'),
    you.promises.length === 0
      ? el('p', {}, 'You made no public promise.')
      : el('ul', {}, ...you.promises.map((p) => el('li', { 'data-met': String(p.met) }, `At ${tPlus(p.statedH)}: ${p.text}. ${p.deadlineH === null ? 'Its moment never came.' : `Due at ${tPlus(p.deadlineH)}; ${p.doneH === null ? 'not back by the end' : `back at ${tPlus(p.doneH)}`}: ${p.met ? 'kept' : `missed by ${p.missedByH?.toFixed(1)} h`}.`}`))),
    ...d.arms.slice(1).flatMap((a) => (a.promises.length === 0 ? [] : [el('p', { class: 'quiet' }, `${a.name}: ${a.promises.map((p) => `${p.text} — ${p.met ? 'kept' : `missed by ${p.missedByH?.toFixed(1)} h`}`).join('; ')}`)])),
  );
  const ledger = el(
    'section',
    { class: 'panel', 'data-testid': 'ledger' },
    el('h2', {}, `Who lost what (${currency === '' ? 'median' : `${currency}, median`})`),
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, el('th', {}, 'group'), ...names.map((n) => el('th', {}, n)))),
      el('tbody', {}, ...you.ledger.map((g, i) => el('tr', { 'data-group': g.id }, el('th', { scope: 'row' }, g.name), ...d.arms.map((a) => el('td', {}, g.loss === null ? `${a.ledger[i]!.outageH.toFixed(1)} h without` : money(a.ledger[i]!.loss))))), el('tr', {}, el('th', { scope: 'row' }, 'all groups'), ...d.arms.map((a) => el('td', { 'data-arm': a.name, 'data-loss': String(a.loss) }, money(a.loss))))),
    ),
  );
  const decisions = el(
    'section',
    { class: 'panel', 'data-testid': 'decision-costs' },
    el('h2', {}, `What each decision cost, against ${d.judgeWith}'s choice`),
    el('p', { class: 'quiet' }, `Each decision of yours replaced by what ${d.judgeWith} would have chosen when asked, the rest as you played it, on the same seed. + is what your choice cost.`),
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, ...['when', 'you', `${d.judgeWith} instead`, 'cost', 'everything back', 'services most moved'].map((t) => el('th', {}, t)))),
      el(
        'tbody',
        {},
        ...d.decisions.map((c) =>
          el(
            'tr',
            { 'data-testid': 'decision-cost', 'data-index': c.index, 'data-cost': c.cost, 'data-cost-h': String(c.costH) },
            el('td', {}, tPlus(c.h)),
            el('td', {}, describeAction(c.action), c.by === 'deadline' ? el('small', {}, ' (time ran out)') : null),
            el('td', {}, c.same ? 'the same' : c.instead.length === 0 ? 'nothing' : c.instead.map(describeAction).join('; ')),
            el('td', {}, signed(c.cost, money)),
            el('td', {}, c.costH === null ? '—' : signed(c.costH, (y) => `${y.toFixed(1)} h`)),
            el('td', {}, c.services.slice(0, 3).map((s) => `${s.id} ${signed(s.costH, (y) => `${y.toFixed(1)} h`)}`).join(', ')),
          ),
        ),
      ),
    ),
  );
  return el('div', { class: 'debrief', 'data-testid': 'debrief' }, el('h1', {}, 'Debrief'), score, arms, promises, ledger, decisions);
}
