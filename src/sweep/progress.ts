/** Progress of a long sweep: a bar on a terminal, a plain line now and then otherwise. */

export interface Progress {
  update(done: number): void;
  finish(done: number): void;
}

const clock = (s: number) => (!Number.isFinite(s) ? '?' : s >= 3600 ? `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min` : s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`);

/** How progress is shown: a bar, plain lines, nothing, or a bar on a terminal and lines elsewhere. */
export type ProgressMode = 'auto' | 'bar' | 'plain' | 'none';

/** Reports to `stream` (stderr), `total` runs to do now, `already` done before a resume. */
export function createProgress(stream: NodeJS.WriteStream, total: number, already: number, mode: ProgressMode = 'auto'): Progress {
  if (mode === 'none') return { update: () => undefined, finish: () => undefined };
  const started = performance.now();
  const tty = mode === 'bar' || (mode === 'auto' && stream.isTTY === true);
  let lastLine = 0;
  const text = (done: number) => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = done / Math.max(elapsed, 1e-9);
    const left = (total - done) / rate;
    return { elapsed, line: `${(already + done).toLocaleString('en-US')}/${(already + total).toLocaleString('en-US')} runs · ${rate.toFixed(0)} runs/s · ${done === total ? `done in ${clock(elapsed)}` : `${clock(left)} left`}` };
  };
  return {
    update(done) {
      const { elapsed, line } = text(done);
      if (tty) {
        const width = 30;
        const filled = Math.round(((already + done) / Math.max(1, already + total)) * width);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}   `);
      } else if (elapsed - lastLine >= 10 && done < total) {
        lastLine = elapsed;
        stream.write(`${line}\n`);
      }
    },
    finish(done) {
      const { line } = text(done);
      stream.write(tty ? `\r${' '.repeat(90)}\r${line}\n` : `${line}\n`);
    },
  };
}
