/**
 * Moves a terminal session's output to the page with flow control, as the xterm.js flow-control guide
 * describes for WebSockets: output is batched (`TERMINAL_FLOW.batchMs` / `batchMaxChars`), the characters
 * sent and not yet acknowledged by the page are counted, and the session is paused above the high
 * watermark and resumed below the low one. The socket is an unbounded buffer we cannot see into; the
 * page's acks are what bound it. The first write after the page's input (its echo) and the first after a
 * quiet spell go at once; what follows them within `batchMs` is gathered.
 *
 * Every output also goes into the replay ring. While no page is attached nothing is sent; once the
 * output written since the page left would fill the ring (the page could no longer be shown all of it),
 * the session is paused, so a detached `kafka-console-consumer` waits instead of growing memory.
 */
import { TERMINAL_FLOW } from '../../terminal/terminal-protocol.ts';
import { ReplayRing } from './replay-ring.ts';

/** What the pump pauses and resumes (a `TerminalSession`). */
export interface Pausable {
  pause(): void;
  resume(): void;
}

export interface OutputPumpOptions {
  flow?: { highWatermark: number; lowWatermark: number; batchMs: number; batchMaxChars: number };
  /** Characters kept for a reconnecting page; default `REPLAY_RING_CHARS`. */
  ringChars?: number;
}

export class OutputPump {
  readonly #session: Pausable;
  readonly #flow: NonNullable<OutputPumpOptions['flow']>;
  readonly #ring: ReplayRing;
  #send: ((data: string) => void) | null = null;
  #pending: string[] = [];
  #pendingChars = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** When output was last sent (`performance.now()`). */
  #lastSentAt = -Infinity;
  /** The page sent input: the next write is its echo and goes at once. */
  #echoExpected = false;
  #unacked = 0;
  /** Above the high watermark (until below the low one). */
  #overWatermark = false;
  /** Output written while no page was attached. */
  #unseen = 0;
  #paused = false;

  constructor(session: Pausable, options: OutputPumpOptions = {}) {
    this.#session = session;
    this.#flow = options.flow ?? TERMINAL_FLOW;
    this.#ring = new ReplayRing(options.ringChars);
  }

  /** Characters sent and not yet acknowledged. */
  get unacked(): number {
    return this.#unacked;
  }

  /** Whether the pump holds the session paused. */
  get paused(): boolean {
    return this.#paused;
  }

  /** Characters held for a reconnecting page. */
  get replayChars(): number {
    return this.#ring.size;
  }

  /** The session's output (its `onOutput` listener). */
  write(data: string): void {
    if (data.length === 0) return;
    this.#ring.append(data);
    if (!this.#send) {
      this.#unseen += data.length;
      this.#update();
      return;
    }
    this.#pending.push(data);
    this.#pendingChars += data.length;
    const quiet = this.#timer === null && performance.now() - this.#lastSentAt >= this.#flow.batchMs;
    if (this.#echoExpected || quiet || this.#pendingChars >= this.#flow.batchMaxChars) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), this.#flow.batchMs);
  }

  /**
   * A page attached: it is sent the kept output (the whole screen it has to draw, counted like any
   * output), then the live output through `send`.
   */
  attach(send: (data: string) => void): void {
    this.detach();
    this.#send = send;
    this.#unseen = 0;
    this.#unacked = 0;
    this.#overWatermark = false;
    this.#sendNow(this.#ring.contents());
    this.#update();
  }

  /** The page went away: what it had not acknowledged is lost with its socket; the ring keeps the screen. */
  detach(): void {
    this.#clearTimer();
    this.#pending = [];
    this.#pendingChars = 0;
    this.#send = null;
    this.#unacked = 0;
    this.#overWatermark = false;
    this.#unseen = 0;
    this.#update();
  }

  /** The page typed something: the next output (its echo) is sent without waiting for a batch. */
  inputArrived(): void {
    this.#echoExpected = true;
  }

  /** The page drew `chars` characters. */
  ack(chars: number): void {
    if (!this.#send) return;
    this.#unacked = Math.max(0, this.#unacked - chars);
    this.#update();
  }

  /** Sends what is gathered now (before an `exit`, or when the batch is full). */
  flush(): void {
    this.#clearTimer();
    this.#echoExpected = false;
    if (!this.#send || this.#pendingChars === 0) return;
    const data = this.#pending.join('');
    this.#pending = [];
    this.#pendingChars = 0;
    this.#sendNow(data);
    this.#update();
  }

  /** Stops the batch timer; nothing is sent after this. */
  dispose(): void {
    this.#clearTimer();
    this.#pending = [];
    this.#pendingChars = 0;
    this.#send = null;
  }

  #sendNow(data: string): void {
    const send = this.#send;
    if (!send) return;
    for (let start = 0; start < data.length; ) {
      let end = Math.min(data.length, start + this.#flow.batchMaxChars);
      // Never split a surrogate pair between two messages.
      if (end < data.length && isHighSurrogate(data.charCodeAt(end - 1))) end--;
      const piece = data.slice(start, end);
      this.#unacked += piece.length;
      this.#lastSentAt = performance.now();
      send(piece);
      start = end;
    }
  }

  #update(): void {
    if (this.#send) {
      if (this.#unacked > this.#flow.highWatermark) this.#overWatermark = true;
      else if (this.#unacked < this.#flow.lowWatermark) this.#overWatermark = false;
    }
    const ringFull = !this.#send && this.#unseen >= this.#ring.capacity;
    const pause = this.#overWatermark || ringFull;
    if (pause === this.#paused) return;
    this.#paused = pause;
    if (pause) this.#session.pause();
    else this.#session.resume();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
