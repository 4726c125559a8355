import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { TerminalClientMessage, TerminalServerMessage } from '../../terminal/terminal-protocol.ts';
import { inputPieces, TerminalConnection, type ConnectionState } from './terminal-connection.ts';

/**
 * The page's connection against a loopback WebSocket server that speaks the terminal protocol as the
 * kafkalab server does (sessions that outlive their socket, replay on resume), driven message by
 * message from each test.
 */
class ProtocolServer {
  readonly received: TerminalClientMessage[] = [];
  readonly sockets: ServerSocket[] = [];
  readonly sessions = new Set<string>();
  #server: WebSocketServer;
  #next = 1;
  /** What the server does on `attach`; default: resume a known session, else start a new one. */
  onAttach = (socket: ServerSocket, message: Extract<TerminalClientMessage, { type: 'attach' }>) => {
    const resumed = message.session !== undefined && this.sessions.has(message.session);
    const session = resumed ? message.session! : `s${this.#next++}`;
    this.sessions.add(session);
    send(socket, { type: 'attached', session, resumed });
  };

  constructor(port = 0) {
    this.#server = new WebSocketServer({ host: '127.0.0.1', port });
    this.#server.on('connection', (socket) => {
      this.sockets.push(socket);
      socket.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as TerminalClientMessage;
        this.received.push(message);
        if (message.type === 'attach') this.onAttach(socket, message);
      });
    });
  }

  async listening(): Promise<number> {
    if (!this.#server.address()) await new Promise((resolve) => this.#server.once('listening', resolve));
    return (this.#server.address() as AddressInfo).port;
  }

  last(): ServerSocket {
    return this.sockets[this.sockets.length - 1];
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

const send = (socket: ServerSocket, message: TerminalServerMessage) => socket.send(JSON.stringify(message));

/** The connection under test, with what it reported, and a way to wait for a state. */
function connect(port: number, session?: string) {
  const states: ConnectionState[] = [];
  const output: string[] = [];
  const errors: string[] = [];
  const pendingAcks: Array<() => void> = [];
  let waiters: Array<() => void> = [];
  const notify = () => {
    const current = waiters;
    waiters = [];
    current.forEach((wake) => wake());
  };
  const connection = new TerminalConnection({
    url: `ws://127.0.0.1:${port}/api/terminal`,
    session,
    size: () => ({ cols: 100, rows: 30 }),
    policy: { firstMs: 20, maxMs: 80, serverDownAfter: 3 },
    handlers: {
      state: (state) => {
        states.push(state);
        notify();
      },
      output: (data, drawn) => {
        output.push(data);
        pendingAcks.push(drawn);
        notify();
      },
      error: (code, message) => {
        errors.push(`${code}: ${message}`);
        notify();
      },
    },
  });
  const until = async (what: string, condition: () => boolean, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; states: ${JSON.stringify(states)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  const lastState = () => states[states.length - 1];
  return { connection, states, output, errors, pendingAcks, until, lastState };
}

describe('the terminal connection (page side of /api/terminal)', () => {
  let server: ProtocolServer | undefined;
  const opened: TerminalConnection[] = [];
  afterEach(async () => {
    opened.splice(0).forEach((connection) => connection.close());
    await server?.close();
    server = undefined;
  });
  const start = (port: number, session?: string) => {
    const client = connect(port, session);
    opened.push(client.connection);
    client.connection.start();
    return client;
  };

  it('attaches with the screen size, sends keystrokes and resizes, and acknowledges output only once drawn', async () => {
    server = new ProtocolServer();
    const client = start(await server.listening());
    await client.until('attached', () => client.lastState()?.kind === 'attached');
    expect(client.states[0]).toEqual({ kind: 'connecting' });
    expect(server.received[0]).toEqual({ type: 'attach', cols: 100, rows: 30 });
    expect(client.lastState()).toEqual({ kind: 'attached', session: 's1', resumed: false, replaced: false });
    expect(client.connection.session).toBe('s1');

    expect(client.connection.input('kafka-topics --list\r')).toBe(true);
    client.connection.resize(120, 40);
    send(server.last(), { type: 'output', data: 'x'.repeat(1234) });
    send(server.last(), { type: 'output', data: 'yz' });
    await client.until('two outputs', () => client.output.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.received.filter((message) => message.type === 'ack')).toEqual([]);
    client.pendingAcks.forEach((drawn) => drawn());
    await client.until('acks', () => server!.received.filter((message) => message.type === 'ack').length === 2);
    expect(server.received.slice(1)).toEqual([
      { type: 'input', data: 'kafka-topics --list\r' },
      { type: 'resize', cols: 120, rows: 40 },
      { type: 'ack', chars: 1234 },
      { type: 'ack', chars: 2 },
    ]);
  });

  it('attaches again with the same session id after the socket drops, and says so meanwhile', async () => {
    server = new ProtocolServer();
    const client = start(await server.listening());
    await client.until('attached', () => client.lastState()?.kind === 'attached');
    server.last().terminate();
    await client.until('reconnecting', () => client.lastState()?.kind === 'reconnecting');
    expect(client.connection.input('lost')).toBe(false);
    await client.until('attached again', () => client.states.filter((state) => state.kind === 'attached').length === 2);
    const attaches = server.received.filter((message) => message.type === 'attach');
    expect(attaches).toEqual([
      { type: 'attach', cols: 100, rows: 30 },
      { type: 'attach', session: 's1', cols: 100, rows: 30 },
    ]);
    expect(client.lastState()).toEqual({ kind: 'attached', session: 's1', resumed: true, replaced: false });
    expect(server.received.some((message) => message.type === 'input' && message.data === 'lost')).toBe(false);
  });

  it('an acknowledgement for output of a dropped socket is not sent on the new one', async () => {
    server = new ProtocolServer();
    const client = start(await server.listening());
    await client.until('attached', () => client.lastState()?.kind === 'attached');
    send(server.last(), { type: 'output', data: 'before the drop' });
    await client.until('output', () => client.output.length === 1);
    server.last().terminate();
    await client.until('attached again', () => client.states.filter((state) => state.kind === 'attached').length === 2);
    client.pendingAcks[0]();
    send(server.last(), { type: 'output', data: 'after' });
    await client.until('second output', () => client.output.length === 2);
    client.pendingAcks[1]();
    await client.until('ack', () => server!.received.some((message) => message.type === 'ack'));
    expect(server.received.filter((message) => message.type === 'ack')).toEqual([{ type: 'ack', chars: 5 }]);
  });

  it('reports a new shell when the server no longer has the one asked for', async () => {
    server = new ProtocolServer();
    const client = start(await server.listening(), 'gone-after-a-restart');
    await client.until('attached', () => client.lastState()?.kind === 'attached');
    expect(client.lastState()).toEqual({ kind: 'attached', session: 's1', resumed: false, replaced: true });
  });

  it('says the server is not running after a few failed tries, keeps trying, and comes back to the same shell', async () => {
    server = new ProtocolServer();
    const port = await server.listening();
    const client = start(port);
    await client.until('attached', () => client.lastState()?.kind === 'attached');
    const sessions = server.sessions;
    await server.close();
    await client.until('server down', () => client.lastState()?.kind === 'server-down', 10_000);
    const tries = client.states.filter((state) => state.kind === 'reconnecting' || state.kind === 'server-down') as Array<{ kind: string; attempt: number; retryInMs: number }>;
    expect(tries.map((state) => state.kind)).toEqual(['reconnecting', 'reconnecting', 'server-down']);
    expect(tries.map((state) => state.retryInMs)).toEqual([20, 40, 80]);
    // The server is back on the same port, still holding the shell (as kafkalab keeps it for its grace period).
    server = new ProtocolServer(port);
    for (const session of sessions) server.sessions.add(session);
    await server.listening();
    await client.until('attached again', () => client.states.filter((state) => state.kind === 'attached').length === 2, 10_000);
    expect(client.lastState()).toEqual({ kind: 'attached', session: 's1', resumed: true, replaced: false });
  });

  it('stops at exit, and starts a fresh shell only when asked', async () => {
    server = new ProtocolServer();
    const client = start(await server.listening());
    await client.until('attached', () => client.lastState()?.kind === 'attached');
    send(server.last(), { type: 'exit', code: 0 });
    await client.until('ended', () => client.lastState()?.kind === 'ended');
    expect(client.lastState()).toEqual({ kind: 'ended', code: 0 });
    expect(client.connection.session).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.received.filter((message) => message.type === 'attach')).toHaveLength(1);

    client.connection.restart();
    await client.until('attached to a new shell', () => client.lastState()?.kind === 'attached');
    expect(server.received.filter((message) => message.type === 'attach')[1]).toEqual({ type: 'attach', cols: 100, rows: 30 });
    expect(client.connection.session).toBe('s2');
  });

  it('shows an error that ends the connection and does not hammer the server with retries', async () => {
    server = new ProtocolServer();
    server.onAttach = (socket) => {
      send(socket, { type: 'error', code: 'too_many_sessions', message: 'Too many terminals are open.' });
      socket.close();
    };
    const client = start(await server.listening());
    await client.until('refused', () => client.lastState()?.kind === 'refused');
    expect(client.lastState()).toEqual({ kind: 'refused', code: 'too_many_sessions', message: 'Too many terminals are open.' });
    expect(client.errors).toEqual(['too_many_sessions: Too many terminals are open.']);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.sockets).toHaveLength(1);
  });

  it('sends a paste bigger than the protocol allows in pieces, never splitting a character', async () => {
    server = new ProtocolServer();
    const client = start(await server.listening());
    await client.until('attached', () => client.lastState()?.kind === 'attached');
    const paste = `${'a'.repeat(16_383)}😀${'b'.repeat(20_000)}`;
    client.connection.input(paste);
    const pieces = () => server!.received.flatMap((message) => (message.type === 'input' ? [message.data] : []));
    await client.until('the whole paste', () => pieces().join('') === paste);
    expect(pieces().every((piece) => piece.length <= 16_384)).toBe(true);
    expect(pieces()[0]).toBe('a'.repeat(16_383));
    expect(inputPieces('abc', 16_384)).toEqual(['abc']);
  });
});
