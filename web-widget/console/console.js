// The agent console: the live queue (nearest deadline first), one ticket's conversation and actions.
"use strict";
(() => {
  const { api, el, live, until, settle } = Staff;
  const T = Staff.t;
  const $ = (id) => document.getElementById(id);
  let tickets = [];
  let open = null; // the number of the ticket shown
  let language = "en"; // the language of its conversation
  let canned = [];
  let me = null; // the logged-in member of staff: role and queues

  /** Claim is offered only where the API allows it: unowned, and of a queue this agent works (supervisors: any). */
  function mayClaim(t) {
    return !t.owner && !!me && (me.role.toLowerCase() !== "agent" || me.queues.includes(t.queue));
  }

  function nextDue(t) {
    return t.firstRespondedAt ? t.resolutionDueAt : (t.firstResponseDueAt || t.resolutionDueAt);
  }

  function renderQueue() {
    const q = $("queue-filter").value, tier = $("tier-filter").value;
    const rows = tickets
      .filter((t) => (!q || t.queue === q) && (!tier || t.tier.toLowerCase() === tier))
      .sort((a, b) => (Date.parse(nextDue(a) || "2999-01-01") - Date.parse(nextDue(b) || "2999-01-01")));
    const body = $("queue");
    body.replaceChildren(...rows.map((t) => {
      const due = until(nextDue(t));
      const tr = el("tr", { class: "ticket" + (t.number === open ? " open" : ""), "data-number": t.number, onclick: () => view(t.number) },
        el("td", { text: t.number }),
        el("td", {}, el("span", { class: "tier " + t.tier.toLowerCase(), text: T(t.tier.toLowerCase()) })),
        el("td", { text: t.queue }),
        el("td", { text: T(t.status) }),
        el("td", { text: t.owner || "—" }),
        el("td", { class: due.late ? "late countdown" : "countdown", "data-due": nextDue(t) || "", text: due.text }),
        el("td", { text: T(t.category) }));
      return tr;
    }));
    $("queue-empty").hidden = rows.length > 0;
  }

  async function loadQueue() {
    tickets = await api("/api/v1/staff/complaints");
    renderQueue();
  }

  /** Shows a ticket; a refusal (a ticket no longer open to this agent) closes it and says why. */
  function view(number) {
    $("queue-error").textContent = "";
    return show(number).catch((e) => {
      if (open === number) { open = null; $("ticket").hidden = true; }
      $("queue-error").textContent = number + ": " + e.message;
      renderQueue();
    });
  }

  async function show(number) {
    open = number;
    const d = await api("/api/v1/staff/complaints/" + encodeURIComponent(number));
    const t = d.ticket;
    $("ticket").hidden = false;
    $("ticket-title").textContent = t.number + " · " + T(t.tier.toLowerCase()) + " · " + T(t.category) + (t.fundSafety ? " · " + T("fund safety") : "");
    language = d.language === "zh" ? "zh" : "en";
    $("ticket-owner").textContent = t.owner ? T("Owner") + ": " + t.owner + " · " + T(t.status) : T("Unclaimed") + " · " + T(t.status);
    $("claim").hidden = !mayClaim(t);
    $("reasons").replaceChildren(...t.reasons.map((r) => el("li", { text: r })));
    $("guide").replaceChildren(...d.remediationGuide.map((r) => el("li", { text: r })));
    $("notes").replaceChildren(...d.notes.map((n) => el("li", { text: n.author + " · " + new Date(n.at).toLocaleString() + ": " + n.text })));
    const brief = await api("/api/v1/staff/complaints/" + encodeURIComponent(number) + "/brief");
    $("brief-summary").textContent = brief.summary;
    $("brief-reply").textContent = brief.suggestedReply;
    $("use-brief").onclick = () => { $("reply").value = brief.suggestedReply; $("reply").focus(); };
    const suggestions = await api("/api/v1/staff/complaints/" + encodeURIComponent(number) + "/suggestions");
    $("suggestions").replaceChildren(...suggestions.map((a) => el("li", {},
      el("a", { href: a.link, target: "_blank", rel: "noopener", text: a.title }), " ",
      el("button", { class: "secondary use-article", onclick: () => { $("reply").value = a.shortAnswer; $("reply").focus(); }, text: T("Use in reply") }),
      el("ul", { class: "clauses" }, ...(a.clauses || []).map((c) => el("li", { class: "clause", text: c }))))));
    await loadCanned();
    await loadTranscript();
    renderQueue();
  }

  async function loadTranscript() {
    if (!open) return;
    const messages = await api("/api/v1/staff/complaints/" + encodeURIComponent(open) + "/transcript");
    const box = $("transcript");
    box.replaceChildren(...messages.map((m) => {
      const u = (m.meta || {}).understanding;
      const notes = [T(m.from), new Date(m.createdAt).toLocaleTimeString()];
      const bubble = el("div", { class: "bubble " + m.from, "data-seq": m.seq }, el("span", { class: "meta", text: notes.join(" · ") }), el("span", { class: "text", text: m.text }));
      if (u) {
        const s = Number(u.sentiment);
        bubble.append(el("span", { class: "understood " + (s <= -0.3 ? "negative" : s >= 0.3 ? "positive" : "neutral"),
          text: T("intent") + " " + u.intent + " (" + Math.round(Number(u.confidence) * 100) + "%) · " + T("sentiment") + " " + (s > 0 ? "+" : "") + s.toFixed(2) }));
      }
      return bubble;
    }));
    box.scrollTop = box.scrollHeight;
    sentimentChart(messages.filter((m) => m.meta && m.meta.understanding).map((m) => ({ seq: m.seq, s: Number(m.meta.understanding.sentiment), intent: m.meta.understanding.intent })));
  }

  /** A small line of the customer's sentiment (−1 … +1), one point per message, so rising distress shows. */
  function sentimentChart(points) {
    const SVG = "http://www.w3.org/2000/svg", w = 320, h = 56;
    const make = (tag, attrs) => { const e = document.createElementNS(SVG, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); return e; };
    const chart = make("svg", { viewBox: "0 0 " + w + " " + h, width: w, height: h, role: "img", "aria-label": T("Customer's sentiment, message by message") });
    chart.append(make("line", { x1: 0, x2: w, y1: h / 2, y2: h / 2, stroke: "#dadce0" }));
    const step = points.length > 1 ? (w - 12) / (points.length - 1) : 0;
    const at = (p, i) => [6 + (points.length > 1 ? i * step : (w - 12) / 2), h / 2 - p.s * (h / 2 - 6)];
    if (points.length > 1) {
      chart.append(make("path", { d: points.map((p, i) => (i ? "L" : "M") + at(p, i).map((v) => v.toFixed(1)).join(" ")).join(" "), fill: "none", stroke: "#1a73e8", "stroke-width": 2 }));
    }
    points.forEach((p, i) => {
      const [x, y] = at(p, i);
      const dot = make("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 3.5, fill: p.s <= -0.3 ? "#b3261e" : p.s >= 0.3 ? "#2f7d32" : "#5f6368", class: "sentiment-point" });
      const title = make("title", {});
      title.textContent = "#" + p.seq + " " + p.intent + ": " + p.s.toFixed(2);
      dot.append(title);
      chart.append(dot);
    });
    $("sentiment-chart").replaceChildren(chart);
  }

  /** Canned answers: the knowledge base's short answers in the conversation's language, filtered by what is typed. */
  async function loadCanned() {
    const q = $("canned-q").value.trim();
    canned = await api("/api/v1/staff/canned?language=" + language + "&limit=" + (q ? 10 : 200) + (q ? "&q=" + encodeURIComponent(q) : ""));
    $("canned").replaceChildren(...canned.map((a, i) => el("option", { value: String(i), text: a.title })));
  }

  async function act(path, body) {
    $("action-error").textContent = "";
    try {
      await api("/api/v1/staff/complaints/" + encodeURIComponent(open) + path, { method: "POST", body: body || {} });
      await show(open);
      await loadQueue();
    } catch (e) {
      $("action-error").textContent = e.message;
    }
  }

  $("claim").onclick = () => act("/claim");
  $("add-note").onclick = async () => { const text = $("note").value.trim(); if (text) { await act("/note", { text }); $("note").value = ""; } };
  $("send").onclick = async () => { const text = $("reply").value.trim(); if (text) { await act("/reply", { text }); $("reply").value = ""; } };
  $("transfer").onclick = () => act("/transfer", { queue: $("transfer-to").value });
  $("pause").onclick = () => act("/status", { status: "waiting_on_customer", reason: $("pause-reason").value || "waiting on the customer" });
  $("resume").onclick = () => act("/status", { status: "in_progress" });
  $("resolve").onclick = () => act("/resolve", { remediation: $("remediation").value });
  $("use-canned").onclick = () => {
    const a = canned[Number($("canned").value)];
    if (!a) return;
    const box = $("reply");
    box.value = box.value ? box.value.replace(/\s*$/, "\n") + a.text : a.text;
    box.focus();
  };
  let cannedTimer = null;
  $("canned-q").oninput = () => { clearTimeout(cannedTimer); cannedTimer = setTimeout(() => loadCanned().catch((e) => { $("action-error").textContent = e.message; }), 250); };
  $("queue-filter").onchange = renderQueue;
  $("tier-filter").onchange = renderQueue;
  $("presence").onchange = () => api("/api/v1/staff/me/presence", { method: "POST", body: { presence: $("presence").value } });

  setInterval(() => {
    for (const td of document.querySelectorAll("td.countdown")) {
      const due = until(td.dataset.due || null);
      td.textContent = due.text;
      td.classList.toggle("late", due.late);
    }
  }, 1000);

  (async () => {
    me = await api("/api/v1/staff/me");
    $("me").textContent = me.displayName + " (" + me.role.toLowerCase() + ")";
    $("presence").value = me.presence;
    const csrf = await api("/api/v1/staff/csrf");
    $("logout-csrf").value = csrf.token;
    await loadQueue();
    const queueLater = settle(loadQueue), transcriptLater = settle(loadTranscript), ticketLater = settle(() => open && view(open));
    live((frame) => {
      if (frame.type === "resync") { queueLater(); if (open) { transcriptLater(); ticketLater(); } return; }
      if (frame.type === "ticket" || frame.type === "sla") queueLater();
      if (frame.type === "message" && open) transcriptLater();
      if (frame.type === "ticket" && frame.number === open) ticketLater();
    }, (state) => { $("feed").textContent = state; });
  })();
})();
