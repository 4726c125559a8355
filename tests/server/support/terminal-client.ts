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
  /** Every message but `output` ones (kept as text instead). */
  readonly messages: TerminalServerMessage[] = [];
  /** Characters received and not acknowledged. */
  unacked = 0;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #waiters = new Set<(added: string) => void>();
  #ackDelayMs: number | null;
  /** The output in pieces, joined when read (appending to one long string would flatten it at every search). */
  #pieces: string[] = [];
  #outputLength = 0;

  private constructor(socket: WebSocket, ackDelayMs: number | null) {
    this.socket = socket;
    this.#ackDelayMs = ackDelayMs;
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    void this.closed.then(() => this.#notify(''));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as TerminalServerMessage;
      if (message.type !== 'output') {
        this.messages.push(message);
        this.#notify('');
        return;
      }
      this.#pieces.push(message.data);
      this.#outputLength += message.data.length;
      this.unacked += message.data.length;
      const chars = message.data.length;
      if (this.#ackDelayMs === 0) this.ack(chars);
      else if (this.#ackDelayMs !== null) setTimeout(() => this.ack(chars), this.#ackDelayMs);
      this.#notify(message.data);
    });
  }

  /** From now on, acknowledge each output at once (and what is held now): the page draws again. */
  ackFromNow(): void {
    this.#ackDelayMs = 0;
    if (this.unacked > 0) this.ack(this.unacked);
  }

  /** Every `output` so far, joined. */
  get output(): string {
    if (this.#pieces.length !== 1) this.#pieces = [this.#pieces.join('')];
    return this.#pieces[0];
  }

  get outputLength(): number {
    return this.#outputLength;
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

  /** Resolves once the output (from `from` on) contains `test` (searching only what arrives) or matches it; rejects on close or timeout. */
  waitForOutput(test: string | RegExp, options: { from?: number; timeoutMs?: number } = {}): Promise<string> {
    const from = options.from ?? 0;
    let carry: string | null = null;
    const matches = (added: string) => {
      if (typeof test !== 'string') return test.test(this.output.slice(from));
      if (carry === null) {
        carry = this.output.slice(from);
        if (carry.includes(test)) return true;
      } else {
        carry += added;
        if (carry.includes(test)) return true;
      }
      carry = test.length > 1 ? carry.slice(-(test.length - 1)) : '';
      return false;
    };
    return this.#waitUntil(matches, () => this.output.slice(from), `output ${String(test)}`, options.timeoutMs);
  }

  /** Resolves once `done()` holds (checked at each message). */
  waitUntil(done: () => boolean, what: string, timeoutMs?: number): Promise<void> {
    return this.#waitUntil(done, () => undefined, what, timeoutMs);
  }

  waitForMessage<T extends TerminalServerMessage['type']>(type: T, timeoutMs?: number): Promise<Extract<TerminalServerMessage, { type: T }>> {
    const find = () => this.messages.find((message) => message.type === type) as Extract<TerminalServerMessage, { type: T }> | undefined;
    return this.#waitUntil(() => find() !== undefined, () => find()!, `a "${type}" message`, timeoutMs);
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }

  #notify(added: string): void {
    for (const waiter of [...this.#waiters]) waiter(added);
  }

  /** `done` is called first with '' (everything so far), then with each output as it arrives. */
  #waitUntil<T>(done: (added: string) => boolean, value: () => T, what: string, timeoutMs = 20_000): Promise<T> {
    if (done('')) return Promise.resolve(value());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}; output so far: ${JSON.stringify(this.output.slice(-2000))}`)), timeoutMs);
      const check = (added: string) => {
        if (done(added)) finish();
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
