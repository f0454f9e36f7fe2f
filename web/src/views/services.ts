/**
 * Service timelines: each service's availability over time, with the
 * promise's deadline, the simulated recovery and the reported one marked.
 * Two runs compared share one axis, mirrored: the first above each row's
 * middle line, the second below. A row says what its service was waiting
 * for (its critical chain) when it is hovered, clicked, tapped or pressed.
 * In spoiler-free mode nothing after the shown hour is drawn.
 */
import * as d3 from 'd3';
import { el } from '../dom.js';
import type { Recording } from '../recording.js';
import { lastAtOrBefore, promiseAt } from '../story.js';

/** Hours shown on the time axes: to a little after everything is back (in spoiler-free mode, whole weeks, which tell nothing). */
export function horizonOf(recording: Recording, spoilerFree = false): number {
  if (spoilerFree) return Math.max(168, Math.ceil(recording.lastHour / 168) * 168);
  const end = recording.end;
  const restored = end?.allRestoredHours ?? null;
  const reported = end?.reportedAllRestoredHours ?? null;
  const last = Math.max(restored ?? recording.lastHour, reported ?? 0, 12);
  return Math.ceil((last * 1.05) / 12) * 12;
}

/** Width of the service names beside the rows. */
export const labelWidth = (width: number) => (width < 520 ? 104 : 190);

/** What a run's service was waiting for, as far as hour `h` shows (everything when `h` is null). */
export function chainText(rec: Recording, id: string, h: number | null): string {
  const start = rec.start!;
  const name = start.services.find((s) => s.id === id)?.name ?? id;
  const r = rec.end?.services.find((s) => s.id === id);
  const known = (x: number | null | undefined) => x != null && (h === null || x <= h + 1e-9);
  if (r === undefined) return `${name}: still running…`;
  if (r.criticalChain.length === 0) return `${name}: never lost.`;
  const links = r.criticalChain.filter((l) => h === null || l.fromHours <= h + 1e-9).map((l) => `${l.what} (${l.fromHours.toFixed(1)}→${known(l.toHours) ? l.toHours.toFixed(1) : '…'} h)`);
  if (known(r.normalHours)) return `${name} normal at ${r.normalHours!.toFixed(1)} h, waiting for: ${links.join(', ')}`;
  if (h === null) return `${name}: not back to normal by the end of the run.`;
  return `${name}: not normal yet${links.length > 0 ? `; waiting so far for: ${links.join(', ')}` : ''}`;
}

/** The service timelines of one run, or of two on one axis. */
export class ServiceTimelines {
  readonly element: HTMLElement;
  private readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly tooltip: HTMLElement;
  private drawnFor = '';
  private pathsFor = '';
  private h = 0;
  private spoilerFree = false;
  private pinned: string | null = null;

  constructor(private readonly recordings: Recording[]) {
    this.element = el('section', { class: 'services' });
    const key = recordings.length > 1 ? `▲ ${recordings[0]!.start?.design ?? 'scenario as written'} above · ▼ ${recordings[1]!.start?.design ?? 'scenario as written'} below · ` : '';
    this.element.append(el('h3', {}, 'Services ', el('small', {}, `${key}availability · ▏simulated normal · ◇ reported · ┆ promise — press or tap a row for what it waited for`)));
    this.svg = d3.select(this.element).append('svg').attr('data-testid', 'service-timelines').attr('role', 'group').attr('aria-label', 'Service availability over time; each row is a button that tells what the service waited for');
    this.tooltip = el('div', { class: 'tooltip', role: 'status', 'data-testid': 'tooltip' });
    this.tooltip.hidden = true;
    this.element.append(this.tooltip);
  }

  draw(h: number, width: number, spoilerFree: boolean): void {
    const first = this.recordings[0]!;
    const start = first.start;
    if (start === null) return;
    this.h = h;
    this.spoilerFree = spoilerFree;
    const pair = this.recordings.length > 1;
    const ROW = pair ? 26 : 18;
    const LEFT = labelWidth(width);
    const services = start.services;
    const horizon = Math.max(...this.recordings.map((r) => horizonOf(r, spoilerFree)));
    const x = d3.scaleLinear().domain([0, horizon]).range([LEFT, width - 10]);
    const key = `${width} ${spoilerFree} ${horizon} ${this.recordings.map((r) => `${r.samples.length}${r.end ? 'e' : ''}`).join()}`;
    if (key !== this.drawnFor) {
      this.drawnFor = key;
      this.pathsFor = '';
      this.svg.attr('width', width).attr('height', services.length * ROW + 24).selectAll('*').remove();
      const rows = this.svg
        .selectAll('g.row')
        .data(services)
        .join('g')
        .attr('class', 'row')
        .attr('transform', (_, i) => `translate(0,${i * ROW})`)
        .attr('data-service', (s) => s.id);
      const short = width < 520 ? 15 : 30;
      rows.append('text').attr('x', 0).attr('y', ROW / 2 + 4).text((s) => (s.name.length > short ? `${s.name.slice(0, short - 1)}…` : s.name)).attr('class', 'name');
      // The track is the row's button: its label is the full name, which the drawn text may cut short.
      rows
        .append('rect')
        .attr('x', LEFT)
        .attr('y', 1)
        .attr('width', Math.max(0, width - 10 - LEFT))
        .attr('height', ROW - 2)
        .attr('class', 'track')
        .attr('tabindex', 0)
        .attr('role', 'button')
        .attr('data-service', (s) => s.id)
        .attr('aria-label', (s) => `${s.name}: what it waited for`);
      this.recordings.forEach((_, k) => rows.append('path').attr('class', `availability run-${k}`));
      if (pair) rows.append('line').attr('class', 'midline').attr('x1', LEFT).attr('x2', width - 10).attr('y1', ROW / 2).attr('y2', ROW / 2);
      this.recordings.forEach((rec, k) => {
        const results = rec.end?.services ?? [];
        rows.each(function (s) {
          const r = results.find((x) => x.id === s.id);
          const g = d3.select(this);
          const [y1, y2] = pair ? (k === 0 ? [1, ROW / 2] : [ROW / 2, ROW - 1]) : [1, ROW - 1];
          if (r?.normalHours != null && r.normalHours > 0) g.append('line').attr('class', `sim-normal marker run-${k}`).attr('data-h', r.normalHours).attr('x1', x(r.normalHours)).attr('x2', x(r.normalHours)).attr('y1', y1).attr('y2', y2);
          if (k === 0 && r?.reportedNormalHours != null) g.append('path').attr('class', 'reported marker').attr('data-h', r.reportedNormalHours).attr('d', d3.symbol(d3.symbolDiamond, 36)()).attr('transform', `translate(${x(r.reportedNormalHours)},${ROW / 2})`);
        });
      });
      const deadline = first.end?.promiseDeadlineHours;
      if (deadline != null) this.svg.append('line').attr('class', 'promise').attr('x1', x(deadline)).attr('x2', x(deadline)).attr('y1', 0).attr('y2', services.length * ROW);
      this.svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${services.length * ROW + 2})`).call(d3.axisBottom(x).ticks(Math.min(12, width / 80)).tickFormat((d) => `${d} h`));
      this.svg.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', services.length * ROW);
      rows
        .on('mousemove', (event: MouseEvent, s) => this.show(s.id, event.clientX, event.clientY))
        .on('mouseleave', () => {
          if (this.pinned === null) this.tooltip.hidden = true;
        })
        .on('click', (event: MouseEvent, s) => {
          this.pinned = this.pinned === s.id ? null : s.id;
          if (this.pinned === null) this.tooltip.hidden = true;
          else this.show(s.id, event.clientX, event.clientY);
        })
        .on('keydown', (event: KeyboardEvent, s) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          // The row's own key: Space here opens the row, it does not play.
          event.preventDefault();
          event.stopPropagation();
          this.pinned = this.pinned === s.id ? null : s.id;
          const box = (event.currentTarget as Element).getBoundingClientRect();
          if (this.pinned === null) this.tooltip.hidden = true;
          else this.show(s.id, box.left + LEFT, box.bottom);
        });
    }
    // The availability: all of it, or in spoiler-free mode up to the sample at or before h.
    const upTo = this.recordings.map((r) => (spoilerFree ? lastAtOrBefore(r.samples, h) + 1 : r.samples.length));
    const pathsKey = upTo.join();
    if (pathsKey !== this.pathsFor) {
      this.pathsFor = pathsKey;
      this.recordings.forEach((rec, k) => {
        const samples = rec.samples.slice(0, upTo[k]);
        // Spoiler-free: the last sample holds until the shown hour, not to the next one.
        const points = (i: number) => {
          const p = samples.map((s) => ({ h: s.h, a: s.availability[i] ?? 1 }));
          if (spoilerFree && p.length > 0) p.push({ h: Math.max(p.at(-1)!.h, h), a: p.at(-1)!.a });
          return p;
        };
        const mid = ROW / 2;
        const area = d3
          .area<{ h: number; a: number }>()
          .curve(d3.curveStepAfter)
          .x((p) => x(p.h));
        if (!pair) area.y0(ROW - 1).y1((p) => ROW - 1 - p.a * (ROW - 2));
        else if (k === 0) area.y0(mid).y1((p) => mid - p.a * (mid - 1));
        else area.y0(mid).y1((p) => mid + p.a * (mid - 1));
        this.svg.selectAll<SVGPathElement, unknown>(`path.availability.run-${k}`).attr('d', (_, i) => area(points(i)) ?? '');
      });
    }
    // Markers of what comes later are hidden in spoiler-free mode; the promise's line once its deadline is known.
    this.svg.selectAll<SVGElement, unknown>('.marker').attr('display', function () {
      return spoilerFree && Number(this.getAttribute('data-h')) > h + 1e-9 ? 'none' : null;
    });
    this.svg.select('line.promise').attr('display', spoilerFree && promiseAt(first, h).deadlineH === null ? 'none' : null);
    this.svg.select('line.cursor').attr('x1', x(h)).attr('x2', x(h));
    if (this.pinned !== null && !this.tooltip.hidden) this.tooltip.textContent = this.text(this.pinned);
  }

  private text(id: string): string {
    const at = this.spoilerFree ? this.h : null;
    if (this.recordings.length === 1) return chainText(this.recordings[0]!, id, at);
    return this.recordings.map((r) => `${r.start?.design ?? 'scenario as written'}: ${chainText(r, id, at)}`).join('\n');
  }

  private show(id: string, clientX: number, clientY: number): void {
    this.tooltip.textContent = this.text(id);
    this.tooltip.hidden = false;
    const box = this.element.getBoundingClientRect();
    const width = Math.min(320, box.width - 8);
    this.tooltip.style.maxWidth = `${width}px`;
    this.tooltip.style.left = `${Math.max(4, Math.min(clientX - box.left + 12, box.width - width - 4))}px`;
    this.tooltip.style.top = `${clientY - box.top + 12}px`;
  }
}
