import { describe, expect, it } from 'vitest';
import { MAX_SERVERS, MessageChecker, ProtocolError, readRecording } from '../../src/stream/read.js';
import { PROTOCOL_VERSION } from '../../src/stream/protocol.js';
import { editLine, lineOf, pangyoLines } from './recording.js';

const PAYLOAD = `"'><img src=x onerror=alert(1)>`;
const ndjson = (lines: string[]) => `${lines.join('\n')}\n`;
const problemOf = (lines: string[]) => readRecording(ndjson(lines)).problem;

describe('readRecording', () => {
  it('reads a whole Pangyo recording: every message, complete, no problem', () => {
    const lines = pangyoLines();
    const read = readRecording(ndjson(lines));
    expect(read.problem).toBeNull();
    expect(read.complete).toBe(true);
    expect(read.messages).toHaveLength(lines.length);
    expect(read.start?.scenario).toBe('pangyo-2022');
  });

  it('names the line and the path of a structurally broken run.start instead of failing later in a view', () => {
    const lines = editLine(pangyoLines(), 1, (m) => delete m.halls);
    expect(problemOf(lines)).toEqual({ line: 1, message: 'run.start.halls: missing (expected array)' });
    const noServices = editLine(pangyoLines(), 1, (m) => delete m.services);
    expect(problemOf(noServices)).toEqual({ line: 1, message: 'run.start.services: missing (expected array)' });
    expect(readRecording(ndjson(lines)).start).toBeNull();
  });

  it('refuses numbers that are not numbers, quoting at most 60 characters of what was there', () => {
    const seed = editLine(pangyoLines(), 1, (m) => (m.seed = PAYLOAD));
    expect(problemOf(seed)).toEqual({ line: 1, message: `run.start.seed: expected number, got ${JSON.stringify(PAYLOAD)}` });
    const long = editLine(pangyoLines(), 1, (m) => (m.seed = 'x'.repeat(100_000)));
    expect(problemOf(long)!.message).toBe(`run.start.seed: expected number, got "${'x'.repeat(58)}…`);
    const at = lineOf(pangyoLines(), 'ledger');
    const draws = editLine(pangyoLines(), at, (m) => (m.draws = PAYLOAD));
    expect(problemOf(draws)).toEqual({ line: at, message: `ledger.draws: expected number, got ${JSON.stringify(PAYLOAD)}` });
    const people = editLine(pangyoLines(), at, (m) => ((m.groups as Array<Record<string, unknown>>)[1]!.people = '12<b>'));
    expect(problemOf(people)).toEqual({ line: at, message: 'ledger.groups[1].people: expected number, got "12<b>"' });
  });

  it('keeps what came before a bad line, and says the run is not complete', () => {
    const at = lineOf(pangyoLines(), 'sample') + 3;
    const read = readRecording(ndjson(editLine(pangyoLines(), at, (m) => (m.h = null))));
    expect(read.problem).toEqual({ line: at, message: expect.stringMatching(/^(sample|fleet|narrative)\.h: expected number, got null$/) });
    expect(read.messages).toHaveLength(at - 1);
    expect(read.complete).toBe(false);
  });

  it('counts lines as the file has them: blank lines and CRLF endings included', () => {
    const lines = pangyoLines();
    const text = `${lines.slice(0, 5).join('\r\n')}\r\n\r\n\r\n${'{"type":"sample",'}\r\n`;
    expect(readRecording(text).problem).toEqual({ line: 8, message: 'not JSON: the line is corrupt or cut short' });
  });

  it('says which types a value of narrative data may have', () => {
    const at = lineOf(pangyoLines(), 'narrative');
    const lines = editLine(pangyoLines(), at, (m) => ((m.data as Record<string, unknown>).site = [1]));
    expect(problemOf(lines)).toEqual({ line: at, message: 'narrative.data.site: expected string, number, boolean or null, got [1]' });
  });

  it('checks samples and fleet frames against the layout of run.start', () => {
    const lines = pangyoLines();
    const sample = lineOf(lines, 'sample');
    expect(problemOf(editLine(lines, sample, (m) => (m.running as number[]).pop()))).toEqual({ line: sample, message: 'sample.running: expected 3 values (one per site of run.start), got 2' });
    const fleet = lineOf(lines, 'fleet');
    expect(problemOf(editLine(lines, fleet, (m) => ((m.runs as number[])[0] = 7)))).toEqual({ line: fleet, message: 'fleet.runs[0]: state 7 is not one of the 7 of run.start.serverStates' });
    expect(problemOf(editLine(lines, fleet, (m) => ((m.runs as number[])[1]! += 1)))).toEqual({ line: fleet, message: expect.stringMatching(/^fleet\.runs: the counts add up to more than \d+ servers; run\.start\.halls hold 39000$/) });
    expect(problemOf(editLine(lines, fleet, (m) => (m.runs as number[]).push(0)))).toEqual({ line: fleet, message: expect.stringMatching(/^fleet\.runs: expected \[state, count, …\] pairs, got \d+ numbers$/) });
  });

  it('checks the layout: servers numbered hall by hall, halls on known sites, at most MAX_SERVERS', () => {
    const firstServer = editLine(pangyoLines(), 1, (m) => ((m.halls as Array<Record<string, number>>)[1]!.firstServer = 2001));
    expect(problemOf(firstServer)).toEqual({ line: 1, message: 'run.start.halls[1].firstServer: expected 2000 (servers are numbered hall by hall from 0), got 2001' });
    const site = editLine(pangyoLines(), 1, (m) => ((m.halls as Array<Record<string, string>>)[0]!.site = 'nowhere'));
    expect(problemOf(site)).toEqual({ line: 1, message: 'run.start.halls[0].site: "nowhere" is not the id of one of run.start.sites' });
    const huge = editLine(pangyoLines(), 1, (m) => ((m.halls as Array<Record<string, number>>)[0]!.racks = 1e12));
    expect(problemOf(huge)).toEqual({ line: 1, message: `run.start.halls[0]: more than ${MAX_SERVERS.toLocaleString('en-US')} servers in all; the viewer draws every server and reads at most that many` });
    const start = editLine(pangyoLines(), 1, (m) => (m.start = PAYLOAD));
    expect(problemOf(start)).toEqual({ line: 1, message: `run.start.start: expected an ISO 8601 instant with its offset, got ${JSON.stringify(PAYLOAD)}` });
  });

  it('refuses time going backwards, a second run.start and anything after run.end', () => {
    const lines = pangyoLines();
    const later = lineOf(lines, 'sample') + 10;
    expect(problemOf(editLine(lines, later, (m) => (m.h = -1)))).toEqual({ line: later, message: expect.stringMatching(/^\w+\.h: -1 is before the previous message's [\d.]+ \(time never goes backwards in a run\)$/) });
    expect(problemOf([...lines.slice(0, 3), lines[0]!, ...lines.slice(3)])).toEqual({ line: 4, message: 'a second run.start: a recording holds one run' });
    expect(problemOf([...lines, lines[1]!])).toEqual({ line: lines.length + 1, message: `${JSON.stringify(JSON.parse(lines[1]!).type)} after run.end, which ends the run` });
  });

  it('reads other versions of the protocol: a newer minor’s extra keys and types are ignored, 1.1 lacks the fingerprint, 1.0 and 3.x are refused', () => {
    const lines = pangyoLines();
    const newer = editLine(lines, 1, (m) => Object.assign(m, { protocol: '2.99', futureField: 1 }));
    newer.splice(5, 0, '{"type":"decision.future","h":0,"x":1}');
    const read = readRecording(ndjson(newer));
    expect(read.problem).toBeNull();
    expect(read.messages).toHaveLength(lines.length);
    expect(problemOf(editLine(lines, 1, (m) => (m.futureField = 1)))).toEqual({ line: 1, message: 'run.start: unknown key "futureField"' });
    const unknown = [...lines.slice(0, 5), '{"type":"decision.future","h":0}', ...lines.slice(5)];
    expect(problemOf(unknown)).toEqual({ line: 6, message: `unknown message type "decision.future": protocol ${PROTOCOL_VERSION} has none` });
    // A type that names a property every object has is no schema's.
    for (const type of ['__proto__', 'constructor', 'toString']) {
      expect(problemOf([...lines.slice(0, 5), `{"type":"${type}","h":0}`, ...lines.slice(5)])).toEqual({ line: 6, message: `unknown message type "${type}": protocol ${PROTOCOL_VERSION} has none` });
    }
    const v11 = editLine(lines, 1, (m) => Object.assign(m, { protocol: '1.1', scenarioSha256: undefined, timeZone: undefined, locale: undefined, currency: undefined, currencyUnit: undefined }));
    expect(problemOf(v11)).toBeNull();
    expect(problemOf(editLine(lines, 1, (m) => delete m.scenarioSha256))).toEqual({ line: 1, message: 'run.start.scenarioSha256: missing (expected string)' });
    // 1.3 ledgers lack the hours hour by hour; a 1.4 ledger must have them.
    const ledgerLine = lines.findIndex((l) => l.startsWith('{"type":"ledger"')) + 1;
    const noHours = editLine(lines, ledgerLine, (m) => (m.groups as Array<Record<string, unknown>>).forEach((g) => delete g.hourlyOutageHours));
    expect(problemOf(editLine(noHours, 1, (m) => (m.protocol = '1.3')))).toBeNull();
    expect(problemOf(noHours)).toEqual({ line: ledgerLine, message: 'ledger.groups[0].hourlyOutageHours: missing (expected array) (and 5 more problems)' });
    expect(problemOf(editLine(lines, 1, (m) => (m.protocol = '1.0')))!.message).toBe("recorded with protocol 1.0, before the floor map's frames; this Firedrill reads 1.1 and newer: record the run again");
    expect(problemOf(editLine(lines, 1, (m) => (m.protocol = '3.0')))!.message).toBe('recorded with protocol 3.0; this Firedrill reads 1.1 to 2.x: open it with the Firedrill that recorded it');
    expect(problemOf(editLine(lines, 1, (m) => (m.protocol = PAYLOAD)))!.message).toBe(`run.start.protocol: expected "major.minor", got ${JSON.stringify(PAYLOAD)}`);
  });

  it('reads a 1.4 recording as 2.0: the ledger\'s won fields renamed, the zone, locale and currency 1.x left to the viewer filled in', () => {
    const lines = pangyoLines();
    const v13 = lines.map((line) => {
      const m = JSON.parse(line) as Record<string, any>;
      if (m.type === 'run.start') {
        for (const k of ['timeZone', 'locale', 'currency', 'currencyUnit']) delete m[k];
        m.protocol = '1.4';
      }
      if (m.type === 'ledger') {
        m.groups = m.groups.map((g: Record<string, unknown>) => Object.fromEntries(Object.entries(g).map(([k, v]) => [({ lossPerPerson: 'lossPerPersonWon', lossTotal: 'lossTotalWon', compensationPerPerson: 'compensationPerPersonWon', compensationTotal: 'compensationTotalWon', hourlyLoss: 'hourlyLossWon' } as Record<string, string>)[k] ?? k, v])));
      }
      return JSON.stringify(m);
    });
    expect(v13.join('\n')).toContain('"hourlyLossWon"');
    const old = readRecording(ndjson(v13));
    const now = readRecording(ndjson(lines));
    expect(old.problem).toBeNull();
    expect(old.messages).toEqual(now.messages.map((m) => (m.type === 'run.start' ? { ...m, protocol: '1.4' } : m)));
    expect(old.start).toMatchObject({ timeZone: 'KST', currency: 'KRW', currencyUnit: 'won', locale: 'en-US' });
  });

  it('says what it expected of a file that is no recording at all', () => {
    expect(readRecording('').problem).toEqual({ line: 1, message: 'empty: expected a Firedrill recording (NDJSON from firedrill run --out)' });
    expect(readRecording('hello\n').problem).toEqual({ line: 1, message: 'expected a Firedrill recording (NDJSON from firedrill run --out), but line 1 is not JSON' });
    expect(readRecording('[1,2]\n').problem).toEqual({ line: 1, message: 'expected a protocol message (a JSON object with a type), got [1,2]' });
    expect(readRecording('{"type":"sample"}\n').problem).toEqual({ line: 1, message: 'expected a Firedrill recording beginning with run.start, got "sample"' });
  });
});

describe('MessageChecker', () => {
  it('checks live messages one at a time, throwing ProtocolError for the first that fails', () => {
    const lines = pangyoLines();
    const checker = new MessageChecker();
    for (const line of lines.slice(0, 20)) expect(checker.check(JSON.parse(line))).not.toBeNull();
    expect(() => checker.check({ type: 'sample', h: 'soon' })).toThrow(ProtocolError);
    expect(() => checker.check(null)).toThrow('expected a protocol message (a JSON object with a type), got null');
  });
});
