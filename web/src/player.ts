/**
 * The playback clock every view follows: the simulated hour shown, whether it
 * advances, and how fast. Seeking is instant because views draw from
 * keyframes, never by replaying from zero.
 */

/** Playback speeds, simulated hours per real second: 1 h/s up to a week in 20 s. */
export const SPEEDS = [1, 2, 4, 168 / 20] as const;

type Listener = (h: number) => void;

/** A playback clock. */
export class Player {
  h = 0;
  maxH = 0;
  playing = false;
  speed: number = SPEEDS[1];
  private readonly listeners: Listener[] = [];
  private last = 0;
  private frame = 0;

  /** Calls `listener` whenever the shown hour changes (and once now). */
  onChange(listener: Listener): void {
    this.listeners.push(listener);
    listener(this.h);
  }

  /** Shows hour `h` (clamped to the recording). */
  seek(h: number): void {
    this.h = Math.max(0, Math.min(this.maxH, h));
    for (const l of this.listeners) l(this.h);
  }

  /** Extends the recording's end (live runs grow). */
  extend(maxH: number): void {
    this.maxH = Math.max(this.maxH, maxH);
  }

  play(): void {
    if (this.playing) return;
    if (this.h >= this.maxH) this.seek(0);
    this.playing = true;
    this.last = performance.now();
    const tick = (now: number) => {
      if (!this.playing) return;
      const dt = (now - this.last) / 1000;
      this.last = now;
      this.seek(this.h + dt * this.speed);
      if (this.h >= this.maxH) this.pause();
      else this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.frame);
  }
}
