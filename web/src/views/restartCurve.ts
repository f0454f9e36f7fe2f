/** The restart curve: the fire site's servers running over time, simulated against the reported points. */
import * as d3 from 'd3';
import { el } from '../dom.js';
import type { Recording } from '../recording.js';
import { horizonOf } from './services.js';

const HEIGHT = 150;

export class RestartCurve {
  readonly element: HTMLElement;
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private drawnFor = -1;

  constructor(private readonly recording: Recording) {
    this.element = document.createElement('section');
    this.element.className = 'restart-curve';
    this.element.append(el('h3', {}, 'Servers running at the fire site ', el('small', {}, '— simulated · ○ reported')));
    this.svg = d3.select(this.element).append('svg').attr('data-testid', 'restart-curve');
  }

  draw(h: number, width: number): void {
    const rec = this.recording;
    if (rec.start === null) return;
    const site = rec.fireSite;
    const x = d3.scaleLinear().domain([0, horizonOf(rec)]).range([40, width - 10]);
    const y = d3.scaleLinear().domain([0, 1]).range([HEIGHT - 20, 5]);
    const key = rec.samples.length * 10 + (rec.end ? 1 : 0) + width * 1e6;
    if (key !== this.drawnFor) {
      this.drawnFor = key;
      this.svg.attr('width', width).attr('height', HEIGHT).selectAll('*').remove();
      this.svg.append('g').attr('transform', `translate(0,${HEIGHT - 20})`).call(d3.axisBottom(x).ticks(Math.min(12, width / 80)).tickFormat((d) => `${d} h`));
      this.svg.append('g').attr('transform', 'translate(40,0)').call(d3.axisLeft(y).ticks(4).tickFormat(d3.format('.0%')));
      const line = d3
        .line<{ h: number; f: number }>()
        .curve(d3.curveStepAfter)
        .x((p) => x(p.h))
        .y((p) => y(p.f));
      this.svg.append('path').attr('class', 'simulated').attr('d', line(rec.samples.map((s) => ({ h: s.h, f: s.running[site] ?? 1 }))));
      const points = rec.end?.serverCurve.filter((p) => p.reportedFractionRunning !== null) ?? [];
      const g = this.svg.append('g').attr('data-testid', 'curve-points');
      g.selectAll('circle')
        .data(points)
        .join('circle')
        .attr('class', 'reported')
        .attr('r', 4)
        .attr('cx', (p) => x(p.hours))
        .attr('cy', (p) => y(p.reportedFractionRunning!))
        .attr('data-hours', (p) => p.hours)
        .attr('data-fraction-running', (p) => p.fractionRunning)
        .attr('data-reported', (p) => p.reportedFractionRunning!)
        .append('title')
        .text((p) => `${p.hours} h: reported ${(p.reportedFractionRunning! * 100).toFixed(0)}%, simulated ${(p.fractionRunning * 100).toFixed(0)}%`);
      this.svg.append('line').attr('class', 'cursor').attr('y1', 5).attr('y2', HEIGHT - 20);
    }
    this.svg.select('line.cursor').attr('x1', x(h)).attr('x2', x(h));
  }
}
