/**
 * One terminal session kept by the server: the session, its output pump (batching, flow control, the
 * replay ring) and the page attached to it, if any. The session outlives its page's socket for a grace
 * period, so a page that reconnects finds its shell as it left it (a consumer still running, the history).
 */
import type { TerminalSession, TerminalSize } from '../../terminal/terminal-session.ts';
import { OutputPump, type OutputPumpOptions } from './output-pump.ts';
import { TERMINAL_ERRORS, type TerminalPeer } from './terminal-peer.ts';

export interface HostedTerminalOptions {
  id: string;
  learner: string;
  session: TerminalSession;
  /** How long the session outlives its page's socket. */
  graceMs: number;
  pump?: OutputPumpOptions;
  /** Called once, when the session has ended (exit, grace period over, or closed). */
  onClosed(terminal: HostedTerminal): void;
}

export class HostedTerminal {
  readonly id: string;
  readonly learner: string;
  readonly #session: TerminalSession;
  readonly #pump: OutputPump;
  readonly #graceMs: number;
  readonly #onClosed: (terminal: HostedTerminal) => void;
  readonly #unsubscribe: Array<() => void>;
  #peer: TerminalPeer | null = null;
  #detachedAt: number;
  #graceTimer: ReturnType<typeof setTimeout> | null = null;
  #closing: Promise<void> | null = null;

  constructor(options: HostedTerminalOptions) {
    this.id = options.id;
    this.learner = options.learner;
    this.#session = options.session;
    this.#graceMs = options.graceMs;
    this.#onClosed = options.onClosed;
    this.#pump = new OutputPump(options.session, options.pump);
    this.#detachedAt = Date.now();
    this.#unsubscribe = [options.session.onOutput((data) => this.#pump.write(data)), options.session.onExit((code) => this.#exited(code))];
  }

  get attached(): boolean {
    return this.#peer !== null;
  }

  /** When the last page left (or the session was opened, before its first page attached). */
  get detachedAt(): number {
    return this.#detachedAt;
  }

  get closed(): boolean {
    return this.#closing !== null;
  }

  /** The pump's view, for tests and the bench. */
  get flow(): { unacked: number; paused: boolean; replayChars: number } {
    return { unacked: this.#pump.unacked, paused: this.#pump.paused, replayChars: this.#pump.replayChars };
  }

  /**
   * `peer` drives the session from now on: it is told so (`attached`) and sent the kept screen, then the
   * live output. A page still attached is told the session moved and closed.
   */
  attach(peer: TerminalPeer, resumed: boolean, size?: TerminalSize): void {
    if (this.closed) return;
    const previous = this.#peer;
    if (previous && previous !== peer) {
      this.#pump.detach();
      previous.send({ type: 'error', code: TERMINAL_ERRORS.attachedElsewhere, message: 'This terminal was opened on another page.' });
      previous.close(1000, 'attached elsewhere');
    }
    this.#clearGrace();
    this.#peer = peer;
    if (size) this.#session.resize(size);
    peer.send({ type: 'attached', session: this.id, resumed });
    this.#pump.attach((data) => peer.send({ type: 'output', data }));
  }

  /** `peer`'s socket closed: the session waits for a page for the grace period, then ends. */
  detach(peer: TerminalPeer): void {
    if (this.#peer !== peer) return;
    this.#peer = null;
    this.#pump.detach();
    this.#detachedAt = Date.now();
    this.#clearGrace();
    this.#graceTimer = setTimeout(() => void this.close(), this.#graceMs);
    this.#graceTimer.unref?.();
  }

  input(peer: TerminalPeer, data: string): void {
    if (this.#peer !== peer || this.closed) return;
    this.#pump.inputArrived();
    this.#session.input(data);
  }

  resize(peer: TerminalPeer, size: TerminalSize): void {
    if (this.#peer === peer && !this.closed) this.#session.resize(size);
  }

  ack(peer: TerminalPeer, chars: number): void {
    if (this.#peer === peer) this.#pump.ack(chars);
  }

  /** Ends the session (interrupting what runs in it). Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#clearGrace();
      this.#pump.dispose();
      for (const unsubscribe of this.#unsubscribe) unsubscribe();
      this.#onClosed(this);
      const peer = this.#peer;
      this.#peer = null;
      peer?.close(1000, 'terminal closed');
      await this.#session.close();
    })();
    return this.#closing;
  }

  #exited(code: number): void {
    if (this.closed) return;
    this.#pump.flush();
    const peer = this.#peer;
    this.#peer = null;
    if (peer) {
      peer.send({ type: 'exit', code });
      peer.close(1000, 'shell ended');
    }
    void this.close();
  }

  #clearGrace(): void {
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    this.#graceTimer = null;
  }
}
