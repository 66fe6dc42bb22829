#!/usr/bin/env node
// Draws a load run's JSON report (written by `load-test/load.sh --report FILE`) as an SVG: reply latency
// (p50 and p99) above, replies a second and the server's CPU below, one point per 10-second window, so that the
// spikes and the slow start the final percentiles fold into one number can be seen.
//
//   node load-test/chart/load-chart.mjs load-report.json [load-report.svg]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as echarts from 'echarts';

const WIDTH = 760;
const HEIGHT = 540;

const points = (windows, value) =>
  windows.filter((w) => w[value] !== null && w[value] !== undefined).map((w) => [w.atSeconds, w[value]]);

const line = (name, colour, data, axis) => ({
  name,
  type: 'line',
  data,
  xAxisIndex: axis,
  yAxisIndex: axis,
  symbolSize: 4,
  lineStyle: { width: 2, color: colour },
  itemStyle: { color: colour },
});

/** The ECharts option for a report: its title from the setup, its subtitle from the result. */
export function chartOption({ setup, result, windows }) {
  const f = (v, digits = 0) => v.toFixed(digits);
  const axisName = (name) => ({ name, nameLocation: 'end', nameGap: 8, nameTextStyle: { align: 'left' } });
  return {
    animation: false,
    backgroundColor: '#fff',
    textStyle: { fontFamily: 'sans-serif' },
    title: {
      left: 60,
      text: `${setup.customers} customers, a message every ${setup.think} each, ${setup.duration} measured after a ${setup.ramp} ramp`,
      subtext:
        `${f(result.messagesPerSecond, 1)} replies/s, p50 ${f(result.p50Ms)} ms, p99 ${f(result.p99Ms)} ms; ` +
        `lost ${result.lost}, duplicated ${result.duplicated}, errors ${result.errors}`,
      textStyle: { fontSize: 14, fontWeight: 'normal', color: '#333' },
      subtextStyle: { fontSize: 12, color: '#333' },
    },
    legend: [
      { top: 78, right: 20, data: ['p50', 'p99'] },
      { top: 308, right: 20, data: ['replies/s', 'server CPU %'] },
    ],
    grid: [
      { left: 60, right: 20, top: 100, height: 170 },
      { left: 60, right: 20, top: 330, height: 170 },
    ],
    xAxis: [0, 1].map((i) => ({
      type: 'value',
      gridIndex: i,
      min: 0,
      max: 'dataMax',
      axisLabel: { formatter: (v) => v.toFixed(0), hideOverlap: true },
      ...(i === 1 ? { name: 'seconds after the ramp', nameLocation: 'middle', nameGap: 26 } : {}),
    })),
    yAxis: [
      { type: 'value', gridIndex: 0, min: 0, ...axisName('reply latency (ms)') },
      { type: 'value', gridIndex: 1, min: 0, ...axisName('replies/s and server CPU (%, 100 = one core)') },
    ],
    series: [
      line('p50', '#2471a3', points(windows, 'p50Ms'), 0),
      line('p99', '#c0392b', points(windows, 'p99Ms'), 0),
      line('replies/s', '#1e8449', points(windows, 'repliesPerSecond'), 1),
      line('server CPU %', '#7d3c98', points(windows, 'serverCpuPct'), 1),
    ],
  };
}

/** The report as a self-contained SVG that any browser opens. */
export function renderSvg(report) {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption(chartOption(report));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [input, output = input.replace(/(\.json)?$/, '.svg')] = process.argv.slice(2);
  if (!input) {
    console.error('usage: node load-chart.mjs REPORT.json [CHART.svg]');
    process.exit(2);
  }
  writeFileSync(output, renderSvg(JSON.parse(readFileSync(input, 'utf8'))) + '\n');
  console.error(`load-chart: ${output}`);
}
