// Teller's customer widget. One script tag adds it to any page:
//   <script src="https://teller.example/widget.js" data-teller-server="https://teller.example" async></script>
// Options (all optional): data-teller-language (en, zh; default the browser's), data-teller-color,
// data-teller-logo (an image URL), data-teller-greeting, data-teller-title, data-teller-position (right, left),
// data-teller-storage (session, the default, or local).
// It lives in a Shadow DOM, puts every piece of text on the page as text (never HTML), and keeps the
// conversation and unsent messages across reloads and network cuts.
import { Connection, type State } from "./connection";
import { h } from "./dom";
import { browserLang, type Lang, words } from "./i18n";
import { type Message, type Outgoing, type Saved, Store } from "./store";
import { css } from "./styles";

const started = performance.now();
performance.mark?.("teller:start");

const script = document.currentScript as HTMLScriptElement | null;
const data = (name: string): string | undefined => script?.getAttribute("data-teller-" + name)?.trim() || undefined;

function serverBase(): URL {
  const given = data("server");
  try {
    if (given) return new URL(given, document.baseURI);
    if (script?.src) return new URL(script.src);
  } catch {
    /* fall through */
  }
  return new URL(location.href);
}

const MAX_CHARS = 2000;

function uuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function safeColor(c: string | undefined): string {
  return c && /^(#[0-9a-f]{3,8}|rgb\([\d\s.,%]+\)|[a-z]{3,20})$/i.test(c) ? c : "#0b5cab";
}

function time(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return isNaN(d.getTime()) ? "" : d.toLocaleTimeString(lang === "zh" ? "zh-CN" : "en-GB", { hour: "2-digit", minute: "2-digit" });
}

function when(iso: unknown, lang: Lang): string {
  const d = new Date(String(iso));
  if (isNaN(d.getTime())) return "";
  return d.toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

class TellerWidget {
  private readonly base = serverBase();
  private readonly store = new Store("teller:" + this.base.origin, data("storage") === "local" ? "local" : "session");
  private readonly saved: Saved = this.store.load();
  private lang: Lang;
  private readonly conn: Connection;
  private readonly host = document.createElement("teller-widget");
  private readonly shadow = this.host.attachShadow({ mode: "open" });
  private root!: HTMLElement;
  private launcher!: HTMLButtonElement;
  private panel!: HTMLElement;
  private log!: HTMLElement;
  private bar!: HTMLElement;
  private typingEl!: HTMLElement;
  private statusEl!: HTMLElement;
  private input!: HTMLTextAreaElement;
  private errorEl!: HTMLElement;
  private announcer!: HTMLElement;
  private state: State = "connecting";
  private waitingSince = 0; // a message was sent and the bot's reply is awaited
  private lastTyping = 0;

  constructor() {
    const asked = data("language");
    this.lang = this.saved.lang ?? (asked === "zh" || asked === "en" ? asked : browserLang());
    const url = new URL("/ws/chat", this.base);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    this.conn = new Connection(url.toString(), this.saved, () => this.lang, {
      message: (m, replay) => this.arrived(m, replay),
      changed: () => this.changed(),
      state: (s) => this.setState(s),
    });
  }

  private get w() {
    return words(this.lang);
  }

  mount(): void {
    const side = data("position") === "left" ? "left" : "right";
    const style = document.createElement("style");
    style.textContent = css(safeColor(data("color")), side);
    this.root = h("div", { class: "root" + (this.saved.large ? " large" : ""), lang: this.lang });
    this.launcher = h("button", { class: "launcher", type: "button", "aria-haspopup": "dialog", "aria-expanded": "false", onclick: () => this.toggle(true) });
    this.shadow.append(style, this.root);
    this.root.append(this.launcher);
    this.fillLauncher();
    (document.body ?? document.documentElement).append(this.host);
    // The launcher is on screen: mark the first frame after it (what the test page measures).
    requestAnimationFrame(() => setTimeout(() => {
      performance.mark?.("teller:launcher-painted");
      (window as unknown as { __tellerLauncherMs?: number }).__tellerLauncherMs = performance.now() - started;
    }, 0));
    this.buildPanel();
    if (this.saved.open) this.toggle(true, false);
    this.conn.start();
  }

  private fillLauncher(): void {
    const logo = data("logo");
    const icon = logo
      ? h("img", { src: logo, alt: "" })
      : (() => {
          const s = document.createElementNS("http://www.w3.org/2000/svg", "svg");
          s.setAttribute("viewBox", "0 0 24 24");
          s.setAttribute("aria-hidden", "true");
          const p = document.createElementNS("http://www.w3.org/2000/svg", "path");
          p.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z");
          s.append(p);
          return s;
        })();
    this.launcher.replaceChildren(icon, h("span", { text: this.w.open }));
  }

  private buildPanel(): void {
    const w = this.w;
    const title = data("title") ?? w.title;
    const logo = data("logo");
    this.statusEl = h("div", { class: "status", role: "status", hidden: true });
    // The log is not live itself (redrawing a bubble would be read again); the announcer says what is new.
    this.log = h("div", { class: "log", role: "log", "aria-live": "off", "aria-label": w.log, tabindex: "0" });
    this.bar = h("div", { class: "bar", hidden: true });
    this.typingEl = h("div", { class: "typing", "aria-hidden": "true" });
    this.input = h("textarea", { rows: "2", placeholder: w.placeholder, "aria-label": w.placeholder, maxlength: String(MAX_CHARS * 2) });
    this.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener("input", () => {
      this.errorEl.textContent = "";
      const now = Date.now();
      if (now - this.lastTyping > 3000) {
        this.lastTyping = now;
        this.conn.typing();
      }
    });
    this.errorEl = h("div", { class: "error", role: "alert" });
    this.announcer = h("div", { class: "sr", "aria-live": "polite", "aria-atomic": "true" });
    const large = h("button", { type: "button", class: "large-toggle", "aria-pressed": String(!!this.saved.large), text: w.largeText, onclick: () => this.toggleLarge() });
    const langBtn = h("button", { type: "button", class: "lang-toggle", lang: this.lang === "zh" ? "en" : "zh", "aria-label": w.languageLabel, text: w.language, onclick: () => this.switchLang() });
    const close = h("button", { type: "button", class: "close", "aria-label": w.close, text: "✕", onclick: () => this.toggle(false) });
    this.panel = h("section", { class: "panel", role: "dialog", "aria-label": title, hidden: true },
      h("div", { class: "head" }, logo ? h("img", { src: logo, alt: "" }) : null, h("h2", { text: title }), langBtn, large, close),
      this.statusEl,
      this.log,
      this.typingEl,
      this.bar,
      h("button", { type: "button", class: "person", text: w.person, onclick: () => this.send(this.w.personText) }),
      this.errorEl,
      h("div", { class: "compose" }, this.input, h("button", { type: "button", class: "send", text: w.send, onclick: () => this.submit() })),
      this.announcer);
    this.panel.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        this.toggle(false);
      }
    });
    this.root.append(this.panel);
    this.redraw();
    this.setState(this.state);
  }

  private toggle(open: boolean, focus = true): void {
    this.saved.open = open;
    this.store.save(this.saved);
    this.panel.hidden = !open;
    this.launcher.hidden = open;
    this.launcher.setAttribute("aria-expanded", String(open));
    if (open) {
      this.log.scrollTop = this.log.scrollHeight;
      if (focus) this.input.focus();
    } else if (focus) {
      this.launcher.focus();
    }
  }

  private toggleLarge(): void {
    this.saved.large = !this.saved.large;
    this.store.save(this.saved);
    this.root.classList.toggle("large", this.saved.large);
    this.shadow.querySelector(".large-toggle")?.setAttribute("aria-pressed", String(this.saved.large));
  }

  private switchLang(): void {
    this.lang = this.lang === "zh" ? "en" : "zh";
    this.saved.lang = this.lang;
    this.store.save(this.saved);
    this.root.setAttribute("lang", this.lang);
    this.panel.remove();
    this.fillLauncher();
    this.buildPanel();
    this.toggle(true, false);
    (this.shadow.querySelector(".lang-toggle") as HTMLElement | null)?.focus();
  }

  private setState(s: State): void {
    this.state = s;
    if (!this.statusEl) return;
    const w = this.w;
    const text = s === "offline" ? w.offline : s === "reconnecting" ? w.reconnecting : "";
    this.statusEl.hidden = !text;
    this.statusEl.textContent = text;
    this.root.dataset.state = s;
    this.redraw();
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text) {
      this.input.focus();
      return;
    }
    if (text.length > MAX_CHARS) {
      // Nothing is lost: the text stays in the box to be shortened.
      this.errorEl.textContent = this.w.tooLong(text.length);
      return;
    }
    this.input.value = "";
    this.send(text);
    this.input.focus();
  }

  private send(text: string): void {
    const o: Outgoing = { clientMessageId: uuid(), text, createdAt: new Date().toISOString(), state: "queued" };
    this.saved.outbox.push(o);
    this.waitingSince = Date.now();
    this.changed();
    this.conn.flush();
  }

  private arrived(m: Message, replay: boolean): void {
    if (m.from !== "customer") {
      this.waitingSince = 0;
      if (!replay) this.announcer.textContent = this.w.newMessage(this.who(m.from), m.text);
    }
  }

  private changed(): void {
    this.store.save(this.saved);
    this.redraw();
  }

  private who(from: string): string {
    const w = this.w;
    return from === "customer" ? w.you : from === "agent" ? w.agent : from === "system" ? w.system : w.bot;
  }

  /** Brings the log in line with the state: new messages appended, outgoing bubbles updated, nothing rebuilt. */
  private redraw(): void {
    if (!this.log) return;
    const w = this.w;
    const have = new Map<string, HTMLElement>();
    for (const e of Array.from(this.log.children) as HTMLElement[]) have.set(e.dataset.key ?? "", e);
    const wanted: string[] = [];
    if (!this.saved.messages.length) {
      wanted.push("greeting");
      if (!have.has("greeting")) {
        this.log.append(this.bubble("greeting", "bot", data("greeting") ?? w.greeting, null, undefined));
      }
    }
    for (const m of this.saved.messages) {
      const key = "m" + m.seq;
      wanted.push(key);
      if (!have.has(key)) {
        const firstOut = this.log.querySelector("[data-key^='o']");
        this.log.insertBefore(this.messageEl(m), firstOut);
      }
    }
    for (const o of this.saved.outbox) {
      if (o.seenAs !== undefined) continue;
      const key = "o" + o.clientMessageId;
      wanted.push(key);
      const existing = have.get(key);
      const el = this.outgoingEl(o);
      if (existing) existing.replaceWith(el);
      else this.log.append(el);
    }
    for (const [key, e] of have) if (!wanted.includes(key)) e.remove();
    this.log.scrollTop = this.log.scrollHeight;
    this.drawBar();
    const waiting = this.waitingSince && Date.now() - this.waitingSince < 20000 && this.state === "online";
    this.typingEl.textContent = waiting ? w.typing : "";
    if (waiting) setTimeout(() => this.redrawTyping(), 20500);
  }

  private redrawTyping(): void {
    if (this.waitingSince && Date.now() - this.waitingSince >= 20000) this.typingEl.textContent = "";
  }

  private bubble(key: string, from: string, text: string, extra: Node | null, at: string | undefined, status?: Node): HTMLElement {
    const meta = h("span", { class: "meta" }, this.who(from), at ? " · " + time(at, this.lang) : "");
    if (status) meta.append(" · ", status);
    return h("div", { class: "msg " + from, "data-key": key }, h("span", { class: "sr", text: this.who(from) + ": " }), h("div", { class: "bubble" }, text, extra), meta);
  }

  private messageEl(m: Message): HTMLElement {
    const meta = (m.meta ?? {}) as Record<string, unknown>;
    let text = m.text;
    const extra = document.createDocumentFragment();
    if (typeof meta.articleId === "string") {
      const title = String(meta.articleTitle ?? "");
      if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^\s+/, "");
      const wrap = h("div", { class: "article", "data-article": meta.articleId });
      wrap.append(h("span", { class: "article-title", text: title }));
      extra.append(this.articleMore(meta.articleId + "-" + m.seq, String(meta.link ?? "/api/v1/articles/" + meta.articleId)));
      const e = this.bubble("m" + m.seq, m.from, "", null, m.createdAt);
      const b = e.querySelector(".bubble")!;
      b.replaceChildren(wrap, text, extra);
      e.dataset.seq = String(m.seq);
      return e;
    }
    const t = meta.ticket as Record<string, unknown> | undefined;
    if (t && typeof t.number === "string") extra.append(this.ticketCard(t));
    const sent = m.from === "customer" ? h("span", { class: "state sent", text: this.w.sent }) : undefined;
    const e = this.bubble("m" + m.seq, m.from, text, extra, m.createdAt, sent);
    e.dataset.seq = String(m.seq);
    return e;
  }

  /** @param id unique in the widget (an article may answer twice) */
  private articleMore(id: string, link: string): HTMLElement {
    const body = h("div", { class: "article-body", hidden: true, id: "article-" + id });
    const more = h("button", { type: "button", class: "more", "aria-expanded": "false", "aria-controls": "article-" + id, text: this.w.readMore });
    more.onclick = async () => {
      const open = more.getAttribute("aria-expanded") !== "true";
      more.setAttribute("aria-expanded", String(open));
      body.hidden = !open;
      if (open && !body.childElementCount) {
        try {
          const r = await fetch(new URL(link, this.base).toString(), { headers: { Accept: "application/json" } });
          const a = (await r.json()) as { body?: string };
          body.replaceChildren(...renderArticle(String(a.body ?? "")));
        } catch {
          body.textContent = this.w.serverDown;
        }
      }
    };
    return h("div", {}, more, body);
  }

  private ticketCard(t: Record<string, unknown>): HTMLElement {
    const w = this.w;
    const tier = String(t.tier ?? "").toLowerCase();
    return h("div", { class: "card ticket " + tier, "data-ticket": String(t.number) },
      h("b", { text: w.ticket + " " + String(t.number) }),
      h("span", { text: w.ticketPromise(w.tiers[tier] ?? tier, when(t.resolutionDueAt, this.lang)) }),
      h("div", { text: w.ticketStatus + ": " + (w.statuses[String(t.status)] ?? String(t.status ?? "")) + (t.fundSafety ? " · " + w.fundSafety : "") }));
  }

  private outgoingEl(o: Outgoing): HTMLElement {
    const w = this.w;
    const status = o.state === "failed"
      ? h("span", {}, h("span", { class: "failed", text: w.failed + (o.error && o.error !== "timeout" ? " " + o.error : "") }), " ",
          h("button", { type: "button", class: "retry", text: w.retry, onclick: () => { this.conn.retry(o.clientMessageId); this.input.focus(); } }))
      : h("span", { class: "state", text: o.state === "sending" ? w.sending : this.state === "online" ? w.sending : w.queued });
    const e = this.bubble("o" + o.clientMessageId, "customer", o.text, null, o.createdAt, status);
    e.dataset.state = o.state === "failed" ? "failed" : o.state === "sending" ? "sending" : "queued";
    return e;
  }

  /** Suggestion chips and the NPS buttons belong to the latest bot message only. */
  private drawBar(): void {
    const w = this.w;
    const last = [...this.saved.messages].reverse().find((m) => m.from !== "customer");
    const meta = (last?.meta ?? {}) as Record<string, unknown>;
    const items: HTMLElement[] = [];
    if (last && meta.followUp && !this.saved.outbox.length) {
      const nps = h("div", { class: "nps", role: "group", "aria-label": w.npsQuestion }, h("p", { text: w.npsQuestion }));
      for (let i = 0; i <= 10; i++) nps.append(h("button", { type: "button", class: "nps-score", text: String(i), onclick: () => { this.send(String(i)); this.input.focus(); } }));
      items.push(nps);
    }
    if (last && Array.isArray(meta.suggestions) && !this.saved.outbox.length) {
      for (const s of meta.suggestions.slice(0, 6)) {
        items.push(h("button", { type: "button", class: "chip", text: String(s), onclick: () => { this.send(String(s)); this.input.focus(); } }));
      }
    }
    const key = (last ? last.seq : 0) + ":" + items.length + ":" + this.lang;
    if (this.bar.dataset.key === key) return;
    this.bar.dataset.key = key;
    this.bar.replaceChildren(...items);
    this.bar.hidden = !items.length;
  }
}

/** An article's Markdown body as plain elements: paragraphs and lists, emphasis dropped, every piece as text. */
function renderArticle(md: string): Node[] {
  const out: Node[] = [];
  let list: HTMLElement | null = null;
  const clean = (s: string) => s.replace(/\*\*|__|`/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
  for (const raw of md.split(/\n/)) {
    const line = raw.trim();
    if (!line) {
      list = null;
      continue;
    }
    const item = /^([-*+]|\d{1,2}[.)])\s+(.*)$/.exec(line);
    if (item) {
      if (!list) out.push((list = h("ul")));
      list.append(h("li", { text: clean(item[2]) }));
    } else {
      list = null;
      out.push(h("p", { text: clean(line.replace(/^#+\s*/, "")) }));
    }
  }
  return out;
}

if (!customElements.get("teller-widget")) {
  customElements.define("teller-widget", class extends HTMLElement {});
  const start = () => new TellerWidget().mount();
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start, { once: true });
}
