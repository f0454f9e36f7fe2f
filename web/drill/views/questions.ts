/**
 * The questions the incident puts to the commander, each with its options as
 * buttons: an option the commander cannot take now is shown disabled, with
 * what it lacks ("the copy is at anyang, which has no power").
 */
import type { Action } from '../../../src/model/decisions.js';
import type { DrillState } from '../../../src/drill/protocol.js';
import { el } from '../../src/dom.js';
import { tPlus } from '../../src/clock.js';

/** The open questions, or a line saying there are none. */
export function questions(state: DrillState, act: (action: Action) => void, readOnly = false): HTMLElement {
  const open = state.view.pending;
  const section = el('section', { class: 'panel questions', 'data-testid': 'questions', 'aria-label': 'questions for you' }, el('h2', {}, 'Questions for you ', el('small', {}, `${open.length} open`)));
  if (open.length === 0) section.append(el('p', { class: 'quiet' }, 'Nothing is asked of you now. Act on your own below, or run the clock on.'));
  for (const q of open) {
    const options = el('div', { class: 'options' });
    for (const option of q.options) {
      const button = el('button', { 'data-testid': 'option', 'data-key': q.key, 'data-kind': option.action.kind, 'data-action': JSON.stringify(option.action), disabled: readOnly || option.missing !== null, title: option.missing ?? '' }, option.label);
      button.addEventListener('click', () => act(option.action));
      options.append(el('div', { class: 'option' }, button, option.missing === null ? null : el('small', { class: 'missing' }, option.missing)));
    }
    section.append(
      el('fieldset', { class: 'question', 'data-testid': 'question', 'data-key': q.key, 'data-kind': q.kind }, el('legend', {}, q.text), q.deadlineH === null ? null : el('p', { class: 'deadline' }, `Until ${tPlus(q.deadlineH)}; then: ${q.defaultOption === null ? 'it is put off' : q.options[q.defaultOption]!.label}`), options),
    );
  }
  return section;
}
