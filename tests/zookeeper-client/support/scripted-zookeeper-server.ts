/**
 * A ZooKeeper server whose every answer a test writes by hand, over any `Transport`: for checking the
 * client's wire behaviour byte by byte (handshake variants, reply ordering, notifications, silence,
 * expiry) where a real server cannot be made to misbehave on cue.
 */
import { FrameReader } from '../../../src/cluster/transport/frame-reader.ts';
import type { Connection, Listener, Transport } from '../../../src/cluster/transport/transport.ts';
import { JuteReader } from '../../../src/cluster/zookeeper/protocol/jute-reader.ts';
import type { JuteWriter } from '../../../src/cluster/zookeeper/protocol/jute-writer.ts';
import { notificationPacket, recordPacket, replyPacket } from '../../../src/cluster/zookeeper/protocol/packets.ts';
import { readConnectRequest } from '../../../src/cluster/zookeeper/protocol/records/connect-request.ts';
import type { ConnectRequest } from '../../../src/cluster/zookeeper/protocol/records/connect-request.ts';
import { writeConnectResponse } from '../../../src/cluster/zookeeper/protocol/records/connect-response.ts';
import { readRequestHeader } from '../../../src/cluster/zookeeper/protocol/records/request-header.ts';
import type { WatcherEvent } from '../../../src/cluster/zookeeper/protocol/records/watcher-event.ts';
import { within } from './wait.ts';

export interface ScriptedRequest {
  xid: number;
  type: number;
  /** A reader positioned at the request body. */
  body: JuteReader;
  /** Bytes of the whole request payload (header + body). */
  size: number;
}

export interface Handshake {
  /** 0 or less tells the client its session expired. */
  timeOut: number;
  sessionId: bigint;
  passwd: Uint8Array;
  /** Whether to append the readOnly byte (real servers do when the client sent it). */
  readOnlyByte: boolean;
}

export class ScriptedConnection {
  readonly connection: Connection;
  connectRequest: (ConnectRequest & { size: number }) | undefined;
  readonly requests: ScriptedRequest[] = [];
  #waiters: Array<() => void> = [];
  /** When true, pings are answered automatically (the default). */
  answerPings = true;
  /** When true, closeSession is answered and the connection closed, as a real server does (the default). */
  answerCloseSession = true;
  zxid = 1n;

  constructor(connection: Connection) {
    this.connection = connection;
  }

  get closed(): boolean {
    return this.connection.closed;
  }

  /** Next request that is not a ping (unless `includePings`). */
  async nextRequest(timeoutMs = 2000, includePings = false): Promise<ScriptedRequest> {
    const find = () => this.requests.findIndex((r) => includePings || r.type !== 11);
    return within(
      new Promise<ScriptedRequest>((resolve) => {
        const check = () => {
          const index = find();
          if (index === -1) return false;
          resolve(this.requests.splice(index, 1)[0]);
          return true;
        };
        if (!check()) this.#waiters.push(() => void check());
      }),
      timeoutMs,
      'a request from the client',
    );
  }

  reply(xid: number, err = 0, body?: (w: JuteWriter) => void, zxid = this.zxid): void {
    this.connection.write(replyPacket(xid, zxid, err, body));
  }

  notify(event: WatcherEvent): void {
    this.connection.write(notificationPacket(event));
  }

  received(request: ScriptedRequest): void {
    if (request.type === 11 && this.answerPings) {
      this.reply(request.xid);
    }
    if (request.type === -11 && this.answerCloseSession) {
      this.reply(request.xid);
      this.connection.close();
    }
    this.requests.push(request);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter();
  }
}

export class ScriptedZooKeeperServer {
  readonly connections: ScriptedConnection[] = [];
  readonly listener: Listener;
  /** How to answer each ConnectRequest (default: a new or resumed session, 4000 ms, with the readOnly byte). */
  handshake: (request: ConnectRequest, connection: ScriptedConnection) => Handshake | 'ignore' = (request) => ({
    timeOut: request.timeOut,
    sessionId: request.sessionId === 0n ? 0x1234n : request.sessionId,
    passwd: new Uint8Array(16).fill(7),
    readOnlyByte: true,
  });
  #waiters: Array<(connection: ScriptedConnection) => void> = [];
  /** Connections past their handshake that no `nextConnection()` has returned yet. */
  #unclaimed: ScriptedConnection[] = [];

  private constructor(listener: Listener) {
    this.listener = listener;
  }

  static async start(transport: Transport, host = '127.0.0.1'): Promise<ScriptedZooKeeperServer> {
    let server: ScriptedZooKeeperServer | undefined;
    const listener = await transport.listen(host, 0, (connection) => server!.#accept(connection));
    server = new ScriptedZooKeeperServer(listener);
    return server;
  }

  get address(): string {
    return `${this.listener.host}:${this.listener.port}`;
  }

  /** The next unclaimed connection past its handshake, if one is there now. */
  takeConnection(): ScriptedConnection | undefined {
    return this.#unclaimed.shift();
  }

  /** The next connection whose handshake was answered (or ignored), in arrival order. */
  nextConnection(timeoutMs = 2000): Promise<ScriptedConnection> {
    const ready = this.#unclaimed.shift();
    if (ready) return Promise.resolve(ready);
    return within(new Promise((resolve) => this.#waiters.push(resolve)), timeoutMs, 'a client connection');
  }

  close(): Promise<void> {
    return this.listener.close();
  }

  #accept(connection: Connection): void {
    const scripted = new ScriptedConnection(connection);
    this.connections.push(scripted);
    const frames = new FrameReader(1 << 20);
    connection.onData((bytes) => {
      for (const frame of frames.push(bytes)) {
        const reader = new JuteReader(frame);
        if (!scripted.connectRequest) {
          scripted.connectRequest = { ...readConnectRequest(reader), size: frame.length };
          const answer = this.handshake(scripted.connectRequest, scripted);
          if (answer !== 'ignore') {
            connection.write(
              recordPacket((w) =>
                writeConnectResponse(w, {
                  protocolVersion: 0,
                  timeOut: answer.timeOut,
                  sessionId: answer.sessionId,
                  passwd: answer.passwd,
                  ...(answer.readOnlyByte ? { readOnly: false } : {}),
                }),
              ),
            );
          }
          const waiter = this.#waiters.shift();
          if (waiter) waiter(scripted);
          else this.#unclaimed.push(scripted);
          continue;
        }
        const header = readRequestHeader(reader);
        scripted.received({ xid: header.xid, type: header.type, body: reader, size: frame.length });
      }
    });
  }
}
