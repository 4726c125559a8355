/**
 * The page's side of `/api/terminal` for tests and the bench: a `ws` client that attaches, collects the
 * output, acknowledges it as xterm.js would once drawn (or not, or slowly), and waits for text.
 */
import WebSocket from 'ws';
import type { TerminalClientMessage, TerminalServerMessage } from '../../../src/terminal/terminal-protocol.ts';

export interface TerminalClientOptions {
  /** Default the server's own origin, as the course's page sends it. */
  origin?: string | null;
  host?: string;
  /** Acknowledge each `output` this long after it arrived; `null`: never. Default at once. */
  ackDelayMs?: number | null;
}

export class TerminalClient {
  readonly socket: WebSocket;
  readonly messages: TerminalServerMessage[] = [];
  /** Every `output` so far, joined. */
  output = '';
  /** Characters received and not acknowledged. */
  unacked = 0;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #waiters = new Set<() => void>();
  readonly #ackDelayMs: number | null;

  private constructor(socket: WebSocket, ackDelayMs: number | null) {
    this.socket = socket;
    this.#ackDelayMs = ackDelayMs;
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    void this.closed.then(() => this.#notify());
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as TerminalServerMessage;
      this.messages.push(message);
      if (message.type === 'output') {
        this.output += message.data;
        this.unacked += message.data.length;
        const chars = message.data.length;
        if (this.#ackDelayMs === 0) this.ack(chars);
        else if (this.#ackDelayMs !== null) setTimeout(() => this.ack(chars), this.#ackDelayMs);
      }
      this.#notify();
    });
  }

  /** Opens the socket (refused upgrades reject with the HTTP status). */
  static open(port: number, options: TerminalClientOptions = {}): Promise<TerminalClient> {
    const origin = options.origin === undefined ? `http://127.0.0.1:${port}` : options.origin;
    const headers: Record<string, string> = {};
    if (origin !== null) headers.origin = origin;
    if (options.host) headers.host = options.host;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/terminal`, { headers });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new TerminalClient(socket, options.ackDelayMs === undefined ? 0 : options.ackDelayMs)));
      socket.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => reject(Object.assign(new Error(`upgrade refused: ${response.statusCode}`), { status: response.statusCode, body })));
      });
      socket.once('error', (error) => {
        if (!/Unexpected server response/.test(error.message)) reject(error);
      });
    });
  }

  /** Opens and attaches; resolves once `attached` came. */
  static async attach(port: number, attach: { session?: string; cols?: number; rows?: number } = {}, options: TerminalClientOptions = {}): Promise<TerminalClient> {
    const client = await TerminalClient.open(port, options);
    client.send({ type: 'attach', cols: 80, rows: 24, ...attach });
    await client.waitForMessage('attached');
    return client;
  }

  get session(): string {
    const attached = this.messages.find((message) => message.type === 'attached');
    if (!attached || attached.type !== 'attached') throw new Error('not attached');
    return attached.session;
  }

  send(message: TerminalClientMessage): void {
    this.sendRaw(JSON.stringify(message));
  }

  sendRaw(frame: string | Buffer): void {
    this.socket.send(frame);
  }

  /** Types text as xterm.js sends keystrokes (one `input` per call). */
  type(text: string): void {
    this.send({ type: 'input', data: text });
  }

  ack(chars: number): void {
    this.unacked -= chars;
    if (this.socket.readyState === this.socket.OPEN) this.send({ type: 'ack', chars });
  }

  /** Resolves once the output (from `from` on) satisfies `test`; rejects on close or timeout. */
  waitForOutput(test: string | RegExp, options: { from?: number; timeoutMs?: number } = {}): Promise<string> {
    const from = options.from ?? 0;
    const matches = () => {
      const text = this.output.slice(from);
      return typeof test === 'string' ? text.includes(test) : test.test(text);
    };
    return this.#waitUntil(matches, () => this.output.slice(from), `output ${String(test)}`, options.timeoutMs);
  }

  waitForMessage<T extends TerminalServerMessage['type']>(type: T, timeoutMs?: number): Promise<Extract<TerminalServerMessage, { type: T }>> {
    const find = () => this.messages.find((message) => message.type === type) as Extract<TerminalServerMessage, { type: T }> | undefined;
    return this.#waitUntil(() => find() !== undefined, () => find()!, `a "${type}" message`, timeoutMs);
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  #waitUntil<T>(done: () => boolean, value: () => T, what: string, timeoutMs = 20_000): Promise<T> {
    if (done()) return Promise.resolve(value());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}; output so far: ${JSON.stringify(this.output.slice(-2000))}`)), timeoutMs);
      const check = () => {
        if (done()) finish();
        else if (this.socket.readyState === this.socket.CLOSED) finish(new Error(`the socket closed while waiting for ${what}; messages: ${JSON.stringify(this.messages.slice(-5))}`));
      };
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        if (error) reject(error);
        else resolve(value());
      };
      this.#waiters.add(check);
    });
  }
}
