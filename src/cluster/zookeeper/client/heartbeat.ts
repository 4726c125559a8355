/**
 * Keeps one server connection alive and notices when it is dead, like the Java client's send thread:
 * - a ping goes out when nothing was sent for `pingIntervalMs` (a third of the negotiated session timeout,
 *   at most 10 s: `ClientCnxn.java` l.1255-1265);
 * - when nothing was received for `readTimeoutMs` (two thirds of the session timeout) the connection is
 *   declared dead, so the client moves to another server well before the session could expire.
 */
export interface HeartbeatOptions {
  pingIntervalMs: number;
  readTimeoutMs: number;
  sendPing: () => void;
  onReadTimeout: (silentForMs: number) => void;
  now?: () => number;
}

/** Java's `MAX_SEND_PING_INTERVAL`. */
export const MAX_PING_INTERVAL_MS = 10_000;

/** Ping interval and read timeout for a negotiated session timeout. */
export function heartbeatTimings(negotiatedTimeoutMs: number): { pingIntervalMs: number; readTimeoutMs: number } {
  const readTimeoutMs = Math.floor((negotiatedTimeoutMs * 2) / 3);
  return { readTimeoutMs, pingIntervalMs: Math.min(Math.floor(readTimeoutMs / 2), MAX_PING_INTERVAL_MS) };
}

export class Heartbeat {
  readonly #options: HeartbeatOptions;
  readonly #now: () => number;
  #lastSent: number;
  #lastReceived: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(options: HeartbeatOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#lastSent = this.#lastReceived = this.#now();
    this.#schedule();
  }

  /** Call after writing any packet. */
  sent(): void {
    this.#lastSent = this.#now();
  }

  /** Call after reading any packet. */
  received(): void {
    this.#lastReceived = this.#now();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    if (this.#stopped) return;
    const now = this.#now();
    const pingDue = this.#lastSent + this.#options.pingIntervalMs;
    const deadDue = this.#lastReceived + this.#options.readTimeoutMs;
    const wait = Math.max(1, Math.min(pingDue, deadDue) - now);
    this.#timer = setTimeout(() => this.#tick(), wait);
  }

  #tick(): void {
    this.#timer = undefined;
    if (this.#stopped) return;
    const now = this.#now();
    const silentFor = now - this.#lastReceived;
    if (silentFor >= this.#options.readTimeoutMs) {
      this.stop();
      this.#options.onReadTimeout(silentFor);
      return;
    }
    if (now - this.#lastSent >= this.#options.pingIntervalMs) {
      this.#options.sendPing();
      this.#lastSent = now;
    }
    this.#schedule();
  }
}
