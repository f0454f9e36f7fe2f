/**
 * A sweep's results (its summary.json) in the viewer: per design the spread of
 * all-restored hours and its worst and best runs, each a button that replays
 * that design and seed — live when a server is there, as a command otherwise.
 */
import type { SweepSummary } from '../../../src/sweep/summary.js';
import { escape } from './summary.js';

const h = (x: number | null) => (x === null ? 'never' : `${x.toFixed(1)} h`);

/** Builds the panel; `replay(design, seed)` is called when a run is picked. */
export function sweepPanel(summary: SweepSummary, replay: (design: string, seed: number) => void): HTMLElement {
  const element = document.createElement('article');
  element.className = 'pane sweep';
  element.dataset.testid = 'sweep';
  const rows = summary.perDesign
    .map(
      (d) => `<tr data-design="${escape(d.design)}"><td>${escape(d.design)}</td><td>${h(d.allRestoredHours.p50)}</td><td>${h(d.allRestoredHours.p90)}</td><td>${h(d.allRestoredHours.p99)}</td>
      <td>${d.promiseKept === null ? '—' : `${(d.promiseKept * 100).toFixed(1)}%`}</td>
      <td><button data-testid="replay" data-design="${escape(d.design)}" data-seed="${d.worst.seed}">worst: seed ${d.worst.seed} (${h(d.worst.allRestoredHours)})</button></td>
      <td><button data-testid="replay" data-design="${escape(d.design)}" data-seed="${d.best.seed}">best: seed ${d.best.seed} (${h(d.best.allRestoredHours)})</button></td></tr>`,
    )
    .join('');
  element.innerHTML = `<h2>Sweep <small>${escape(summary.scenario)} · policy ${escape(summary.policy)} · seeds ${escape(summary.seeds)} · ${summary.runs.toLocaleString('en-US')} runs</small></h2>
    <table><thead><tr><th>design</th><th>all restored P50</th><th>P90</th><th>P99</th><th>promise kept</th><th colspan="2">replay a run</th></tr></thead><tbody>${rows}</tbody></table>`;
  element.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLElement>('button[data-seed]');
    if (button) replay(button.dataset.design!, Number(button.dataset.seed));
  });
  return element;
}

/** Whether parsed JSON is a sweep summary this viewer reads. */
export function isSweepSummary(json: unknown): json is SweepSummary {
  return json !== null && typeof json === 'object' && (json as { kind?: unknown }).kind === 'firedrill-sweep-summary' && (json as { version?: unknown }).version === 1;
}
