// The staff pages' charts: Apache ECharts with only the parts they use (bars, lines, axes, tooltips, a legend, the
// accessible description) drawn as SVG, in the page's language. Every chart describes its data in its container's
// aria-label (ECharts' aria), which is what a screen reader says and what the browser tests read.
import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from "echarts/charts";
import {
  AriaComponent,
  type AriaComponentOption,
  GridComponent,
  type GridComponentOption,
  LegendPlainComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from "echarts/components";
import { type ComposeOption, format, getInstanceByDom, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { lang } from "./i18n";

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendPlainComponent, AriaComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

/** The staff pages' colours (staff.css has the same): met or calm, missed or distressed, at risk, plain. */
export const COLOURS = { met: "#2f7d32", missed: "#b3261e", atRisk: "#c77700", plain: "#1a73e8", muted: "#5f6368", line: "#dadce0" };

/** Text for a tooltip, which ECharts places as HTML. */
export const escape = (s: unknown): string => format.encodeHTML(String(s));

const FONT = 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif';
const resizing = new ResizeObserver((entries) => {
  for (const e of entries) getInstanceByDom(e.target as HTMLElement)?.resize();
});

/**
 * Draws the option in the container (replacing what it showed), making the chart the first time. The title starts
 * the chart's description for screen readers, each point's value follows (for bars along a vertical axis of
 * categories, set horizontal: the value is then the first dimension, not the second).
 */
export function draw(container: HTMLElement, title: string, option: ChartOption, horizontal = false): void {
  let chart = getInstanceByDom(container);
  if (!chart) {
    chart = init(container, null, { renderer: "svg", locale: lang === "zh" ? "ZH" : "EN" });
    resizing.observe(container);
  }
  chart.setOption(
    {
      // The description names each point's value only, not its index on the category axis nor the stack's sums.
      aria: { enabled: true, label: { general: { withoutTitle: title }, data: { maxCount: 100, excludeDimensionId: horizontal ? [1, 2, 3] : [0, 2, 3] } } },
      textStyle: { fontFamily: FONT, color: COLOURS.muted },
      animationDuration: 300,
      animationDurationUpdate: 300,
      ...option,
    },
    { notMerge: true },
  );
}
