import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { chartOption, renderSvg } from '../load-chart.mjs';

const report = JSON.parse(readFileSync(new URL('./sample-report.json', import.meta.url), 'utf8'));

test('each window is a point of each series, in order, and the CPU has none before its second sample', () => {
  const series = Object.fromEntries(chartOption(report).series.map((s) => [s.name, s]));
  assert.deepEqual(series.p50.data, [[10, 20], [20, 35], [30, 900]]);
  assert.deepEqual(series.p99.data, [[10, 90], [20, 180], [30, 1600]]);
  assert.deepEqual(series['replies/s'].data, [[10, 198], [20, 201], [30, 170]]);
  assert.deepEqual(series['server CPU %'].data, [[20, 120], [30, 105]]);
  assert.equal(series.p99.yAxisIndex, 0, 'latency above');
  assert.equal(series['replies/s'].yAxisIndex, 1, 'throughput and CPU below');
});

test('the title says how the run was set up and the subtitle what it measured', () => {
  const { title } = chartOption(report);
  assert.equal(title.text, '2000 customers, a message every 9.5s each, 30s measured after a 1m30s ramp');
  assert.equal(title.subtext, '189.7 replies/s, p50 31 ms, p99 1600 ms; lost 0, duplicated 0, errors 0');
});

test('renders a self-contained SVG with one line per series, the worst p99 highest on its panel', () => {
  const svg = renderSvg(report);
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<\/svg>$/);
  assert.ok(svg.includes('2000 customers, a message every 9.5s each'));
  const line = (colour) => {
    const m = svg.match(new RegExp(`<path d="(M[^"]*)"[^>]*stroke="${colour}" stroke-width="2"[^>]*class`));
    assert.ok(m, colour);
    return m[1].slice(1).split('L').map((p) => p.split(' ').map(Number));
  };
  const p99 = line('#c0392b');
  assert.equal(p99.length, 3);
  assert.equal(line('#2471a3').length, 3);
  assert.equal(line('#1e8449').length, 3);
  assert.equal(line('#7d3c98').length, 2);
  // x grows with time; y grows downwards, so the 1,600 ms window is the highest point.
  assert.ok(p99[0][0] < p99[1][0] && p99[1][0] < p99[2][0]);
  assert.ok(p99[0][1] > p99[1][1] && p99[1][1] > p99[2][1]);
});
