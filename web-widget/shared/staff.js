// What the staff pages share: HTTP with the session's CSRF token, the live feed, and safe rendering.
// Customer text is only ever placed with textContent, never as HTML.
"use strict";

const Staff = (() => {
  let csrf = null;

  async function token() {
    if (!csrf) {
      const r = await fetch("/api/v1/staff/csrf", { credentials: "same-origin" });
      if (r.status === 401) { location.href = "/login"; throw new Error("logged out"); }
      csrf = await r.json();
    }
    return csrf;
  }

  async function api(path, options = {}) {
    const headers = { "Accept": "application/json" };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (options.method && options.method !== "GET") {
      const t = await token();
      headers[t.headerName] = t.token;
    }
    const r = await fetch(path, {
      credentials: "same-origin",
      method: options.method || "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (r.status === 401) { location.href = "/login"; throw new Error("logged out"); }
    const text = await r.text();
    const data = text ? JSON.parse(text) : null;
    if (!r.ok) throw new Error((data && (data.detail || data.title)) || ("HTTP " + r.status));
    return data;
  }

  /** An element with text (never HTML) and attributes. */
  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "text") e.textContent = v == null ? "" : String(v);
      else if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
    return e;
  }

  /** Calls onFrame for every frame of /ws/staff, reconnecting with backoff. */
  function live(onFrame, onState) {
    let delay = 500;
    function connect() {
      const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/staff");
      ws.onopen = () => { delay = 500; onState && onState("live"); };
      ws.onmessage = (m) => { try { onFrame(JSON.parse(m.data)); } catch (e) { console.warn(e); } };
      ws.onclose = () => { onState && onState("reconnecting"); setTimeout(connect, delay); delay = Math.min(delay * 2, 15000); };
    }
    connect();
  }

  /** "in 1 h 5 min", "5 min late". */
  function until(iso, now = Date.now()) {
    if (!iso) return { text: "clock stopped", late: false };
    const ms = Date.parse(iso) - now;
    const m = Math.round(Math.abs(ms) / 60000);
    const s = m >= 60 ? Math.floor(m / 60) + " h " + (m % 60) + " min" : (m > 0 ? m + " min" : Math.round(Math.abs(ms) / 1000) + " s");
    return ms >= 0 ? { text: "in " + s, late: false } : { text: s + " late", late: true };
  }

  /** A function that runs fn once, 250 ms after the last of a burst of calls (a burst of live frames). */
  function settle(fn) {
    let timer = null;
    return () => { clearTimeout(timer); timer = setTimeout(fn, 250); };
  }

  return { api, el, live, until, settle };
})();
