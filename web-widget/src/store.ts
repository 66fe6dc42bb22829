// What the widget keeps across page loads: the conversation, what was shown, and what is still to be sent.
// Kept in the tab's sessionStorage by default (a shared computer forgets it with the tab), or localStorage when
// the page asks for it with data-teller-storage="local". Storage that is blocked falls back to memory.
import type { Lang } from "./i18n";

export type From = "customer" | "bot" | "agent" | "system";

/** A stored message, as the server sent it. */
export interface Message {
  seq: number;
  from: From;
  text: string;
  createdAt: string;
  meta?: Record<string, unknown>;
}

/** A message the customer wrote that the server has not acknowledged yet. */
export interface Outgoing {
  clientMessageId: string;
  text: string;
  createdAt: string;
  state: "sending" | "queued" | "failed";
  error?: string;
  /** the seq of a replayed message that is this one already stored (its bubble is then hidden) */
  seenAs?: number;
}

export interface Saved {
  conversationId?: string;
  token?: string;
  lastSeq: number;
  messages: Message[];
  outbox: Outgoing[];
  lang?: Lang;
  large?: boolean;
  open?: boolean;
}

const KEEP = 300; // messages kept for a reload; older ones stay on the server

export class Store {
  private memory: string | null = null;

  constructor(private readonly key: string, private readonly area: "session" | "local") {}

  private storage(): Storage | null {
    try {
      return this.area === "local" ? window.localStorage : window.sessionStorage;
    } catch {
      return null;
    }
  }

  load(): Saved {
    let raw: string | null = this.memory;
    try {
      raw = this.storage()?.getItem(this.key) ?? raw;
    } catch {
      /* blocked: memory only */
    }
    const empty: Saved = { lastSeq: 0, messages: [], outbox: [] };
    if (!raw) return empty;
    try {
      const s = JSON.parse(raw) as Saved;
      if (!Array.isArray(s.messages) || !Array.isArray(s.outbox) || typeof s.lastSeq !== "number") return empty;
      // A message that was being sent when the page went away is sent again (safely: same clientMessageId).
      for (const o of s.outbox) if (o.state === "sending") o.state = "queued";
      return s;
    } catch {
      return empty;
    }
  }

  save(s: Saved): void {
    const kept: Saved = { ...s, messages: s.messages.slice(-KEEP) };
    const raw = JSON.stringify(kept);
    this.memory = raw;
    try {
      this.storage()?.setItem(this.key, raw);
    } catch {
      /* full or blocked: memory only */
    }
  }
}
