/**
 * The viewer: a run (or two, compared) on one playback clock. Where the runs
 * come from decides the controls: a `firedrill serve` server (live runs of
 * built-in scenarios and designs), a recording embedded by `firedrill export`,
 * or a recording the user opens (file picker or drag and drop, no server).
 */
// First: before any zod schema is built (see jitless.ts).
import './jitless.js';
import { tPlus, wallClock } from './clock.js';
import { fetchCatalog, startRuns, type Catalog, type RunRequest } from './live.js';
import { Pane } from './pane.js';
import { SPEEDS, Player } from './player.js';
import { el } from './dom.js';
import { parseRecording, RecordingError, type Recording } from './recording.js';
import { sweepPanel } from './views/sweepPanel.js';
import { claimsSweepSummary, readSweepSummary } from '../../src/sweep/summarySchema.js';
import type { SweepSummary } from '../../src/sweep/summary.js';
import './style.css';

const $ = <T extends HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`)!;

const player = new Player();
let panes: Pane[] = [];
const panesElement = $('panes');
const status = $('status');

function say(text: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = text;
  status.dataset.kind = kind;
}

/** Shows these recordings, side by side, on the shared clock (below a sweep's panel when replaying from it). */
function show(recordings: Recording[], above: HTMLElement | null = null): void {
  player.pause();
  panes = recordings.map((r) => new Pane(r, (h) => player.seek(h)));
  panesElement.replaceChildren(...(above ? [above] : []), ...panes.map((p) => p.element));
  panesElement.classList.toggle('compare', panes.length > 1);
  player.maxH = 0;
  refresh();
  player.seek(0);
}

/** After new messages: extend the clock and redraw, at most once a frame however fast messages arrive. */
let refreshing = 0;
function refresh(): void {
  if (refreshing !== 0) return;
  refreshing = requestAnimationFrame(() => {
    refreshing = 0;
    for (const p of panes) player.extend(p.recording.lastHour);
    const scrub = $<HTMLInputElement>('scrub');
    scrub.max = String(player.maxH);
    draw(player.h);
  });
}

/** The overview strip: narrative events per hour over the whole run, the shown hour marked; a click jumps there. */
const overview = $<HTMLCanvasElement>('overview');
function drawOverview(h: number): void {
  const width = overview.clientWidth;
  if (width === 0) return;
  if (overview.width !== width) overview.width = width;
  const ctx = overview.getContext('2d')!;
  ctx.clearRect(0, 0, width, overview.height);
  const maxH = Math.max(player.maxH, 1);
  // An hour a bucket, but never more buckets than pixels, however long the run.
  const buckets = new Array<number>(Math.min(Math.ceil(maxH), width) + 1).fill(0);
  const hoursPerBucket = maxH / (buckets.length - 1);
  for (const p of panes) for (const n of p.recording.narrative) buckets[Math.min(buckets.length - 1, Math.max(0, Math.floor(n.h / hoursPerBucket)))]!++;
  const most = buckets.reduce((a, b) => Math.max(a, b), 1);
  const step = width / (buckets.length - 1);
  ctx.fillStyle = '#f08c00';
  buckets.forEach((count, i) => {
    if (count === 0) return;
    const bar = Math.max(2, (count / most) * (overview.height - 4));
    ctx.fillRect(i * step, overview.height - bar, Math.max(1, step - 0.5), bar);
  });
  ctx.fillStyle = '#ffffff';
  ctx.fillRect((h / maxH) * (width - 2), 0, 2, overview.height);
}
overview.addEventListener('click', (event) => {
  const box = overview.getBoundingClientRect();
  player.pause();
  player.seek(((event.clientX - box.left) / box.width) * player.maxH);
});

function draw(h: number): void {
  drawOverview(h);
  const start = panes[0]?.recording.start;
  $('clock').textContent = start ? `${wallClock(start, h)} · ${tPlus(h)}` : tPlus(h);
  $('clock').dataset.h = String(Math.round(h * 1000) / 1000);
  const scrub = $<HTMLInputElement>('scrub');
  if (document.activeElement !== scrub) scrub.value = String(h);
  $('play').textContent = player.playing ? 'Pause' : 'Play';
  for (const p of panes) p.draw(h);
}

player.onChange(draw);

// Playback controls.
$('play').addEventListener('click', () => (player.playing ? player.pause() : player.play()));
const speed = $<HTMLSelectElement>('speed');
speed.replaceChildren(...SPEEDS.map((s) => el('option', { value: s }, s === 168 / 20 ? 'a week in 20 s' : `${s} h/s`)));
speed.value = String(player.speed);
speed.addEventListener('change', () => {
  player.speed = Number(speed.value);
});
$('scrub').addEventListener('input', (event) => player.seek(Number((event.target as HTMLInputElement).value)));

/** Steps to the previous or next narrative event of any shown run. */
function stepEvent(direction: 1 | -1): void {
  const times = [...new Set(panes.flatMap((p) => p.recording.narrative.map((n) => n.h)))].sort((a, b) => a - b);
  const target = direction > 0 ? times.find((t) => t > player.h + 1e-6) : times.filter((t) => t < player.h - 1e-6).at(-1);
  player.pause();
  player.seek(target ?? (direction > 0 ? player.maxH : 0));
}
$('prev-event').addEventListener('click', () => stepEvent(-1));
$('next-event').addEventListener('click', () => stepEvent(1));

// Opening a recording (or a sweep's summary.json): picker or drop, no server needed.
let catalog: Catalog | null = null;
let sweepShown: HTMLElement | null = null;
/** Stops the live runs on show, if any: once something else is shown, their messages would only overwrite the status. */
let stopLive: (() => void) | null = null;

function showSweep(summary: SweepSummary): void {
  player.pause();
  panes = [];
  sweepShown = sweepPanel(summary, (design, policy, seed) => {
    if (catalog !== null) {
      runLive([{ scenario: summary.scenario, design, policy, seed }], sweepShown);
    } else {
      say(`Replay it with: firedrill run --design ${design} --seed ${seed} --policy ${policy} --out run.ndjson, then open run.ndjson here.`);
    }
  });
  panesElement.replaceChildren(sweepShown);
  panesElement.classList.remove('compare');
  say(`Sweep of ${summary.designs.length} designs over seeds ${summary.seeds}: pick a run to replay.`);
}

async function open(file: File): Promise<void> {
  stopLive?.();
  stopLive = null;
  try {
    const text = await file.text();
    if (text.trimStart().startsWith('{') && !text.includes('\n{"type"')) {
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        // Not one JSON document: read it as a recording below.
      }
      if (claimsSweepSummary(json)) {
        const read = readSweepSummary(json);
        if (read.ok) return showSweep(read.summary);
        return say(`${file.name}: ${read.message}`, 'error');
      }
    }
    const recording = parseRecording(text, file.name);
    show([recording]);
    say(recording.problem ?? `Opened ${file.name}.`, recording.problem ? 'error' : 'info');
  } catch (error) {
    say(error instanceof RecordingError ? error.message : `Cannot read ${file.name}: ${(error as Error).message}`, 'error');
  }
}
$<HTMLInputElement>('open-file').addEventListener('change', (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file) void open(file);
});
document.addEventListener('dragover', (event) => event.preventDefault());
document.addEventListener('drop', (event) => {
  event.preventDefault();
  const file = event.dataTransfer?.files[0];
  if (file) void open(file);
});

// Live runs on a server.
function runLive(requests: RunRequest[], above: HTMLElement | null = null): void {
  const label = requests.map((r) => r.design ?? 'the scenario as written').join(' and ');
  stopLive?.();
  const { recordings, stop } = startRuns(
    requests,
    () => {
      refresh();
      if (recordings.every((r) => r.end !== null)) say(`${label}, seed ${requests[0]!.seed}: run complete. Play, or scrub to any hour.`);
    },
    (message) => say(message, 'error'),
  );
  stopLive = stop;
  show(recordings, above);
  say(requests.length > 1 ? `Comparing ${requests.map((r) => r.design ?? 'the scenario as written').join(' and ')} on seed ${requests[0]!.seed}…` : `Running ${requests[0]!.design ?? requests[0]!.scenario} with seed ${requests[0]!.seed}…`);
}

function setUpServer(offered: Catalog): void {
  catalog = offered;
  const known = offered;
  $('server-controls').hidden = false;
  const designs = () => catalog!.designs.map((d) => el('option', { value: d.id }, d.id));
  $<HTMLSelectElement>('design').replaceChildren(el('option', { value: '' }, 'scenario as written'), ...designs());
  $<HTMLSelectElement>('compare-design').replaceChildren(...designs());
  $<HTMLSelectElement>('policy').replaceChildren(...catalog.policies.map((p) => el('option', {}, p)));
  const params = new URLSearchParams(location.search);
  const request = (design: string | null): RunRequest => ({
    scenario: known.scenarios[0]!,
    design,
    policy: $<HTMLSelectElement>('policy').value,
    seed: Number($<HTMLInputElement>('seed').value) || 0,
  });
  $<HTMLInputElement>('seed').value = params.get('seed') ?? String(catalog.defaultSeed);
  if (params.get('policy')) $<HTMLSelectElement>('policy').value = params.get('policy')!;
  $<HTMLSelectElement>('design').value = params.get('design') ?? '';
  $('run').addEventListener('click', () => runLive([request($<HTMLSelectElement>('design').value || null)]));
  $('compare').addEventListener('click', () => runLive([request($<HTMLSelectElement>('design').value || null), request($<HTMLSelectElement>('compare-design').value)]));
  const compare = params.get('compare');
  if (compare) runLive(compare.split(',').map((d) => request(d || null)));
  else runLive([request(params.get('design'))]);
}

async function boot(): Promise<void> {
  const embedded = document.getElementById('recording');
  if (embedded !== null && embedded.textContent!.trim() !== '') {
    try {
      const recording = parseRecording(embedded.textContent!, embedded.dataset.name ?? 'the recording');
      show([recording]);
      say(recording.problem ?? `Recording of ${recording.start!.design ?? recording.start!.scenario}, seed ${recording.start!.seed}.`, recording.problem ? 'error' : 'info');
    } catch (error) {
      say((error as Error).message, 'error');
    }
    return;
  }
  if (location.protocol === 'http:' || location.protocol === 'https:') {
    try {
      setUpServer(await fetchCatalog());
      return;
    } catch {
      // Served by something that is not firedrill serve: offer the file picker.
    }
  }
  say('Open a recording (firedrill run --out run.ndjson) with the button above, or drop it here.');
}

void boot();
window.addEventListener('resize', () => draw(player.h));
