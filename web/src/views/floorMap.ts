/**
 * The floor map: every server a cell on a canvas, grouped by site and hall
 * (racks as columns), coloured by its class of state at the shown hour (see
 * palette.ts; failed cells are checkered too), with counts per class and per
 * hall in text beside it, and the canvas's own text alternative. Draws from
 * the last fleet keyframe at or before the hour, so seeking anywhere costs
 * one decode.
 */
import { el, scrollBox } from '../dom.js';
import { STATE_CLASSES, stateClassOf } from '../palette.js';
import type { Recording } from '../recording.js';

/** A legend square of a class: its colour, checkered where the class has a pattern. */
export function classSwatch(i: number): HTMLElement {
  const c = STATE_CLASSES[i]!;
  const square = el('i', { class: c.pattern === null ? null : 'patterned' });
  square.style.backgroundColor = c.colour;
  if (c.pattern !== null) square.style.backgroundImage = `conic-gradient(${c.pattern} 25%, transparent 0 50%, ${c.pattern} 0 75%, transparent 0)`;
  return square;
}

const CELL = 2;
const HALL_GAP = 6;
const LABEL = 14;
/** Canvas height drawn at most: Chromium refuses taller canvases (32,767 px); halls beyond it are left out. */
const MAX_HEIGHT = 32_000;

/** The floor map of one recording. */
export class FloorMap {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly legend: HTMLElement;
  private readonly halls: HTMLElement;
  private readonly fireNote: HTMLElement;
  private pixels: Int32Array = new Int32Array(0);
  private shown = -2;
  private states: Uint8Array = new Uint8Array(0);
  /** Where the fire site's label ends, for the burning-room marker. */
  private fireMark: { x: number; y: number } | null = null;
  private fireShown = '';
  /** The canvas with its labels, cells written into it pixel by pixel and put back in one pass. */
  private image: ImageData | null = null;

  constructor(private readonly recording: Recording) {
    this.element = document.createElement('section');
    this.element.className = 'floor-map';
    this.fireNote = el('span', { class: 'fire-note', 'data-testid': 'fire-note' });
    this.legend = el('div', { class: 'legend', 'data-testid': 'state-counts' });
    this.canvas = el('canvas', { 'data-testid': 'floor-map', role: 'img', 'aria-label': 'Floor map' });
    this.halls = scrollBox('servers per hall');
    this.halls.classList.add('hall-counts');
    this.element.append(el('h3', {}, 'Floor map ', this.fireNote), this.legend, this.canvas, this.halls);
  }

  /** Lays the halls out once the recording's layout is known. */
  private layout(width: number): void {
    const start = this.recording.start!;
    const servers = start.halls.reduce((n, h) => n + h.racks * h.serversPerRack, 0);
    this.pixels = new Int32Array(servers * 2);
    this.states = new Uint8Array(servers);
    const ctx = this.canvas.getContext('2d')!;
    let y = 0;
    const labels: Array<[string, number, number]> = [];
    for (const site of start.sites) {
      const halls = start.halls.filter((h) => h.site === site.id);
      if (halls.length === 0) continue;
      labels.push([site.name, 0, y + 11]);
      if (site.id === this.recording.start!.sites[this.recording.fireSite]?.id) {
        ctx.font = 'bold 11px system-ui, sans-serif';
        this.fireMark = { x: Math.min(width - 130, ctx.measureText(site.name).width + 10), y };
      }
      y += LABEL;
      let x = 0;
      let rowHeight = 0;
      for (const hall of halls) {
        const w = hall.racks * CELL;
        const h = hall.serversPerRack * CELL;
        if (x > 0 && x + w > width) {
          x = 0;
          y += rowHeight + HALL_GAP;
          rowHeight = 0;
        }
        for (let i = 0; i < hall.racks * hall.serversPerRack; i++) {
          const s = hall.firstServer + i;
          this.pixels[s * 2] = x + Math.floor(i / hall.serversPerRack) * CELL;
          this.pixels[s * 2 + 1] = y + (i % hall.serversPerRack) * CELL;
        }
        labels.push([hall.id, x, y + h + 9]);
        x += w + HALL_GAP;
        rowHeight = Math.max(rowHeight, h + 10);
      }
      y += rowHeight + HALL_GAP;
    }
    // A canvas of height 0 has no image data to write cells into.
    y = Math.min(Math.max(y, 1), MAX_HEIGHT);
    this.canvas.width = width;
    this.canvas.height = y;
    this.canvas.style.width = `${width}px`;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, y);
    ctx.fillStyle = '#333';
    for (const [text, lx, ly] of labels) {
      ctx.font = text.length > 8 ? 'bold 11px system-ui, sans-serif' : '9px system-ui, sans-serif';
      ctx.fillText(text, lx, ly);
    }
    this.image = ctx.getImageData(0, 0, width, y);
  }

  /** Marks the burning room beside its site's name: red while it burns, grey once the fire is out. */
  private markFire(h: number): void {
    const ignited = this.recording.narrative.find((n) => n.kind === 'fire.ignited');
    const out = this.recording.narrative.find((n) => n.kind === 'fire.out');
    const state = ignited === undefined || ignited.h > h ? 'none' : out !== undefined && out.h <= h ? 'out' : 'burning';
    this.fireNote.textContent = state === 'none' ? '' : state === 'burning' ? `burning: ${ignited!.text}` : `fire out at ${out!.h.toFixed(1)} h`;
    this.fireNote.dataset.state = state;
    if (state === this.fireShown || this.fireMark === null) return;
    this.fireShown = state;
    const ctx = this.canvas.getContext('2d')!;
    const { x, y } = this.fireMark;
    ctx.fillStyle = '#fff';
    ctx.fillRect(x, y, 130, 13);
    if (state === 'none') return;
    ctx.fillStyle = state === 'burning' ? '#e03131' : '#868e96';
    ctx.fillRect(x, y + 1, 130, 12);
    ctx.fillStyle = '#fff';
    ctx.font = 'bold 10px system-ui, sans-serif';
    ctx.fillText(`${state === 'burning' ? 'BURNING' : 'BURNT'}: ${String(ignited!.data?.room ?? 'room')}`, x + 4, y + 10);
  }

  /** Draws the fleet at hour `h`. */
  draw(h: number, width: number): void {
    const start = this.recording.start;
    if (start === null) return;
    if (this.pixels.length === 0 || this.canvas.width !== width) {
      this.layout(width);
      this.shown = -2;
      this.fireShown = '';
    }
    const frames = this.recording.fleet;
    // The last keyframe at or before h (binary search).
    let lo = 0;
    let hi = frames.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (frames[mid]!.h <= h + 1e-9) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    this.markFire(h);
    if (at === this.shown) return;
    this.shown = at;
    this.states.fill(0);
    if (at >= 0) {
      const runs = frames[at]!.runs;
      let s = 0;
      for (let r = 0; r < runs.length; r += 2) {
        this.states.fill(runs[r]!, s, s + runs[r + 1]!);
        s += runs[r + 1]!;
      }
    }
    const names = start.serverStates;
    const classOf = names.map(stateClassOf);
    const rgb = STATE_CLASSES.map((c) => [c.colour, c.pattern ?? c.colour].map((x) => [parseInt(x.slice(1, 3), 16), parseInt(x.slice(3, 5), 16), parseInt(x.slice(5, 7), 16)] as const));
    const counts = new Array<number>(STATE_CLASSES.length).fill(0);
    const image = this.image!;
    const data = image.data;
    const stride = image.width * 4;
    for (let s = 0; s < this.states.length; s++) {
      const k = classOf[this.states[s]!] ?? 2;
      counts[k]!++;
      const colours = rgb[k]!;
      let at = this.pixels[s * 2 + 1]! * stride + this.pixels[s * 2]! * 4;
      for (let dy = 0; dy < CELL; dy++, at += stride) {
        for (let dx = 0; dx < CELL; dx++) {
          // A checkered cell for a patterned class: its two colours on the diagonals.
          const [r, g, b] = colours[(dx + dy) & 1]!;
          const p = at + dx * 4;
          data[p] = r;
          data[p + 1] = g;
          data[p + 2] = b;
          data[p + 3] = 255;
        }
      }
    }
    this.canvas.getContext('2d')!.putImageData(image, 0, 0);
    // The put covers the burning-room marker: draw it again.
    this.fireShown = '';
    this.markFire(h);
    const members = (k: number) => [...new Set(names.filter((_, i) => classOf[i] === k))].join(', ');
    this.legend.replaceChildren(...STATE_CLASSES.map((c, k) => el('span', { class: 'state', 'data-class': c.id, 'data-count': counts[k], title: members(k) ? `states: ${members(k)}` : null }, classSwatch(k), `${c.label} `, el('b', {}, counts[k]!.toLocaleString('en-US')))));
    const total = this.states.length;
    this.canvas.setAttribute('aria-label', `Floor map at ${h.toFixed(1)} h after ignition: ${total.toLocaleString('en-US')} servers, ${STATE_CLASSES.map((c, k) => `${counts[k]!.toLocaleString('en-US')} ${c.label}`).join(', ')}. Counts per hall follow in a table.`);
    this.drawHalls(classOf);
  }

  /** Counts per hall in a table: the floor map in words. */
  private drawHalls(classOf: number[]): void {
    const start = this.recording.start!;
    const rows = start.halls.map((hall) => {
      const counts = new Array<number>(STATE_CLASSES.length).fill(0);
      for (let s = hall.firstServer; s < hall.firstServer + hall.racks * hall.serversPerRack; s++) counts[classOf[this.states[s]!] ?? 2]!++;
      const site = start.sites.find((x) => x.id === hall.site)?.name ?? hall.site;
      return el('tr', { 'data-hall': hall.id }, el('th', { scope: 'row' }, `${hall.id} `, el('small', {}, site)), ...counts.map((n) => el('td', {}, n.toLocaleString('en-US'))));
    });
    this.halls.replaceChildren(
      el(
        'table',
        { 'data-testid': 'hall-counts' },
        el('caption', {}, 'Servers per hall'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'hall'), ...STATE_CLASSES.map((c) => el('th', { scope: 'col' }, c.label)))),
        el('tbody', {}, ...rows),
      ),
    );
  }
}
