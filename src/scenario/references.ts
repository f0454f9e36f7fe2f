/**
 * Checks a schema-valid scenario for what a schema cannot see: ids used once,
 * every reference pointing at something defined, no dependency cycles, pools
 * that fit in their halls, a restoration plan where the fire burns.
 */
import { checkImpact } from '../impact/check.js';
import { spreadOverHalls } from '../model/placement.js';
import { suggest, type ScenarioIssue } from './errors.js';
import type { Scenario } from './schema.js';

/** Builds a located issue from a document path and what was expected. */
export type IssueAt = (path: ReadonlyArray<PropertyKey>, expected: string) => ScenarioIssue;

/** Every cross-reference problem of the scenario, located. */
export function checkReferences(s: Scenario, at: IssueAt): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const expectId = (path: ReadonlyArray<PropertyKey>, what: string, got: string, known: string[]) => {
    const hint = suggest(got, known);
    const list = known.length > 8 ? `${known.slice(0, 8).join(', ')}, …` : known.join(', ');
    issues.push(at(path, `expected the id of ${what} (${list}), got "${got}"${hint ? `; did you mean "${hint}"?` : ''}`));
  };
  const unique = (items: Array<{ id: string }>, path: ReadonlyArray<PropertyKey>, what: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) issues.push(at([...path, i, 'id'], `expected a unique ${what} id; "${item.id}" is already used at ${path.join('.')}[${first}]`));
      else seen.set(item.id, i);
    });
  };

  unique(s.sites, ['sites'], 'site');
  unique(s.services, ['services'], 'service');
  const siteIds = s.sites.map((x) => x.id);
  const hallsOfSite = new Map(s.sites.map((site) => [site.id, site.halls]));
  s.sites.forEach((site, si) => {
    unique(site.rooms, ['sites', si, 'rooms'], 'room');
    unique(site.powerDomains, ['sites', si, 'powerDomains'], 'power domain');
    unique(site.halls, ['sites', si, 'halls'], 'hall');
    unique(site.buildings, ['sites', si, 'buildings'], 'building');
    const buildings = site.buildings.map((b) => b.id);
    site.rooms.forEach((r, ri) => {
      if (r.building === undefined) return;
      if (buildings.length === 0) issues.push(at(['sites', si, 'rooms', ri, 'building'], `expected no building, since ${site.id} lists no buildings (add buildings: [{ id: ${r.building} }] to the site), got "${r.building}"`));
      else if (!buildings.includes(r.building)) expectId(['sites', si, 'rooms', ri, 'building'], `a building of ${site.id}`, r.building, buildings);
    });
    const rooms = site.rooms.map((r) => r.id);
    const domains = site.powerDomains.map((d) => d.id);
    site.powerDomains.forEach((d, di) => {
      if (!rooms.includes(d.feed)) expectId(['sites', si, 'powerDomains', di, 'feed'], `a room of ${site.id}`, d.feed, rooms);
      (d.cablePath ?? []).forEach((room, ri) => {
        if (!rooms.includes(room)) expectId(['sites', si, 'powerDomains', di, 'cablePath', ri], `a room of ${site.id}`, room, rooms);
      });
    });
    site.halls.forEach((h, hi) => {
      if (!domains.includes(h.powerDomain)) expectId(['sites', si, 'halls', hi, 'powerDomain'], `a power domain of ${site.id}`, h.powerDomain, domains);
    });
  });

  const fireSite = s.sites.findIndex((x) => x.id === s.fire.site);
  if (fireSite < 0) expectId(['fire', 'site'], 'a site', s.fire.site, siteIds);
  else {
    const rooms = s.sites[fireSite]!.rooms.map((r) => r.id);
    if (!rooms.includes(s.fire.room)) expectId(['fire', 'room'], `a room of ${s.fire.site}`, s.fire.room, rooms);
    // Timings the fire needs only where they apply: a UPS fed from the room, a cable through it, gas that can fail.
    const domains = s.sites[fireSite]!.powerDomains;
    const fed = domains.find((d) => d.feed === s.fire.room);
    const cabled = domains.find((d) => (d.cablePath ?? []).includes(s.fire.room));
    if (fed !== undefined && s.fire.upsFailure === undefined) issues.push(at(['fire'], `expected upsFailure (when the UPS in ${s.fire.room} fails), because power domain ${fed.id} is fed from it`));
    if (cabled !== undefined && s.fire.cableBurn === undefined) issues.push(at(['fire'], `expected cableBurn (when cables through ${s.fire.room} burn), because power domain ${cabled.id}'s cable runs through it`));
    if (s.fire.gasSuppressionSuccess < 1 && s.fire.waterPowerCut === undefined) issues.push(at(['fire'], `expected waterPowerCut (when the brigade asks to cut power to use water), because gasSuppressionSuccess is below 1`));
    if (s.sites[fireSite]!.restoration === undefined) {
      issues.push(at(['sites', fireSite], `expected a restoration plan (restoration: electricians, clearance, inspect, bypass, cableReplacement) for ${s.fire.site}, where the fire burns`));
    }
  }

  // The fire's growth and smoke: halls of its site; smoke needs a way to clean racks.
  const fireHalls = fireSite < 0 ? [] : s.sites[fireSite]!.halls.map((h) => h.id);
  (['spread', 'smoke'] as const).forEach((key) => {
    s.fire[key].forEach((entry, ei) => {
      entry.halls.forEach((hall, hi) => {
        if (fireSite >= 0 && !fireHalls.includes(hall)) expectId(['fire', key, ei, 'halls', hi], `a hall of ${s.fire.site}, where the fire burns`, hall, fireHalls);
      });
    });
  });
  if (s.fire.smoke.length > 0 && s.servers.cleanRack === undefined) issues.push(at(['servers'], 'expected cleanRack (how long cleaning soot off one rack takes), because the fire has smoke: reaching halls'));
  s.hazards.forEach((hazard, hi) => {
    const site = s.sites.find((x) => x.id === hazard.site);
    if (site === undefined) return expectId(['hazards', hi, 'site'], 'a site', hazard.site, siteIds);
    if (hazard.kind === 'cooling-loss' && hazard.building !== undefined && !site.buildings.some((b) => b.id === hazard.building)) expectId(['hazards', hi, 'building'], `a building of ${site.id}`, hazard.building, site.buildings.map((b) => b.id));
    if (hazard.kind === 'water') {
      hazard.halls.forEach((hall, i) => {
        if (!site.halls.some((h) => h.id === hall)) expectId(['hazards', hi, 'halls', i], `a hall of ${site.id}`, hall, site.halls.map((h) => h.id));
      });
    }
  });

  const serviceIds = s.services.map((x) => x.id);
  // Free servers per hall (own tenant), spent in placement order exactly as the world builder will.
  const free = new Map<string, number>(s.sites.flatMap((site) => site.halls.map((h): [string, number] => [`${site.id}/${h.id}`, h.racks * h.serversPerRack])));
  const roles = new Map<string, number>();
  s.services.forEach((service, si) => {
    unique(service.components, ['services', si, 'components'], 'component');
    service.dependsOn.forEach((dep, di) => {
      if (!serviceIds.includes(dep)) expectId(['services', si, 'dependsOn', di], 'a service', dep, serviceIds);
      else if (dep === service.id) issues.push(at(['services', si, 'dependsOn', di], `expected other services; ${service.id} cannot depend on itself`));
    });
    if (service.role !== undefined) {
      const first = roles.get(service.role);
      if (first !== undefined) issues.push(at(['services', si, 'role'], `expected one service per control-plane role; ${s.services[first]!.id} already plays "${service.role}"`));
      else roles.set(service.role, si);
    }
    service.components.forEach((c, ci) => {
      if (c.redundancy.kind === 'n-plus-k') {
        const active = c.placements.filter((p) => p.role === 'active').reduce((n, p) => n + p.servers, 0);
        if (active < c.demand + c.redundancy.spares) {
          issues.push(at(['services', si, 'components', ci, 'redundancy', 'spares'], `expected active placements of at least demand + spares = ${c.demand + c.redundancy.spares} servers, got ${active}`));
        }
      }
      c.placements.forEach((p, pi) => {
        const path = ['services', si, 'components', ci, 'placements', pi];
        const halls = hallsOfSite.get(p.site);
        if (halls === undefined) {
          expectId([...path, 'site'], 'a site', p.site, siteIds);
          return;
        }
        const unknownHalls = (p.halls ?? []).filter((h, hi) => {
          const unknown = !halls.some((x) => x.id === h);
          if (unknown) expectId([...path, 'halls', hi], `a hall of ${p.site}`, h, halls.map((x) => x.id));
          return unknown;
        });
        if (unknownHalls.length > 0) return; // no room to count in halls that do not exist
        const keys = halls.filter((h) => p.halls === undefined || p.halls.includes(h.id)).map((h) => `${p.site}/${h.id}`);
        const room = keys.map((k) => free.get(k)!);
        const shares = spreadOverHalls(room, p.servers);
        if (shares === null) {
          const left = room.reduce((a, b) => a + b, 0);
          issues.push(at([...path, 'servers'], `expected at most ${left} servers: that is what ${p.halls ? `halls ${p.halls.join(', ')}` : `the halls of ${p.site}`} have left after earlier placements, got ${p.servers}`));
        } else keys.forEach((k, i) => free.set(k, free.get(k)! - shares[i]!));
      });
    });
  });

  // Dependency cycles, reported once each at the service that closes them.
  const state = new Map<string, 0 | 1 | 2>();
  const byId = new Map(s.services.map((x, i) => [x.id, i]));
  const visit = (id: string, stack: string[]): void => {
    state.set(id, 1);
    for (const dep of s.services[byId.get(id)!]!.dependsOn) {
      if (!byId.has(dep) || dep === id) continue;
      if (state.get(dep) === 1) {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep];
        const si = byId.get(id)!;
        issues.push(at(['services', si, 'dependsOn', s.services[si]!.dependsOn.indexOf(dep)], `expected no dependency cycle, got ${cycle.join(' → ')}`));
      } else if (state.get(dep) !== 2) visit(dep, [...stack, dep]);
    }
    state.set(id, 2);
  };
  for (const service of s.services) if (!state.has(service.id)) visit(service.id, [service.id]);

  // Rebuilding elsewhere: sites that exist, and not the site the service already stands in alone.
  s.services.forEach((service, si) => {
    const rebuild = service.rebuild;
    if (rebuild === undefined) return;
    rebuild.sites.forEach((site, i) => {
      if (!siteIds.includes(site)) expectId(['services', si, 'rebuild', 'sites', i], 'a site', site, siteIds);
    });
    if (!siteIds.includes(rebuild.from)) expectId(['services', si, 'rebuild', 'from'], 'a site', rebuild.from, siteIds);
    const supplies = s.supplies.map((x) => x.id);
    if (rebuild.supply !== undefined && !supplies.includes(rebuild.supply)) expectId(['services', si, 'rebuild', 'supply'], 'a supply (supplies:)', rebuild.supply, supplies);
  });
  unique(s.supplies, ['supplies'], 'supply');
  unique(s.people.vendors, ['people', 'vendors'], 'vendor');
  s.people.vendors.forEach((vendor, vi) => {
    vendor.services.forEach((pattern, pi) => {
      const r = new RegExp(`^${pattern.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      if (!serviceIds.some((id) => r.test(id))) expectId(['people', 'vendors', vi, 'services', pi], 'a service, or a pattern matching some', pattern, serviceIds);
    });
  });
  s.services.forEach((service, si) => {
    if (service.backup !== 'none' && !siteIds.includes(service.backup.site)) expectId(['services', si, 'backup', 'site'], 'a site', service.backup.site, siteIds);
  });

  if (Object.keys(s.policies).length === 0) issues.push(at(['policies'], 'expected at least one response policy (historical, runbook, …)'));
  const rebuildable = s.services.filter((x) => x.rebuild !== undefined).map((x) => x.id);
  for (const [name, policy] of Object.entries(s.policies)) {
    if (policy.decider !== 'playbook') continue;
    if (policy.controlPlane !== 'wait') {
      policy.controlPlane.rebuild.forEach((id, i) => {
        if (!rebuildable.includes(id)) expectId(['policies', name, 'controlPlane', 'rebuild', i], 'a service with a rebuild: plan', id, rebuildable);
      });
      policy.controlPlane.at.forEach((site, i) => {
        if (!siteIds.includes(site)) expectId(['policies', name, 'controlPlane', 'at', i], 'a site', site, siteIds);
      });
    }
    policy.callIn.forEach((c, i) => {
      const plan = s.people.callIn[c.team];
      if (plan === undefined) issues.push(at(['policies', name, 'callIn', i, 'team'], `expected a team the scenario can call in (people.callIn: ${Object.keys(s.people.callIn).join(', ') || 'none'}), got "${c.team}"`));
      else if (c.count > plan.max) issues.push(at(['policies', name, 'callIn', i, 'count'], `expected at most ${plan.max} (people.callIn.${c.team}.max), got ${c.count}`));
    });
  }
  for (const id of Object.keys(s.history?.services ?? {})) {
    if (!serviceIds.includes(id)) expectId(['history', 'services', id], 'a service', id, serviceIds);
  }
  if (s.impact !== undefined) issues.push(...checkImpact(s.impact, serviceIds, at));
  if (s.impact?.currency !== undefined && s.currency !== undefined && s.impact.currency !== s.currency) {
    issues.push(at(['impact', 'currency'], `expected the scenario's currency (${s.currency}) or none; one scenario has one currency, got ${s.impact.currency}`));
  }
  return issues;
}
