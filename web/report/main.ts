/**
 * The sweep report: one self-contained page written by `firedrill sweep`
 * with summary.json inside. Every distribution is per design; every point
 * leads to the exact command that replays its run.
 */
import * as d3 from 'd3';
import type { SweepSummary } from '../../src/sweep/summary.js';
import './style.css';

const summary = JSON.parse(document.getElementById('summary')?.textContent ?? 'null') as SweepSummary | null;
const main = document.querySelector<HTMLElement>('[data-testid=report]')!;
const command = document.querySelector<HTMLElement>('[data-testid=command]')!;
const colour = d3.scaleOrdinal(d3.schemeTableau10);
const h = (x: number | null) => (x === null ? 'never' : `${x.toFixed(1)} h`);
const won = (x: number | null) => (x === null ? '—' : x >= 1e9 ? `${(x / 1e9).toFixed(1)} bn` : x >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : Math.round(x).toLocaleString('en-US'));
const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function replay(design: string, seed: number): void {
  if (summary === null) return;
  command.textContent = `firedrill run ${summary.scenario === 'pangyo-2022' ? '' : `${summary.scenario} `}--design ${design} --seed ${seed}${summary.policy === 'historical' ? '' : ` --policy ${summary.policy}`}`;
  command.dataset.design = design;
  command.dataset.seed = String(seed);
}

function section(title: string, html = ''): HTMLElement {
  const s = document.createElement('section');
  s.innerHTML = `<h2>${title}</h2>${html}`;
  main.append(s);
  return s;
}

/** ECDF lines, one per design, from [x, F] steps (optionally with the seed of each step). */
function ecdfChart(parent: HTMLElement, series: Array<{ design: string; points: Array<[number, number, number?]> }>, label: string, testid: string): void {
  const width = Math.min(1100, main.clientWidth - 40);
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
        .text((p) => `${s.design}, seed ${p[2]}: ${p[0].toFixed(1)} h — click for the command`);
    }
  }
  d3.select(parent)
    .append('div')
    .attr('class', 'legend')
    .html(series.map((s) => `<span><i style="background:${colour(s.design)}"></i>${esc(s.design)}</span>`).join(''));
}

function render(s: SweepSummary): void {
  document.querySelector('[data-testid=title]')!.textContent = `${s.scenario} · policy ${s.policy} · seeds ${s.seeds} · ${s.runs.toLocaleString('en-US')} runs`;
  const rows = s.perDesign
    .map(
      (d) => `<tr data-design="${esc(d.design)}" data-p50="${d.allRestoredHours.p50}" data-p90="${d.allRestoredHours.p90}" data-p99="${d.allRestoredHours.p99}" data-promise-kept="${d.promiseKept}" data-worst-seed="${d.worst.seed}">
        <td>${esc(d.design)}</td><td>${h(d.allRestoredHours.p50)}</td><td>${h(d.allRestoredHours.p90)}</td><td>${h(d.allRestoredHours.p99)}</td><td>${d.neverRestored}</td>
        <td>${d.promiseKept === null ? '—' : `${(d.promiseKept * 100).toFixed(1)}%`}</td>
        <td><button class="seed" data-design="${esc(d.design)}" data-seed="${d.worst.seed}">seed ${d.worst.seed}</button> ${h(d.worst.allRestoredHours)}</td>
        <td><button class="seed" data-design="${esc(d.design)}" data-seed="${d.best.seed}">seed ${d.best.seed}</button> ${h(d.best.allRestoredHours)}</td></tr>`,
    )
    .join('');
  const overview = section(
    'Everything restored <small>hours after ignition, per design (base variation)</small>',
    `<table data-testid="designs"><thead><tr><th>design</th><th>P50</th><th>P90</th><th>P99</th><th>never restored</th><th>promise kept</th><th>worst run</th><th>best run</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
  overview.addEventListener('click', (event) => {
    const b = (event.target as HTMLElement).closest<HTMLElement>('button.seed');
    if (b) replay(b.dataset.design!, Number(b.dataset.seed));
  });
  ecdfChart(overview, s.perDesign.map((d) => ({ design: d.design, points: d.ecdf })), 'ECDF of all-restored hours (click a point)', 'ecdf-all');

  const services = section('Each service <small>normal again: ECDF per design; table: P50 (P90)</small>');
  const picker = document.createElement('select');
  picker.dataset.testid = 'service-picker';
  picker.innerHTML = s.services.map((id) => `<option>${esc(id)}</option>`).join('');
  services.append(picker);
  const chart = document.createElement('div');
  services.append(chart);
  const drawService = () => {
    chart.replaceChildren();
    ecdfChart(chart, s.perDesign.map((d) => ({ design: d.design, points: d.services.find((x) => x.id === picker.value)?.ecdf ?? [] })), `ECDF of ${picker.value} normal hours`, 'ecdf-service');
  };
  picker.addEventListener('change', drawService);
  drawService();
  const serviceRows = s.services
    .map((id) => `<tr><td>${esc(id)}</td>${s.perDesign.map((d) => d.services.find((x) => x.id === id)!).map((x) => `<td data-p50="${x.normal.p50}">${h(x.normal.p50)} <small>(${h(x.normal.p90)})</small></td>`).join('')}</tr>`)
    .join('');
  services.insertAdjacentHTML('beforeend', `<table data-testid="services"><thead><tr><th>service</th>${s.perDesign.map((d) => `<th>${esc(d.design)}</th>`).join('')}</tr></thead><tbody>${serviceRows}</tbody></table>`);

  if (s.paired.length > 0) {
    const pairedRows = s.paired
      .map((p) => `<tr data-metric="${esc(p.metric)}" data-b="${esc(p.b)}" data-mean="${p.meanDifference}"><td>${esc(p.b)} − ${esc(p.a)}</td><td>${esc(p.metric)}</td><td>${p.meanDifference === null ? '—' : `${p.meanDifference.toFixed(2)} h`}</td><td>${p.ci95[0] === null ? '—' : `${p.ci95[0].toFixed(2)} … ${p.ci95[1]!.toFixed(2)} h`}</td><td>${p.n}${p.excluded ? ` (${p.excluded} left out: never back)` : ''}</td></tr>`)
      .join('');
    section(
      'Paired differences on the same seeds <small>mean and 95% confidence interval; negative = sooner than the first design</small>',
      `<table data-testid="paired"><thead><tr><th>designs</th><th>metric</th><th>mean difference</th><th>95% CI</th><th>seeds</th></tr></thead><tbody>${pairedRows}</tbody></table>`,
    );
  }

  if (s.sensitivity.length > 0) {
    const tornado = section('Sensitivity <small>change in P50 all-restored hours when one value changes (tornado)</small>');
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
      svg.append('text').attr('x', 0).attr('y', 12).attr('font-weight', 'bold').text(design);
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

  if (s.groups.length > 0) {
    const ledgerRows = s.groups.map((g) => `<tr><td>${esc(g)}</td>${s.perDesign.map((d) => d.ledger.find((x) => x.group === g)!).map((x) => `<td data-loss-p50="${x.lossWon.p50}">${won(x.lossWon.p50)} <small>(${won(x.lossWon.p90)})</small></td>`).join('')}</tr>`).join('');
    const totals = `<tr><td><b>all groups</b></td>${s.perDesign.map((d) => `<td data-total-p50="${d.totalLossWon.p50}"><b>${won(d.totalLossWon.p50)}</b> <small>(${won(d.totalLossWon.p90)})</small></td>`).join('')}</tr>`;
    section('Who lost what <small>won lost per group, median over seeds (P90)</small>', `<table data-testid="ledger"><thead><tr><th>group</th>${s.perDesign.map((d) => `<th>${esc(d.design)}</th>`).join('')}</tr></thead><tbody>${ledgerRows}${totals}</tbody></table>`);
  }
}

if (summary === null) main.textContent = 'This report has no sweep inside: it is written by firedrill sweep.';
else render(summary);
