// The conversation over /ws/chat: hello or resume from the last seq, a heartbeat, and an outbox sent one message
// at a time, in order, each with its clientMessageId so a resend never stores twice. Reconnecting (backoff, the
// browser's online and offline events) is the shared ReconnectingSocket's.
import { ReconnectingSocket } from "./socket";
import type { Message, Saved } from "./store";

export type State = "connecting" | "online" | "offline" | "reconnecting";

export interface Events {
  /** a stored message arrived (never twice: seqs already shown are dropped before this is called) */
  message(m: Message, replay: boolean): void;
  /** the outbox or the conversation changed: save and redraw */
  changed(): void;
  state(s: State): void;
}

const ACK_TIMEOUT_MS = 15000;
const PING_MS = 25000;

export class Connection {
  private readonly socket: ReconnectingSocket;
  private welcomed = false;
  private inFlight: string | null = null; // the clientMessageId sent and not yet acknowledged
  private ackTimer = 0;
  private pingTimer = 0;
  private replaying = false;
  private limited = 0;

  constructor(
    url: string,
    private readonly saved: Saved,
    private readonly lang: () => string,
    private readonly on: Events,
  ) {
    this.socket = new ReconnectingSocket(url, {
      open: () => this.hello(),
      message: (data) => this.frame(data),
      closed: (e) => this.closed(e),
      offline: () => this.requeue(),
      // "online" is said on the server's welcome, not when the socket opens.
      state: (s) => s !== "open" && this.on.state(s),
    });
  }

  start(): void {
    this.socket.start();
  }

  private hello(): void {
    this.welcomed = false;
    const s = this.saved;
    if (s.conversationId && s.token) {
      this.replaying = true;
      this.raw({ type: "hello", conversationId: s.conversationId, token: s.token, lastSeq: s.lastSeq });
    } else {
      this.raw({ type: "hello", language: this.lang() });
    }
  }

  private closed(e: CloseEvent): void {
    this.welcomed = false;
    this.inFlight = null;
    clearTimeout(this.ackTimer);
    clearInterval(this.pingTimer);
    if (e.code === 4401) {
      // The server no longer knows this conversation: start a new one; what was not sent is kept.
      this.saved.conversationId = undefined;
      this.saved.token = undefined;
      this.saved.lastSeq = 0;
      this.saved.messages = [];
      this.on.changed();
    }
  }

  /** Back online (or asked to): reconnect at once instead of waiting for the backoff. */
  connectNow(): void {
    this.socket.connectNow();
  }

  /** The browser went offline: what was being sent waits in the outbox for the network. */
  private requeue(): void {
    for (const o of this.saved.outbox) if (o.state === "sending") o.state = "queued";
    this.on.changed();
  }

  private raw(frame: object): boolean {
    return this.socket.send(frame);
  }

  get online(): boolean {
    return this.welcomed;
  }

  typing(): void {
    if (this.welcomed) this.raw({ type: "typing" });
  }

  /** The customer asks to send a failed message again (the same clientMessageId: stored at most once). */
  retry(clientMessageId: string): void {
    const o = this.saved.outbox.find((x) => x.clientMessageId === clientMessageId);
    if (!o) return;
    o.state = "queued";
    o.error = undefined;
    this.on.changed();
    if (this.socket.active) this.flush();
    else this.connectNow();
  }

  /** Sends the first unsent message of the outbox, if none is waiting for its ack. */
  flush(): void {
    if (!this.welcomed || this.inFlight) return;
    const next = this.saved.outbox.find((o) => o.state !== "failed");
    if (!next) return;
    if (!this.raw({ type: "message", text: next.text, clientMessageId: next.clientMessageId })) return;
    next.state = "sending";
    this.inFlight = next.clientMessageId;
    clearTimeout(this.ackTimer);
    this.ackTimer = window.setTimeout(() => {
      // No answer: show it as failed (the customer may retry: same id, stored once) and drop the connection,
      // which is probably dead, so that the next one starts clean.
      if (this.inFlight !== next.clientMessageId) return;
      next.state = "failed";
      next.error = "timeout";
      this.inFlight = null;
      this.on.changed();
      this.socket.close(4000, "ack timeout");
    }, ACK_TIMEOUT_MS);
    this.on.changed();
  }

  private frame(data: unknown): void {
    let f: Record<string, unknown>;
    try {
      f = JSON.parse(String(data));
    } catch {
      return;
    }
    const s = this.saved;
    switch (f.type) {
      case "welcome":
        s.conversationId = String(f.conversationId);
        s.token = String(f.token ?? s.token);
        this.welcomed = true;
        this.socket.connected();
        // Replayed messages (if any) follow the welcome at once: they are not announced as new.
        this.replaying = !!f.resumed;
        window.setTimeout(() => (this.replaying = false), 500);
        clearInterval(this.pingTimer);
        this.pingTimer = window.setInterval(() => this.raw({ type: "ping" }), PING_MS);
        this.on.state("online");
        this.on.changed();
        this.flush();
        break;
      case "message": {
        const m = f as unknown as Message;
        if (typeof m.seq !== "number" || s.messages.some((x) => x.seq === m.seq)) return;
        s.messages.push(m);
        s.messages.sort((a, b) => a.seq - b.seq);
        s.lastSeq = Math.max(s.lastSeq, m.seq);
        if (m.from === "customer") {
          // A customer message may be one still in the outbox (stored, but its ack was lost with the
          // connection): hide that bubble now; the resend's ack (same clientMessageId) removes it.
          const twin = s.outbox.find((o) => o.seenAs === undefined && o.text === m.text);
          if (twin) twin.seenAs = m.seq;
        }
        this.on.message(m, this.replaying);
        this.on.changed();
        break;
      }
      case "ack": {
        const id = String(f.clientMessageId);
        s.outbox = s.outbox.filter((o) => o.clientMessageId !== id);
        if (this.inFlight === id) {
          this.inFlight = null;
          clearTimeout(this.ackTimer);
        }
        this.on.changed();
        this.flush();
        break;
      }
      case "error": {
        const id = f.clientMessageId == null ? this.inFlight : String(f.clientMessageId);
        const o = s.outbox.find((x) => x.clientMessageId === id);
        if (o && id === this.inFlight) {
          this.inFlight = null;
          clearTimeout(this.ackTimer);
          this.limited = f.code === "rate_limited" ? this.limited + 1 : 0;
          if (f.code === "rate_limited" && this.limited <= 3) {
            o.state = "queued"; // too fast: wait a second and send it again
            window.setTimeout(() => this.flush(), 1100);
          } else {
            o.state = "failed";
            o.error = String(f.message ?? f.code);
            this.limited = 0;
            this.flush();
          }
          this.on.changed();
        }
        break;
      }
      default:
        break; // pong, and frames this version does not know
    }
  }
}
