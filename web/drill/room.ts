/**
 * A group drill from the page's side: a WebSocket to the server's rooms
 * (/drill-ws). Every member's page is told every change; each message this
 * page sends carries a rising sequence number (the server refuses a replay).
 * A seat's token is kept in the local storage of the browser, so a page that
 * reloads or loses its connection takes its seat back where the drill is.
 */
import type { RoomNotice, RoomRequest, Seat } from '../../src/server/rooms.js';

/** A connection to a room. */
export interface RoomLink {
  send(message: DistributiveOmit<Exclude<RoomRequest, { type: 'room.create' | 'room.join' }>, 'seq'>): void;
  close(): void;
}

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

/** Opens (as facilitator, `create`) or joins a room; `hear` gets every notice. */
export function connectRoom(how: { create: { drill: string; seed?: number; pace: 'stop' | 'pressure' } } | { join: { code: string; seat: Seat } }, hear: (notice: RoomNotice) => void): RoomLink {
  let seq = 0;
  let ws: WebSocket;
  let closed = false;
  let current: { code: string; seat: Seat } | null = null;
  const seqKey = () => `firedrill.seq.${current?.code}.${current?.seat}`;
  const open = (first: RoomRequest) => {
    ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/drill-ws`);
    ws.addEventListener('open', () => ws.send(JSON.stringify(first)));
    ws.addEventListener('message', (event) => {
      const notice = JSON.parse(String(event.data)) as RoomNotice;
      if (notice.type === 'room.joined') {
        current = { code: notice.code, seat: notice.seat };
        localStorage.setItem(`firedrill.token.${notice.code}.${notice.seat}`, notice.token);
        // The server remembers nothing of a seat's numbers across joins, but a rising count is what it checks.
        seq = Math.max(seq, Number(localStorage.getItem(seqKey()) ?? '0'));
      }
      hear(notice);
    });
    ws.addEventListener('close', () => {
      if (closed) return;
      hear({ type: 'problem', message: 'The connection to the room was lost; taking your seat back…' });
      if (current === null) return;
      const { code, seat } = current;
      // The seat's token lets this page back in where the drill is.
      window.setTimeout(() => open({ type: 'room.join', code, seat, token: localStorage.getItem(`firedrill.token.${code}.${seat}`) ?? undefined }), 1000);
    });
  };
  if ('create' in how) open({ type: 'room.create', ...how.create });
  else open({ type: 'room.join', ...how.join, token: localStorage.getItem(`firedrill.token.${how.join.code}.${how.join.seat}`) ?? undefined });
  return {
    send(message) {
      seq += 1;
      localStorage.setItem(seqKey(), String(seq));
      ws.send(JSON.stringify({ ...message, seq }));
    },
    close() {
      closed = true;
      ws.close();
    },
  };
}
