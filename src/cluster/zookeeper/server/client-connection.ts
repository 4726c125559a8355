/**
 * One client connection (ZooKeeper's `NIOServerCnxn`): owns the framing, the handshake, the session's
 * request order and its watch notifications.
 *
 * - The first 4 bytes may be a four-letter word (`ruok`, `srvr`, ...) sent without a length prefix:
 *   answer it as text and close (`NIOServerCnxn.checkFourLetterWord`).
 * - Otherwise every packet is `int32 length + payload`, at most `maxFrameBytes` (jute.maxbuffer,
 *   0xfffff). A negative, oversized, truncated or undecodable packet closes this connection (only this
 *   one) with a logged reason, never the server.
 * - Replies leave in request order with the request's xid (clients fail on "xid out of order"):
 *   writes are forwarded at once (so they pipeline) and answered when their transaction commits, failed
 *   ones included (they commit as error transactions); reads run when every earlier request of the
 *   session has been answered, so a read after a write, even a failed one, waits for its commit and sees
 *   it (ZooKeeper's CommitProcessor holds a session's reads behind its pending writes).
 * - Watch notifications are written as soon as the change is applied here, so they precede the reply
 *   to the request that follows them.
 */
import type { Logger } from '../../logger.ts';
import { FrameReader, FrameTooLargeError } from '../../transport/frame-reader.ts';
import type { Connection } from '../../transport/transport.ts';
import type { ConnectRequest, Id } from '../protocol/index.ts';
import {
  ErrorCode,
  JuteDecodeError,
  JuteReader,
  KeeperState,
  OpCode,
  Xid,
  notificationPacket,
  opCodeName,
  readConnectRequest,
  readRequestHeader,
  recordPacket,
  replyPacket,
  writeConnectResponse,
} from '../protocol/index.ts';
import type { TxnResult } from './data-tree.ts';
import type { ClientSession, Handler, Reply, SessionEnv } from './handler-registry.ts';
import { handlerFor } from './handler-registry.ts';
import { isFourLetterWord } from './four-letter-words.ts';
import type { ServerStats } from './server-stats.ts';
import type { Watcher } from './watch-manager.ts';

/** jute.maxbuffer's default: the largest packet a real server accepts. */
export const defaultMaxFrameBytes = 0xfffff;

/** How a write ended: what applying its committed transaction (maybe an error transaction) gave. */
export type WriteOutcome = { result: TxnResult };

export interface OpenedSession {
  sessionId: bigint;
  timeoutMs: number;
  passwd: Uint8Array;
}

/** What an injected fault does to a matching request (see `ZooKeeperEnsemble.injectFault`). */
export type FaultOutcome = { err: number } | { delayMs: number } | { close: true };

/** What a connection needs from the member it belongs to. */
export interface ConnectionHost {
  readonly logger: Logger;
  readonly stats: ServerStats;
  readonly maxFrameBytes: number;
  /** False while the member has no quorum: new handshakes are refused. */
  readonly serving: boolean;
  readonly lastZxid: bigint;
  /** Creates or re-attaches the session; `undefined` = expired or wrong password. */
  openSession(connection: ClientConnection, request: ConnectRequest): Promise<OpenedSession | undefined>;
  submitWrite(session: ClientSession, op: number, request: unknown): Promise<WriteOutcome>;
  env(session: ClientSession): SessionEnv;
  touch(sessionId: bigint): void;
  fourLetterWord(command: string): string;
  connectionClosed(connection: ClientConnection): void;
  /** An injected fault for this request, if any. */
  fault(op: number, request: unknown, sessionId: bigint): FaultOutcome | undefined;
  /** A request was answered (for latency stats). */
  recordLatency(ms: number): void;
}

interface Entry {
  xid: number;
  op: number;
  receivedAt: number;
  /** Reads and session ops: run at the head of the queue. */
  run?: () => Reply | Promise<Reply>;
  /** Writes: forwarded towards the leader; `reply` is set when the outcome is known. */
  write?: () => void;
  /** Injected delay: the reply leaves `holdMs` after it is ready (at `releaseAt`). */
  holdMs?: number;
  releaseAt?: number;
  started: boolean;
  reply?: Reply;
}

export class ClientConnection implements Watcher {
  readonly connection: Connection;
  readonly remote: string;
  readonly establishedAt = Date.now();
  #host: ConnectionHost;
  #log: Logger;
  #frames: FrameReader;
  #prefix: Uint8Array | undefined = new Uint8Array(0);
  #state: 'handshake' | 'connecting' | 'open' | 'closed' = 'handshake';
  #early: Uint8Array[] = [];
  #queue: Entry[] = [];
  #session: ClientSession | undefined;
  #timeoutMs = 0;
  #handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set while this connection is answering a four-letter word. */
  fourLetterWord: string | undefined;
  /** `stat` / `cons` counters (`ServerCnxn`'s), reset by `crst`. */
  readonly counters = freshCounters();

  constructor(connection: Connection, host: ConnectionHost, handshakeTimeoutMs: number) {
    this.connection = connection;
    this.remote = connection.remote;
    this.#host = host;
    this.#log = host.logger;
    this.#frames = new FrameReader(host.maxFrameBytes);
    connection.onData((bytes) => this.#onData(bytes));
    connection.onClose(() => this.#closed());
    this.#handshakeTimer = setTimeout(() => {
      if (this.#state === 'handshake') this.close('no ConnectRequest within the handshake timeout');
    }, handshakeTimeoutMs);
  }

  get sessionId(): bigint {
    return this.#session?.sessionId ?? 0n;
  }

  get sessionTimeoutMs(): number {
    return this.#timeoutMs;
  }

  /** Requests received and not answered yet. */
  get outstanding(): number {
    return this.#queue.length;
  }

  get isOpen(): boolean {
    return this.#state !== 'closed';
  }

  /** `crst` (`ServerCnxn.resetStats`): packets, latencies and the last op/cxid/zxid/response start over. */
  resetStats(): void {
    Object.assign(this.counters, freshCounters());
  }

  /** Watcher: a notification `{-1, -1, 0}` + WatcherEvent, written immediately. */
  notify(type: number, path: string): void {
    if (this.#state !== 'open') return;
    this.#send(notificationPacket({ type, state: KeeperState.syncConnected, path }));
  }

  /** Closes this connection (gracefully: queued bytes are flushed) and logs why. */
  close(reason: string, level: 'info' | 'warn' = 'info'): void {
    if (this.#state === 'closed') return;
    this.#log[level](`closing connection ${this.remote}: ${reason}`, this.sessionId ? { sessionId: hexId(this.sessionId) } : undefined);
    this.#state = 'closed';
    this.connection.close();
  }

  /** Drops the connection at once, as a crashed server would. */
  destroy(): void {
    this.#state = 'closed';
    this.connection.destroy();
  }

  #closed(): void {
    clearTimeout(this.#handshakeTimer);
    this.#state = 'closed';
    this.#queue = [];
    this.#host.connectionClosed(this);
  }

  #onData(bytes: Uint8Array): void {
    if (this.#state === 'closed') return;
    let chunk = bytes;
    if (this.#prefix) {
      // A four-letter word is recognised only as the very first 4 bytes of a connection.
      const joined = new Uint8Array(this.#prefix.length + bytes.length);
      joined.set(this.#prefix);
      joined.set(bytes, this.#prefix.length);
      if (joined.length < 4) {
        this.#prefix = joined;
        return;
      }
      this.#prefix = undefined;
      const word = String.fromCharCode(joined[0], joined[1], joined[2], joined[3]);
      if (isFourLetterWord(word)) {
        this.counters.received++;
        this.fourLetterWord = word;
        this.#state = 'closed';
        clearTimeout(this.#handshakeTimer);
        this.#log.debug(`four-letter word ${word} from ${this.remote}`);
        this.connection.write(new TextEncoder().encode(this.#host.fourLetterWord(word)));
        this.connection.close();
        return;
      }
      chunk = joined;
    }
    let frames: Uint8Array[];
    try {
      frames = this.#frames.push(chunk);
    } catch (error) {
      if (error instanceof FrameTooLargeError) {
        this.close(`invalid packet length ${error.size} (limit ${this.#host.maxFrameBytes}, jute.maxbuffer)`, 'warn');
        return;
      }
      throw error;
    }
    for (const frame of frames) {
      if (!this.isOpen) return;
      try {
        this.#onFrame(frame);
      } catch (error) {
        this.#failed(error);
        return;
      }
    }
  }

  #safely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.#failed(error);
    }
  }

  /** Bad input (or a bug while handling it) closes this connection only, with the reason logged. */
  #failed(error: unknown): void {
    if (error instanceof JuteDecodeError) {
      this.close(`malformed packet: ${error.message}`, 'warn');
    } else {
      this.#log.error(`internal error while handling a packet from ${this.remote}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      this.close('internal error (see the previous log line)', 'warn');
    }
  }

  #onFrame(frame: Uint8Array): void {
    this.counters.received++;
    this.#host.stats.packetsReceived++;
    if (this.#state === 'handshake') return this.#onConnectRequest(frame);
    if (this.#state === 'connecting') {
      this.#early.push(frame);
      return;
    }
    this.#onRequest(frame);
  }

  #onConnectRequest(frame: Uint8Array): void {
    clearTimeout(this.#handshakeTimer);
    const request = readConnectRequest(new JuteReader(frame));
    if (!this.#host.serving) {
      this.close('this server is not currently serving requests (no quorum)');
      return;
    }
    if (request.lastZxidSeen > this.#host.lastZxid) {
      this.close(
        `refusing session request: client has seen zxid 0x${request.lastZxidSeen.toString(16)}, our last zxid is 0x${this.#host.lastZxid.toString(16)}; client must try another server`,
      );
      return;
    }
    this.#state = 'connecting';
    this.#host.openSession(this, request).then(
      (opened) => this.#safely(() => this.#finishHandshake(request, opened)),
      (error: unknown) => this.close(`session could not be established: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  #finishHandshake(request: ConnectRequest, opened: OpenedSession | undefined): void {
    if (this.#state === 'closed') return;
    const readOnly = request.readOnly === undefined ? undefined : false;
    if (!opened) {
      // Expired (or wrong password): timeOut 0, id 0, zero password, then close (`finishSessionInit`).
      this.#send(recordPacket((w) => writeConnectResponse(w, { protocolVersion: 0, timeOut: 0, sessionId: 0n, passwd: new Uint8Array(16), readOnly })));
      this.close(`session 0x${request.sessionId.toString(16)} has expired or the password is wrong`);
      return;
    }
    this.#timeoutMs = opened.timeoutMs;
    this.#session = {
      sessionId: opened.sessionId,
      watcher: this,
      authIds: [{ scheme: 'ip', id: this.remote.replace(/:\d+$/, '').replace(/^\[|\]$/g, '') }] as Id[],
      remote: this.remote,
    };
    this.#send(
      recordPacket((w) =>
        writeConnectResponse(w, { protocolVersion: 0, timeOut: opened.timeoutMs, sessionId: opened.sessionId, passwd: opened.passwd, readOnly }),
      ),
    );
    this.#state = 'open';
    for (const frame of this.#early.splice(0)) {
      if (this.#state !== 'open') break;
      try {
        this.#onRequest(frame);
      } catch (error) {
        this.#failed(error);
      }
    }
  }

  #onRequest(frame: Uint8Array): void {
    const session = this.#session as ClientSession;
    const r = new JuteReader(frame);
    const header = readRequestHeader(r);
    this.#host.touch(session.sessionId);
    const handler: Handler | undefined = handlerFor(header.type);
    const entry: Entry = { xid: header.xid, op: header.type, receivedAt: Date.now(), started: false };
    if (!handler) {
      this.#log.warn(`unknown request type ${header.type} from ${this.remote}: UNIMPLEMENTED`);
      entry.reply = { err: ErrorCode.UNIMPLEMENTED };
    } else {
      const request = handler.decode(r);
      const fault = this.#host.fault(header.type, request, session.sessionId);
      if (fault && 'close' in fault) {
        this.close(`injected fault: ${handler.name} closes the connection`);
        return;
      }
      if (fault && 'err' in fault) {
        entry.reply = { err: fault.err };
      } else if (handler.kind === 'write') {
        entry.write = () =>
          this.#host.submitWrite(session, header.type, request).then(
            (outcome) =>
              this.#safely(() => {
                entry.reply = outcomeReply(handler, outcome, request);
                this.#pump();
              }),
            (error: unknown) => this.close(`${handler.name} failed: ${error instanceof Error ? error.message : String(error)}`),
          );
      } else if (handler.kind === 'read') {
        entry.run = () => handler.read(this.#host.env(session), request);
      } else {
        entry.run = () => handler.handle(this.#host.env(session), request);
      }
      // A slow server: the reply (and so every later one of the session) leaves `delayMs` late.
      if (fault && 'delayMs' in fault) entry.holdMs = fault.delayMs;
    }
    this.#queue.push(entry);
    this.#pump();
  }

  /**
   * Starts what may start and sends what is answered, in order. A write is forwarded as soon as every
   * earlier read of the session has been answered (writes pipeline behind writes); a read runs only at
   * the head, once every earlier request is answered, so it sees the session's own writes.
   */
  #pump(): void {
    while (this.#state === 'open' && this.#queue.length > 0) {
      for (const [index, entry] of this.#queue.entries()) {
        if (entry.reply || entry.started) {
          if (!entry.reply && !entry.write) break;
          continue;
        }
        if (entry.write) {
          entry.started = true;
          entry.write();
          continue;
        }
        if (index !== 0 || !entry.run) break;
        entry.started = true;
        let result: Reply | Promise<Reply>;
        try {
          result = entry.run();
        } catch (error) {
          this.#failed(error);
          return;
        }
        if (result instanceof Promise) {
          result.then(
            (reply) =>
              this.#safely(() => {
                entry.reply = reply;
                this.#pump();
              }),
            (error: unknown) => this.close(`request failed: ${error instanceof Error ? error.message : String(error)}`),
          );
          break;
        }
        entry.reply = result;
      }
      const head = this.#queue[0];
      if (!head.reply) return;
      if (head.holdMs) {
        head.releaseAt ??= Date.now() + head.holdMs;
        const wait = head.releaseAt - Date.now();
        if (wait > 0) {
          setTimeout(() => this.#pump(), wait);
          return;
        }
      }
      this.#queue.shift();
      this.#answer(head, head.reply);
    }
  }

  #answer(entry: Entry, reply: Reply): void {
    const zxid = entry.xid === Xid.auth ? 0n : this.#host.lastZxid;
    this.#send(replyPacket(entry.xid, zxid, reply.err, reply.body));
    const now = Date.now();
    const latency = now - entry.receivedAt;
    const c = this.counters;
    c.lastOp = opLabel(entry.op);
    if (entry.xid >= 0) c.lastCxid = entry.xid;
    c.lastZxid = zxid;
    c.lastResponseAt = now;
    c.lastLatency = latency;
    c.minLatency = c.count === 0 ? latency : Math.min(c.minLatency, latency);
    c.maxLatency = Math.max(c.maxLatency, latency);
    c.totalLatency += latency;
    c.count++;
    if (entry.op !== OpCode.ping) this.#host.recordLatency(latency);
    if (reply.close) {
      this.close(entry.op === OpCode.closeSession ? 'client closed the session' : `${opLabel(entry.op)} failed (${reply.err})`);
    }
  }

  #send(packet: Uint8Array): void {
    this.counters.sent++;
    this.#host.stats.packetsSent++;
    this.#host.stats.recordResponse(packet.length - 4);
    this.connection.write(packet);
  }
}

function freshCounters() {
  return { received: 0, sent: 0, lastOp: 'NA', lastCxid: -1, lastZxid: -1n, lastResponseAt: 0, lastLatency: 0, minLatency: 0, maxLatency: 0, totalLatency: 0, count: 0 };
}

function outcomeReply(handler: Handler, { result }: WriteOutcome, request: unknown): Reply {
  if (result.type === 'error') return { err: result.err };
  if (handler.kind !== 'write') throw new Error(`${handler.name} is not a write`);
  return handler.reply(result, request);
}

/** `cons` prints the last op in upper case (`GETD`, `PING`...): keep ZooKeeper's 4-letter op names. */
function opLabel(op: number): string {
  const names: Record<number, string> = {
    [OpCode.ping]: 'PING',
    [OpCode.create]: 'CREA',
    [OpCode.create2]: 'CREA',
    [OpCode.delete]: 'DELE',
    [OpCode.exists]: 'EXIS',
    [OpCode.getData]: 'GETD',
    [OpCode.setData]: 'SETD',
    [OpCode.getACL]: 'GACL',
    [OpCode.setACL]: 'SACL',
    [OpCode.getChildren]: 'GETC',
    [OpCode.getChildren2]: 'GETC',
    [OpCode.sync]: 'SYNC',
    [OpCode.multi]: 'MULT',
    [OpCode.closeSession]: 'CLOS',
    [OpCode.setWatches]: 'SETW',
    [OpCode.auth]: 'AUTH',
  };
  return names[op] ?? (opCodeName(op) ?? String(op)).toUpperCase().slice(0, 4);
}

export function hexId(id: bigint): string {
  return `0x${id.toString(16)}`;
}
