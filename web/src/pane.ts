/** Every view of one run, side by side with another in a comparison, all following one player. */
import { el } from './dom.js';
import type { Recording } from './recording.js';
import { FloorMap } from './views/floorMap.js';
import { LedgerView } from './views/ledger.js';
import { NarrativeLog } from './views/narrative.js';
import { RestartCurve } from './views/restartCurve.js';
import { ServiceTimelines } from './views/services.js';
import { Summary } from './views/summary.js';

export class Pane {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly floorMap: FloorMap;
  private readonly services: ServiceTimelines;
  private readonly curve: RestartCurve;
  private readonly summary: Summary;
  private readonly narrative: NarrativeLog;
  private readonly ledger: LedgerView;
  /** What the header shows, to rebuild it only when that changes. */
  private headerFor = '';

  constructor(
    readonly recording: Recording,
    seek: (h: number) => void,
  ) {
    this.element = document.createElement('article');
    this.element.className = 'pane';
    this.header = document.createElement('header');
    this.floorMap = new FloorMap(recording);
    this.services = new ServiceTimelines(recording);
    this.curve = new RestartCurve(recording);
    this.summary = new Summary(recording);
    this.narrative = new NarrativeLog(recording, seek);
    this.ledger = new LedgerView(recording);
    const top = document.createElement('div');
    top.className = 'top';
    top.append(this.floorMap.element, this.narrative.element);
    this.element.append(this.header, top, this.curve.element, this.services.element, this.summary.element, this.ledger.element);
  }

  draw(h: number): void {
    const start = this.recording.start;
    if (start === null) return;
    const width = Math.max(320, this.element.clientWidth - 16);
    const state = this.recording.end ? 'complete' : 'running';
    if (this.headerFor !== `${state} ${this.recording.problem}`) {
      this.headerFor = `${state} ${this.recording.problem}`;
      // Recordings of protocol 1.1 carry no fingerprint.
      const sha = start.scenarioSha256 === undefined ? [] : [' · scenario ', el('abbr', { 'data-testid': 'scenario-sha', title: `SHA-256 of the scenario as simulated: ${start.scenarioSha256}` }, start.scenarioSha256.slice(0, 12))];
      this.header.replaceChildren(
        el(
          'h2',
          {},
          `${start.design ?? 'scenario as written'} `,
          el('small', {}, `${start.title} · policy ${start.policy} · seed ${start.seed}`, ...sha),
          ' ',
          el('span', { class: 'run-state', 'data-testid': 'run-status', 'data-state': state }, state === 'complete' ? 'run complete' : 'simulating…'),
        ),
        ...(this.recording.problem === null ? [] : [el('p', { class: 'problem', 'data-testid': 'problem' }, this.recording.problem)]),
      );
    }
    this.floorMap.draw(h, Math.min(width, 560));
    this.narrative.draw(h);
    this.curve.draw(h, width);
    this.services.draw(h, width);
    this.summary.draw();
    this.ledger.draw(h);
  }
}
