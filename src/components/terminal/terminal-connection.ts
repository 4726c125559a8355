/**
 * One terminal's link to its shell on the kafkalab server: the `/api/terminal` WebSocket speaking
 * `terminal-protocol.ts`. It attaches (to the shell it had, when it has a session id), sends keystrokes
 * and size changes, hands output on with the acknowledgement that flow control needs, and when the
 * socket drops it attaches again with the same session id, with growing delays, so the shell (its
 * history, a running consumer) survives a restarted network or a sleeping laptop.
 *
 * No DOM here: the tab (`terminal-tab.ts`) draws what the states mean.
 */
import { TERMINAL_LIMITS, type TerminalClientMessage, type TerminalServerMessage } from '../../terminal/terminal-protocol.ts';
import { RECONNECT, reconnectDelay, type ReconnectPolicy } from './reconnect-delay.ts';

export type ConnectionState =
  | { kind: 'connecting' }
  /** `replaced`: the page asked for its old shell, and the server no longer had it (a new one started). */
  | { kind: 'attached'; session: string; resumed: boolean; replaced: boolean }
  | { kind: 'reconnecting'; attempt: number; retryInMs: number }
  /** Several tries failed: most likely `kafkalab start` is not running any more. */
  | { kind: 'server-down'; attempt: number; retryInMs: number }
  /** The shell exited; a new one starts only when asked (`restart`). */
  | { kind: 'ended'; code: number }
  /** The server said no (an `error`, then it closed the socket); trying again is the learner's call. */
  | { kind: 'refused'; code: string; message: string };

export interface ConnectionHandlers {
  state(state: ConnectionState): void;
  /** Output for the screen; call `drawn` once it is on the screen (the flow-control acknowledgement). */
  output(data: string, drawn: () => void): void;
  /** An `error` message that did not end the connection. */
  error(code: string, message: string): void;
}

export interface TerminalConnectionOptions {
  url: string;
  /** The shell to attach to again (from `SessionSlots`). */
  session?: string;
  /** The screen's size now (sent with every `attach`). */
  size(): { cols: number; rows: number };
  handlers: ConnectionHandlers;
  policy?: ReconnectPolicy;
}

export class TerminalConnection {
  readonly #url: string;
  readonly #size: () => { cols: number; rows: number };
  readonly #handlers: ConnectionHandlers;
  readonly #policy: ReconnectPolicy;
  #session: string | undefined;
  #socket: WebSocket | null = null;
  #attached = false;
  #failedTries = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #lastError: { code: string; message: string } | null = null;
  #ended = false;
  #closed = false;

  constructor(options: TerminalConnectionOptions) {
    this.#url = options.url;
    this.#session = options.session;
    this.#size = options.size;
    this.#handlers = options.handlers;
    this.#policy = options.policy ?? RECONNECT;
  }

  /** The session id the server gave (undefined before the first `attached`). */
  get session(): string | undefined {
    return this.#session;
  }

  get attached(): boolean {
    return this.#attached;
  }

  start(): void {
    this.#handlers.state({ kind: 'connecting' });
    this.#connect();
  }

  /** Keystrokes or a paste; dropped (false) while no shell is attached. Big pastes go in protocol-sized pieces. */
  input(data: string): boolean {
    if (!this.#attached) return false;
    for (const piece of inputPieces(data, TERMINAL_LIMITS.maxInputChars)) this.#send({ type: 'input', data: piece });
    return true;
  }

  resize(cols: number, rows: number): void {
    if (this.#attached) this.#send({ type: 'resize', cols, rows });
  }

  /** Tries at once instead of waiting out the delay (the browser is back online, the learner clicked). */
  retryNow(): void {
    if (this.#closed || this.#ended || this.#socket) return;
    clearTimeout(this.#retryTimer);
    this.#connect();
  }

  /** A new shell: forgets the old session and attaches afresh (after `exit`, or when the learner asks). */
  restart(): void {
    if (this.#closed) return;
    this.#session = undefined;
    this.#ended = false;
    this.#lastError = null;
    this.#failedTries = 0;
    clearTimeout(this.#retryTimer);
    this.#drop();
    this.start();
  }

  /** Stops for good (the tab was closed or the page is going away). */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#drop();
  }

  #connect(): void {
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    this.#attached = false;
    this.#lastError = null;
    socket.addEventListener('open', () => {
      const { cols, rows } = this.#size();
      this.#send({ type: 'attach', ...(this.#session ? { session: this.#session } : {}), cols, rows });
    });
    socket.addEventListener('message', (event) => {
      if (socket !== this.#socket) return;
      let message: TerminalServerMessage;
      try {
        message = JSON.parse(String(event.data)) as TerminalServerMessage;
      } catch {
        return;
      }
      this.#receive(socket, message);
    });
    socket.addEventListener('close', () => {
      if (socket !== this.#socket) return;
      this.#socket = null;
      this.#attached = false;
      this.#afterClose();
    });
  }

  #receive(socket: WebSocket, message: TerminalServerMessage): void {
    switch (message.type) {
      case 'attached': {
        const replaced = this.#session !== undefined && message.session !== this.#session;
        this.#session = message.session;
        this.#attached = true;
        this.#failedTries = 0;
        this.#handlers.state({ kind: 'attached', session: message.session, resumed: message.resumed, replaced });
        return;
      }
      case 'output': {
        const chars = message.data.length;
        this.#handlers.output(message.data, () => {
          // An acknowledgement belongs to the socket that carried the output: a new socket starts at zero.
          if (socket === this.#socket && socket.readyState === WebSocket.OPEN) this.#send({ type: 'ack', chars });
        });
        return;
      }
      case 'exit':
        this.#ended = true;
        this.#attached = false;
        this.#session = undefined;
        this.#handlers.state({ kind: 'ended', code: message.code });
        this.#drop();
        return;
      case 'error':
        this.#lastError = { code: message.code, message: message.message };
        this.#handlers.error(message.code, message.message);
        return;
    }
  }

  #afterClose(): void {
    if (this.#closed || this.#ended) return;
    if (this.#lastError) {
      this.#handlers.state({ kind: 'refused', ...this.#lastError });
      return;
    }
    this.#failedTries += 1;
    const retryInMs = reconnectDelay(this.#failedTries, this.#policy);
    const kind = this.#failedTries >= this.#policy.serverDownAfter ? 'server-down' : 'reconnecting';
    this.#handlers.state({ kind, attempt: this.#failedTries, retryInMs });
    this.#retryTimer = setTimeout(() => this.#connect(), retryInMs);
  }

  #send(message: TerminalClientMessage): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }

  #drop(): void {
    const socket = this.#socket;
    this.#socket = null;
    this.#attached = false;
    socket?.close();
  }
}

/** `data` in pieces of at most `max` UTF-16 units, never splitting a surrogate pair. */
export function inputPieces(data: string, max: number): string[] {
  if (data.length <= max) return [data];
  const pieces: string[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(start + max, data.length);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(data.slice(start, end));
    start = end;
  }
  return pieces;
}
