/**
 * The viewer's keys, wherever focus is but in a text field or a list: Space
 * plays and pauses, ←/→ move an hour, Shift+←/→ go to the previous or next
 * event, Home and End to the start and the end.
 */

export interface KeyActions {
  togglePlay(): void;
  /** Moves by hours; says what it moved to. */
  step(hours: number): void;
  stepEvent(direction: 1 | -1): void;
  home(): void;
  end(): void;
}

/** Whether a key pressed on `target` belongs to it (typing, choosing) rather than to the viewer. */
function ownsKeys(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return target.type !== 'range' && (target.type !== 'checkbox' || key === ' ');
  // A button takes Space and Enter itself.
  return key === ' ' && (target instanceof HTMLButtonElement || target.getAttribute('role') === 'button');
}

export function bindKeys(actions: KeyActions): void {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || ownsKeys(event.target, event.key)) return;
    switch (event.key) {
      case ' ':
        actions.togglePlay();
        break;
      case 'ArrowRight':
      case 'ArrowUp':
        if (event.shiftKey) actions.stepEvent(1);
        else actions.step(1);
        break;
      case 'ArrowLeft':
      case 'ArrowDown':
        if (event.shiftKey) actions.stepEvent(-1);
        else actions.step(-1);
        break;
      case 'Home':
        actions.home();
        break;
      case 'End':
        actions.end();
        break;
      default:
        return;
    }
    event.preventDefault();
  });
}
