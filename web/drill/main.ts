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
import { connectRoom, type RoomLink } from './room.js';
import type { RoomNotice, Seat } from '../../src/server/rooms.js';
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

/** What the page's buttons drive: the worker of a learner alone, or a group's room. */
interface Driver {
  act(action: Action): void;
  advance(hours: number): void;
  /** Play/pause: the page's own timer alone; the room's clock in a group (the facilitator's). */
  play(): void;
  end(): void;
}
let driver: Driver;
/** The facilitator watches and runs the room; it does not decide. */
let watching = false;

/** The local wall clock of `h` hours after ignition, in the scenario's own zone. */
function wall(h: number): string {
  if (state === null) return '';
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(state.start)?.[1] ?? 'Z';
  const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(Date.parse(state.start) + (state.ignitionH + h) * 3_600_000 + minutes * 60_000);
  return `${local.toISOString().slice(0, 16).replace('T', ' ')} (UTC${offset === 'Z' ? '' : offset})`;
}

let renders = 0;

function render(next: DrillState): void {
  state = next;
  // For whoever drives the page (a test, a screen reader's user): the state shown is the n-th.
  main.dataset.renders = String(++renders);
  main.dataset.h = String(next.h);
  clock.textContent = `${tPlus(next.h)} · ${wall(next.h)}${next.pace === 'pressure' ? ' · under pressure' : ''}`;
  const allowed = watching ? null : ROLE_ACTIONS[next.role];
  const act = (action: Action) => driver.act(action);
  // A facilitator watches the commander's questions and acts through the room's own controls, not these forms.
  main.replaceChildren(
    el('div', { class: 'columns' }, el('div', { class: 'left' }, questions(next, act, allowed), allowed === null ? null : actions(next, act, allowed)), el('div', { class: 'right' }, knowledge(next), feed(next))),
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
  main.replaceChildren(debriefView(d), el('p', {}, save, ' ', log));
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
  // Served, the viewer is one level up; an exported file has no viewer beside it.
  if (location.protocol.startsWith('http')) document.querySelector<HTMLAnchorElement>('[data-testid=viewer-link]')!.hidden = false;
  send = startWorker(workerSource);
  const params = new URLSearchParams(location.search);
  if (params.get('facilitate') === null && params.get('room') === null) {
    try {
      bundle = embeddedBundle() ?? (await servedBundle());
    } catch (error) {
      return say(`No drill to play: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  }
  button('next-question').addEventListener('click', () => state !== null && driver.advance(state.pace === 'stop' ? Math.max(0.001, state.endH - state.h) : 1));
  button('step-15m').addEventListener('click', () => driver.advance(0.25));
  button('step-1h').addEventListener('click', () => driver.advance(1));
  button('play').addEventListener('click', () => driver.play());
  button('end').addEventListener('click', () => driver.end());
  const facilitate = params.get('facilitate');
  const code = params.get('room');
  if (facilitate !== null || code !== null) {
    // A room's log is the room's: it comes with the debrief the facilitator shows.
    button('save-log').hidden = true;
    return group(facilitate, code, params.get('seat'));
  }
  button('save-log').addEventListener('click', () => state !== null && void saveLog(state.seed));
  driver = {
    act: (action) => void ask({ type: 'act', action }),
    advance: (hours) => void ask({ type: 'advance', hours }),
    play,
    end: () => void showDebrief(),
  };
  document.title = `Firedrill — ${bundle.script.title}`;
  startScreen();
}

/** A group drill: this page is the facilitator (who opened the room) or a member in a seat. */
function group(facilitate: string | null, code: string | null, seatParam: string | null): void {
  const seat = (facilitate !== null ? 'facilitator' : (seatParam ?? 'commander')) as Seat;
  watching = seat === 'facilitator';
  let room: RoomLink;
  let roomCode = code ?? '';
  let members: Seat[] = [];
  let roomPlaying = false;
  const hear = (notice: RoomNotice) => {
    if (notice.type === 'problem') return say(notice.message, 'error');
    if (notice.type === 'room.joined') {
      roomCode = notice.code;
      members = notice.members;
      controls.hidden = !(seat === 'facilitator' || seat === 'commander');
      return say(seat === 'facilitator' ? `Room ${notice.code} is open: learners join at ${location.origin}/drill/?room=${notice.code}&seat=commander (or communications, operations).` : `You are in room ${notice.code} as ${seat}.`);
    }
    if (notice.type === 'room.debrief') return void debriefOf(notice.bundle, notice.log);
    members = notice.members;
    roomPlaying = notice.playing;
    render(notice.state);
    if (notice.by !== null && notice.by.seat !== seat) say(`${notice.by.seat}: ${notice.by.what}`);
    if (seat === 'facilitator') main.prepend(facilitatorPanel(roomCode, members, roomPlaying, room));
  };
  room = connectRoom(facilitate !== null ? { create: { drill: facilitate, pace: (new URLSearchParams(location.search).get('pace') ?? 'stop') as 'stop' } } : { join: { code: code!, seat } }, hear);
  driver = {
    act: (action) => room.send({ type: 'drill.act', action }),
    advance: (hours) => room.send({ type: 'drill.advance', hours }),
    play: () => room.send({ type: 'room.clock', playing: !roomPlaying }),
    end: () => room.send({ type: 'room.debrief' }),
  };
  document.title = `Firedrill — group drill (${seat})`;
}

/** What only the facilitator has: the room's code, who is in it, the clock, live injects, the debrief for all. */
function facilitatorPanel(code: string, members: Seat[], playing: boolean, room: RoomLink): HTMLElement {
  const from = el('input', { 'aria-label': 'from', 'data-testid': 'inject-from', value: 'The CEO', maxlength: '60' });
  const text = el('input', { 'aria-label': 'what they say', 'data-testid': 'inject-text', maxlength: '1000', size: '60' });
  const send = el('button', { 'data-testid': 'inject' }, 'Add the inject now');
  send.addEventListener('click', () => text.value.trim() !== '' && room.send({ type: 'room.inject', from: from.value, text: text.value }));
  const clockButton = el('button', { 'data-testid': 'room-clock' }, playing ? 'Pause the room' : 'Run the room’s clock');
  clockButton.addEventListener('click', () => room.send({ type: 'room.clock', playing: !playing }));
  const show = el('button', { 'data-testid': 'room-debrief' }, 'Show the debrief to everyone');
  show.addEventListener('click', () => room.send({ type: 'room.debrief' }));
  return el('section', { class: 'panel facilitator', 'data-testid': 'facilitator' }, el('h2', {}, `Room ${code}`), el('p', { 'data-testid': 'members' }, `In the room: ${members.join(', ')}`), el('p', {}, clockButton, ' ', show), el('p', {}, from, ' says ', text, ' ', send));
}

/** A room's debrief, worked out in this page's worker from the room's log. */
async function debriefOf(roomBundle: DrillBundle, log: import('../../src/decide/log.js').DecisionLog): Promise<void> {
  say('Working out the debrief in this page…');
  const answer = await send({ type: 'debriefOf', bundle: roomBundle, log, stoppedAtH: state?.h ?? 0 });
  if (answer.type !== 'debrief') return say(answer.type === 'problem' ? answer.message : 'no debrief', 'error');
  main.replaceChildren(debriefView(answer.debrief));
  controls.hidden = true;
  say(`Debrief of seed ${answer.debrief.seed}: score ${answer.debrief.score.total} of ${answer.debrief.score.max}.`);
}

void boot();
