// The reconnecting WebSocket of the widget (/ws/chat) and the staff pages (/ws/staff): exponential backoff with
// jitter, at once again when the browser is back online, and no attempts while it is offline.

/** What the socket is doing: opening, open, waiting to try again, or waiting for the network. */
export type SocketState = "connecting" | "open" | "reconnecting" | "offline";

export interface SocketEvents {
  /** the socket opened: say hello */
  open?(): void;
  message(data: string): void;
  /** the socket closed (the next attempt is scheduled after this, unless the browser is offline) */
  closed?(e: CloseEvent): void;
  /** the browser went offline: the socket is being closed */
  offline?(): void;
  state?(s: SocketState): void;
}

const FIRST_MS = 500;
const MOST_MS = 15000;

export class ReconnectingSocket {
  private ws: WebSocket | null = null;
  private retryTimer = 0;
  private attempt = 0;

  constructor(
    private readonly url: string,
    private readonly on: SocketEvents,
  ) {
    window.addEventListener("online", () => this.connectNow());
    window.addEventListener("offline", () => this.dropForOffline());
  }

  /** Connects, unless the browser is offline (then it connects when the network is back). */
  start(): void {
    if (navigator.onLine === false) {
      this.on.state?.("offline");
      return;
    }
    this.open();
  }

  /** Connected for good (the server answered): the next outage starts the backoff afresh. */
  connected(): void {
    this.attempt = 0;
  }

  /** Back online (or asked to): reconnect at once instead of waiting for the backoff. */
  connectNow(): void {
    if (this.ws) return;
    this.attempt = 0;
    this.open();
  }

  /** Sends a frame as JSON; false when the socket is not open. */
  send(frame: object): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Closes the current socket (a dead one, say); the next attempt follows the backoff. */
  close(code: number, reason: string): void {
    this.ws?.close(code, reason);
  }

  /** Whether a socket exists (open or opening). */
  get active(): boolean {
    return this.ws !== null;
  }

  private open(): void {
    clearTimeout(this.retryTimer);
    this.on.state?.(this.attempt === 0 ? "connecting" : "reconnecting");
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.on.state?.("open");
      this.on.open?.();
    };
    ws.onmessage = (e) => this.on.message(String(e.data));
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.on.closed?.(e);
      if (navigator.onLine === false) this.on.state?.("offline");
      else this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    this.on.state?.("reconnecting");
    const base = Math.min(MOST_MS, FIRST_MS * 2 ** Math.min(this.attempt, 5));
    this.attempt++;
    this.retryTimer = window.setTimeout(() => this.open(), base / 2 + Math.random() * (base / 2));
  }

  private dropForOffline(): void {
    clearTimeout(this.retryTimer);
    this.on.state?.("offline");
    this.ws?.close(1000, "offline");
    this.on.offline?.();
  }
}
