/**
 * The drill page: a learner commands the incident. The simulation runs in a
 * Web Worker (engine.ts) from the drill inside this page, or from a server's
 * drill; the page shows only what the commander can see, asks with forms and
 * buttons, and at the end reveals the truth in the debrief.
 */
// First: before any zod schema is built (see jitless.ts).
import '../src/jitless.js';
import workerSource from '@drill-worker?raw';
import type { Debrief } from '../../src/drill/debrief.js';
import type { DrillBundle, DrillState, FromDrill } from '../../src/drill/protocol.js';
import { ROLE_ACTIONS } from '../../src/drill/script.js';
import type { Action } from '../../src/model/decisions.js';
import { el } from '../src/dom.js';
import { tPlus } from '../src/clock.js';
import { startWorker, type Send } from './engine.js';
import { exportDebrief } from './exportDebrief.js';
import { actions } from './views/actions.js';
import { debriefView } from './views/debrief.js';
import { feed } from './views/feed.js';
import { knowledge } from './views/knowledge.js';
import { questions } from './views/questions.js';
import './style.css';

const main = document.querySelector<HTMLElement>('[data-testid=drill]')!;
const status = document.querySelector<HTMLElement>('[data-testid=status]')!;
const clock = document.querySelector<HTMLElement>('[data-testid=clock]')!;
const controls = document.querySelector<HTMLElement>('[data-testid=controls]')!;
const button = (id: string) => document.querySelector<HTMLButtonElement>(`[data-testid=${id}]`)!;

const say = (text: string, kind: 'info' | 'error' = 'info') => {
  status.textContent = text;
  status.dataset.kind = kind;
};

/** The drill inside this page (an exported drill), or null. */
function embeddedBundle(): DrillBundle | null {
  const text = document.getElementById('drill')?.textContent ?? '';
  return text.trim() === '' ? null : (JSON.parse(text) as DrillBundle);
}

/** The drill the server offers under `?drill=NAME`. */
async function servedBundle(): Promise<DrillBundle> {
  const name = new URLSearchParams(location.search).get('drill') ?? 'pangyo-2022';
  const res = await fetch(`/api/drill/${encodeURIComponent(name)}`);
  if (!res.ok) throw new Error(`the server has no drill "${name}" (${res.status})`);
  return (await res.json()) as DrillBundle;
}

let send: Send;
let state: DrillState | null = null;
let bundle: DrillBundle;
let playing: number | null = null;

/** The local wall clock of `h` hours after ignition, in the scenario's own zone. */
function wall(h: number): string {
  if (state === null) return '';
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(state.start)?.[1] ?? 'Z';
  const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(Date.parse(state.start) + (state.ignitionH + h) * 3_600_000 + minutes * 60_000);
  return `${local.toISOString().slice(0, 16).replace('T', ' ')} (UTC${offset === 'Z' ? '' : offset})`;
}

function render(next: DrillState): void {
  state = next;
  clock.textContent = `${tPlus(next.h)} · ${wall(next.h)}${next.pace === 'pressure' ? ' · under pressure' : ''}`;
  const allowed = ROLE_ACTIONS[next.role];
  const act = (action: Action) => void ask({ type: 'act', action });
  main.replaceChildren(
    el('div', { class: 'columns' }, el('div', { class: 'left' }, questions(next, act), actions(next, act, allowed)), el('div', { class: 'right' }, knowledge(next), feed(next))),
  );
  for (const t of next.timedOut) say(`Time ran out on ${t.key}: ${t.action.kind === 'defer' ? 'it is put off' : 'the default happened'}.`);
  if (next.ended) {
    stop();
    say('The drill is over. End it for the debrief.');
  } else if (next.stop === 'decision' && next.pace === 'stop') {
    stop();
    say(`The incident asks you ${next.view.pending.length === 1 ? 'a question' : `${next.view.pending.length} questions`}.`);
  }
}

async function ask(message: Parameters<Send>[0]): Promise<FromDrill> {
  const answer = await send(message);
  if (answer.type === 'state') render(answer.state);
  else if (answer.type === 'problem') say(answer.message, 'error');
  return answer;
}

function stop(): void {
  if (playing !== null) window.clearInterval(playing);
  playing = null;
  button('play').textContent = 'Play';
  button('play').setAttribute('aria-pressed', 'false');
}

function play(): void {
  if (playing !== null) return stop();
  button('play').textContent = 'Pause';
  button('play').setAttribute('aria-pressed', 'true');
  let busy = false;
  playing = window.setInterval(() => {
    if (busy || state === null) return;
    busy = true;
    void ask({ type: 'advance', hours: bundle.script.speed }).finally(() => (busy = false));
  }, 1000);
}

async function showDebrief(): Promise<void> {
  stop();
  say('Working out the debrief: your run, the others on the same seed, and what each decision cost…');
  const answer = await send({ type: 'debrief' });
  if (answer.type !== 'debrief') return say(answer.type === 'problem' ? answer.message : 'no debrief', 'error');
  const d: Debrief = answer.debrief;
  const save = el('button', { 'data-testid': 'export-debrief' }, 'Save the debrief as one HTML file');
  save.addEventListener('click', () => void exportDebrief(document.querySelector('[data-testid=debrief]')!, `debrief-${bundle.script.id}-seed-${d.seed}.html`));
  const log = el('button', { 'data-testid': 'export-log' }, 'Save your decisions (replay them with firedrill run --decisions)');
  log.addEventListener('click', () => void saveLog(d.seed));
  main.replaceChildren(debriefView(d, bundle.scenario.impact?.currency ?? ''), el('p', {}, save, ' ', log));
  controls.hidden = true;
  say(`Debrief of seed ${d.seed}: score ${d.score.total} of ${d.score.max}.`);
}

/** Downloads the learner's decision log, in the format `firedrill run --decisions` replays. */
async function saveLog(seed: number): Promise<void> {
  const answer = await send({ type: 'log' });
  if (answer.type !== 'log') return say(answer.type === 'problem' ? answer.message : 'no log', 'error');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([`${JSON.stringify(answer.log, null, 1)}\n`], { type: 'application/json' }));
  link.download = `decisions-${bundle.script.id}-seed-${seed}.json`;
  link.click();
}

function startScreen(): void {
  const { script } = bundle;
  const seed = el('input', { type: 'number', min: '0', step: '1', value: String(script.seed), 'aria-label': 'seed', 'data-testid': 'seed' });
  const pace = el('select', { 'aria-label': 'pace', 'data-testid': 'pace' }, el('option', { value: 'stop' }, 'the clock stops at every question'), el('option', { value: 'pressure' }, 'under pressure: the clock runs on, questions have deadlines'));
  const go = el('button', { 'data-testid': 'start' }, 'Take command');
  go.addEventListener('click', async () => {
    go.disabled = true;
    say('Starting the drill…');
    const answer = await ask({ type: 'start', bundle, seed: Number(seed.value), pace: pace.value as 'stop' });
    if (answer.type !== 'state') return;
    controls.hidden = false;
    say('You are in command. Run the clock to the first question, or step it.');
  });
  main.replaceChildren(el('section', { class: 'panel briefing', 'data-testid': 'briefing' }, el('h2', {}, script.title), el('p', {}, script.briefing), el('p', {}, el('label', {}, 'Seed (the fire’s luck) ', seed), ' ', el('label', {}, 'Pace ', pace)), go));
}

async function boot(): Promise<void> {
  try {
    bundle = embeddedBundle() ?? (await servedBundle());
  } catch (error) {
    return say(`No drill to play: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
  send = startWorker(workerSource);
  button('next-question').addEventListener('click', () => state !== null && void ask({ type: 'advance', hours: state.pace === 'stop' ? Math.max(0.001, state.endH - state.h) : 1 }));
  button('step-15m').addEventListener('click', () => void ask({ type: 'advance', hours: 0.25 }));
  button('step-1h').addEventListener('click', () => void ask({ type: 'advance', hours: 1 }));
  button('play').addEventListener('click', play);
  button('end').addEventListener('click', () => void showDebrief());
  document.title = `Firedrill — ${bundle.script.title}`;
  startScreen();
}

void boot();
