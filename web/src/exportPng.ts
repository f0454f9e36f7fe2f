/**
 * The current view as one PNG for an article or a slide: a caption (what was
 * run, the hour, the story at that hour), every service's availability, the
 * floor map as shown, what each group has lost, and the sources. Drawn on a
 * canvas from the run's data (spoiler-free when the view is), so it needs
 * no request and nothing but the page's own code.
 */
import { tPlus, wallClock } from './clock.js';
import type { Recording } from './recording.js';
import { STATE_CLASSES } from './palette.js';
import { ledgerAt, lastAtOrBefore, money, storyAt } from './story.js';

const WIDTH = 1200;
const PAD = 24;
const FONT = 'system-ui, sans-serif';
const COLOURS = ['#0072b2', '#d55e00'];

/** Draws the view at hour `h` for these runs (one, or two compared); `maps` are the floor-map canvases shown. */
export function renderPng(recordings: Recording[], names: string[], h: number, spoilerFree: boolean, maps: HTMLCanvasElement[]): HTMLCanvasElement {
  const start = recordings[0]!.start!;
  const services = start.services;
  const ROW = recordings.length > 1 ? 24 : 16;
  const groups = recordings[0]!.ledger?.groups.length ?? 0;
  const mapHeight = Math.min(360, Math.max(0, ...maps.map((m) => m.height)));
  const height = 150 + services.length * ROW + 40 + (maps.length > 0 ? mapHeight + 40 : 0) + (groups > 0 ? 40 + groups * 18 : 0) + 70;
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.fillStyle = '#1d232b';
  ctx.textBaseline = 'alphabetic';
  let y = PAD + 18;
  ctx.font = `bold 20px ${FONT}`;
  ctx.fillText(`${start.title}: ${names.join(' against ')}`, PAD, y, WIDTH - 2 * PAD);
  y += 24;
  ctx.font = `15px ${FONT}`;
  ctx.fillText(`${tPlus(h)} · ${wallClock(start, h)} · policy ${start.policy} · seed ${start.seed}${spoilerFree ? ' · shown as of this hour' : ''}`, PAD, y, WIDTH - 2 * PAD);
  for (const [i, rec] of recordings.entries()) {
    const s = storyAt(rec, h);
    y += 22;
    ctx.fillStyle = recordings.length > 1 ? COLOURS[i]! : '#1d232b';
    const up = s.running === null ? '' : ` · ${((s.running / Math.max(1, s.servers)) * 100).toFixed(0)}% of servers up`;
    const lost = s.lostSoFar === null ? '' : ` · ${money(s.lostSoFar, s.currency ?? '')} lost so far`;
    ctx.fillText(`${recordings.length > 1 ? `${names[i]}: ` : ''}${s.usable} of ${s.services} services usable${up} · ${s.promise.text}${lost}`, PAD, y, WIDTH - 2 * PAD);
  }
  // Services: availability per row, the runs mirrored when two.
  y += 30;
  ctx.fillStyle = '#1d232b';
  ctx.font = `bold 14px ${FONT}`;
  ctx.fillText('Services: availability after ignition', PAD, y);
  y += 10;
  const left = PAD + 220;
  const right = WIDTH - PAD;
  const horizon = Math.max(...recordings.map((r) => (spoilerFree ? Math.max(168, Math.ceil(r.lastHour / 168) * 168) : Math.ceil(Math.max(12, r.end?.allRestoredHours ?? r.lastHour) * 1.05 / 12) * 12)));
  const x = (t: number) => left + (Math.min(t, horizon) / horizon) * (right - left);
  ctx.font = `12px ${FONT}`;
  services.forEach((service, i) => {
    const top = y + i * ROW;
    ctx.fillStyle = '#1d232b';
    ctx.fillText(service.name.length > 34 ? `${service.name.slice(0, 33)}…` : service.name, PAD, top + ROW / 2 + 4);
    ctx.fillStyle = '#f1f3f5';
    ctx.fillRect(left, top + 1, right - left, ROW - 2);
    recordings.forEach((rec, k) => {
      const last = spoilerFree ? lastAtOrBefore(rec.samples, h) : rec.samples.length - 1;
      ctx.fillStyle = COLOURS[k]!;
      for (let j = 0; j <= last; j++) {
        const sample = rec.samples[j]!;
        const until = j < last ? rec.samples[j + 1]!.h : spoilerFree ? h : sample.h + 0.25;
        const a = sample.availability[i] ?? 1;
        const span = recordings.length > 1 ? ROW / 2 - 1 : ROW - 2;
        const bar = a * span;
        const base = recordings.length > 1 ? (k === 0 ? top + ROW / 2 - bar : top + ROW / 2) : top + ROW - 1 - bar;
        // A little wider than the step, so neighbouring steps meet without a hairline between them.
        ctx.fillRect(x(sample.h), base, Math.max(0.5, x(until) - x(sample.h) + 0.6), bar);
      }
    });
  });
  const bottom = y + services.length * ROW;
  ctx.strokeStyle = '#1d232b';
  ctx.beginPath();
  ctx.moveTo(x(h), y - 4);
  ctx.lineTo(x(h), bottom + 2);
  ctx.stroke();
  ctx.fillStyle = '#5b6573';
  ctx.textAlign = 'center';
  for (let t = 0; t <= horizon; t += horizon > 100 ? 24 : 12) ctx.fillText(`${t} h`, Math.min(x(t), right - 14), bottom + 16);
  ctx.textAlign = 'start';
  y = bottom + 40;
  if (maps.length > 0) {
    ctx.fillStyle = '#1d232b';
    ctx.font = `bold 14px ${FONT}`;
    ctx.fillText('Floor map: every server a cell', PAD, y);
    // The legend: the five classes, failed checkered as on screen.
    ctx.font = `12px ${FONT}`;
    let lx = PAD + 240;
    for (const c of STATE_CLASSES) {
      ctx.fillStyle = c.colour;
      ctx.fillRect(lx, y - 10, 12, 12);
      if (c.pattern !== null) {
        ctx.fillStyle = c.pattern;
        for (let i = 0; i < 12; i += 3) for (let j = (i / 3) % 2 === 0 ? 0 : 3; j < 12; j += 6) ctx.fillRect(lx + i, y - 10 + j, 3, 3);
      }
      ctx.strokeStyle = '#1d232b';
      ctx.strokeRect(lx, y - 10, 12, 12);
      ctx.fillStyle = '#1d232b';
      ctx.fillText(c.label, lx + 16, y);
      lx += 22 + ctx.measureText(c.label).width;
    }
    y += 10;
    let mx = PAD;
    for (const map of maps) {
      const scale = Math.min(1, mapHeight / Math.max(1, map.height), (WIDTH - 2 * PAD) / maps.length / Math.max(1, map.width));
      ctx.drawImage(map, mx, y, map.width * scale, map.height * scale);
      mx += map.width * scale + 16;
    }
    y += mapHeight + 30;
  }
  if (groups > 0) {
    ctx.fillStyle = '#1d232b';
    ctx.font = `bold 14px ${FONT}`;
    ctx.fillText('Who lost what so far, per person (median of the ledger’s draws)', PAD, y);
    ctx.font = `12px ${FONT}`;
    const soFar = recordings.map((r) => (r.ledger === null ? [] : ledgerAt(r.ledger, h)));
    soFar[0]!.forEach((g, i) => {
      y += 18;
      const unit = recordings[0]!.start?.currencyUnit ?? recordings[0]!.ledger?.currency ?? '';
      const text = (x: (typeof g) | undefined) => (x === undefined ? '—' : x.lostPerPerson === null ? (x.hours === null ? '—' : `${x.hours.toFixed(1)} h without`) : money(x.lostPerPerson, unit));
      ctx.fillText(`${g.group.name}: ${soFar.map((s) => text(s[i])).join(' against ')}`, PAD, y, WIDTH - 2 * PAD);
    });
    y += 20;
  }
  ctx.fillStyle = '#5b6573';
  ctx.font = `11px ${FONT}`;
  const sha = start.scenarioSha256 === undefined ? '' : `, scenario ${start.scenarioSha256.slice(0, 12)}`;
  ctx.fillText(`Source: Firedrill ${start.firedrill} simulation of ${start.scenario}${sha}, seed ${start.seed}; reported times and the promise as cited in the scenario file; the ledger's method in docs/impact.md.`, PAD, y + 10, WIDTH - 2 * PAD);
  ctx.fillText('A simulation: recovery times come from modelled mechanisms, not from history.', PAD, y + 26, WIDTH - 2 * PAD);
  return canvas;
}

/** Saves a canvas as a PNG file through the browser's download. */
export function downloadPng(canvas: HTMLCanvasElement, fileName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob === null) return reject(new Error('the browser could not make the PNG'));
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      resolve();
    }, 'image/png');
  });
}
