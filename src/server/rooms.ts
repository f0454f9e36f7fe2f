/**
 * Group drills: a facilitator opens a room with a code; learners join it in
 * roles (incident commander, communications lead, operations lead); one drill
 * engine runs the room, everyone sees every action appear, each role sees its
 * part of the view and may take its actions only. The facilitator runs the
 * clock, adds injects and shows the debrief (each page works it out in its own
 * worker from the room's decision log, so the server never stalls on it).
 *
 * Transport-free: a room gets parsed messages and answers through `deliver`,
 * so the rules are tested without sockets. Malformed, oversized, out-of-role
 * and replayed messages are refused to their sender and change nothing.
 */
import { z } from 'zod';
import type { DecisionLog } from '../decide/log.js';
import { createDrillEngine, type DrillEngine } from '../drill/engine.js';
import type { DrillBundle, DrillState } from '../drill/protocol.js';
import { ROLES, type Role } from '../drill/script.js';
import { ActionSchema } from '../stream/schema.js';

/** Who is in a room: the facilitator, or a learner in a role. */
export type Seat = 'facilitator' | Role;

/** A message from a page to the rooms. */
export const RoomRequest = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('room.create'), drill: z.string().min(1).max(100), seed: z.number().int().min(0).max(0xffffffff).optional(), pace: z.enum(['stop', 'pressure']).default('stop') }),
  z.strictObject({ type: z.literal('room.join'), code: z.string().regex(/^[A-Z0-9]{4,8}$/), seat: z.enum(['facilitator', ...ROLES]), token: z.string().max(64).optional() }),
  z.strictObject({ type: z.literal('drill.act'), seq: z.number().int().positive(), action: ActionSchema }),
  z.strictObject({ type: z.literal('drill.advance'), seq: z.number().int().positive(), hours: z.number().positive().max(24 * 30) }),
  z.strictObject({ type: z.literal('room.clock'), seq: z.number().int().positive(), playing: z.boolean() }),
  z.strictObject({ type: z.literal('room.inject'), seq: z.number().int().positive(), from: z.string().min(1).max(60), text: z.string().min(1).max(1000) }),
  z.strictObject({ type: z.literal('room.debrief'), seq: z.number().int().positive() }),
]);
export type RoomRequest = z.output<typeof RoomRequest>;

/** A message from the rooms to a page. */
export type RoomNotice =
  | { type: 'room.joined'; code: string; seat: Seat; token: string; members: Seat[] }
  | { type: 'drill.state'; state: DrillState; members: Seat[]; playing: boolean; by: { seat: Seat; what: string } | null }
  | { type: 'room.debrief'; bundle: DrillBundle; log: DecisionLog }
  | { type: 'problem'; message: string };

/** A connection's place: which room and seat, once joined. */
export interface Member {
  readonly id: number;
  room: Room | null;
  seat: Seat | null;
  /** The last sequence number it used: a message must carry a higher one (a replayed message is refused). */
  lastSeq: number;
  deliver(notice: RoomNotice): void;
}

/** One room. */
export interface Room {
  readonly code: string;
  readonly engine: DrillEngine;
  readonly bundle: DrillBundle;
  readonly members: Set<Member>;
  /** Seat → the token that lets its holder take it back after a disconnection. */
  readonly tokens: Map<Seat, string>;
  playing: boolean;
  /** When the last member left (ms, the server's clock), or null while anyone is in it. */
  emptySince: number | null;
}

/** Limits of the rooms. */
export interface RoomLimits {
  maxRooms: number;
  maxMembers: number;
}

/** How rooms find a drill and make their codes and tokens. */
export interface RoomDeps {
  bundle(drill: string): DrillBundle;
  /** Random text for codes and tokens (from the OS in the server; seeded in tests). */
  random(length: number, alphabet: string): string;
  limits: RoomLimits;
  /** The server's clock, in ms, for closing rooms left empty. */
  now(): number;
}

/** An empty room is closed after this long (ms): time enough to come back after a lost connection. */
const EMPTY_ROOM_MS = 30 * 60_000;

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The rooms of one server. */
export interface Rooms {
  /** Handles one message from `member` (already parsed as JSON; checked here). */
  handle(member: Member, message: unknown): void;
  /** A member's connection closed: its seat stays for it to take back with its token. */
  leave(member: Member): void;
  /** Advances every playing room by its script's speed (called once a second). */
  tick(): void;
  readonly count: number;
}

/** Creates the rooms of a server. */
export function createRooms(deps: RoomDeps): Rooms {
  const rooms = new Map<string, Room>();
  const problem = (member: Member, message: string) => member.deliver({ type: 'problem', message });
  const seats = (room: Room): Seat[] => [...room.members].flatMap((m) => (m.seat === null ? [] : [m.seat]));

  const broadcast = (room: Room, by: { seat: Seat; what: string } | null) => {
    for (const m of room.members) {
      if (m.seat === null) continue;
      // The facilitator sees what the commander sees.
      const state = room.engine.state(m.seat === 'facilitator' ? 'commander' : m.seat);
      if (state !== null) m.deliver({ type: 'drill.state', state, members: seats(room), playing: room.playing, by });
    }
  };

  const join = (member: Member, room: Room, seat: Seat, token: string | undefined) => {
    const held = room.tokens.get(seat);
    const taken = [...room.members].find((m) => m.seat === seat && m !== member);
    if (held !== undefined && token !== held) return problem(member, `the ${seat} seat of room ${room.code} is taken; to take it back after a disconnection, join with its token`);
    if (taken !== undefined) room.members.delete(taken); // the same person, back on a new connection
    if (room.members.size >= deps.limits.maxMembers && !room.members.has(member)) return problem(member, `room ${room.code} is full`);
    const mine = held ?? deps.random(24, TOKEN_ALPHABET);
    room.tokens.set(seat, mine);
    member.room = room;
    member.seat = seat;
    member.lastSeq = 0;
    room.members.add(member);
    room.emptySince = null;
    member.deliver({ type: 'room.joined', code: room.code, seat, token: mine, members: seats(room) });
    broadcast(room, null);
  };

  const rules: Record<Exclude<RoomRequest['type'], 'room.create' | 'room.join'>, Seat[]> = {
    'drill.act': ['commander', 'communications', 'operations'],
    'drill.advance': ['facilitator', 'commander'],
    'room.clock': ['facilitator'],
    'room.inject': ['facilitator'],
    'room.debrief': ['facilitator'],
  };

  return {
    get count() {
      return rooms.size;
    },
    handle(member, raw) {
      const parsed = RoomRequest.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return problem(member, `message refused: ${issue.path.join('.') || 'message'}: ${issue.message}`.slice(0, 200));
      }
      const message = parsed.data;
      if (message.type === 'room.create') {
        if (rooms.size >= deps.limits.maxRooms) return problem(member, 'no more rooms can be opened on this server now');
        let bundle: DrillBundle;
        try {
          bundle = deps.bundle(message.drill);
        } catch (error) {
          return problem(member, `no drill "${message.drill}": ${error instanceof Error ? error.message.split('\n')[0] : ''}`.slice(0, 200));
        }
        let code = deps.random(6, CODE_ALPHABET);
        while (rooms.has(code)) code = deps.random(6, CODE_ALPHABET);
        const room: Room = { code, engine: createDrillEngine(), bundle, members: new Set(), tokens: new Map(), playing: false, emptySince: null };
        room.engine.handle({ type: 'start', bundle, ...(message.seed === undefined ? {} : { seed: message.seed }), pace: message.pace });
        rooms.set(code, room);
        return join(member, room, 'facilitator', undefined);
      }
      if (message.type === 'room.join') {
        const room = rooms.get(message.code);
        if (room === undefined) return problem(member, `there is no room ${message.code}`);
        return join(member, room, message.seat, message.token);
      }
      const room = member.room;
      if (room === null || member.seat === null) return problem(member, 'join a room first');
      if (!rules[message.type].includes(member.seat)) return problem(member, `the ${member.seat} cannot ${message.type === 'drill.act' ? 'act' : message.type.replace(/^room\.|^drill\./, '')}`);
      if (message.seq <= member.lastSeq) return problem(member, `message ${message.seq} refused: already received (a replay)`);
      member.lastSeq = message.seq;
      switch (message.type) {
        case 'drill.act': {
          const answer = room.engine.handle({ type: 'act', action: message.action }, member.seat as Role);
          if (answer.type === 'problem') return problem(member, answer.message);
          return broadcast(room, { seat: member.seat, what: message.action.kind });
        }
        case 'drill.advance': {
          const answer = room.engine.handle({ type: 'advance', hours: message.hours });
          if (answer.type === 'problem') return problem(member, answer.message);
          return broadcast(room, null);
        }
        case 'room.clock':
          room.playing = message.playing;
          return broadcast(room, { seat: 'facilitator', what: message.playing ? 'play' : 'pause' });
        case 'room.inject':
          room.engine.handle({ type: 'inject', from: message.from, text: message.text });
          return broadcast(room, { seat: 'facilitator', what: 'inject' });
        case 'room.debrief': {
          room.playing = false;
          const answer = room.engine.handle({ type: 'log' });
          if (answer.type !== 'log') return problem(member, 'the room has no log yet');
          for (const m of room.members) m.deliver({ type: 'room.debrief', bundle: room.bundle, log: answer.log });
          return;
        }
      }
    },
    leave(member) {
      const room = member.room;
      member.room = null;
      member.seat = null;
      if (room === null) return;
      room.members.delete(member);
      if (room.members.size === 0) room.emptySince = deps.now();
      else broadcast(room, null);
    },
    tick() {
      for (const room of rooms.values()) {
        if (room.emptySince !== null && deps.now() - room.emptySince > EMPTY_ROOM_MS) {
          rooms.delete(room.code);
          continue;
        }
        if (!room.playing) continue;
        const before = room.engine.session!;
        const answer = room.engine.handle({ type: 'advance', hours: room.bundle.script.speed });
        // The clock stops when the incident asks (at the stop pace) and at the end.
        if (answer.type === 'state' && (answer.state.ended || (answer.state.stop === 'decision' && before.pace === 'stop'))) room.playing = false;
        broadcast(room, null);
      }
    },
  };
}
