// The supervisor dashboard: every number comes from /api/v1/supervisor/* and refreshes on the live feed.
import { h } from "../src/dom";
import { api } from "../staff/api";
import { type ChartOption, COLOURS, draw, escape } from "../staff/charts";
import { t } from "../staff/i18n";
import { byId, live, settle } from "../staff/staff";

interface Compliance {
  tier: string;
  firstResponseMissed: number;
  resolutionMet: number;
  resolutionMissed: number;
  atRisk: number;
  open: number;
}

interface Breach {
  number: string;
  tier: string;
  target: string;
  owner: string | null;
  firedAt: string;
}

interface Load {
  agents: { displayName: string; presence: string; capacity: number; open: number }[];
  queues: { queue: string; unassigned: number }[];
}

interface Holder {
  number: string;
  queue: string;
  owner: string | null;
  since: string;
}

interface Volume {
  byDay: Record<string, number>;
  hotSpots: { category: string; thisWeek: number; lastWeek: number; change: number }[];
}

interface SelfService {
  rate: number | null;
  /** per intent: conversations, settled by the bot, the rate */
  byIntent: Record<string, [number, number, number]>;
}

interface Day {
  day: string;
  sentiment: number | null;
  nps: number | null;
}

interface DailyCompliance {
  day: string;
  tier: string;
  met: number;
  missed: number;
  atRisk: number;
}

interface Voice {
  month: string;
  complaints: number;
  resolved: number;
  breached: number;
  themes: { category: string; complaints: number; said: string[]; done: string[] }[];
}

interface Transcript {
  language: string | null;
  startedAt: string;
  tickets: string[];
  lines: { from: string; text: string }[];
}

const $ = byId;
const TIERS = ["major", "urgent", "ordinary"];
/** Met, missed and at risk: their names and colours in every SLA chart. */
const KINDS = [
  { key: "met", name: "met", colour: COLOURS.met },
  { key: "missed", name: "missed", colour: COLOURS.missed },
  { key: "atRisk", name: "at risk", colour: COLOURS.atRisk },
] as const;

/** The axes of a chart of days: the first and last day labelled, counts in whole numbers. */
function daysAxes(days: string[], max?: number): Pick<ChartOption, "xAxis" | "yAxis"> {
  return {
    xAxis: { type: "category", data: days, axisTick: { show: false }, axisLine: { lineStyle: { color: COLOURS.line } },
      axisLabel: { interval: (i: number) => i === 0 || i === days.length - 1, fontSize: 10, showMinLabel: true, showMaxLabel: true } },
    yAxis: { type: "value", minInterval: 1, max, splitNumber: 2, splitLine: { lineStyle: { color: COLOURS.line } }, axisLabel: { fontSize: 10 } },
  };
}

/** Stacked bars per tier: resolution deadlines met, missed, and at risk. */
function slaChart(rows: Compliance[]): void {
  const ordered = [...rows].sort((a, b) => TIERS.indexOf(b.tier.toLowerCase()) - TIERS.indexOf(a.tier.toLowerCase()));
  const values = (r: Compliance) => ({ met: r.resolutionMet, missed: r.resolutionMissed, atRisk: r.atRisk });
  draw($("sla-chart"), t("SLA compliance per tier"), {
    legend: { top: 0, itemWidth: 12, itemHeight: 12 },
    grid: { left: 8, right: 16, top: 30, bottom: 4, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", minInterval: 1, splitLine: { lineStyle: { color: COLOURS.line } } },
    yAxis: { type: "category", data: ordered.map((r) => t(r.tier.toLowerCase())), axisTick: { show: false } },
    series: KINDS.map((k) => ({
      type: "bar",
      name: t(k.name),
      stack: "tier",
      barMaxWidth: 26,
      color: k.colour,
      label: { show: true, color: "#fff", formatter: (p: { value: unknown }) => (Number(p.value) ? String(p.value) : "") },
      data: ordered.map((r) => values(r)[k.key]),
    })),
  }, true);
}

/** The customers' mean sentiment per day (−1 … +1), with the day's NPS in the tooltip. */
function trendChart(days: Day[]): void {
  const points = days.filter((d) => d.sentiment != null);
  draw($("trend-chart"), t("Sentiment by day"), {
    grid: { left: 8, right: 16, top: 10, bottom: 4, containLabel: true },
    tooltip: {
      trigger: "axis",
      formatter: (p) => {
        const d = points[(p as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        return d ? escape(d.day + ": " + d.sentiment + (d.nps == null ? "" : ", " + t("NPS") + " " + d.nps)) : "";
      },
    },
    ...daysAxes(points.map((d) => d.day)),
    yAxis: { type: "value", min: -1, max: 1, interval: 1, splitLine: { lineStyle: { color: COLOURS.line } }, axisLabel: { fontSize: 10 } },
    series: [{ type: "line", name: t("Mean sentiment"), color: COLOURS.plain, symbol: "circle", symbolSize: 7, data: points.map((d) => d.sentiment) }],
  });
}

function volumeChart(byDay: Record<string, number>): void {
  const days = Object.keys(byDay);
  draw($("volume-chart"), t("Complaints per day (30 days)"), {
    grid: { left: 8, right: 16, top: 10, bottom: 4, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    ...daysAxes(days),
    series: [{ type: "bar", name: t("Complaints"), color: COLOURS.plain, barMaxWidth: 30, data: days.map((d) => byDay[d]) }],
  });
}

/**
 * Per tier, one small chart: for each day, a stacked bar of the resolution deadlines that fell that day, met,
 * missed and at risk (still open, most of the time gone). Days run from 30 days ago to the deadlines still ahead;
 * all tiers share one scale so they compare.
 */
function slaDailyChart(rows: DailyCompliance[]): void {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const max = Math.max(1, ...rows.map((r) => r.met + r.missed + r.atRisk));
  const legend = h("div", { class: "legend" }, ...KINDS.map((k) => h("span", {}, h("i", { style: "background:" + k.colour }), t(k.name))));
  const blocks = TIERS.map((tier) => {
    const mine = rows.filter((r) => r.tier === tier);
    const totals = KINDS.map((k) => mine.reduce((n, r) => n + r[k.key], 0) + " " + t(k.name));
    const chart = h("div", { class: "chart sla-daily " + tier });
    const block = h("div", { class: "sla-tier " + tier },
      h("span", { class: "tier " + tier, text: t(tier) }), " ",
      h("span", { class: "muted", text: totals.join(" · ") }),
      chart);
    return { tier, chart, block };
  });
  $("sla-daily-chart").replaceChildren(legend, ...blocks.map((b) => b.block));
  for (const { tier, chart } of blocks) {
    const of = (day: string) => rows.find((r) => r.day === day && r.tier === tier);
    draw(chart, t(tier) + ": " + t("Resolution deadlines per day and tier"), {
      grid: { left: 4, right: 12, top: 6, bottom: 2, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      ...daysAxes(days, max),
      series: KINDS.map((k) => ({
        type: "bar",
        name: t(k.name),
        stack: "day",
        color: k.colour,
        barMaxWidth: 24,
        data: days.map((d) => of(d)?.[k.key] ?? 0),
      })),
    });
  }
}

async function voice(): Promise<void> {
  const month = byId<HTMLInputElement>("voice-month");
  const v = await api<Voice>("/api/v1/supervisor/voice" + (month.value ? "?month=" + encodeURIComponent(month.value) : ""));
  month.value = v.month;
  $("voice-summary").textContent = v.month + ": " + v.complaints + " complaints, " + v.resolved + " resolved, " + v.breached + " past a deadline.";
  $("voice-themes").replaceChildren(...v.themes.map((theme) => h("div", { class: "card" },
    h("h2", { text: theme.category + " · " + theme.complaints }),
    h("p", { class: "muted", text: t("What customers said") }), h("ul", {}, ...theme.said.map((x) => h("li", { text: x }))),
    h("p", { class: "muted", text: t("What was done") }),
    h("ul", {}, ...(theme.done.length ? theme.done : [t("nothing resolved yet")]).map((x) => h("li", { text: x }))))));
}

/** A table's rows, one cell per value, each as text. */
function fillTable(id: string, values: (string | number)[][]): void {
  $(id).replaceChildren(...values.map((r) => h("tr", {}, ...r.map((v) => h("td", { text: v })))));
}

async function refresh(): Promise<void> {
  const [sla, breaches, load, holders, volume, self, trends, nps, daily] = await Promise.all([
    api<Compliance[]>("/api/v1/supervisor/sla"),
    api<Breach[]>("/api/v1/supervisor/breaches?limit=20"),
    api<Load>("/api/v1/supervisor/load"),
    api<Holder[]>("/api/v1/supervisor/holders"),
    api<Volume>("/api/v1/supervisor/volume?days=30"),
    api<SelfService>("/api/v1/supervisor/self-service?days=30"),
    api<Day[]>("/api/v1/supervisor/trends?days=30"),
    api<{ nps: { nps: number | null } }>("/api/v1/staff/nps"),
    api<DailyCompliance[]>("/api/v1/supervisor/sla/daily?days=30"),
  ]);
  const sum = (f: (r: Compliance) => number) => String(sla.reduce((n, r) => n + f(r), 0));
  $("open").textContent = sum((r) => r.open);
  $("breaches").textContent = sum((r) => r.resolutionMissed + r.firstResponseMissed);
  $("at-risk").textContent = sum((r) => r.atRisk);
  $("unassigned").textContent = String(load.queues.reduce((n, q) => n + q.unassigned, 0));
  $("self-service").textContent = self.rate == null ? "–" : Math.round(self.rate * 100) + "%";
  $("nps").textContent = nps.nps.nps == null ? "–" : String(nps.nps.nps);
  slaChart(sla);
  volumeChart(volume.byDay);
  slaDailyChart(daily);
  fillTable("self-intents", Object.entries(self.byIntent).sort((a, b) => b[1][0] - a[1][0]).slice(0, 15)
    .map(([intent, v]) => [intent, v[0], Math.round(v[2] * 100) + "%"]));
  trendChart(trends);
  fillTable("hot", volume.hotSpots.map((x) => [x.category, x.thisWeek, x.lastWeek, (x.change > 0 ? "+" : "") + x.change]));
  fillTable("breach-list", breaches.map((b) => [b.number, b.tier, b.target, b.owner || "—", new Date(b.firedAt).toLocaleString()]));
  fillTable("agents", load.agents.map((a) => [a.displayName, a.presence, a.open + " / " + a.capacity]));
  fillTable("holders", holders.map((x) => [x.number, x.queue, x.owner || t("unassigned"), new Date(x.since).toLocaleString()]));
}

byId<HTMLFormElement>("search").onsubmit = async (e) => {
  e.preventDefault();
  const q = byId<HTMLInputElement>("q").value;
  byId<HTMLAnchorElement>("csv").href = "/api/v1/supervisor/transcripts.csv?q=" + encodeURIComponent(q);
  const language = byId<HTMLSelectElement>("language").value;
  const found = await api<Transcript[]>("/api/v1/supervisor/transcripts?q=" + encodeURIComponent(q) + (language ? "&language=" + language : ""));
  $("results").replaceChildren(...found.map((x) => h("div", { class: "card transcript-result" },
    h("h2", { text: (x.tickets.join(", ") || "no complaint") + " · " + (x.language || "") + " · " + new Date(x.startedAt).toLocaleString() }),
    h("div", { class: "transcript" }, ...x.lines.map((l) => h("div", { class: "bubble " + l.from },
      h("span", { class: "meta", text: l.from }), h("span", { class: "text", text: l.text })))))));
  if (!found.length) $("results").replaceChildren(h("p", { class: "muted", text: t("Nothing found.") }));
};
$("voice-go").onclick = voice;

refresh();
voice();
live(settle(refresh));
