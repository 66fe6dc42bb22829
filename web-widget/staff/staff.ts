// What the staff pages share besides the API and the words: the live feed at /ws/staff, countdowns, and the page's
// start (its styles, its translation). Customer text is only ever placed as text, never as HTML (see src/dom.ts).
import "./staff.css";
import { ReconnectingSocket } from "../src/socket";
import { t, translatePage } from "./i18n";

/** A frame of /ws/staff: what changed (a ticket, a message, an SLA timer) or "resync" after a gap. */
export interface Frame {
  type: string;
  number?: string;
}

/** The element with this id (the pages' HTML has them all). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error("no #" + id + " on this page");
  return e as T;
}

/** Calls onFrame for every frame of /ws/staff, reconnecting with backoff; #feed says whether the feed is live. */
export function live(onFrame: (f: Frame) => void): void {
  const feed = byId("feed");
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/staff";
  const socket = new ReconnectingSocket(url, {
    open: () => socket.connected(),
    message: (data) => {
      try {
        onFrame(JSON.parse(data) as Frame);
      } catch (e) {
        console.warn(e);
      }
    },
    state: (s) => {
      feed.textContent = t(s === "open" ? "live" : s === "connecting" ? "connecting…" : s);
    },
  });
  socket.start();
}

/** A function that runs fn once, 250 ms after the last of a burst of calls (a burst of live frames). */
export function settle(fn: () => unknown): () => void {
  let timer = 0;
  return () => {
    clearTimeout(timer);
    timer = window.setTimeout(fn, 250);
  };
}

/** "in 1 h 5 min", "5 min late"; a stopped clock when there is no deadline. */
export function until(iso: string | null | undefined, now = Date.now()): { text: string; late: boolean } {
  if (!iso) return { text: t("clock stopped"), late: false };
  const ms = Date.parse(iso) - now;
  const m = Math.round(Math.abs(ms) / 60000);
  const s = m >= 60 ? Math.floor(m / 60) + " h " + (m % 60) + " min" : m > 0 ? m + " min" : Math.round(Math.abs(ms) / 1000) + " s";
  return ms >= 0 ? { text: t("in") + " " + s, late: false } : { text: s + " " + t("late"), late: true };
}

translatePage();
