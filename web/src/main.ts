/**
 * The viewer: a run (or two, compared) on one playback clock. Where the runs
 * come from decides the controls: a `firedrill serve` server (live runs of
 * built-in scenarios and designs), a recording embedded by `firedrill export`,
 * or a recording the user opens (file picker or drag and drop, no server).
 * The address holds the view (urlState.ts): a link reproduces it, back and
 * forward walk through the views shown.
 */
// First: before any zod schema is built (see jitless.ts).
import './jitless.js';
import { tPlus, wallClock } from './clock.js';
import { Address } from './address.js';
import { ComparePane } from './compare.js';
import { el } from './dom.js';
import { downloadPng, renderPng } from './exportPng.js';
import { bindKeys } from './keyboard.js';
import { fetchCatalog, startRuns, type Catalog, type RunRequest } from './live.js';
import { Pane, type DesignInfo } from './pane.js';
import { SPEEDS, Player } from './player.js';
import { parseRecording, RecordingError, type Recording } from './recording.js';
import { parseViewState, sameRuns, type ViewState } from './urlState.js';
import { drawOverview } from './views/overview.js';
import { StoryHeader, storySentence } from './views/storyHeader.js';
import { sweepPanel } from './views/sweepPanel.js';
import { claimsSweepSummary, readSweepSummary } from '../../src/sweep/summarySchema.js';
import type { SweepSummary } from '../../src/sweep/summary.js';
import './style.css';

const $ = <T extends HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`)!;

/** What is shown: one run's pane or a comparison; both draw every view from the player's hour. */
type Shown = Pane | ComparePane;

const player = new Player();
let shown: Shown | null = null;
let names: string[] = [];
const panesElement = $('panes');
const status = $('status');
const scrub = $<HTMLInputElement>('scrub');
const spoilerToggle = $<HTMLInputElement>('spoiler-free');
const story = new StoryHeader($('story'));
let spoilerFree = false;
/** The runs asked of the server for what is shown, or null for a recording. */
let requested: RunRequest[] | null = null;
/** An hour the address asked for that the runs have not reached yet. */
let pendingT: number | null = null;
const address = new Address(viewState, () => player.playing);

function say(text: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = text;
  status.dataset.kind = kind;
}

/** Says the shown hour and its story to screen readers (after a key or a pause, not every frame). */
function announce(): void {
  const recordings = shown?.recordings ?? [];
  const start = recordings[0]?.start;
  if (!start) return;
  const stories = story.draw(recordings, names, player.h);
  $('announcer').textContent = `${tPlus(player.h)}, ${wallClock(start, player.h)}: ${stories.map((s, i) => storySentence(s, recordings.length > 1 ? names[i]! : null)).join('; ')}.`;
}

/** Shows these recordings (two: compared) on the shared clock, below a sweep's panel when replaying from it. */
function show(recordings: Recording[], above: HTMLElement | null = null, info: Array<DesignInfo | null> = []): void {
  player.pause();
  const seek = (h: number) => {
    player.pause();
    player.seek(h);
    announce();
  };
  names = recordings.map((r, i) => info[i]?.title ?? r.start?.design ?? 'scenario as written');
  shown = recordings.length > 1 ? new ComparePane([recordings[0]!, recordings[1]!], seek, info) : new Pane(recordings[0]!, seek, info[0] ?? null);
  panesElement.replaceChildren(...(above ? [above] : []), shown.element);
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
    for (const r of shown?.recordings ?? []) player.extend(r.lastHour);
    const done = (shown?.recordings ?? []).every((r) => r.end !== null);
    if (pendingT !== null && (player.maxH >= pendingT || done)) {
      const t = pendingT;
      pendingT = null;
      player.seek(t);
      return;
    }
    draw(player.h);
  });
}

const overview = $<HTMLCanvasElement>('overview');
overview.addEventListener('click', (event) => {
  const box = overview.getBoundingClientRect();
  player.pause();
  player.seek(((event.clientX - box.left) / box.width) * sliderMax());
});

/** The slider's end: the run's, or in spoiler-free mode whole weeks, which do not tell when the run ends. */
function sliderMax(): number {
  return spoilerFree ? Math.max(168, Math.ceil(player.maxH / 168) * 168) : player.maxH;
}

function draw(h: number): void {
  drawOverview(overview, shown?.recordings ?? [], h, sliderMax(), spoilerFree);
  const recordings = shown?.recordings ?? [];
  story.draw(recordings, names, h);
  const start = recordings[0]?.start;
  scrub.max = String(sliderMax());
  if (document.activeElement !== scrub || player.playing) scrub.value = String(h);
  scrub.setAttribute('aria-valuetext', start ? `${tPlus(h)}, ${wallClock(start, h)}` : tPlus(h));
  $('play').textContent = player.playing ? 'Pause' : 'Play';
  shown?.draw({ h, spoilerFree });
  address.write(false);
}

player.onChange(draw);

// Playback controls.
$('play').addEventListener('click', () => togglePlay());
function togglePlay(): void {
  if (player.playing) {
    player.pause();
    draw(player.h);
    announce();
  } else player.play();
}
const speed = $<HTMLSelectElement>('speed');
speed.replaceChildren(...SPEEDS.map((s) => el('option', { value: s }, s === 168 / 20 ? 'a week in 20 s' : `${s} h/s`)));
speed.value = String(player.speed);
speed.addEventListener('change', () => {
  player.speed = Number(speed.value);
  address.write(false);
});
scrub.addEventListener('input', () => player.seek(Math.min(player.maxH, Number(scrub.value))));
spoilerToggle.addEventListener('change', () => {
  address.flush();
  spoilerFree = spoilerToggle.checked;
  draw(player.h);
  address.write(true);
});

/** Steps to the previous or next narrative event of any shown run (in spoiler-free mode, the next one is found but not told before it is reached). */
function stepEvent(direction: 1 | -1): void {
  const times = [...new Set((shown?.recordings ?? []).flatMap((r) => r.narrative.map((n) => n.h)))].sort((a, b) => a - b);
  const target = direction > 0 ? times.find((t) => t > player.h + 1e-6) : times.filter((t) => t < player.h - 1e-6).at(-1);
  player.pause();
  player.seek(target ?? (direction > 0 ? player.maxH : 0));
  announce();
}
$('prev-event').addEventListener('click', () => stepEvent(-1));
$('next-event').addEventListener('click', () => stepEvent(1));
bindKeys({
  togglePlay,
  step: (hours) => {
    player.pause();
    player.seek(Math.round(player.h + hours));
    announce();
  },
  stepEvent,
  home: () => {
    player.pause();
    player.seek(0);
    announce();
  },
  end: () => {
    player.pause();
    player.seek(player.maxH);
    announce();
  },
});

// One click: the view as a PNG, with its caption and sources.
$('export-png').addEventListener('click', () => {
  const recordings = shown?.recordings.filter((r) => r.start !== null) ?? [];
  if (recordings.length === 0) return say('Nothing to save yet: run or open a recording first.', 'error');
  const maps = [...panesElement.querySelectorAll<HTMLCanvasElement>('[data-testid=floor-map]')].filter((c) => c.closest('[hidden]') === null && c.width > 0);
  const canvas = renderPng(recordings, names, player.h, spoilerFree, maps);
  const file = `firedrill-${recordings.map((r) => r.start!.design ?? r.start!.scenario).join('-vs-')}-seed-${recordings[0]!.start!.seed}-${tPlus(player.h).replace(/[^0-9]/g, '')}.png`;
  downloadPng(canvas, file).then(
    () => say(`Saved ${file} (${canvas.width}×${canvas.height}).`),
    (error: Error) => say(error.message, 'error'),
  );
});

// The address: what is shown, kept up to date, and read back on back/forward.
function viewState(): ViewState {
  const r = requested;
  return {
    t: shown === null ? null : Math.round(player.h * 1000) / 1000,
    design: r !== null && r.length === 1 ? r[0]!.design : null,
    compare: r !== null && r.length === 2 ? [r[0]!.design ?? '', r[1]!.design ?? ''] : null,
    seed: r?.[0]?.seed ?? null,
    policy: r !== null && r[0]!.policy !== 'historical' ? r[0]!.policy : null,
    speed: player.speed === SPEEDS[1] ? null : player.speed,
    spoilerFree,
  };
}
/** Applies what the address says: the hour, speed and mode, and (on a server) the runs. */
function applyState(state: ViewState, fromHistory: boolean): void {
  address.markRead();
  spoilerFree = state.spoilerFree;
  spoilerToggle.checked = spoilerFree;
  if (state.speed !== null) {
    player.speed = state.speed;
    if (![...speed.options].some((o) => Number(o.value) === state.speed)) speed.append(el('option', { value: state.speed }, `${state.speed} h/s`));
    speed.value = String(state.speed);
  }
  if (catalog !== null) {
    setPickers(state);
    const current = viewState();
    if (!fromHistory || !sameRuns(current, { ...state, seed: state.seed ?? catalog.defaultSeed })) {
      pendingT = state.t;
      runLive(requestsFor(state), null, false);
      return;
    }
  }
  if (state.t !== null) {
    if (player.maxH >= state.t || (shown?.recordings ?? []).every((r) => r.end !== null)) player.seek(state.t);
    else pendingT = state.t;
  }
  draw(player.h);
}
window.addEventListener('popstate', () => {
  address.discard();
  applyState(parseViewState(location.search), true);
});

// Opening a recording (or a sweep's summary.json): picker or drop, no server needed.
let catalog: Catalog | null = null;
let sweepShown: HTMLElement | null = null;
/** Stops the live runs on show, if any: once something else is shown, their messages would only overwrite the status. */
let stopLive: (() => void) | null = null;

function showSweep(summary: SweepSummary): void {
  player.pause();
  shown = null;
  requested = null;
  sweepShown = sweepPanel(summary, (design, policy, seed) => {
    if (catalog !== null) {
      runLive([{ scenario: summary.scenario, design, policy, seed }], sweepShown);
    } else {
      say(`Replay it with: firedrill run --design ${design} --seed ${seed} --policy ${policy} --out run.ndjson, then open run.ndjson here.`);
    }
  });
  panesElement.replaceChildren(sweepShown);
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
    requested = null;
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
const designInfo = (id: string | null): DesignInfo | null => {
  const d = id === null ? undefined : catalog?.designs.find((x) => x.id === id);
  return d === undefined ? null : { title: d.title, description: d.description ?? null };
};
const label = (id: string | null) => designInfo(id)?.title ?? id ?? 'the scenario as written';

function runLive(requests: RunRequest[], above: HTMLElement | null = null, push = true): void {
  // A new view: the one being left keeps its last hour in its history entry.
  if (push) address.flush();
  const what = requests.map((r) => label(r.design)).join(' and ');
  stopLive?.();
  const { recordings, stop } = startRuns(
    requests,
    () => {
      refresh();
      if (recordings.every((r) => r.end !== null) && pendingT !== null) {
        const t = pendingT;
        pendingT = null;
        player.extend(Math.max(...recordings.map((r) => r.lastHour)));
        player.seek(t);
      }
      if (recordings.every((r) => r.end !== null)) say(`${what}, seed ${requests[0]!.seed}: run complete. Play (Space), or scrub to any hour (arrows, Shift+arrows for events).`);
    },
    (message) => say(message, 'error'),
  );
  stopLive = stop;
  requested = above === null ? requests : null;
  setPickers(viewState());
  show(recordings, above, requests.map((r) => designInfo(r.design)));
  if (push) address.write(true);
  say(requests.length > 1 ? `Comparing ${what} on seed ${requests[0]!.seed}…` : `Running ${requests[0]!.design === null ? requests[0]!.scenario : label(requests[0]!.design)} with seed ${requests[0]!.seed}…`);
}

/** The pickers as the address (or the runs shown) say, so they never show another view than the one on screen. */
function setPickers(state: ViewState): void {
  if (catalog === null) return;
  const design = $<HTMLSelectElement>('design');
  const other = $<HTMLSelectElement>('compare-design');
  const known = (id: string | null | undefined) => (id !== null && id !== undefined && (id === '' || catalog!.designs.some((d) => d.id === id)) ? id : null);
  design.value = known(state.compare?.[0] ?? state.design) ?? '';
  if (state.compare !== null) other.value = known(state.compare[1]) ?? other.value;
  $<HTMLInputElement>('seed').value = String(state.seed ?? catalog.defaultSeed);
  $<HTMLSelectElement>('policy').value = state.policy !== null && catalog.policies.includes(state.policy) ? state.policy : (catalog.policies.includes('historical') ? 'historical' : catalog.policies[0]!);
  hint();
}

/** What the picked designs change, in a sentence each. */
function hint(): void {
  const say = (prefix: string, id: string) => {
    const d = id === '' ? null : designInfo(id);
    return d === null ? null : `${prefix}${d.title}: ${d.description ?? 'no description'}`;
  };
  $('design-hint').textContent = [say('', $<HTMLSelectElement>('design').value), say('compare with ', $<HTMLSelectElement>('compare-design').value)].filter((x) => x !== null).join(' · ');
}

function requestsFor(state: ViewState): RunRequest[] {
  const base = { scenario: catalog!.scenarios[0]!, policy: $<HTMLSelectElement>('policy').value, seed: state.seed ?? catalog!.defaultSeed };
  return (state.compare ?? [state.design ?? '']).map((d) => ({ ...base, design: d === '' ? null : d }));
}

function setUpServer(offered: Catalog, fromUrl: ViewState): void {
  catalog = offered;
  $('server-controls').hidden = false;
  const designs = (blank: boolean) => [
    ...(blank ? [el('option', { value: '' }, 'scenario as written')] : []),
    ...offered.designs.map((d) => el('option', { value: d.id, title: d.description ?? null }, d.title)),
  ];
  $<HTMLSelectElement>('design').replaceChildren(...designs(true));
  $<HTMLSelectElement>('compare-design').replaceChildren(...designs(true));
  $<HTMLSelectElement>('compare-design').value = offered.designs.find((d) => d.id === 'naver-like')?.id ?? offered.designs[0]?.id ?? '';
  $<HTMLSelectElement>('policy').replaceChildren(...offered.policies.map((p) => el('option', {}, p)));
  for (const id of ['design', 'compare-design']) $(id).addEventListener('change', hint);
  const picked = (): ViewState => ({ ...viewState(), seed: Number($<HTMLInputElement>('seed').value) || 0, policy: $<HTMLSelectElement>('policy').value });
  $('run').addEventListener('click', () => runLive(requestsFor({ ...picked(), design: $<HTMLSelectElement>('design').value, compare: null })));
  $('compare').addEventListener('click', () => runLive(requestsFor({ ...picked(), compare: [$<HTMLSelectElement>('design').value, $<HTMLSelectElement>('compare-design').value] })));
  applyState(fromUrl, false);
}

async function boot(): Promise<void> {
  const fromUrl = parseViewState(location.search);
  const embedded = document.getElementById('recording');
  if (embedded !== null && embedded.textContent!.trim() !== '') {
    try {
      const recording = parseRecording(embedded.textContent!, embedded.dataset.name ?? 'the recording');
      show([recording]);
      applyState(fromUrl, false);
      say(recording.problem ?? `Recording of ${recording.start!.design ?? recording.start!.scenario}, seed ${recording.start!.seed}.`, recording.problem ? 'error' : 'info');
    } catch (error) {
      say((error as Error).message, 'error');
    }
    return;
  }
  if (location.protocol === 'http:' || location.protocol === 'https:') {
    let offered: Catalog | null = null;
    try {
      offered = await fetchCatalog();
    } catch {
      // Served by something that is not firedrill serve: offer the file picker.
    }
    if (offered !== null) return setUpServer(offered, fromUrl);
  }
  applyState({ ...fromUrl, t: null }, false);
  say('Open a recording (firedrill run --out run.ndjson) with the button above, or drop it here.');
}

void boot();
window.addEventListener('resize', () => draw(player.h));
