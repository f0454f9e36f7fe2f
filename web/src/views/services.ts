/**
 * Service timelines: each service's availability over time, with the
 * promise's deadline, the simulated recovery and the reported one marked;
 * hovering a row says what the service was waiting for (its critical chain).
 */
import * as d3 from 'd3';
import { el } from '../dom.js';
import type { Recording } from '../recording.js';

const ROW = 18;
const LEFT = 190;

/** Hours shown on the time axes: to a little after everything is back. */
export function horizonOf(recording: Recording): number {
  const end = recording.end;
  const restored = end?.allRestoredHours ?? null;
  const reported = end?.reportedAllRestoredHours ?? null;
  const last = Math.max(restored ?? recording.lastHour, reported ?? 0, 12);
  return Math.ceil((last * 1.05) / 12) * 12;
}

/** The service timelines of one recording. */
export class ServiceTimelines {
  readonly element: HTMLElement;
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly tooltip: HTMLElement;
  private drawnFor = -1;

  constructor(private readonly recording: Recording) {
    this.element = document.createElement('section');
    this.element.className = 'services';
    this.element.append(el('h3', {}, 'Services ', el('small', {}, 'availability · ▏simulated normal · ◇ reported · ┆ promise')));
    this.svg = d3.select(this.element).append('svg').attr('data-testid', 'service-timelines');
    this.tooltip = document.createElement('div');
    this.tooltip.className = 'tooltip';
    this.tooltip.hidden = true;
    this.element.append(this.tooltip);
  }

  draw(h: number, width: number): void {
    const rec = this.recording;
    const start = rec.start;
    if (start === null) return;
    const services = start.services;
    const height = services.length * ROW + 24;
    const x = d3.scaleLinear().domain([0, horizonOf(rec)]).range([LEFT, width - 10]);
    const key = rec.samples.length * 10 + (rec.end ? 1 : 0) + width * 1e6;
    if (key !== this.drawnFor) {
      this.drawnFor = key;
      this.svg.attr('width', width).attr('height', height).selectAll('*').remove();
      const rows = this.svg.selectAll('g.row').data(services).join('g').attr('class', 'row').attr('transform', (_, i) => `translate(0,${i * ROW})`);
      rows.append('text').attr('x', 0).attr('y', 13).text((s) => (s.name.length > 30 ? `${s.name.slice(0, 29)}…` : s.name)).attr('class', 'name');
      rows.append('rect').attr('x', LEFT).attr('y', 2).attr('width', width - 10 - LEFT).attr('height', ROW - 4).attr('class', 'track');
      const area = (i: number) =>
        d3
          .area<{ h: number; a: number }>()
          .curve(d3.curveStepAfter)
          .x((p) => x(p.h))
          .y0(ROW - 2)
          .y1((p) => ROW - 2 - p.a * (ROW - 4))(rec.samples.map((s) => ({ h: s.h, a: s.availability[i] ?? 1 })));
      rows.append('path').attr('class', 'availability').attr('d', (_, i) => area(i));
      const results = rec.end?.services ?? [];
      rows.each(function (s) {
        const r = results.find((x) => x.id === s.id);
        const g = d3.select(this);
        if (r?.normalHours != null && r.normalHours > 0) g.append('line').attr('class', 'sim-normal').attr('x1', x(r.normalHours)).attr('x2', x(r.normalHours)).attr('y1', 1).attr('y2', ROW - 1);
        if (r?.reportedNormalHours != null) g.append('path').attr('class', 'reported').attr('d', d3.symbol(d3.symbolDiamond, 36)()).attr('transform', `translate(${x(r.reportedNormalHours)},${ROW / 2})`);
      });
      const deadline = rec.end?.promiseDeadlineHours;
      if (deadline != null) this.svg.append('line').attr('class', 'promise').attr('x1', x(deadline)).attr('x2', x(deadline)).attr('y1', 0).attr('y2', services.length * ROW);
      this.svg.append('g').attr('transform', `translate(0,${services.length * ROW + 2})`).call(d3.axisBottom(x).ticks(Math.min(12, width / 80)).tickFormat((d) => `${d} h`));
      this.svg.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', services.length * ROW);
      rows
        .on('mousemove', (event: MouseEvent, s) => this.hover(event, s.id))
        .on('mouseleave', () => {
          this.tooltip.hidden = true;
        });
    }
    this.svg.select('line.cursor').attr('x1', x(h)).attr('x2', x(h));
  }

  private hover(event: MouseEvent, id: string): void {
    const r = this.recording.end?.services.find((s) => s.id === id);
    const start = this.recording.start!;
    const name = start.services.find((s) => s.id === id)?.name ?? id;
    let text: string;
    if (r === undefined) text = `${name}: still running…`;
    else if (r.normalHours === null) text = `${name}: not back to normal by the end of the run.`;
    else if (r.criticalChain.length === 0) text = `${name}: never lost.`;
    else text = `${name} normal at ${r.normalHours.toFixed(1)} h, waiting for: ${r.criticalChain.map((l) => `${l.what} (${l.fromHours.toFixed(1)}→${l.toHours.toFixed(1)} h)`).join(', ')}`;
    this.tooltip.textContent = text;
    this.tooltip.hidden = false;
    const box = this.element.getBoundingClientRect();
    this.tooltip.style.left = `${Math.min(event.clientX - box.left + 12, box.width - 320)}px`;
    this.tooltip.style.top = `${event.clientY - box.top + 12}px`;
  }
}
