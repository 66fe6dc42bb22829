// The agent console: the live queue (nearest deadline first), one ticket's conversation and actions.
import { h } from "../src/dom";
import { api, csrfToken } from "../staff/api";
import { COLOURS, draw, escape } from "../staff/charts";
import { t } from "../staff/i18n";
import { byId, live, settle, until } from "../staff/staff";

interface Ticket {
  number: string;
  tier: string;
  queue: string;
  status: string;
  owner: string | null;
  category: string;
  fundSafety: boolean;
  reasons: string[];
  firstRespondedAt: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
}

interface Details {
  ticket: Ticket;
  language: string;
  remediationGuide: string[];
  notes: { author: string; at: string; text: string }[];
}

interface Me {
  displayName: string;
  role: string;
  queues: string[];
  presence: string;
}

interface Understanding {
  intent: string;
  confidence: number;
  sentiment: number;
}

interface Line {
  seq: number;
  from: string;
  text: string;
  createdAt: string;
  meta?: { understanding?: Understanding } | null;
}

interface Suggestion {
  title: string;
  link: string;
  shortAnswer: string;
  clauses?: string[] | null;
}

interface Canned {
  title: string;
  text: string;
}

const $ = byId;
const input = (id: string) => byId<HTMLInputElement>(id);
const select = (id: string) => byId<HTMLSelectElement>(id);
const replyBox = byId<HTMLTextAreaElement>("reply");
const complaint = (number: string) => "/api/v1/staff/complaints/" + encodeURIComponent(number);

let tickets: Ticket[] = [];
let open: string | null = null; // the number of the ticket shown
let language = "en"; // the language of its conversation
let canned: Canned[] = [];
let me: Me | null = null; // the logged-in member of staff: role and queues

/** Claim is offered only where the API allows it: unowned, and of a queue this agent works (supervisors: any). */
function mayClaim(ticket: Ticket): boolean {
  return !ticket.owner && !!me && (me.role.toLowerCase() !== "agent" || me.queues.includes(ticket.queue));
}

function nextDue(ticket: Ticket): string | null {
  return ticket.firstRespondedAt ? ticket.resolutionDueAt : ticket.firstResponseDueAt || ticket.resolutionDueAt;
}

function renderQueue(): void {
  const queue = select("queue-filter").value;
  const tier = select("tier-filter").value;
  const due = (x: Ticket) => Date.parse(nextDue(x) || "2999-01-01");
  const rows = tickets
    .filter((x) => (!queue || x.queue === queue) && (!tier || x.tier.toLowerCase() === tier))
    .sort((a, b) => due(a) - due(b));
  $("queue").replaceChildren(
    ...rows.map((x) => {
      const left = until(nextDue(x));
      return h("tr", { class: "ticket" + (x.number === open ? " open" : ""), "data-number": x.number, onclick: () => view(x.number) },
        h("td", { text: x.number }),
        h("td", {}, h("span", { class: "tier " + x.tier.toLowerCase(), text: t(x.tier.toLowerCase()) })),
        h("td", { text: x.queue }),
        h("td", { text: t(x.status) }),
        h("td", { text: x.owner || "—" }),
        h("td", { class: left.late ? "late countdown" : "countdown", "data-due": nextDue(x) || "", text: left.text }),
        h("td", { text: t(x.category) }));
    }),
  );
  $("queue-empty").hidden = rows.length > 0;
}

async function loadQueue(): Promise<void> {
  tickets = await api<Ticket[]>("/api/v1/staff/complaints");
  renderQueue();
}

/** Shows a ticket; a refusal (a ticket no longer open to this agent) closes it and says why. */
function view(number: string): Promise<void> {
  $("queue-error").textContent = "";
  return show(number).catch((e: Error) => {
    if (open === number) {
      open = null;
      $("ticket").hidden = true;
    }
    $("queue-error").textContent = number + ": " + e.message;
    renderQueue();
  });
}

/** Puts text in the reply box and the cursor there. */
function intoReply(text: string): void {
  replyBox.value = text;
  replyBox.focus();
}

async function show(number: string): Promise<void> {
  open = number;
  const d = await api<Details>(complaint(number));
  const x = d.ticket;
  $("ticket").hidden = false;
  $("ticket-title").textContent = x.number + " · " + t(x.tier.toLowerCase()) + " · " + t(x.category) + (x.fundSafety ? " · " + t("fund safety") : "");
  language = d.language === "zh" ? "zh" : "en";
  $("ticket-owner").textContent = (x.owner ? t("Owner") + ": " + x.owner : t("Unclaimed")) + " · " + t(x.status);
  $("claim").hidden = !mayClaim(x);
  $("reasons").replaceChildren(...x.reasons.map((r) => h("li", { text: r })));
  $("guide").replaceChildren(...d.remediationGuide.map((r) => h("li", { text: r })));
  $("notes").replaceChildren(...d.notes.map((n) => h("li", { text: n.author + " · " + new Date(n.at).toLocaleString() + ": " + n.text })));
  const brief = await api<{ summary: string; suggestedReply: string }>(complaint(number) + "/brief");
  $("brief-summary").textContent = brief.summary;
  $("brief-reply").textContent = brief.suggestedReply;
  $("use-brief").onclick = () => intoReply(brief.suggestedReply);
  const suggestions = await api<Suggestion[]>(complaint(number) + "/suggestions");
  $("suggestions").replaceChildren(...suggestions.map((a) => h("li", {},
    h("a", { href: a.link, target: "_blank", rel: "noopener", text: a.title }), " ",
    h("button", { class: "secondary use-article", onclick: () => intoReply(a.shortAnswer), text: t("Use in reply") }),
    h("ul", { class: "clauses" }, ...(a.clauses || []).map((c) => h("li", { class: "clause", text: c }))))));
  await loadCanned();
  await loadTranscript();
  renderQueue();
}

async function loadTranscript(): Promise<void> {
  if (!open) return;
  const messages = await api<Line[]>(complaint(open) + "/transcript");
  const box = $("transcript");
  box.replaceChildren(...messages.map((m) => {
    const u = m.meta?.understanding;
    const bubble = h("div", { class: "bubble " + m.from, "data-seq": m.seq },
      h("span", { class: "meta", text: t(m.from) + " · " + new Date(m.createdAt).toLocaleTimeString() }),
      h("span", { class: "text", text: m.text }));
    if (u) {
      const s = Number(u.sentiment);
      bubble.append(h("span", { class: "understood " + mood(s),
        text: t("intent") + " " + u.intent + " (" + Math.round(Number(u.confidence) * 100) + "%) · " + t("sentiment") + " " + (s > 0 ? "+" : "") + s.toFixed(2) }));
    }
    return bubble;
  }));
  box.scrollTop = box.scrollHeight;
  sentimentChart(messages.flatMap((m) => (m.meta?.understanding ? [{ seq: m.seq, ...m.meta.understanding }] : [])));
}

function mood(s: number): "negative" | "positive" | "neutral" {
  return s <= -0.3 ? "negative" : s >= 0.3 ? "positive" : "neutral";
}

/** A small line of the customer's sentiment (−1 … +1), one point per message, so rising distress shows. */
function sentimentChart(points: (Understanding & { seq: number })[]): void {
  const colour = { negative: COLOURS.missed, positive: COLOURS.met, neutral: COLOURS.muted };
  draw($("sentiment-chart"), t("Customer's sentiment, message by message"), {
    grid: { left: 6, right: 6, top: 6, bottom: 6 },
    xAxis: { type: "category", show: false, boundaryGap: points.length < 2, data: points.map((p) => "#" + p.seq) },
    // Lines at −1, 0 and +1 (no labels): where neutral is, and how far from it.
    yAxis: { type: "value", min: -1, max: 1, interval: 1, axisLabel: { show: false }, splitLine: { lineStyle: { color: COLOURS.line } } },
    tooltip: {
      trigger: "item",
      formatter: (p) => {
        const point = points[(p as { dataIndex: number }).dataIndex];
        return point ? escape("#" + point.seq + " " + point.intent + ": " + Number(point.sentiment).toFixed(2)) : "";
      },
    },
    series: [{
      type: "line",
      name: t("sentiment"),
      symbol: "circle",
      symbolSize: 7,
      lineStyle: { color: COLOURS.plain, width: 2 },
      data: points.map((p) => ({ name: "#" + p.seq, value: Number(Number(p.sentiment).toFixed(2)), itemStyle: { color: colour[mood(Number(p.sentiment))] } })),
    }],
  });
}

/** Canned answers: the knowledge base's short answers in the conversation's language, filtered by what is typed. */
async function loadCanned(): Promise<void> {
  const q = input("canned-q").value.trim();
  canned = await api<Canned[]>("/api/v1/staff/canned?language=" + language + "&limit=" + (q ? 10 : 200) + (q ? "&q=" + encodeURIComponent(q) : ""));
  select("canned").replaceChildren(...canned.map((a, i) => h("option", { value: i, text: a.title })));
}

async function act(path: string, body: object = {}): Promise<void> {
  $("action-error").textContent = "";
  if (!open) return;
  try {
    await api(complaint(open) + path, { method: "POST", body });
    await show(open);
    await loadQueue();
  } catch (e) {
    $("action-error").textContent = (e as Error).message;
  }
}

/** The trimmed value of a field, emptied once the action it feeds has been done. */
function sendingValue(field: HTMLInputElement | HTMLTextAreaElement, action: (text: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const text = field.value.trim();
    if (text) {
      await action(text);
      field.value = "";
    }
  };
}

$("claim").onclick = () => act("/claim");
$("add-note").onclick = sendingValue(input("note"), (text) => act("/note", { text }));
$("send").onclick = sendingValue(replyBox, (text) => act("/reply", { text }));
$("transfer").onclick = () => act("/transfer", { queue: select("transfer-to").value });
$("pause").onclick = () => act("/status", { status: "waiting_on_customer", reason: input("pause-reason").value || "waiting on the customer" });
$("resume").onclick = () => act("/status", { status: "in_progress" });
$("resolve").onclick = () => act("/resolve", { remediation: input("remediation").value });
$("use-canned").onclick = () => {
  const a = canned[Number(select("canned").value)];
  if (!a) return;
  intoReply(replyBox.value ? replyBox.value.replace(/\s*$/, "\n") + a.text : a.text);
};
const cannedLater = settle(() => loadCanned().catch((e: Error) => ($("action-error").textContent = e.message)));
input("canned-q").oninput = cannedLater;
select("queue-filter").onchange = renderQueue;
select("tier-filter").onchange = renderQueue;
select("presence").onchange = () => api("/api/v1/staff/me/presence", { method: "POST", body: { presence: select("presence").value } });

setInterval(() => {
  for (const td of document.querySelectorAll<HTMLElement>("td.countdown")) {
    const due = until(td.dataset.due || null);
    td.textContent = due.text;
    td.classList.toggle("late", due.late);
  }
}, 1000);

(async () => {
  me = await api<Me>("/api/v1/staff/me");
  $("me").textContent = me.displayName + " (" + me.role.toLowerCase() + ")";
  select("presence").value = me.presence;
  input("logout-csrf").value = (await csrfToken()).token;
  await loadQueue();
  const queueLater = settle(loadQueue);
  const transcriptLater = settle(loadTranscript);
  const ticketLater = settle(() => open && view(open));
  live((frame) => {
    if (frame.type === "resync") {
      queueLater();
      if (open) {
        transcriptLater();
        ticketLater();
      }
      return;
    }
    if (frame.type === "ticket" || frame.type === "sla") queueLater();
    if (frame.type === "message" && open) transcriptLater();
    if (frame.type === "ticket" && frame.number === open) ticketLater();
  });
})();
