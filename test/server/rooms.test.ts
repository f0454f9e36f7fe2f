import { describe, expect, it } from 'vitest';
import { drillBundle } from '../../src/cli/exportDrill.js';
import { createRooms, type Member, type RoomNotice } from '../../src/server/rooms.js';

/** Rooms with a counter for randomness, and members that keep what they are told. */
function setup() {
  let n = 0;
  let now = 0;
  const rooms = createRooms({
    bundle: (drill) => drillBundle(drill),
    random: (length, alphabet) => Array.from({ length }, (_, i) => alphabet[(n++ * 7 + i) % alphabet.length]).join(''),
    limits: { maxRooms: 3, maxMembers: 6 },
    now: () => now,
  });
  let ids = 0;
  const member = () => {
    const heard: RoomNotice[] = [];
    const m: Member & { heard: RoomNotice[]; last: () => RoomNotice } = { id: ids++, room: null, seat: null, lastSeq: 0, deliver: (x) => heard.push(x), heard, last: () => heard.at(-1)! };
    return m;
  };
  return { rooms, member, advanceClock: (ms: number) => (now += ms) };
}

describe('group drill rooms', () => {
  it('a facilitator opens a room; learners join in roles; each sees its part; an action by one reaches every member', () => {
    const { rooms, member } = setup();
    const f = member();
    rooms.handle(f, { type: 'room.create', drill: 'pangyo-2022' });
    const opened = f.heard.find((x) => x.type === 'room.joined')!;
    expect(opened).toMatchObject({ seat: 'facilitator', code: expect.stringMatching(/^[A-Z0-9]{6}$/) });
    const code = (opened as { code: string }).code;
    const [ic, comms, ops] = [member(), member(), member()];
    rooms.handle(ic, { type: 'room.join', code, seat: 'commander' });
    rooms.handle(comms, { type: 'room.join', code, seat: 'communications' });
    rooms.handle(ops, { type: 'room.join', code, seat: 'operations' });
    rooms.handle(f, { type: 'drill.advance', seq: 1, hours: 24 });
    const state = (m: typeof f) => (m.heard.filter((x) => x.type === 'drill.state').at(-1) as Extract<RoomNotice, { type: 'drill.state' }>).state;
    expect(state(ic).view.pending.map((q) => q.key)).toEqual(['incident.declare#1']);
    expect(state(ops).view.pending).toEqual([]); // declaring is the commander's
    expect(state(comms).view.halls).toBeNull();
    rooms.handle(ic, { type: 'drill.act', seq: 1, action: { kind: 'incident.declare' } });
    for (const m of [f, comms, ops]) expect(m.last()).toMatchObject({ type: 'drill.state', by: { seat: 'commander', what: 'incident.declare' } });
    expect(state(ops).log.map((l) => l.by)).toEqual(['learner:commander']);
  });

  it('refuses malformed, out-of-role and replayed messages to their sender only, and changes nothing', () => {
    const { rooms, member } = setup();
    const f = member();
    rooms.handle(f, { type: 'room.create', drill: 'pangyo-2022' });
    const code = (f.heard[0] as { code: string }).code;
    const [ic, comms] = [member(), member()];
    rooms.handle(ic, { type: 'room.join', code, seat: 'commander' });
    rooms.handle(comms, { type: 'room.join', code, seat: 'communications' });
    rooms.handle(f, { type: 'drill.advance', seq: 1, hours: 24 });
    const heardBefore = ic.heard.length;
    rooms.handle(comms, { type: 'drill.act', seq: 1, action: { kind: 'incident.declare' } });
    expect(comms.last()).toEqual({ type: 'problem', message: 'the communications lead cannot take incident.declare: that is for commander' });
    rooms.handle(comms, { type: 'drill.act', seq: 2, action: { kind: 'rm -rf' } });
    expect(comms.last()).toMatchObject({ type: 'problem', message: expect.stringMatching(/^message refused: action\.kind/) });
    rooms.handle(comms, { type: 'room.inject', seq: 3, from: 'me', text: 'boo' });
    expect(comms.last()).toEqual({ type: 'problem', message: 'the communications cannot inject' });
    rooms.handle(ic, { type: 'drill.act', seq: 5, action: { kind: 'incident.declare' } });
    rooms.handle(ic, { type: 'drill.act', seq: 5, action: { kind: 'incident.declare' } });
    expect(ic.last()).toEqual({ type: 'problem', message: 'message 5 refused: already received (a replay)' });
    rooms.handle(ic, 'not an object');
    expect(ic.last()).toMatchObject({ type: 'problem' });
    // The commander heard its own action's state and its two problems; nothing of the refused ones.
    expect(ic.heard.slice(heardBefore).map((x) => x.type)).toEqual(['drill.state', 'problem', 'problem']);
    rooms.handle(member(), { type: 'room.join', code: 'ZZZZZZ', seat: 'commander' });
  });

  it('a learner who disconnects takes the seat back with its token, where the drill is; nobody else can', () => {
    const { rooms, member } = setup();
    const f = member();
    rooms.handle(f, { type: 'room.create', drill: 'pangyo-2022' });
    const code = (f.heard[0] as { code: string }).code;
    const ops = member();
    rooms.handle(ops, { type: 'room.join', code, seat: 'operations' });
    const token = (ops.heard[0] as { token: string }).token;
    rooms.handle(f, { type: 'drill.advance', seq: 1, hours: 2 });
    rooms.leave(ops);
    const stranger = member();
    rooms.handle(stranger, { type: 'room.join', code, seat: 'operations' });
    expect(stranger.last()).toMatchObject({ type: 'problem', message: expect.stringMatching(/seat of room .* is taken/) });
    const back = member();
    rooms.handle(back, { type: 'room.join', code, seat: 'operations', token });
    expect(back.heard[0]).toMatchObject({ type: 'room.joined', seat: 'operations', token });
    expect(back.last()).toMatchObject({ type: 'drill.state', state: { h: expect.closeTo(0.413, 2) } });
  });

  it('the facilitator runs the clock, adds injects and sends the debrief (the log and the drill) to everyone', () => {
    const { rooms, member, advanceClock } = setup();
    const f = member();
    rooms.handle(f, { type: 'room.create', drill: 'pangyo-2022', pace: 'stop' });
    const code = (f.heard[0] as { code: string }).code;
    const ic = member();
    rooms.handle(ic, { type: 'room.join', code, seat: 'commander' });
    rooms.handle(f, { type: 'room.clock', seq: 1, playing: true });
    rooms.tick();
    // Stopped by the first question (the detection, 25 minutes in).
    expect(ic.last()).toMatchObject({ type: 'drill.state', playing: false, state: { stop: 'decision' } });
    rooms.handle(f, { type: 'room.inject', seq: 2, from: 'The CEO', text: 'I need a time now.' });
    expect((ic.last() as Extract<RoomNotice, { type: 'drill.state' }>).state.injects.at(-1)).toMatchObject({ from: 'The CEO', live: true });
    rooms.handle(f, { type: 'room.debrief', seq: 3 });
    expect(ic.last()).toMatchObject({ type: 'room.debrief', log: { format: 'firedrill-decisions', policy: 'learner' }, bundle: { script: { id: 'pangyo-2022' } } });
    // An empty room closes after half an hour.
    rooms.leave(ic);
    rooms.leave(f);
    advanceClock(31 * 60_000);
    rooms.tick();
    expect(rooms.count).toBe(0);
  });
});
