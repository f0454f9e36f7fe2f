/**
 * Keeps the page's address saying what is shown (urlState.ts): a new view is
 * a new history entry, and the current entry follows the hour once it rests.
 * Nothing is written before the view has been set up from the address, so a
 * slow start can never wipe the link it was opened with.
 */
import { formatViewState, type ViewState } from './urlState.js';

export class Address {
  private timer = 0;
  /** The address the hour last settled on, not yet written. */
  private pending: string | null = null;
  private read = false;

  /** `current` says what is shown; while `busy` (playing) the hour is not written. */
  constructor(
    private readonly current: () => ViewState,
    private readonly busy: () => boolean,
  ) {}

  /** The view has been set up from the address: from now on it is written. */
  markRead(): void {
    this.read = true;
  }

  /** `push` for a new view (a new history entry); otherwise the current entry follows after 150 ms of rest. */
  write(push: boolean): void {
    if (!this.read || !['http:', 'https:', 'file:'].includes(location.protocol)) return;
    const search = formatViewState(this.current());
    clearTimeout(this.timer);
    if (push) {
      // The entry being left was written by flush() before the view changed; what is pending is the new view's.
      this.pending = null;
      if (search !== location.search) history.pushState(null, '', `${location.pathname}${search}${location.hash}`);
      return;
    }
    this.pending = search;
    if (!this.busy()) this.timer = window.setTimeout(() => this.flush(), 150);
  }

  /** Writes what is pending into the current entry now (before leaving it for a new view). */
  flush(): void {
    clearTimeout(this.timer);
    if (this.pending !== null && this.pending !== location.search) history.replaceState(null, '', `${location.pathname}${this.pending}${location.hash}`);
    this.pending = null;
  }

  /** Forgets what is pending: after back or forward it belongs to the entry just left. */
  discard(): void {
    clearTimeout(this.timer);
    this.pending = null;
  }
}
