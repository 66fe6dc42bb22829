// The agent console: the live queue (nearest deadline first), one ticket's conversation and actions.
"use strict";
(() => {
  const { api, el, live, until, settle } = Staff;
  const T = Staff.t;
  const $ = (id) => document.getElementById(id);
  let tickets = [];
  let open = null; // the number of the ticket shown

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
      const tr = el("tr", { class: "ticket" + (t.number === open ? " open" : ""), "data-number": t.number, onclick: () => show(t.number) },
        el("td", { text: t.number }),
        el("td", {}, el("span", { class: "tier " + t.tier.toLowerCase(), text: t.tier.toLowerCase() })),
        el("td", { text: t.queue }),
        el("td", { text: t.status }),
        el("td", { text: t.owner || "—" }),
        el("td", { class: due.late ? "late countdown" : "countdown", "data-due": nextDue(t) || "", text: due.text }),
        el("td", { text: t.category }));
      return tr;
    }));
    $("queue-empty").hidden = rows.length > 0;
  }

  async function loadQueue() {
    tickets = await api("/api/v1/staff/complaints");
    renderQueue();
  }

  async function show(number) {
    open = number;
    const d = await api("/api/v1/staff/complaints/" + encodeURIComponent(number));
    const t = d.ticket;
    $("ticket").hidden = false;
    $("ticket-title").textContent = t.number + " · " + t.tier.toLowerCase() + " · " + t.category + (t.fundSafety ? " · fund safety" : "");
    $("ticket-owner").textContent = t.owner ? T("Owner") + ": " + t.owner + " · " + t.status : T("Unclaimed") + " · " + t.status;
    $("reasons").replaceChildren(...t.reasons.map((r) => el("li", { text: r })));
    $("guide").replaceChildren(...d.remediationGuide.map((r) => el("li", { text: r })));
    $("notes").replaceChildren(...d.notes.map((n) => el("li", { text: n.author + " · " + new Date(n.at).toLocaleString() + ": " + n.text })));
    const suggestions = await api("/api/v1/staff/complaints/" + encodeURIComponent(number) + "/suggestions");
    $("suggestions").replaceChildren(...suggestions.map((a) => el("li", {},
      el("a", { href: a.link, target: "_blank", rel: "noopener", text: a.title }), " ",
      el("button", { class: "secondary use-article", onclick: () => { $("reply").value = a.shortAnswer; $("reply").focus(); }, text: T("Use in reply") }))));
    await loadTranscript();
    renderQueue();
  }

  async function loadTranscript() {
    if (!open) return;
    const messages = await api("/api/v1/staff/complaints/" + encodeURIComponent(open) + "/transcript");
    const box = $("transcript");
    box.replaceChildren(...messages.map((m) => {
      const meta = m.meta || {};
      const notes = [m.from, new Date(m.createdAt).toLocaleTimeString()];
      if (m.from === "bot" && meta.intent) notes.push("intent " + meta.intent + ", sentiment " + meta.sentiment);
      return el("div", { class: "bubble " + m.from, "data-seq": m.seq }, el("span", { class: "meta", text: notes.join(" · ") }), el("span", { class: "text", text: m.text }));
    }));
    box.scrollTop = box.scrollHeight;
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
    const me = await api("/api/v1/staff/me");
    $("me").textContent = me.displayName + " (" + me.role.toLowerCase() + ")";
    $("presence").value = me.presence;
    const csrf = await api("/api/v1/staff/csrf");
    $("logout-csrf").value = csrf.token;
    await loadQueue();
    const queueLater = settle(loadQueue), transcriptLater = settle(loadTranscript), ticketLater = settle(() => open && show(open));
    live((frame) => {
      if (frame.type === "ticket" || frame.type === "sla") queueLater();
      if (frame.type === "message" && open) transcriptLater();
      if (frame.type === "ticket" && frame.number === open) ticketLater();
    }, (state) => { $("feed").textContent = state; });
  })();
})();
