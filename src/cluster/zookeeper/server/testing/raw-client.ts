/**
 * A bare-bones protocol client for tests, fuzzing and the benchmark: it speaks the wire protocol with
 * the shared codec and hides nothing (xids, zxids, raw error codes, notification order). Requests
 * pipeline; replies are matched in order and checked against the request xid like the real clients.
 * Not a product client (that is `../client/`): no reconnects, no watch bookkeeping.
 */
import { FrameReader } from '../../../transport/frame-reader.ts';
import type { Connection, Transport } from '../../../transport/transport.ts';
import type { ACL, MultiOp, MultiResult, ReplyHeader, Stat, WatcherEvent } from '../../protocol/index.ts';
import {
  JuteReader,
  OpCode,
  Xid,
  ZooKeeperError,
  readConnectResponse,
  readCreateResponse,
  readGetChildren2Response,
  readGetDataResponse,
  readMultiResponse,
  readReplyHeader,
  readStat,
  readWatcherEvent,
  recordPacket,
  requestPacket,
  writeConnectRequest,
  writeCreateRequest,
  writeDeleteRequest,
  writeExistsRequest,
  writeGetChildrenRequest,
  writeGetDataRequest,
  writeMultiRequest,
  writeSetDataRequest,
} from '../../protocol/index.ts';
import type { JuteWriter } from '../../protocol/index.ts';

export const openAcl: ACL[] = [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }];

export interface RawReply {
  header: ReplyHeader;
  body: JuteReader;
}

/** What arrived, in order: replies (by xid) and notifications (by path). */
export type WireEvent = { kind: 'reply'; xid: number; err: number } | { kind: 'event'; event: WatcherEvent };

export interface RawConnectOptions {
  sessionId?: bigint;
  passwd?: Uint8Array;
  timeoutMs?: number;
  lastZxidSeen?: bigint;
  /** Send the trailing readOnly byte like zkCli/kazoo (default) or not, like node-zookeeper-client. */
  readOnlyByte?: boolean;
}

export class RawClient {
  readonly connection: Connection;
  sessionId = 0n;
  passwd: Uint8Array = new Uint8Array(16);
  timeoutMs = 0;
  lastZxid = 0n;
  readonly events: WatcherEvent[] = [];
  readonly wire: WireEvent[] = [];
  readonly closed: Promise<void>;
  #xid = 0;
  #pending: Array<{ xid: number; resolve: (reply: RawReply) => void; reject: (error: Error) => void }> = [];
  #handshake: ((frame: Uint8Array) => void) | undefined;
  #eventWaiters: Array<() => void> = [];

  private constructor(connection: Connection) {
    this.connection = connection;
    const frames = new FrameReader(16 * 1024 * 1024);
    connection.onData((bytes) => {
      for (const frame of frames.push(bytes)) this.#onFrame(frame);
    });
    this.closed = new Promise((resolve) =>
      connection.onClose(() => {
        for (const p of this.#pending.splice(0)) p.reject(new Error('connection closed'));
        resolve();
      }),
    );
  }

  /** Opens a connection and a session (or fails with the server closing the connection). */
  static async connect(transport: Transport, host: string, port: number, options: RawConnectOptions = {}): Promise<RawClient> {
    const client = new RawClient(await transport.connect(host, port));
    const response = new Promise<Uint8Array>((resolve, reject) => {
      client.#handshake = resolve;
      client.closed.then(() => reject(new Error('connection closed during the handshake')));
    });
    client.connection.write(
      recordPacket((w) =>
        writeConnectRequest(w, {
          protocolVersion: 0,
          lastZxidSeen: options.lastZxidSeen ?? 0n,
          timeOut: options.timeoutMs ?? 10_000,
          sessionId: options.sessionId ?? 0n,
          passwd: options.passwd ?? new Uint8Array(16),
          readOnly: options.readOnlyByte === false ? undefined : false,
        }),
      ),
    );
    const connect = readConnectResponse(new JuteReader(await response));
    client.sessionId = connect.sessionId;
    client.passwd = connect.passwd ?? new Uint8Array(16);
    client.timeoutMs = connect.timeOut;
    if (connect.timeOut <= 0) {
      client.connection.destroy();
      throw new ZooKeeperError(-112);
    }
    return client;
  }

  /** Sends one request; resolves with its reply (any err) in order. */
  request(op: number, body?: (w: JuteWriter) => void, xid?: number): Promise<RawReply> {
    const useXid = xid ?? ++this.#xid;
    if (this.connection.closed) return Promise.reject(new Error('connection closed'));
    const promise = new Promise<RawReply>((resolve, reject) => this.#pending.push({ xid: useXid, resolve, reject }));
    this.connection.write(requestPacket(useXid, op, body));
    return promise;
  }

  /** Like `request`, but throws `ZooKeeperError` for err != 0. */
  async call(op: number, body?: (w: JuteWriter) => void, path?: string): Promise<JuteReader> {
    const reply = await this.request(op, body);
    if (reply.header.err !== 0) throw new ZooKeeperError(reply.header.err, path);
    return reply.body;
  }

  async create(path: string, data: Uint8Array | string | null = null, flags = 0): Promise<string> {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const r = await this.call(OpCode.create, (w) => writeCreateRequest(w, { path, data: bytes, acl: openAcl, flags }), path);
    return readCreateResponse(r).path;
  }

  async getData(path: string, watch = false): Promise<{ data: string | null; stat: Stat }> {
    const r = await this.call(OpCode.getData, (w) => writeGetDataRequest(w, { path, watch }), path);
    const { data, stat } = readGetDataResponse(r);
    return { data: data === null ? null : new TextDecoder().decode(data), stat };
  }

  async setData(path: string, data: string, version = -1): Promise<Stat> {
    const r = await this.call(OpCode.setData, (w) => writeSetDataRequest(w, { path, data: new TextEncoder().encode(data), version }), path);
    return readStat(r);
  }

  async delete(path: string, version = -1): Promise<void> {
    await this.call(OpCode.delete, (w) => writeDeleteRequest(w, { path, version }), path);
  }

  async exists(path: string, watch = false): Promise<Stat | null> {
    const reply = await this.request(OpCode.exists, (w) => writeExistsRequest(w, { path, watch }));
    if (reply.header.err === -101) return null;
    if (reply.header.err !== 0) throw new ZooKeeperError(reply.header.err, path);
    return readStat(reply.body);
  }

  async getChildren(path: string, watch = false): Promise<{ children: string[]; stat: Stat }> {
    const r = await this.call(OpCode.getChildren2, (w) => writeGetChildrenRequest(w, { path, watch }), path);
    return readGetChildren2Response(r);
  }

  async multi(ops: MultiOp[]): Promise<MultiResult[]> {
    const r = await this.call(OpCode.multi, (w) => writeMultiRequest(w, ops));
    return readMultiResponse(r);
  }

  ping(): Promise<RawReply> {
    return this.request(OpCode.ping, undefined, Xid.ping);
  }

  /** closeSession, then wait for the server to close the socket. */
  async close(): Promise<void> {
    await this.request(OpCode.closeSession).catch(() => {});
    await this.closed;
  }

  /** Drops the socket without closing the session (a crashed client). */
  destroy(): void {
    this.connection.destroy();
  }

  /** Resolves once `count` notifications have arrived in total. */
  async waitForEvents(count: number, timeoutMs = 5000): Promise<WatcherEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} notifications, got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        this.#eventWaiters.push(resolve);
        setTimeout(resolve, 20);
      });
    }
    return this.events;
  }

  #onFrame(frame: Uint8Array): void {
    if (this.#handshake) {
      const done = this.#handshake;
      this.#handshake = undefined;
      done(frame);
      return;
    }
    const body = new JuteReader(frame);
    const header = readReplyHeader(body);
    if (header.xid === Xid.notification) {
      const event = readWatcherEvent(body);
      this.events.push(event);
      this.wire.push({ kind: 'event', event });
      for (const wake of this.#eventWaiters.splice(0)) wake();
      return;
    }
    this.wire.push({ kind: 'reply', xid: header.xid, err: header.err });
    if (header.zxid > this.lastZxid) this.lastZxid = header.zxid;
    const next = this.#pending.shift();
    if (!next) throw new Error(`unexpected reply xid ${header.xid}`);
    if (next.xid !== header.xid) {
      next.reject(new Error(`xid out of order: expected ${next.xid}, got ${header.xid}`));
      return;
    }
    next.resolve({ header, body });
  }
}
