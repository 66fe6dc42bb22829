// The supervisor dashboard: every number comes from /api/v1/supervisor/* and refreshes on the live feed.
"use strict";
(() => {
  const { api, el, live, settle } = Staff;
  const T = Staff.t;
  const $ = (id) => document.getElementById(id);
  const SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  }

  /** Stacked bars per tier: met (green), missed (red), at risk (amber). */
  function slaChart(rows) {
    const w = 420, barH = 26, gap = 14, h = rows.length * (barH + gap) + 20;
    const chart = svg("svg", { viewBox: "0 0 " + w + " " + h, width: "100%", role: "img", "aria-label": "SLA compliance per tier" });
    const max = Math.max(1, ...rows.map((r) => r.resolutionMet + r.resolutionMissed + r.atRisk));
    rows.forEach((r, i) => {
      const y = 10 + i * (barH + gap);
      const label = svg("text", { x: 0, y: y + 17, "font-size": 13 });
      label.textContent = r.tier;
      chart.append(label);
      let x = 80;
      for (const [n, colour, name] of [[r.resolutionMet, "#2f7d32", "met"], [r.resolutionMissed, "#b3261e", "missed"], [r.atRisk, "#c77700", "at risk"]]) {
        const width = (n / max) * (w - 250);
        const rect = svg("rect", { x, y, width: Math.max(width, 0), height: barH, fill: colour });
        const title = svg("title", {});
        title.textContent = r.tier + ": " + n + " " + name;
        rect.append(title);
        chart.append(rect);
        x += width;
      }
      const sum = svg("text", { x: x + 6, y: y + 17, "font-size": 12, fill: "#5f6368" });
      sum.textContent = r.resolutionMet + " met · " + r.resolutionMissed + " missed · " + r.atRisk + " at risk";
      chart.append(sum);
    });
    $("sla-chart").replaceChildren(chart);
  }

  function trendChart(days) {
    const w = 420, h = 120;
    const chart = svg("svg", { viewBox: "0 0 " + w + " " + h, width: "100%", role: "img", "aria-label": "Mean sentiment per day" });
    chart.append(svg("line", { x1: 0, x2: w, y1: h / 2, y2: h / 2, stroke: "#dadce0" }));
    const pts = days.filter((d) => d.sentiment != null);
    if (pts.length) {
      const step = pts.length > 1 ? w / (pts.length - 1) : 0;
      const path = pts.map((d, i) => (i ? "L" : "M") + (i * step).toFixed(1) + " " + (h / 2 - d.sentiment * (h / 2 - 8)).toFixed(1)).join(" ");
      chart.append(svg("path", { d: path, fill: "none", stroke: "#1a73e8", "stroke-width": 2 }));
      pts.forEach((d, i) => {
        const dot = svg("circle", { cx: (pts.length > 1 ? i * step : w / 2).toFixed(1), cy: (h / 2 - d.sentiment * (h / 2 - 8)).toFixed(1), r: 4, fill: "#1a73e8" });
        const title = svg("title", {});
        title.textContent = d.day + ": " + d.sentiment + (d.nps == null ? "" : ", NPS " + d.nps);
        dot.append(title);
        chart.append(dot);
      });
    }
    $("trend-chart").replaceChildren(chart);
  }

  function volumeChart(byDay) {
    const days = Object.entries(byDay);
    const w = 420, h = 120, max = Math.max(1, ...days.map(([, n]) => n));
    const chart = svg("svg", { viewBox: "0 0 " + w + " " + h, width: "100%", role: "img", "aria-label": "Complaints per day" });
    const bw = days.length ? Math.min(30, w / days.length - 2) : 0;
    days.forEach(([day, n], i) => {
      const bh = (n / max) * (h - 20);
      const rect = svg("rect", { x: i * (bw + 2), y: h - bh, width: bw, height: bh, fill: "#1a73e8" });
      const title = svg("title", {});
      title.textContent = day + ": " + n;
      rect.append(title);
      chart.append(rect);
    });
    $("volume-chart").replaceChildren(chart);
  }

  /**
   * Per tier, one small chart: for each day, a stacked bar of the resolution deadlines that fell that day, met
   * (green), missed (red) and at risk (amber; still open, most of the time gone). Days run from 30 days ago to the
   * deadlines still ahead; all tiers share one scale so they compare.
   */
  function slaDailyChart(rows) {
    const kinds = [["met", "#2f7d32"], ["missed", "#b3261e"], ["atRisk", "#c77700"]];
    const days = [...new Set(rows.map((r) => r.day))].sort();
    const max = Math.max(1, ...rows.map((r) => r.met + r.missed + r.atRisk));
    const legend = el("div", { class: "legend" }, ...kinds.map(([k, colour]) =>
      el("span", {}, el("i", { style: "background:" + colour }), T(k === "atRisk" ? "at risk" : k))));
    const charts = ["major", "urgent", "ordinary"].map((tier) => {
      const w = 420, h = 70, bw = days.length ? Math.min(24, w / days.length - 2) : 0;
      const chart = svg("svg", { viewBox: "0 0 " + w + " " + (h + 14), width: "100%", role: "img", class: "sla-daily " + tier,
        "aria-label": T(tier) + ": " + T("Resolution deadlines per day and tier") });
      days.forEach((day, i) => {
        const r = rows.find((x) => x.day === day && x.tier === tier) || { met: 0, missed: 0, atRisk: 0 };
        let y = h;
        for (const [k, colour] of kinds) {
          const bh = (r[k] / max) * (h - 6);
          if (!bh) continue;
          y -= bh;
          const rect = svg("rect", { x: i * (bw + 2), y, width: bw, height: bh, fill: colour, class: "sla-day-" + k });
          const title = svg("title", {});
          title.textContent = tier + " " + day + ": " + r[k] + " " + (k === "atRisk" ? "at risk" : k);
          rect.append(title);
          chart.append(rect);
        }
      });
      chart.append(svg("line", { x1: 0, x2: w, y1: h, y2: h, stroke: "#dadce0" }));
      if (days.length) {
        for (const [i, anchor] of [[0, "start"], [days.length - 1, "end"]]) {
          const label = svg("text", { x: anchor === "start" ? 0 : w, y: h + 12, "font-size": 10, fill: "#5f6368", "text-anchor": anchor });
          label.textContent = days[i];
          chart.append(label);
        }
      }
      const totals = kinds.map(([k]) => rows.filter((x) => x.tier === tier).reduce((n, x) => n + x[k], 0));
      return el("div", { class: "sla-tier" },
        el("span", { class: "tier " + tier, text: T(tier) }), " ",
        el("span", { class: "muted", text: totals[0] + " " + T("met") + " · " + totals[1] + " " + T("missed") + " · " + totals[2] + " " + T("at risk") }),
        chart);
    });
    $("sla-daily-chart").replaceChildren(legend, ...charts);
  }

  async function voice() {
    const month = $("voice-month").value;
    const v = await api("/api/v1/supervisor/voice" + (month ? "?month=" + encodeURIComponent(month) : ""));
    $("voice-month").value = v.month;
    $("voice-summary").textContent = v.month + ": " + v.complaints + " complaints, " + v.resolved + " resolved, " + v.breached + " past a deadline.";
    $("voice-themes").replaceChildren(...v.themes.map((t) => el("div", { class: "card" },
      el("h2", { text: t.category + " · " + t.complaints }),
      el("p", { class: "muted", text: T("What customers said") }), el("ul", {}, ...t.said.map((x) => el("li", { text: x }))),
      el("p", { class: "muted", text: T("What was done") }), el("ul", {}, ...(t.done.length ? t.done : [T("nothing resolved yet")]).map((x) => el("li", { text: x }))))));
  }
  $("voice-go").onclick = voice;

  async function refresh() {
    const [sla, breaches, load, holders, volume, self, trends, nps, daily] = await Promise.all([
      api("/api/v1/supervisor/sla"), api("/api/v1/supervisor/breaches?limit=20"), api("/api/v1/supervisor/load"),
      api("/api/v1/supervisor/holders"), api("/api/v1/supervisor/volume?days=30"), api("/api/v1/supervisor/self-service?days=30"),
      api("/api/v1/supervisor/trends?days=30"), api("/api/v1/staff/nps"), api("/api/v1/supervisor/sla/daily?days=30")]);
    $("open").textContent = sla.reduce((n, r) => n + r.open, 0);
    $("breaches").textContent = sla.reduce((n, r) => n + r.resolutionMissed + r.firstResponseMissed, 0);
    $("at-risk").textContent = sla.reduce((n, r) => n + r.atRisk, 0);
    $("unassigned").textContent = load.queues.reduce((n, q) => n + q.unassigned, 0);
    $("self-service").textContent = self.rate == null ? "–" : Math.round(self.rate * 100) + "%";
    $("nps").textContent = nps.nps.nps == null ? "–" : nps.nps.nps;
    slaChart(sla);
    volumeChart(volume.byDay);
    slaDailyChart(daily);
    $("self-intents").replaceChildren(...Object.entries(self.byIntent).sort((a, b) => b[1][0] - a[1][0]).slice(0, 15)
      .map(([intent, v]) => el("tr", {}, el("td", { text: intent }), el("td", { text: v[0] }), el("td", { text: Math.round(v[2] * 100) + "%" }))));
    trendChart(trends);
    $("hot").replaceChildren(...volume.hotSpots.map((h) => el("tr", {}, el("td", { text: h.category }), el("td", { text: h.thisWeek }), el("td", { text: h.lastWeek }), el("td", { text: (h.change > 0 ? "+" : "") + h.change }))));
    $("breach-list").replaceChildren(...breaches.map((b) => el("tr", {}, el("td", { text: b.number }), el("td", { text: b.tier }), el("td", { text: b.target }), el("td", { text: b.owner || "—" }), el("td", { text: new Date(b.firedAt).toLocaleString() }))));
    $("agents").replaceChildren(...load.agents.map((a) => el("tr", {}, el("td", { text: a.displayName }), el("td", { text: a.presence }), el("td", { text: a.open + " / " + a.capacity }))));
    $("holders").replaceChildren(...holders.map((h) => el("tr", {}, el("td", { text: h.number }), el("td", { text: h.queue }), el("td", { text: h.owner || T("unassigned") }), el("td", { text: new Date(h.since).toLocaleString() }))));
  }

  $("search").onsubmit = async (e) => {
    e.preventDefault();
    const q = $("q").value;
    $("csv").href = "/api/v1/supervisor/transcripts.csv?q=" + encodeURIComponent(q);
    const language = $("language").value;
    const found = await api("/api/v1/supervisor/transcripts?q=" + encodeURIComponent(q) + (language ? "&language=" + language : ""));
    $("results").replaceChildren(...found.map((t) => el("div", { class: "card transcript-result" },
      el("h2", { text: (t.tickets.join(", ") || "no complaint") + " · " + (t.language || "") + " · " + new Date(t.startedAt).toLocaleString() }),
      el("div", { class: "transcript" }, ...t.lines.map((l) => el("div", { class: "bubble " + l.from }, el("span", { class: "meta", text: l.from }), el("span", { class: "text", text: l.text })))))));
    if (!found.length) $("results").replaceChildren(el("p", { class: "muted", text: T("Nothing found.") }));
  };

  refresh();
  voice();
  live(settle(refresh), (state) => { $("feed").textContent = state; });
})();
