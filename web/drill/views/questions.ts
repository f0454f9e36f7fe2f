/**
 * The questions the incident puts to the commander, each with its options as
 * buttons: an option the commander cannot take now is shown disabled, with
 * what it lacks ("the copy is at anyang, which has no power").
 */
import type { Action } from '../../../src/model/decisions.js';
import type { DrillState } from '../../../src/drill/protocol.js';
import { rolesFor } from '../../../src/drill/script.js';
import { el } from '../../src/dom.js';
import { tPlus } from '../../src/clock.js';

/**
 * The open questions, or a line saying there are none. `allowed` is what this
 * role may answer (an option outside it is shown disabled, saying whose it is);
 * null for a facilitator, who watches the commander's questions.
 */
export function questions(state: DrillState, act: (action: Action) => void, allowed: ReadonlySet<string> | null): HTMLElement {
  const open = state.view.pending;
  const watching = allowed === null;
  const section = el('section', { class: 'panel questions', 'data-testid': 'questions', 'aria-label': watching ? 'questions for the commander' : 'questions for you' }, el('h2', {}, watching ? 'Questions for the commander ' : 'Questions for you ', el('small', {}, `${open.length} open`)));
  if (open.length === 0) section.append(el('p', { class: 'quiet' }, watching ? 'Nothing is asked of the commander now.' : 'Nothing is asked of you now. Act on your own below, or run the clock on.'));
  for (const q of open) {
    const options = el('div', { class: 'options' });
    for (const option of q.options) {
      const whose = allowed === null || allowed.has(option.action.kind) ? null : `for ${rolesFor(option.action.kind)}`;
      const missing = option.missing ?? whose;
      const button = el('button', { 'data-testid': 'option', 'data-key': q.key, 'data-kind': option.action.kind, 'data-action': JSON.stringify(option.action), disabled: watching || missing !== null, title: missing ?? '' }, option.label);
      button.addEventListener('click', () => act(option.action));
      options.append(el('div', { class: 'option' }, button, missing === null ? null : el('small', { class: 'missing' }, missing)));
    }
    section.append(
      el('fieldset', { class: 'question', 'data-testid': 'question', 'data-key': q.key, 'data-kind': q.kind }, el('legend', {}, q.text), q.deadlineH === null ? null : el('p', { class: 'deadline' }, `Until ${tPlus(q.deadlineH)}; then: ${q.defaultOption === null ? 'it is put off' : q.options[q.defaultOption]!.label}`), options),
    );
  }
  return section;
}
