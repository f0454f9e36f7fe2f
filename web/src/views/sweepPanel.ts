/**
 * A sweep's results (its summary.json) in the viewer: per design the spread of
 * all-restored hours and its worst and best runs, each a button that replays
 * that design and seed — live when a server is there, as a command otherwise.
 */
import type { SweepSummary } from '../../../src/sweep/summary.js';
import { el } from '../dom.js';

const h = (x: number | null) => (x === null ? 'never' : `${x.toFixed(1)} h`);

/** Builds the panel from a checked summary; `replay(design, policy, seed)` is called when a run is picked. */
export function sweepPanel(summary: SweepSummary, replay: (design: string, policy: string, seed: number) => void): HTMLElement {
  const button = (arm: SweepSummary['perDesign'][number], which: 'worst' | 'best', run: { seed: number; allRestoredHours: number | null }) => {
    const b = el('button', { 'data-testid': 'replay', 'data-design': arm.designName, 'data-policy': arm.policy, 'data-seed': run.seed }, `${which}: seed ${run.seed} (${h(run.allRestoredHours)})`);
    b.addEventListener('click', () => replay(arm.designName, arm.policy, run.seed));
    return b;
  };
  const rows = summary.perDesign.map((d) =>
    el(
      'tr',
      { 'data-design': d.design },
      ...[d.design, h(d.allRestoredHours.p50), h(d.allRestoredHours.p90), h(d.allRestoredHours.p99), d.promiseKept === null ? '—' : `${(d.promiseKept * 100).toFixed(1)}%`].map((text) => el('td', {}, text)),
      el('td', {}, button(d, 'worst', d.worst)),
      el('td', {}, button(d, 'best', d.best)),
    ),
  );
  const head = [summary.policies.length > 1 ? 'design / policy' : 'design', 'all restored P50', 'P90', 'P99', 'promise kept'].map((text) => el('th', {}, text));
  return el(
    'article',
    { class: 'pane sweep', 'data-testid': 'sweep' },
    el('h2', {}, 'Sweep ', el('small', {}, `${summary.scenario} · ${summary.policies.length === 1 ? 'policy' : 'policies'} ${summary.policies.join(', ')} · seeds ${summary.seeds} · ${summary.runs.toLocaleString('en-US')} runs`)),
    el('table', {}, el('thead', {}, el('tr', {}, ...head, el('th', { colspan: 2 }, 'replay a run'))), el('tbody', {}, ...rows)),
  );
}
