/**
 * A tiny world with constant durations, for checking mechanisms against
 * answers worked out by hand: one burning site (`dc`: a battery room whose
 * UPS feeds domain d1, an intact UPS room feeding d2) and a far site; an app
 * with a standby far away, and an operations tool that can be rebuilt there.
 * The brigade asks for the cut at 30 min; the fire is out at 2 h; one
 * electrician team: clearance 1 h, inspection 1 h per domain, the bypass
 * materials 10 h after the order and 2 h of work.
 */
import { parse, stringify } from 'yaml';
import { loadText } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';

export const TINY = `
id: tiny
title: A tiny fire
start: 2022-01-01T00:00:00+00:00
horizon: 3d
sites:
  - id: dc
    name: The burning centre
    rooms: [{ id: batt, kind: battery }, { id: ups2, kind: ups }]
    powerDomains:
      - { id: d1, feed: batt, restorePriority: 1 }
      - { id: d2, feed: ups2, restorePriority: 2 }
    halls:
      - { id: h1, powerDomain: d1, racks: 2, serversPerRack: 10 }
      - { id: h2, powerDomain: d2, racks: 2, serversPerRack: 10 }
    restoration:
      electricians: 1
      clearance: 1h
      inspect: 1h
      bypass: { leadTime: 10h, work: 2h, expedite: { factor: 0.5, cost: 100 } }
      temporaryFeed: { leadTime: 3h, work: 1h, costPerDomain: 7 }
  - id: far
    name: The far centre
    rooms: [{ id: fups, kind: ups }]
    powerDomains: [{ id: f1, feed: fups, restorePriority: 1 }]
    halls: [{ id: f, powerDomain: f1, racks: 5, serversPerRack: 10 }]
fire:
  site: dc
  room: batt
  ignition: 0m
  upsFailure: 6m
  cableBurn: 6m
  gasSuppressionSuccess: 0
  waterPowerCut: 30m
  extinguish: 2h
  brigade: { answerWithin: 10m, delay: 30m }
servers: { rackRestart: 10m, boot: 5m, bootFailure: 0, repair: 1h }
people:
  restartCrews: 1
  hardwareCrews: 1
  engineers: 1
  callIn: { engineers: { max: 2, leadTime: 2h } }
services:
  - id: app
    name: The app
    users: 1000000
    priority: 1
    components:
      - id: core
        demand: 10
        placements: [{ site: dc, servers: 10, halls: [h2], role: active }, { site: far, servers: 10, role: standby }]
        redundancy: { kind: active-standby, failover: manual }
  - id: ops
    name: The ops tool
    priority: 1
    role: ops-tools
    components:
      - id: console
        demand: 5
        placements: [{ site: dc, servers: 5, halls: [h2], role: active }]
        redundancy: { kind: single-site }
    rebuild: { sites: [far], from: far, teams: 1, duration: 2h }
incident:
  detect: { withMonitoring: 6m, withoutMonitoring: 6m }
  declare: { withChat: 30m, withoutChat: 30m }
  assess: 30m
  approve: 10m
  failover: { automatic: 5m, manual: 1h, opsToolsDownFactor: 2 }
  coldStart: 1h
  buildOutPerHour: { withDeployment: 400, withoutDeployment: 4 }
  verify: 6m
policies:
  waits: { decider: playbook, failOver: none }
  rebuilds: { decider: playbook, failOver: all, controlPlane: { rebuild: [ops], at: [far] } }
`;

/** The tiny scenario, loaded as the loader does; `edit` changes its document first. */
export function tiny(edit: (doc: Record<string, any>) => void = () => undefined): Scenario {
  const doc = parse(TINY) as Record<string, any>;
  edit(doc);
  return loadText(stringify(doc), 'tiny.yaml').scenario;
}

/** Hours as ms. */
export const H = 3_600_000;
