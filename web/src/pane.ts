/** Every view of one run, all following one player: alone, or as one side of a comparison (see compare.ts). */
import { el } from './dom.js';
import type { Recording } from './recording.js';
import { FloorMap } from './views/floorMap.js';
import { LedgerView } from './views/ledger.js';
import { NarrativeLog } from './views/narrative.js';
import { RestartCurve } from './views/restartCurve.js';
import { ServiceTimelines } from './views/services.js';
import { Summary } from './views/summary.js';

/** What every view is drawn with. */
export interface DrawOptions {
  h: number;
  spoilerFree: boolean;
}

/** A design's title and what it changes, when the server's catalog says. */
export interface DesignInfo {
  title: string;
  description: string | null;
}

/** The run's heading: design, scenario, policy, seed, fingerprint, state, and a sentence on what the design changes. */
export class RunHeader {
  readonly element: HTMLElement;
  private shownFor = '';

  constructor(
    private readonly recording: Recording,
    private readonly info: DesignInfo | null,
  ) {
    this.element = el('header');
  }

  draw(): void {
    const start = this.recording.start;
    if (start === null) return;
    const state = this.recording.end ? 'complete' : 'running';
    if (this.shownFor === `${state} ${this.recording.problem}`) return;
    this.shownFor = `${state} ${this.recording.problem}`;
    // Recordings of protocol 1.1 carry no fingerprint.
    const sha = start.scenarioSha256 === undefined ? [] : [' · scenario ', el('abbr', { 'data-testid': 'scenario-sha', title: `SHA-256 of the scenario as simulated: ${start.scenarioSha256}` }, start.scenarioSha256.slice(0, 12))];
    const title = this.info?.title ?? start.design ?? 'scenario as written';
    const note = start.design === null ? `The scenario as written: ${start.title}.` : this.info?.description ?? null;
    this.element.replaceChildren(
      el(
        'h2',
        {},
        `${title} `,
        el('small', {}, `${start.design ?? start.scenario} · ${start.title} · policy ${start.policy} · seed ${start.seed}`, ...sha),
        ' ',
        el('span', { class: 'run-state', 'data-testid': 'run-status', 'data-state': state }, state === 'complete' ? 'run complete' : 'simulating…'),
      ),
      ...(note === null ? [] : [el('p', { class: 'design-note', 'data-testid': 'design-note' }, note)]),
      ...(this.recording.problem === null ? [] : [el('p', { class: 'problem', 'data-testid': 'problem' }, this.recording.problem)]),
    );
  }
}

/** Width a pane's charts may take. */
export const chartWidth = (element: HTMLElement) => Math.max(240, element.clientWidth - 16);

export class Pane {
  readonly element: HTMLElement;
  readonly recordings: Recording[];
  private readonly header: RunHeader;
  private readonly floorMap: FloorMap;
  private readonly services: ServiceTimelines;
  private readonly curve: RestartCurve;
  private readonly summary: Summary;
  private readonly narrative: NarrativeLog;
  private readonly ledger: LedgerView;
  private readonly side: HTMLElement;

  constructor(
    readonly recording: Recording,
    seek: (h: number) => void,
    info: DesignInfo | null = null,
  ) {
    this.recordings = [recording];
    this.element = el('article', { class: 'pane' });
    this.header = new RunHeader(recording, info);
    this.floorMap = new FloorMap(recording);
    this.services = new ServiceTimelines([recording]);
    this.curve = new RestartCurve([recording]);
    this.summary = new Summary(recording);
    this.narrative = new NarrativeLog(recording, seek);
    this.ledger = new LedgerView(recording);
    this.side = el('div', { class: 'side' }, this.ledger.element, this.narrative.element);
    this.element.append(this.header.element, el('div', { class: 'top' }, this.floorMap.element, this.side), this.ledger.table, this.services.element, this.curve.element, this.summary.element);
  }

  draw({ h, spoilerFree }: DrawOptions): void {
    if (this.recording.start === null) return;
    const width = chartWidth(this.element);
    this.header.draw();
    this.floorMap.draw(h, Math.min(width, 560));
    this.narrative.draw(h, spoilerFree);
    this.ledger.draw(h, Math.max(240, this.side.clientWidth || width), spoilerFree);
    this.curve.draw(h, width, spoilerFree);
    this.services.draw(h, width, spoilerFree);
    this.summary.draw(h, spoilerFree);
  }
}
