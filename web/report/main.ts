/**
 * The sweep report: one self-contained page written by `firedrill sweep`
 * with summary.json inside. Every distribution is per design; every point
 * leads to the exact command that replays its run.
 */
// First: before any zod schema is built (see jitless.ts).
import '../src/jitless.js';
import * as d3 from 'd3';
import type { DesignSummary, SweepSummary } from '../../src/sweep/summary.js';

type DesignLedger = DesignSummary['ledger'][number];
import { readSweepSummary } from '../../src/sweep/summarySchema.js';
import { wilsonInterval } from '../../src/sweep/stats.js';
import { el, scrollBox, swatch, type Child } from '../src/dom.js';
import './style.css';

const main = document.querySelector<HTMLElement>('[data-testid=report]')!;
const command = document.querySelector<HTMLElement>('[data-testid=command]')!;
const colour = d3.scaleOrdinal(d3.schemeTableau10);
const h = (x: number | null) => (x === null ? 'never' : `${x.toFixed(1)} h`);
const amount = (x: number | null) => (x === null ? '—' : x >= 1e9 ? `${(x / 1e9).toFixed(1)} bn` : x >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : Math.round(x).toLocaleString('en-US'));
const small = (text: string) => el('small', {}, text);
const td = (...children: Child[]) => el('td', {}, ...children);

/** The summary inside the page, checked; or why there is none to show. */
function embeddedSummary(): { summary: SweepSummary } | { problem: string } {
  const text = document.getElementById('summary')?.textContent ?? '';
  if (text.trim() === '') return { problem: 'This report has no sweep inside: it is written by firedrill sweep.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'The sweep inside this report is not JSON: the file is damaged. Run the sweep again (it resumes) to write it anew.' };
  }
  const read = readSweepSummary(json);
  return read.ok ? { summary: read.summary } : { problem: `The sweep inside this report cannot be shown: ${read.message}.` };
}
const embedded = embeddedSummary();
const summary = 'summary' in embedded ? embedded.summary : null;

/** Names for people, by id; ids where the summary (of an older sweep) has none. */
const named = (kind: 'designs' | 'services' | 'groups', id: string) => {
  const names = summary?.names?.[kind];
  return names !== undefined && Object.hasOwn(names, id) ? names[id]! : id;
};
/** A metric of the paired table in words: `kakao-auth:normal_h` → "Kakao login / authentication: normal". */
function metricName(metric: string): string {
  if (metric === 'all_restored_h') return 'everything restored';
  const m = /^(.*):(usable|normal)_h$/.exec(metric);
  return m === null ? metric : `${named('services', m[1]!)}: ${m[2]}`;
}
/** Seeds below which a P99 is mostly the worst run: left out, with a warning. */
const P99_MIN_RUNS = 100;
const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;

/** Shows the command that replays `arm`'s run on `seed` (an arm is a design under a policy, by its label). */
function replay(arm: string, seed: number): void {
  if (summary === null) return;
  const a = summary.perDesign.find((d) => d.design === arm);
  if (a === undefined) return;
  command.textContent = `firedrill run ${summary.scenario === 'pangyo-2022' ? '' : `${summary.scenario} `}--design ${a.designName} --seed ${seed} --policy ${a.policy}${drawnFlags(summary)}`;
  command.dataset.design = a.designName;
  command.dataset.policy = a.policy;
  command.dataset.seed = String(seed);
}

/** A section titled `title`, with a note in small type, holding `children`. */
function section(title: string, note: string, ...children: Child[]): HTMLElement {
  const s = el('section', {}, el('h2', {}, `${title} `, small(note)), ...children);
  main.append(s);
  return s;
}

/** A table with a header row of `head` and the rows given, in a box that scrolls sideways when the page is narrower (a phone). */
function table(testid: string, head: Child[], rows: HTMLTableRowElement[]): HTMLElement {
  return scrollBox(testid, el('table', { 'data-testid': testid }, el('thead', {}, el('tr', {}, ...head.map((x) => el('th', { scope: 'col' }, x)))), el('tbody', {}, ...rows)));
}

/** ECDF lines, one per design, from [x, F] steps (optionally with the seed of each step). */
function ecdfChart(parent: HTMLElement, series: Array<{ design: string; points: Array<[number, number, number?]> }>, label: string, testid: string): void {
  const width = Math.max(280, Math.min(1100, (parent.clientWidth || main.clientWidth) - 20));
  const height = 260;
  const all = series.flatMap((s) => s.points.map((p) => p[0]));
  const x = d3.scaleLinear().domain([0, Math.max(1, d3.max(all) ?? 1) * 1.03]).range([45, width - 10]);
  const y = d3.scaleLinear().domain([0, 1]).range([height - 25, 8]);
  const svg = d3.select(parent).append('svg').attr('width', width).attr('height', height).attr('class', 'ecdf').attr('data-testid', testid);
  svg.append('g').attr('transform', `translate(0,${height - 25})`).call(d3.axisBottom(x).ticks(10).tickFormat((d) => `${d} h`));
  svg.append('g').attr('transform', 'translate(45,0)').call(d3.axisLeft(y).ticks(5).tickFormat(d3.format('.0%')));
  svg.append('text').attr('x', width - 10).attr('y', height - 28).attr('text-anchor', 'end').text(label);
  for (const s of series) {
    const steps: Array<[number, number]> = [[s.points[0]?.[0] ?? 0, 0], ...s.points.map((p): [number, number] => [p[0], p[1]])];
    svg.append('path').attr('d', d3.line().curve(d3.curveStepAfter)(steps.map(([a, b]) => [x(a), y(b)]))).attr('stroke', colour(s.design));
    if (s.points.some((p) => p[2] !== undefined)) {
      svg
        .append('g')
        .selectAll('circle')
        .data(s.points)
        .join('circle')
        .attr('cx', (p) => x(p[0]))
        .attr('cy', (p) => y(p[1]))
        .attr('r', 2.5)
        .attr('fill', colour(s.design))
        .attr('data-design', s.design)
        .attr('data-seed', (p) => p[2]!)
        .on('click', (_, p) => replay(s.design, p[2]!))
        .append('title')
        .text((p) => `${named('designs', s.design)}, seed ${p[2]}: ${p[0].toFixed(1)} h — click for the command`);
    }
  }
  parent.append(el('div', { class: 'legend' }, ...series.map((s) => el('span', {}, swatch(colour(s.design)), named('designs', s.design)))));
}

function render(s: SweepSummary): void {
  document.querySelector('[data-testid=title]')!.textContent = `${s.scenario} · ${s.policies.length === 1 ? 'policy' : 'policies'} ${s.policies.join(', ')} · seeds ${s.seeds} · ${s.runs.toLocaleString('en-US')} runs`;
  const seedButton = (design: string, run: { seed: number }) => {
    const b = el('button', { class: 'seed', 'data-design': design, 'data-seed': run.seed }, `seed ${run.seed}`);
    b.addEventListener('click', () => replay(design, run.seed));
    return b;
  };
  const fewSeeds = s.perDesign.some((d) => d.runs < P99_MIN_RUNS);
  const rows = s.perDesign.map((d) => {
    // "Promise kept" with its 95% Wilson score interval: 0 of 20 runs is 0–16%, not a flat 0.0%.
    const n = d.promiseRuns ?? d.runs;
    const ci = d.promiseKept === null ? null : wilsonInterval(Math.round(d.promiseKept * n), n);
    return el(
      'tr',
      { 'data-design': d.design, 'data-p50': String(d.allRestoredHours.p50), 'data-p90': String(d.allRestoredHours.p90), 'data-p99': String(d.allRestoredHours.p99), 'data-promise-kept': String(d.promiseKept), 'data-promise-ci': ci === null ? '' : ci.map((x) => x.toFixed(4)).join(','), 'data-worst-seed': d.worst.seed },
      td(named('designs', d.design), ' ', small(d.design)),
      td(h(d.allRestoredHours.p50)),
      td(h(d.allRestoredHours.p90)),
      td(d.runs < P99_MIN_RUNS ? el('abbr', { title: `a P99 needs at least ${P99_MIN_RUNS} runs; this design has ${d.runs}` }, '—') : h(d.allRestoredHours.p99)),
      td(d.neverRestored),
      td(d.promiseKept === null ? '—' : `${pct(d.promiseKept)} `, ci === null ? null : small(`(${pct(ci[0])}–${pct(ci[1])})`)),
      td(seedButton(d.design, d.worst), ` ${h(d.worst.allRestoredHours)}`),
      td(seedButton(d.design, d.best), ` ${h(d.best.allRestoredHours)}`),
    );
  });
  const overview = section(
    'Everything restored',
    'hours after ignition, per design (base variation); promise kept with its 95% Wilson score interval',
    ...(fewSeeds ? [el('p', { class: 'warning', 'data-testid': 'p99-warning' }, `P99 left out: ${Math.min(...s.perDesign.map((d) => d.runs))} runs per design; a 99th percentile needs at least ${P99_MIN_RUNS} (with fewer it is little more than the worst run). Sweep more seeds for it.`)] : []),
    table('designs', ['design', 'P50', 'P90', 'P99', 'never restored', 'promise kept (95% CI)', 'worst run', 'best run'], rows),
  );
  ecdfChart(overview, s.perDesign.map((d) => ({ design: d.design, points: d.ecdf })), 'ECDF of all-restored hours (click a point)', 'ecdf-all');

  const services = section('Each service', 'usable again (where control-plane designs help first) beside normal again: ECDF per design; table: P50 (P90)');
  const picker = el('select', { 'data-testid': 'service-picker', 'aria-label': 'service' }, ...s.services.map((id) => el('option', { value: id }, named('services', id))));
  const usableChart = el('div', { class: 'half' });
  const normalChart = el('div', { class: 'half' });
  services.append(el('label', {}, 'service ', picker), el('div', { class: 'pair' }, usableChart, normalChart));
  const drawService = () => {
    const name = named('services', picker.value);
    usableChart.replaceChildren();
    normalChart.replaceChildren();
    const of = (d: (typeof s.perDesign)[number]) => d.services.find((x) => x.id === picker.value);
    if (s.perDesign.some((d) => of(d)?.usableEcdf !== undefined)) ecdfChart(usableChart, s.perDesign.map((d) => ({ design: d.design, points: of(d)?.usableEcdf ?? [] })), `${name}: usable, hours`, 'ecdf-usable');
    else usableChart.append(el('p', { class: 'pending' }, 'This sweep’s summary has no usable-time distributions (written before they were kept); see runs.csv.'));
    ecdfChart(normalChart, s.perDesign.map((d) => ({ design: d.design, points: of(d)?.ecdf ?? [] })), `${name}: normal, hours`, 'ecdf-service');
  };
  picker.addEventListener('change', drawService);
  drawService();
  const serviceRows = s.services.map((id) =>
    el(
      'tr',
      { 'data-service': id },
      td(named('services', id)),
      ...s.perDesign.map((d) => d.services.find((x) => x.id === id)!).flatMap((x) => [el('td', { 'data-usable-p50': String(x.usable.p50) }, `${h(x.usable.p50)} `, small(`(${h(x.usable.p90)})`)), el('td', { 'data-p50': String(x.normal.p50) }, `${h(x.normal.p50)} `, small(`(${h(x.normal.p90)})`))]),
    ),
  );
  services.append(table('services', ['service', ...s.perDesign.flatMap((d) => [`${named('designs', d.design)}: usable`, 'normal'])], serviceRows));

  if (s.paired.length > 0) {
    const pairedRows = s.paired.map((p) =>
      el(
        'tr',
        { 'data-metric': p.metric, 'data-b': p.b, 'data-mean': String(p.meanDifference) },
        td(`${named('designs', p.b)} − ${named('designs', p.a)}`),
        td(metricName(p.metric)),
        td(p.meanDifference === null ? '—' : `${p.meanDifference.toFixed(2)} h`),
        td(p.ci95[0] === null || p.ci95[1] === null ? '—' : `${p.ci95[0].toFixed(2)} … ${p.ci95[1].toFixed(2)} h`),
        td(`${p.n}${p.excluded ? ` (${p.excluded} left out: never back)` : ''}`),
      ),
    );
    section('Paired differences on the same seeds', 'mean and 95% confidence interval; negative = sooner than the first design', table('paired', ['designs', 'metric', 'mean difference', '95% CI', 'seeds'], pairedRows));
  }

  if (s.sensitivity.length > 0) {
    const tornado = section('Sensitivity', 'change in P50 all-restored hours when one value changes (tornado)');
    for (const design of s.designs) {
      const items = s.sensitivity.filter((x) => x.design === design);
      // One line per value, grouped by path, the path that moves P50 most first: values with the same
      // effect would otherwise print their labels on top of each other.
      const size = (x: (typeof items)[number]) => Math.abs(x.delta ?? 0);
      const byPath = d3.sort(d3.groups(items, (x) => x.path), ([, a], [, b]) => d3.max(b, size)! - d3.max(a, size)!);
      const width = Math.min(900, main.clientWidth - 40);
      const rowH = 20;
      const extent = Math.max(1, d3.max(items, size) ?? 1);
      const x = d3.scaleLinear().domain([-extent, extent]).range([260, width - 90]);
      const svg = d3.select(tornado).append('svg').attr('width', width).attr('height', items.length * rowH + byPath.length * 6 + 44).attr('data-testid', `tornado-${design}`);
      svg.append('text').attr('x', 0).attr('y', 12).attr('font-weight', 'bold').text(named('designs', design));
      let y = 20;
      for (const [path, line] of byPath) {
        const g = svg.append('g').attr('transform', `translate(0,${y})`);
        g.append('text').attr('x', 0).attr('y', 14).text(path);
        line.forEach((item, k) => {
          const d = item.delta ?? 0;
          const top = k * rowH;
          g.append('rect').attr('class', d > 0 ? 'bar-pos' : 'bar-neg').attr('x', Math.min(x(0), x(d))).attr('width', Math.abs(x(d) - x(0))).attr('y', top + 2).attr('height', rowH - 5).attr('opacity', 0.75).attr('data-value', item.value).attr('data-delta', d).append('title').text(`${path} = ${item.value}: P50 ${h(item.allRestoredP50)} (${d >= 0 ? '+' : ''}${d.toFixed(1)} h)`);
          g.append('text').attr('x', x(d) + (d >= 0 ? 4 : -4)).attr('y', top + 14).attr('text-anchor', d >= 0 ? 'start' : 'end').text(`${item.value}: ${d >= 0 ? '+' : ''}${d.toFixed(1)} h`);
        });
        y += line.length * rowH + 6;
      }
      svg.append('g').attr('transform', `translate(0,${y})`).call(d3.axisBottom(x).ticks(6).tickFormat((d) => `${d} h`));
    }
  }

  if (s.uncertainty !== undefined) hangsOn(s, s.uncertainty);

  if (s.groups.length > 0) {
    const unit = s.currencyUnit ?? '';
    // As the viewer counts: what one person lost (in the scenario's currency), or hours without the services for a group without an income; the group's total in small type.
    const cell = (x: DesignLedger) => {
      if (x.hours !== undefined && x.perPerson === null) return el('td', { 'data-hours-p50': String(x.hours.p50) }, `${h(x.hours.p50)} `, small(`(${h(x.hours.p90)}) without`));
      if (x.perPerson != null) return el('td', { 'data-person-p50': String(x.perPerson.p50), 'data-loss-p50': String(x.loss.p50) }, `${amount(x.perPerson.p50)} ${unit}`.trimEnd() + ' ', small(`(${amount(x.perPerson.p90)}); ${amount(x.loss.p50)} in all`));
      return el('td', { 'data-loss-p50': String(x.loss.p50) }, `${amount(x.loss.p50)} `, small(`(${amount(x.loss.p90)}) in all`));
    };
    const ledgerRows = s.groups.map((g) => el('tr', { 'data-group': g }, td(named('groups', g)), ...s.perDesign.map((d) => cell(d.ledger.find((x) => x.group === g)!))));
    const totals = el('tr', {}, td(el('b', {}, 'all groups, total')), ...s.perDesign.map((d) => el('td', { 'data-total-p50': String(d.totalLoss.p50) }, el('b', {}, `${amount(d.totalLoss.p50)} ${unit}`.trimEnd()), ' ', small(`(${amount(d.totalLoss.p90)})`))));
    section('Who lost what', `per person, as the viewer shows it: income lost${unit === '' ? '' : ` in ${unit}`}, or hours without the services; median over seeds (P90)`, table('ledger', ['group', ...s.perDesign.map((d) => named('designs', d.design))], [...ledgerRows, totals]));
  }
}

/** How a run of a sweep that drew its parameters is replayed: the same draws need the same flag (a merged sweep's posterior file is not known: it says which). */
function drawnFlags(s: SweepSummary): string {
  const u = s.uncertainty;
  if (u === undefined) return '';
  if (u.source === 'prior') return ' --priors';
  return ` --posterior ${u.posteriorFile ?? `POSTERIOR.json (the one with SHA-256 ${u.posteriorSha256})`}`;
}

/**
 * What the outcomes hang on, for a sweep whose runs drew their parameters: per arm, the first-order
 * index of each parameter for the outcome picked (the share of its variance that parameter explains
 * alone), as bars, largest first, and the share no single parameter explains.
 */
function hangsOn(s: SweepSummary, u: NonNullable<SweepSummary['uncertainty']>): void {
  const whence = u.source === 'posterior' ? 'calibrated parameters from the posterior, the rest from their priors' : 'every parameter from its prior';
  const part = section('What the spread hangs on', `parameters drawn on every seed (${whence}); first-order sensitivity indices: the share of the outcome's variance over the runs one parameter explains alone`);
  const outcomes = [...new Set(u.indices.map((x) => x.metric))];
  if (outcomes.length === 0) {
    part.append(el('p', { class: 'pending' }, 'Too few runs to say: sweep at least 100 seeds.'));
    return;
  }
  const picker = el('select', { 'data-testid': 'hangs-on-picker', 'aria-label': 'outcome' }, ...outcomes.map((m) => el('option', { value: m }, metricName(m))));
  const charts = el('div', {});
  part.append(el('label', {}, 'outcome ', picker), charts);
  const draw = () => {
    charts.replaceChildren();
    for (const design of s.designs) {
      const items = u.indices.filter((x) => x.design === design && x.metric === picker.value);
      const rest = u.unexplained.find((x) => x.design === design && x.metric === picker.value);
      const width = Math.min(900, main.clientWidth - 40);
      const rowH = 20;
      const x = d3.scaleLinear().domain([0, 1]).range([330, width - 60]);
      const svg = d3.select(charts).append('svg').attr('width', width).attr('height', items.length * rowH + 48).attr('data-testid', `hangs-on-${design}`);
      svg.append('text').attr('x', 0).attr('y', 12).attr('font-weight', 'bold').text(`${named('designs', design)}${rest === undefined ? '' : ` — ${(rest.share * 100).toFixed(0)}% no single parameter explains`}`);
      items.forEach((item, k) => {
        const g = svg.append('g').attr('transform', `translate(0,${20 + k * rowH})`);
        g.append('text').attr('x', 0).attr('y', 14).text(item.path);
        g.append('rect').attr('class', 'bar-pos').attr('x', x(0)).attr('width', x(item.index) - x(0)).attr('y', 2).attr('height', rowH - 5).attr('opacity', 0.75).attr('data-path', item.path).attr('data-index', item.index).append('title').text(`${item.path}: ${item.index.toFixed(2)} of the variance`);
        g.append('text').attr('x', x(item.index) + 4).attr('y', 14).text(item.index.toFixed(2));
      });
      svg.append('g').attr('transform', `translate(0,${20 + items.length * rowH})`).call(d3.axisBottom(x).ticks(5));
    }
  };
  picker.addEventListener('change', draw);
  draw();
}

if ('problem' in embedded) main.replaceChildren(el('p', { class: 'problem', 'data-testid': 'problem' }, embedded.problem));
else render(embedded.summary);
