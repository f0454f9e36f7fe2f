import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/runScenario.js';
import type { Action } from '../../src/model/decisions.js';
import { PASSIVE, runWith, scripted } from '../decide/scripted.js';
import { H, tiny } from './tiny.js';

// The tiny world (test/recovery/tiny.ts): the brigade asks at 0.5 h and PASSIVE cuts the building at
// once; the fire is out at 2 h; clearance 1 h; one electrician team inspects d1 (3–4 h, its UPS burnt)
// then d2 (4–5 h), which is energised at 5 h. The response: detected 0.1 + 0.1, declared at once,
// assembled 0.7 h, assessed 1.2 h.
const rebuildAll = { ...PASSIVE, rebuild: (r: { subject: string | null }): Action => ({ kind: 'rebuild.start', service: r.subject!, site: 'far' }) };

describe('cooling loss', () => {
  it('shuts a running room down when it is too hot (1 h + 20 min), and energises it once cooling is restored (1 h + 2 h)', () => {
    const scenario = tiny((doc) => (doc.hazards = [{ kind: 'cooling-loss', site: 'far', at: '1h', shutdownWithin: '20m', restore: '2h' }]));
    const run = runWith(scenario, scripted(PASSIVE));
    expect(run.at('cooling.lost')).toBe(1);
    const shut = run.messages.find((m) => m.type === 'narrative' && m.kind === 'power.lost' && m.data?.domain === 'f1');
    expect(shut).toMatchObject({ h: 1.333, data: { cause: 'cooling lost' } });
    expect(run.at('cooling.restored')).toBe(3);
    expect(run.messages.find((m) => m.type === 'narrative' && m.kind === 'power.restored' && m.data?.domain === 'f1')).toMatchObject({ h: 3 });
  });

  it('at the burning site, the electricians restore cooling first (2 h from the fire being out), and no domain is energised before: d2 at 6 h, not 5 h', () => {
    const scenario = tiny((doc) => (doc.hazards = [{ kind: 'cooling-loss', site: 'dc', at: 'power-cut', shutdownWithin: '15m', restore: '2h' }]));
    const run = runWith(scenario, scripted(PASSIVE));
    expect(run.at('cooling.lost')).toBe(0.5);
    expect(run.at('cooling.restored')).toBe(4); // fire out at 2 h, the one team's 2 h of work (clearance needs none)
    expect(run.messages.find((m) => m.type === 'narrative' && m.kind === 'power.restored' && m.data?.domain === 'd2')).toMatchObject({ h: 6 });
  });
});

describe('backups, restores and validation', () => {
  const withData = (backup: unknown, validate?: string) =>
    tiny((doc) => {
      doc.people.engineers = 3; // so that the validation finds a team free: the cold starts at dc hold two
      doc.services[1].dataTB = 6;
      doc.services[1].backup = backup;
      if (validate) doc.services[1].rebuild.validate = validate;
    });

  it('a restore of 6 TB at 2 TB/h takes 3 h, then a validation of 30 min: the rebuilt tool is back at 1.2 + 4 + 3 + 0.5 = 8.7 h', () => {
    const run = runWith(withData({ site: 'far', age: '12h', restorePerHourTB: 2 }, '30m'), scripted(rebuildAll));
    expect(run.at('rebuild.started')).toBe(1.2);
    expect(run.at('data.restoring')).toBe(5.2);
    expect(run.at('rebuild.done')).toBe(8.7);
    expect(run.result.dataLost).toEqual([]);
  });

  it('a system rebuilt with no backup is reported as data lost, all of it', () => {
    const run = runWith(withData('none'), scripted(rebuildAll));
    expect(run.at('data.lost')).toBe(5.2);
    expect(run.result.dataLost).toEqual([{ service: 'ops', tb: 6, writesH: null, why: 'rebuilt elsewhere, no backup' }]);
  });
});

describe('new hardware from a supply', () => {
  it('the first order starts the lead time (10 h); then 1 server an hour, to the orders in turn: ops (5) ready at 16.2 h, app (10 more) at 26.2 h', () => {
    const scenario = tiny((doc) => {
      doc.supplies = [{ id: 'vendor', leadTime: '10h', perWeek: 168 }];
      doc.services[1].rebuild.supply = 'vendor';
      doc.services[0].rebuild = { sites: ['far'], from: 'far', duration: '1h', supply: 'vendor' };
    });
    const run = runWith(scenario, scripted(rebuildAll));
    const started = run.messages.filter((m) => m.type === 'narrative' && m.kind === 'rebuild.started').map((m) => [(m as unknown as { data: { service: string } }).data.service, m.type === 'narrative' ? m.h : 0]);
    expect(started).toEqual([['ops', 16.2], ['app', 26.2]]);
  });
});

describe('restarts in dependency order', () => {
  // web (in h2, energised at 5 h) depends on db (in h1, behind the burnt UPS: bypass ordered at 4 h,
  // 10 h of lead time and 2 h of work, energised at 16 h).
  const withDeps = (inOrder: boolean) =>
    tiny((doc) => {
      doc.incident.restartInDependencyOrder = inOrder;
      doc.services.push(
        { id: 'db', name: 'Database', priority: 2, components: [{ id: 'core', demand: 5, placements: [{ site: 'dc', servers: 5, halls: ['h1'], role: 'active' }], redundancy: { kind: 'single-site' } }] },
        { id: 'web', name: 'Web', priority: 1, dependsOn: ['db'], components: [{ id: 'core', demand: 5, placements: [{ site: 'dc', servers: 5, halls: ['h2'], role: 'active' }], redundancy: { kind: 'single-site' } }] },
      );
    });
  const usable = (result: ReturnType<typeof runScenario>, id: string) => result.services.find((s) => s.id === id)!.firstUsableHours!;

  it('a dependent system never starts before what it needs: web restarts only once db is usable, and is back its cold start (1 h) later', () => {
    const result = runWith(withDeps(true), scripted(PASSIVE)).result;
    expect(usable(result, 'db')).toBeGreaterThan(16);
    expect(usable(result, 'web')).toBeGreaterThanOrEqual(usable(result, 'db') + 1);
  });

  it('without the ordering, its applications restart as soon as its servers are back, and it is usable the moment db is', () => {
    const result = runWith(withDeps(false), scripted(PASSIVE)).result;
    expect(usable(result, 'web')).toBe(usable(result, 'db'));
  });
});

describe('smoke, soot and cleaning', () => {
  const sampleAt = (messages: ReturnType<typeof runWith>['messages'], h: number) => (messages.find((m) => m.type === 'sample' && m.h === h) as { running: number[] } | undefined)?.running[0];

  it('a sooted rack is cleaned (30 min, one crew) before it restarts: h2 back a rack at a time, 5.75 h and 6.25 h, not 5.25 h and 5.42 h', () => {
    const sooted = tiny((doc) => {
      doc.fire.smoke = [{ halls: ['h2'], reach: '30m' }];
      doc.servers.cleanRack = '30m';
      doc.people.cleaningCrews = 1;
    });
    const run = runWith(sooted, scripted(PASSIVE));
    expect(run.at('fire.smoke')).toBe(0.5);
    // dc holds 40 servers, h2 20 of them in two racks: cleaned 5–5.5 and 5.5–6, restarted 10 min, booted 5 min.
    expect(sampleAt(run.messages, 5.5)).toBe(0);
    expect(sampleAt(run.messages, 6)).toBe(0.25);
    expect(sampleAt(run.messages, 6.5)).toBe(0.5);
    const clean = runWith(tiny(), scripted(PASSIVE));
    expect(sampleAt(clean.messages, 5.5)).toBe(0.5);
  });

  it('smoke that arrives after the fire is out soots nothing', () => {
    const late = tiny((doc) => {
      doc.fire.smoke = [{ halls: ['h2'], reach: '3h' }];
      doc.servers.cleanRack = '30m';
    });
    expect(runWith(late, scripted(PASSIVE)).at('fire.smoke')).toBeNull();
  });
});

describe('fire damage from its growth and burn time', () => {
  const spreading = (reach: string, burnToDestroy: string) => tiny((doc) => (doc.fire.spread = [{ halls: ['h2'], reach, burnToDestroy }]));
  const destroyed = (run: ReturnType<typeof runWith>) => (run.messages.find((m) => m.type === 'narrative' && m.kind === 'fire.damage') as { data: { servers: number } } | undefined)?.data.servers ?? 0;

  it('a hall the fire burns in for its whole burnToDestroy (reached at 1 h, out at 2 h, 1 h to destroy) loses every server', () => {
    const run = runWith(spreading('1h', '1h'), scripted(PASSIVE));
    expect(run.at('fire.spread')).toBe(1);
    expect(destroyed(run)).toBe(20);
    expect(run.result.services.find((s) => s.id === 'ops')!.normalHours).toBeNull(); // its servers are gone
  });

  it('a fire out before it reaches the hall destroys nothing there', () => {
    const run = runWith(spreading('3h', '1h'), scripted(PASSIVE));
    expect(run.at('fire.spread')).toBeNull();
    expect(destroyed(run)).toBe(0);
  });

  it('burning a quarter of burnToDestroy destroys about a quarter, and asking the brigade to wait burns more', () => {
    const quarter = destroyed(runWith(spreading('1h', '4h'), scripted(PASSIVE), 3));
    const delayed = destroyed(runWith(spreading('1h', '4h'), scripted({ ...PASSIVE, powerCut: (r) => ({ kind: 'powerCut.answer', cut: r.options.some((o) => o.action.kind === 'powerCut.answer' && o.action.cut === 'delay') ? 'delay' : 'building' }) }), 3));
    expect(quarter).toBeGreaterThan(0);
    expect(quarter).toBeLessThan(12);
    expect(delayed).toBeGreaterThanOrEqual(quarter); // the same draws, a larger share
  });

  it('servers destroyed with no backup of their data: the data is reported lost', () => {
    const scenario = tiny((doc) => {
      doc.fire.spread = [{ halls: ['h2'], reach: '1h', burnToDestroy: '1h' }];
      doc.services[1].dataTB = 6;
    });
    expect(runWith(scenario, scripted(PASSIVE)).result.dataLost).toEqual([{ service: 'ops', tb: 6, writesH: null, why: '5 of its 5 servers destroyed, no backup' }]);
  });
});

describe('more than one building per site', () => {
  it('a brigade that cuts the building cuts only the building the fire is in: d2, in the other building, keeps running', () => {
    const scenario = tiny((doc) => {
      doc.sites[0].buildings = [{ id: 'east' }, { id: 'west' }];
      doc.sites[0].rooms = [{ id: 'batt', kind: 'battery', building: 'east' }, { id: 'ups2', kind: 'ups', building: 'west' }];
      doc.fire.cuts = 'building';
    });
    const run = runWith(scenario, scripted(PASSIVE));
    const lost = run.messages.filter((m) => m.type === 'narrative' && m.kind === 'power.lost').map((m) => (m as unknown as { data: { domain: string } }).data.domain);
    expect(lost).toEqual(['d1']);
    expect(run.result.services.find((s) => s.id === 'app')!.normalHours).toBe(0); // never lost
  });
});

describe('water and the utility\'s power', () => {
  it('water at the power cut (every server of h2 damaged) keeps h2 down after power returns: each server waits for the one hardware crew (1 h each)', () => {
    const wet = tiny((doc) => (doc.hazards = [{ kind: 'water', site: 'dc', halls: ['h2'], at: 'power-cut', damage: 1 }]));
    const run = runWith(wet, scripted(PASSIVE));
    expect(run.messages.find((m) => m.type === 'narrative' && m.kind === 'water.damage')).toMatchObject({ h: 0.5, data: { servers: 20 } });
    const at6 = run.messages.find((m) => m.type === 'sample' && m.h === 6) as { running: number[] };
    expect(at6.running[0]).toBe(0); // without water, half of dc runs by 5.5 h
    // 20 repairs of 1 h by one crew, the first from the first failed boot (~5.25 h): the last back after 24 h.
    expect(run.result.services.find((s) => s.id === 'ops')!.normalHours).toBeGreaterThan(6);
  });

  it('a crew busy only for its hands-on part of each repair (15 min of 1 h) frees itself for the next: the 20 wet servers come back one every 15 min from 6.25 h, the last at 11 h, not one an hour until 25.25 h', () => {
    // h2 energised at 5 h; its two racks restart at 5:10 and 5:20, their servers fail to boot 5 min later.
    // The one crew starts a repair at 5.25 h and then every 15 min; each server is back 1 h after its start.
    const wet = (handsOn?: string) =>
      tiny((doc) => {
        doc.hazards = [{ kind: 'water', site: 'dc', halls: ['h2'], at: 'power-cut', damage: 1 }];
        if (handsOn !== undefined) doc.servers.repairHandsOn = handsOn;
      });
    const runningAt = (run: ReturnType<typeof runWith>, h: number) => (run.messages.find((m) => m.type === 'sample' && m.h === h) as { running: number[] }).running[0]! * 40;
    const split = runWith(wet('15m'), scripted(PASSIVE));
    expect([6, 6.25, 7, 9, 10.75].map((h) => Math.round(runningAt(split, h)))).toEqual([0, 1, 4, 12, 19]);
    expect(split.result.services.find((s) => s.id === 'ops')!.normalHours).toBe(11.1); // its servers repaired last, then its 6-min check
    const whole = runWith(wet(), scripted(PASSIVE));
    expect([6.25, 7, 9, 10.75].map((h) => Math.round(runningAt(whole, h)))).toEqual([1, 1, 3, 5]);
  });

  it('the utility\'s power lost at the far site for 3 h: dark at 1 h, energised at 4 h', () => {
    const run = runWith(tiny((doc) => (doc.hazards = [{ kind: 'power-loss', site: 'far', at: '1h', duration: '3h' }])), scripted(PASSIVE));
    expect(run.messages.find((m) => m.type === 'narrative' && m.kind === 'power.lost' && m.data?.domain === 'f1')).toMatchObject({ h: 1, data: { cause: 'utility power lost' } });
    expect(run.messages.find((m) => m.type === 'narrative' && m.kind === 'power.restored' && m.data?.domain === 'f1')).toMatchObject({ h: 4 });
  });
});

describe('hazards as a list', () => {
  it('the fire written as a hazard of kind fire is the same fire as fire:', () => {
    const listed = tiny((doc) => {
      doc.hazards = [{ kind: 'fire', ...doc.fire }, { kind: 'power-loss', site: 'far', at: '30h', duration: '1h' }];
      delete doc.fire;
    });
    const written = tiny((doc) => (doc.hazards = [{ kind: 'power-loss', site: 'far', at: '30h', duration: '1h' }]));
    expect(listed.fire).toEqual(written.fire);
    expect(runScenario({ scenario: listed, seed: 2 })).toEqual(runScenario({ scenario: written, seed: 2 }));
  });
});

describe('vendors and their hours', () => {
  it('office hours are weekdays 09:00-18:00 local: Saturday 00:00 waits 57 h, Monday 08:00 one, Monday 10:00 none, Friday 18:00 63', async () => {
    const { untilOfficeHours } = await import('../../src/recovery/vendors.js');
    const saturday = Date.UTC(2022, 0, 1); // 1 January 2022 was a Saturday
    expect(untilOfficeHours(saturday, 0) / H).toBe(57);
    expect(untilOfficeHours(saturday, 56 * H) / H).toBe(1);
    expect(untilOfficeHours(saturday, 58 * H)).toBe(0);
    expect(untilOfficeHours(saturday, (6 * 24 + 18) * H) / H).toBe(63);
  });

  it('a system its vendor maintains in office hours, its servers back on a Saturday, restarts on Monday 09:00 (57 h) and is back an hour later (its cold start; the ops tool, the engineers\' own, back since Saturday)', () => {
    const vendor = tiny((doc) => (doc.people.vendors = [{ id: 'acme', teams: 1, services: ['app'], hours: 'office' }]));
    const app = runWith(vendor, scripted(PASSIVE)).result.services.find((s) => s.id === 'app')!;
    expect(app.firstUsableHours).toBe(58);
    const engineers = runWith(tiny(), scripted(PASSIVE)).result.services.find((s) => s.id === 'app')!;
    expect(engineers.firstUsableHours).toBeLessThan(10);
  });

  it('a vendor called out for the first time arrives after its call-out, and stays', () => {
    const vendor = tiny((doc) => (doc.people.vendors = [{ id: 'acme', teams: 1, services: ['app'], callOut: '20h' }]));
    const app = runWith(vendor, scripted(PASSIVE)).result.services.find((s) => s.id === 'app')!;
    // Its servers back at about 5.4 h: the first call then, on site 20 h later, 2 h of cold start.
    expect(app.firstUsableHours).toBeGreaterThan(25);
    expect(app.firstUsableHours).toBeLessThan(28);
  });
});
