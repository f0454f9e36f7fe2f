/**
 * What the commander knows: the tools, the services as monitoring, users'
 * complaints or the engineers tell it, the operator's last word on power,
 * the teams, and the floor as monitoring shows it — what is known, never the
 * truth. With monitoring burnt there is no per-server state at all.
 */
import type { DrillState } from '../../../src/drill/protocol.js';
import { el } from '../../src/dom.js';
import { tPlus } from '../../src/clock.js';

const KNOWN: Record<string, string> = { normal: 'working', degraded: 'degraded', down: 'down', unknown: 'no word yet' };

/** The panels of what is known. */
export function knowledge(state: DrillState): HTMLElement {
  const v = state.view;
  const tools = Object.entries({ Monitoring: v.tools.monitoring, 'Internal chat': v.tools.internalChat, 'Operations tools': v.tools.opsTools, 'Failover system': v.tools.failoverSystem, Deployment: v.tools.deployment });
  const section = el('section', { class: 'panel knowledge', 'data-testid': 'knowledge', 'aria-label': 'what you know' }, el('h2', {}, 'What you know'));
  section.append(el('p', { class: 'tools', 'data-testid': 'tools' }, ...tools.map(([name, up]) => el('span', { class: up ? 'up' : 'down', 'data-up': String(up) }, `${name}: ${up ? 'working' : 'down'}`))));
  const rows = v.services.map((s) =>
    el(
      'tr',
      { 'data-service': s.id, 'data-known': s.known },
      el('th', { scope: 'row' }, s.name),
      el('td', { class: `known ${s.known}` }, KNOWN[s.known] ?? s.known),
      el('td', {}, s.asOfH === null ? '' : `as of ${tPlus(s.asOfH)}`),
      el('td', {}, s.source === 'none' ? '' : `from ${s.source}`),
      el('td', {}, s.approval === 'undecided' ? '' : s.approval === 'approved' ? 'failover approved' : 'waits for its site'),
    ),
  );
  section.append(el('table', { class: 'services', 'data-testid': 'known-services' }, el('thead', {}, el('tr', {}, el('th', {}, 'service'), el('th', {}, 'known state'), el('th', {}, ''), el('th', {}, ''), el('th', {}, 'your decision'))), el('tbody', {}, ...rows)));
  if (v.power !== null) {
    const dark = v.power.domains.filter((d) => !d.energised);
    section.append(
      el('p', { 'data-testid': 'power' }, `The operator, as of ${tPlus(v.power.asOfH)}: ${v.power.buildingPercent}% of the building's power is back`, dark.length === 0 ? '.' : `; still dark: ${dark.map((d) => (d.expectedInH === null ? d.id : `${d.id} (about ${Math.max(1, Math.round(d.expectedInH))} h)`)).join(', ')}.`),
    );
  } else if (state.role === 'commander') section.append(el('p', { 'data-testid': 'power' }, 'No word from the building’s operator on power yet.'));
  if (state.role !== 'operations') section.append(el('p', { 'data-testid': 'complaints' }, `User complaints: about ${v.complaints.perHour.toLocaleString('en-US')} an hour (as of ${tPlus(v.complaints.asOfH)})${v.fireOut ? '. The fire is out.' : '.'}`));
  if (v.people.length > 0) {
    section.append(
      el('table', { class: 'people', 'data-testid': 'people' }, el('thead', {}, el('tr', {}, ...['team', 'on duty', 'busy', 'waiting work', 'pace', 'can call'].map((t) => el('th', {}, t)))), el('tbody', {}, ...v.people.map((p) => el('tr', {}, el('th', { scope: 'row' }, p.team), el('td', {}, p.onDuty), el('td', {}, p.busy), el('td', {}, p.waiting), el('td', {}, p.pace === 1 ? 'fresh' : `${Math.round((p.pace - 1) * 100)}% slower`), el('td', {}, p.callable))))),
    );
  }
  section.append(floor(state));
  return section;
}

/** The floor as monitoring shows it: servers running per hall; nothing while monitoring is down. */
function floor(state: DrillState): HTMLElement {
  const halls = state.view.halls;
  // The communications lead never sees the servers: a note, not the dark banner with nothing in it.
  if (halls === null && state.role === 'communications') return el('p', { class: 'quiet', 'data-testid': 'floor' }, 'The servers are for the commander and the operations lead to watch.');
  if (halls === null) return el('p', { class: 'dark', 'data-testid': 'floor' }, 'Monitoring is down: you cannot see your servers. What you know comes from people, late.');
  return el(
    'div',
    { class: 'floor', 'data-testid': 'floor' },
    ...halls.map((h) => {
      const share = h.servers === 0 ? 0 : h.running / h.servers;
      const bar = el('i');
      bar.style.width = `${Math.round(share * 100)}%`;
      return el('div', { class: 'hall', 'data-hall': h.id }, el('span', {}, `${h.site} ${h.id}`), el('b', { class: 'meter', role: 'img', 'aria-label': `${h.running} of ${h.servers} running` }, bar), el('small', {}, `${h.running} / ${h.servers}`));
    }),
  );
}
