/**
 * The restart curve: the fire site's servers running over time, simulated
 * against the reported points; two runs compared share the chart (the
 * second dashed). In spoiler-free mode drawn only up to the shown hour.
 */
import * as d3 from 'd3';
import { el } from '../dom.js';
import type { Recording } from '../recording.js';
import { lastAtOrBefore } from '../story.js';
import { horizonOf } from './services.js';

const HEIGHT = 150;

/** Whether two runs' fire-site curves are the same at every sample. */
export function sameCurve(a: Recording, b: Recording): boolean {
  if (a.samples.length !== b.samples.length) return false;
  const sa = a.fireSite;
  const sb = b.fireSite;
  return a.samples.every((s, i) => s.h === b.samples[i]!.h && s.running[sa] === b.samples[i]!.running[sb]);
}

export class RestartCurve {
  readonly element: HTMLElement;
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private drawnFor = '';

  /** `recordings`: one run, or two compared (a note says when their curves are the same). */
  constructor(private readonly recordings: Recording[]) {
    this.element = el('section', { class: 'restart-curve' });
    const legend = recordings.length > 1 ? `— ${recordings[0]!.start?.design ?? 'scenario'} · ┅ ${recordings[1]!.start?.design ?? 'scenario'} · ○ reported` : '— simulated · ○ reported';
    this.element.append(el('h3', {}, 'Servers running at the fire site ', el('small', {}, legend)));
    this.svg = d3.select(this.element).append('svg').attr('data-testid', 'restart-curve').attr('role', 'img');
  }

  draw(h: number, width: number, spoilerFree: boolean): void {
    const first = this.recordings[0]!;
    if (first.start === null) return;
    const x = d3.scaleLinear().domain([0, Math.max(...this.recordings.map((r) => horizonOf(r, spoilerFree)))]).range([40, width - 10]);
    const y = d3.scaleLinear().domain([0, 1]).range([HEIGHT - 20, 5]);
    const upTo = this.recordings.map((r) => (spoilerFree ? lastAtOrBefore(r.samples, h) + 1 : r.samples.length));
    const key = `${width} ${spoilerFree} ${upTo.join()} ${this.recordings.map((r) => (r.end ? 1 : 0)).join()}`;
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
      this.recordings.forEach((rec, k) => {
        const site = rec.fireSite;
        this.svg.append('path').attr('class', `simulated run-${k}`).attr('d', line(rec.samples.slice(0, upTo[k]).map((s) => ({ h: s.h, f: s.running[site] ?? 1 }))));
      });
      const points = (first.end?.serverCurve ?? []).filter((p) => p.reportedFractionRunning !== null && (!spoilerFree || p.hours <= h + 1e-9));
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
    const shown = this.recordings.map((r) => `${r.start?.design ?? 'scenario'} ${((r.samples[lastAtOrBefore(r.samples, h)]?.running[r.fireSite] ?? 1) * 100).toFixed(0)}%`).join(', ');
    this.svg.attr('aria-label', `Servers running at the fire site, at ${h.toFixed(1)} h: ${shown}`);
    this.svg.select('line.cursor').attr('x1', x(h)).attr('x2', x(h));
  }
}
