/**
 * Our ZooKeeper client: what the embedded Kafka brokers (and lab checks) use to talk to a ZooKeeper
 * ensemble, ours or a real one. It behaves like the Java client and kazoo:
 *
 * - servers are tried in shuffled order; the first packet is a ConnectRequest (with the readOnly byte;
 *   a ConnectResponse with or without it is accepted);
 * - when idle it pings every third of the negotiated timeout, and drops a connection that stayed silent
 *   for two thirds of it, then reconnects to another server with the same session id, password and last
 *   zxid seen; requests in flight on a lost connection fail with CONNECTIONLOSS, requests made while
 *   disconnected wait (at most one session timeout) for the next connection;
 * - a reconnect answered with `timeOut <= 0` means the session expired: state `expired`, event
 *   `session-expired`, and the client is done (create a new one);
 * - watches are one-shot, re-registered with SetWatches after a reconnect, and called synchronously as
 *   their notification is read, so before the reply that follows them on the wire resolves.
 *
 * Browser-safe: it only needs a `Transport`.
 */
import { silentLogger } from '../../logger.ts';
import type { Logger } from '../../logger.ts';
import { TypedEmitter } from '../../typed-emitter.ts';
import { ErrorCode, ZooKeeperError } from '../protocol/errors.ts';
import { JuteReader } from '../protocol/jute-reader.ts';
import type { JuteWriter } from '../protocol/jute-writer.ts';
import { readMultiResponse, writeMultiRequest } from '../protocol/multi.ts';
import { EventType, OpCode, Xid } from '../protocol/op-codes.ts';
import { emptyPassword, recordPacket, requestPacket } from '../protocol/packets.ts';
import { writeConnectRequest } from '../protocol/records/connect-request.ts';
import { readConnectResponse } from '../protocol/records/connect-response.ts';
import type { ConnectResponse } from '../protocol/records/connect-response.ts';
import { writeCreateRequest } from '../protocol/records/create-request.ts';
import { readCreateResponse } from '../protocol/records/create-response.ts';
import { writeDeleteRequest } from '../protocol/records/delete-request.ts';
import { writeExistsRequest } from '../protocol/records/exists-request.ts';
import { readExistsResponse } from '../protocol/records/exists-response.ts';
import { writeGetChildrenRequest } from '../protocol/records/get-children-request.ts';
import { readGetChildrenResponse } from '../protocol/records/get-children-response.ts';
import { writeGetDataRequest } from '../protocol/records/get-data-request.ts';
import { readGetDataResponse } from '../protocol/records/get-data-response.ts';
import type { ReplyHeader } from '../protocol/records/reply-header.ts';
import { readReplyHeader } from '../protocol/records/reply-header.ts';
import { writeSetDataRequest } from '../protocol/records/set-data-request.ts';
import { readSetDataResponse } from '../protocol/records/set-data-response.ts';
import { writeSetWatches } from '../protocol/records/set-watches.ts';
import { writeSyncRequest } from '../protocol/records/sync-request.ts';
import { readWatcherEvent } from '../protocol/records/watcher-event.ts';
import type { WatcherEvent } from '../protocol/records/watcher-event.ts';
import { ZooKeeperClientError } from './client-error.ts';
import { parseConnectString, shuffled } from './connect-string.ts';
import type { ServerAddress } from './connect-string.ts';
import { Heartbeat, heartbeatTimings } from './heartbeat.ts';
import { fromWireMultiResults, toWireMultiOps } from './multi-ops.ts';
import { PendingRequests } from './pending-requests.ts';
import { createFlags, isSequential, OPEN_ACL_UNSAFE, toBytes } from './request-encoding.ts';
import { ServerConnection } from './server-connection.ts';
import type {
  CreateMode,
  MultiOp,
  MultiResult,
  Stat,
  Watcher,
  WatchEvent,
  ZooKeeperClientOptions,
  ZooKeeperClientState,
} from './types.ts';
import { WatchRegistry } from './watch-registry.ts';
import { invalidPathReason, parentPath, toClientPath, toServerPath } from './znode-path.ts';

const DEFAULT_SESSION_TIMEOUT_MS = 30_000;
/** Backoff after a whole round of servers failed: doubles from the first value up to the second. */
const RETRY_BACKOFF_MS = [100, 1000] as const;

type ZooKeeperClientEvents = {
  state: [ZooKeeperClientState];
  'session-expired': [];
};

/** A request the client made, sent now or once a connection is up. */
interface OutgoingRequest {
  readonly opCode: number;
  readonly body?: (w: JuteWriter) => void;
  /** Settles the caller's promise from the reply; a thrown error means the reply could not be decoded. */
  complete(header: ReplyHeader, reader: JuteReader): void;
  /** Settles the caller's promise with a client-side ZooKeeperError (CONNECTIONLOSS, SESSIONEXPIRED, ...). */
  fail(code: number, detail: string): void;
  /** While queued (not yet sent): gives up after the queue timeout. */
  queueTimer?: ReturnType<typeof setTimeout>;
}

/** The connection the session currently lives on. */
interface Link {
  readonly connection: ServerConnection;
  readonly pending: PendingRequests;
  heartbeat?: Heartbeat;
}

export class ZooKeeperClient extends TypedEmitter<ZooKeeperClientEvents> {
  readonly #options: ZooKeeperClientOptions;
  readonly #log: Logger;
  readonly #servers: ServerAddress[];
  readonly #chroot: string | undefined;
  readonly #requestedTimeoutMs: number;
  readonly #watches = new WatchRegistry();
  readonly #outbox: OutgoingRequest[] = [];

  #state: ZooKeeperClientState = 'disconnected';
  #started = false;
  #sessionId = 0n;
  #password: Uint8Array = emptyPassword();
  #negotiatedTimeoutMs = 0;
  #lastZxid = 0n;
  #xid = 0;
  #link: Link | undefined;
  #nextServer = 0;
  #attempting = false;
  #attemptConnection: ServerConnection | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #wakeRetry: (() => void) | undefined;
  #connectWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  #connectTimer: ReturnType<typeof setTimeout> | undefined;
  #lastConnectError = '';

  constructor(options: ZooKeeperClientOptions) {
    super();
    this.#options = options;
    this.#log = (options.logger ?? silentLogger).child('zookeeper-client');
    const parsed = parseConnectString(options.connectString);
    this.#servers = shuffled(parsed.servers);
    this.#chroot = parsed.chroot;
    this.#requestedTimeoutMs = options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
    if (!Number.isInteger(this.#requestedTimeoutMs) || this.#requestedTimeoutMs <= 0) {
      throw new ZooKeeperClientError(
        'BAD_OPTION',
        `sessionTimeoutMs must be a positive integer, got ${options.sessionTimeoutMs}`,
        'ZooKeeper servers accept 2..20 ticks (4000..40000 ms with tickTime=2000)',
      );
    }
  }

  get state(): ZooKeeperClientState {
    return this.#state;
  }

  /** The session id (0n before the first session is established). */
  get sessionId(): bigint {
    return this.#sessionId;
  }

  /** The session timeout the server granted (0 before the first session is established). */
  get negotiatedTimeoutMs(): number {
    return this.#negotiatedTimeoutMs;
  }

  /** `host:port` of the server the session is connected to, while connected. */
  get connectedServer(): string | undefined {
    return this.#state === 'connected' ? this.#link?.connection.address : undefined;
  }

  /** The highest zxid seen in a reply (sent as `lastZxidSeen` when reconnecting). */
  get lastZxidSeen(): bigint {
    return this.#lastZxid;
  }

  /**
   * Establishes a session; resolves once connected. Rejects (and closes the client) when no server gave
   * a session within `connectTimeoutMs`. Calling it again returns the same wait.
   */
  connect(): Promise<void> {
    if (this.#state === 'connected') return Promise.resolve();
    if (this.#terminal) return Promise.reject(this.#terminalError(undefined));
    const waiting = new Promise<void>((resolve, reject) => this.#connectWaiters.push({ resolve, reject }));
    if (!this.#started) {
      this.#started = true;
      this.#setState('connecting');
      const timeoutMs = this.#options.connectTimeoutMs ?? this.#requestedTimeoutMs;
      this.#connectTimer = setTimeout(() => {
        this.#connectTimer = undefined;
        if (this.#state !== 'connecting') return;
        const detail =
          `no session with any of ${this.#servers.map((s) => `${s.host}:${s.port}`).join(', ')} within ${timeoutMs} ms` +
          (this.#lastConnectError ? ` (last error: ${this.#lastConnectError})` : '');
        this.#log.warn('connect timed out', { timeoutMs, lastError: this.#lastConnectError });
        this.#shutdown('closed', ErrorCode.CONNECTIONLOSS, detail);
      }, timeoutMs);
      void this.#reconnect();
    }
    return waiting;
  }

  /**
   * Creates a node and returns its actual path (with the `%010d` suffix for sequential modes).
   * The parent must exist (see `mkdirp`). `data` strings are stored as UTF-8.
   */
  async create(path: string, data?: Uint8Array | string, mode: CreateMode = 'persistent'): Promise<string> {
    const flags = createFlags(mode);
    const serverPath = this.#serverPath(path, isSequential(mode));
    const bytes = toBytes(data);
    return this.#request(OpCode.create, path, (w) => writeCreateRequest(w, { path: serverPath, data: bytes, acl: OPEN_ACL_UNSAFE, flags }), (r) =>
      this.#clientPath(readCreateResponse(r).path),
    );
  }

  /** Creates `path` and any missing ancestors as empty persistent nodes; existing ones are fine. */
  async mkdirp(path: string): Promise<void> {
    const serverPath = this.#serverPath(path, false);
    if (serverPath === '/' || path === '/') return;
    try {
      await this.#request(OpCode.create, path, (w) =>
        writeCreateRequest(w, { path: serverPath, data: null, acl: OPEN_ACL_UNSAFE, flags: 0 }),
      () => undefined);
    } catch (error) {
      if (isCode(error, ErrorCode.NODEEXISTS)) return;
      if (!isCode(error, ErrorCode.NONODE)) throw error;
      await this.mkdirp(parentPath(path)!);
      try {
        await this.#request(OpCode.create, path, (w) =>
          writeCreateRequest(w, { path: serverPath, data: null, acl: OPEN_ACL_UNSAFE, flags: 0 }),
        () => undefined);
      } catch (retryError) {
        if (!isCode(retryError, ErrorCode.NODEEXISTS)) throw retryError;
      }
    }
  }

  /** A node's data (empty when it holds none) and stat; `watch` fires once on data-changed or deleted. */
  async getData(path: string, watch?: Watcher): Promise<{ data: Uint8Array; stat: Stat }> {
    const serverPath = this.#serverPath(path, false);
    return this.#request(OpCode.getData, path, (w) => writeGetDataRequest(w, { path: serverPath, watch: !!watch }), (r) => {
      const reply = readGetDataResponse(r);
      if (watch) this.#watches.add('data', serverPath, watch);
      return { data: reply.data ?? new Uint8Array(0), stat: reply.stat };
    });
  }

  /** Replaces a node's data; `version` (default -1: any) must match or it fails with BADVERSION. */
  async setData(path: string, data: Uint8Array | string, version = -1): Promise<Stat> {
    const serverPath = this.#serverPath(path, false);
    const bytes = toBytes(data);
    return this.#request(OpCode.setData, path, (w) => writeSetDataRequest(w, { path: serverPath, data: bytes, version }), (r) =>
      readSetDataResponse(r).stat,
    );
  }

  /**
   * The node's stat, or `null` when it does not exist. `watch` is set either way and fires once: on
   * created for a missing node, on data-changed or deleted for an existing one.
   */
  async exists(path: string, watch?: Watcher): Promise<Stat | null> {
    const serverPath = this.#serverPath(path, false);
    return this.#request(
      OpCode.exists,
      path,
      (w) => writeExistsRequest(w, { path: serverPath, watch: !!watch }),
      (r) => {
        const { stat } = readExistsResponse(r);
        if (watch) this.#watches.add('data', serverPath, watch);
        return stat;
      },
      (code) => {
        if (code !== ErrorCode.NONODE) return undefined;
        if (watch) this.#watches.add('exist', serverPath, watch);
        return { value: null };
      },
    );
  }

  /** Names (not paths) of a node's children, in no particular order; `watch` fires once on children-changed or deleted. */
  async getChildren(path: string, watch?: Watcher): Promise<string[]> {
    const serverPath = this.#serverPath(path, false);
    return this.#request(OpCode.getChildren, path, (w) => writeGetChildrenRequest(w, { path: serverPath, watch: !!watch }), (r) => {
      const { children } = readGetChildrenResponse(r);
      if (watch) this.#watches.add('child', serverPath, watch);
      return children;
    });
  }

  /** Deletes a node without children; `version` (default -1: any) must match or it fails with BADVERSION. */
  async delete(path: string, version = -1): Promise<void> {
    const serverPath = this.#serverPath(path, false);
    return this.#request(OpCode.delete, path, (w) => writeDeleteRequest(w, { path: serverPath, version }), () => undefined);
  }

  /**
   * Applies every op atomically. Resolves with one result per op; when the server rejects the multi,
   * nothing is applied and it rejects with a `ZooKeeperMultiError` (a `ZooKeeperError` whose code and
   * path are those of the first failing op, and whose `results` carry each op's error).
   */
  async multi(ops: MultiOp[]): Promise<MultiResult[]> {
    const wireOps = toWireMultiOps(ops, (path, sequential) => this.#serverPath(path, sequential));
    const results = await this.#request(OpCode.multi, undefined, (w) => writeMultiRequest(w, wireOps), (r) => readMultiResponse(r));
    return fromWireMultiResults(ops, results, (serverPath) => this.#clientPath(serverPath));
  }

  /** Waits until the server this client is connected to has caught up with the leader (for `path`). */
  async sync(path: string): Promise<void> {
    const serverPath = this.#serverPath(path, false);
    return this.#request(OpCode.sync, path, (w) => writeSyncRequest(w, { path: serverPath }), () => undefined);
  }

  /**
   * Ends the session (closeSession): the ensemble deletes its ephemeral nodes at once. Requests already
   * sent are answered first; later calls fail with SESSIONEXPIRED.
   */
  async close(): Promise<void> {
    if (this.#terminal) return;
    const link = this.#state === 'connected' ? this.#link : undefined;
    this.#closing = true;
    if (link) {
      const { readTimeoutMs } = heartbeatTimings(this.#negotiatedTimeoutMs);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(readTimeoutMs, 5000));
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        this.#send(link, {
          opCode: OpCode.closeSession,
          complete: done,
          fail: done,
        });
      });
    }
    this.#shutdown('closed', ErrorCode.CONNECTIONLOSS, 'the client was closed');
  }

  // ---- requests ---------------------------------------------------------------------------------------

  #closing = false;

  get #terminal(): boolean {
    return this.#state === 'closed' || this.#state === 'expired';
  }

  /** What a call on a closed or expired client fails with (SESSIONEXPIRED, as in the Java client). */
  #terminalError(path: string | undefined): ZooKeeperError {
    const why = this.#state === 'expired' ? 'the session expired' : 'the client is closed';
    return clientError(ErrorCode.SESSIONEXPIRED, path, `${why}; create a new ZooKeeperClient`);
  }

  /**
   * Sends a request (or queues it until connected) and settles with `decode(reply)` when `err == 0`,
   * `onError(err).value` when that handles the code, else a `ZooKeeperError` naming `path`.
   */
  #request<T>(
    opCode: number,
    path: string | undefined,
    body: (w: JuteWriter) => void,
    decode: (reader: JuteReader) => T,
    onError?: (code: number) => { value: T } | undefined,
  ): Promise<T> {
    if (this.#terminal || this.#closing) return Promise.reject(this.#terminalError(path));
    if (!this.#started) {
      return Promise.reject(
        new ZooKeeperClientError('NOT_STARTED', 'the client is not connected', 'await client.connect() before making requests'),
      );
    }
    return new Promise<T>((resolve, reject) => {
      const request: OutgoingRequest = {
        opCode,
        body,
        complete: (header, reader) => {
          if (header.err !== 0) {
            const handled = onError?.(header.err);
            if (handled) resolve(handled.value);
            else reject(new ZooKeeperError(header.err, path));
            return;
          }
          resolve(decode(reader));
        },
        fail: (code, detail) => reject(clientError(code, path, detail)),
      };
      const link = this.#link;
      if (link && this.#state === 'connected') {
        this.#send(link, request);
        return;
      }
      const waitMs = this.#negotiatedTimeoutMs || this.#requestedTimeoutMs;
      request.queueTimer = setTimeout(() => {
        const index = this.#outbox.indexOf(request);
        if (index !== -1) this.#outbox.splice(index, 1);
        request.fail(ErrorCode.CONNECTIONLOSS, `not connected to any server for ${waitMs} ms`);
      }, waitMs);
      this.#outbox.push(request);
    });
  }

  #send(link: Link, request: OutgoingRequest): void {
    if (request.queueTimer !== undefined) clearTimeout(request.queueTimer);
    this.#xid = this.#xid >= 0x7fffffff ? 1 : this.#xid + 1;
    const xid = this.#xid;
    link.pending.push({ xid, opCode: request.opCode, complete: request.complete, fail: request.fail });
    link.connection.send(requestPacket(xid, request.opCode, request.body));
    link.heartbeat?.sent();
  }

  #serverPath(path: string, sequential: boolean): string {
    const reason = invalidPathReason(path, sequential);
    if (reason) throw withDetail(new ZooKeeperError(ErrorCode.BADARGUMENTS, String(path)), reason);
    return toServerPath(this.#chroot, path);
  }

  #clientPath(serverPath: string): string {
    return toClientPath(this.#chroot, serverPath) ?? serverPath;
  }

  // ---- replies and notifications ----------------------------------------------------------------------

  #onFrame(link: Link, frame: Uint8Array): void {
    if (link !== this.#link) return;
    link.heartbeat?.received();
    const reader = new JuteReader(frame);
    let header: ReplyHeader;
    try {
      header = readReplyHeader(reader);
    } catch (error) {
      link.connection.destroy(`undecodable reply from ${link.connection.address}: ${(error as Error).message}`);
      return;
    }
    if (header.xid === Xid.ping) return;
    if (header.xid === Xid.notification) {
      let event: WatcherEvent;
      try {
        event = readWatcherEvent(reader);
      } catch (error) {
        link.connection.destroy(`undecodable notification from ${link.connection.address}: ${(error as Error).message}`);
        return;
      }
      this.#dispatch(event);
      return;
    }
    if (header.xid === Xid.auth) {
      if (header.err !== 0) this.#log.warn('auth failed', { err: header.err });
      return;
    }
    const pending = link.pending.shift();
    if (!pending || pending.xid !== header.xid) {
      pending?.fail(ErrorCode.CONNECTIONLOSS, `reply out of order (xid ${header.xid})`);
      link.connection.destroy(
        `xid out of order from ${link.connection.address}: got ${header.xid}, expected ${pending ? pending.xid : 'no reply'}`,
      );
      return;
    }
    if (header.zxid > 0n) this.#lastZxid = header.zxid;
    try {
      pending.complete(header, reader);
    } catch (error) {
      pending.fail(ErrorCode.MARSHALLINGERROR, `undecodable reply: ${(error as Error).message}`);
      link.connection.destroy(`undecodable reply to xid ${header.xid} from ${link.connection.address}: ${(error as Error).message}`);
    }
  }

  #dispatch(event: WatcherEvent): void {
    const type = eventTypes.get(event.type);
    if (!type) {
      this.#log.debug('ignoring notification', { type: event.type, state: event.state, path: event.path });
      return;
    }
    const watchers = this.#watches.take(type, event.path);
    const path = this.#clientPath(event.path);
    const watchEvent: WatchEvent = { type, path };
    for (const watcher of watchers) {
      try {
        watcher(watchEvent);
      } catch (error) {
        this.#log.error('a watcher threw', { type, path, error: (error as Error).message });
      }
    }
  }

  // ---- connection management --------------------------------------------------------------------------

  /** Tries servers in turn until one gives the session a connection (or the client is done). */
  async #reconnect(): Promise<void> {
    if (this.#attempting) return;
    this.#attempting = true;
    try {
      let failures = 0;
      // `#link` is checked too: a connection can die while being set up, inside this very loop.
      while (!this.#terminal && !this.#link) {
        const server = this.#servers[this.#nextServer % this.#servers.length];
        this.#nextServer = (this.#nextServer + 1) % this.#servers.length;
        if (await this.#attempt(server)) continue;
        failures++;
        if (failures % this.#servers.length === 0) {
          const round = failures / this.#servers.length;
          const delay = Math.min(RETRY_BACKOFF_MS[0] * 2 ** (round - 1), RETRY_BACKOFF_MS[1]);
          await this.#sleep(delay / 2 + Math.random() * (delay / 2));
        }
      }
    } finally {
      this.#attempting = false;
    }
  }

  /** One connection attempt: true when the session got a connection or is over, false to try the next server. */
  async #attempt(server: ServerAddress): Promise<boolean> {
    const address = `${server.host}:${server.port}`;
    const attemptTimeoutMs = Math.max(1000, Math.floor(this.#requestedTimeoutMs / this.#servers.length));
    let connection: ServerConnection | undefined;
    let response: ConnectResponse;
    try {
      connection = await ServerConnection.open(this.#options.transport, server, attemptTimeoutMs);
      this.#attemptConnection = connection;
      if (this.#terminal) {
        connection.destroy('client closed');
        return true;
      }
      connection.send(
        recordPacket((w) =>
          writeConnectRequest(w, {
            protocolVersion: 0,
            lastZxidSeen: this.#lastZxid,
            timeOut: this.#requestedTimeoutMs,
            sessionId: this.#sessionId,
            passwd: this.#password,
            readOnly: false,
          }),
        ),
      );
      const frame = await connection.firstFrame(attemptTimeoutMs);
      response = readConnectResponse(new JuteReader(frame));
    } catch (error) {
      connection?.destroy('handshake failed');
      this.#lastConnectError = `${address}: ${(error as Error).message}`;
      this.#log.debug('connection attempt failed', { server: address, error: (error as Error).message });
      return this.#terminal;
    } finally {
      this.#attemptConnection = undefined;
    }
    if (this.#terminal) {
      connection.destroy('client closed');
      return true;
    }
    if (response.timeOut <= 0) {
      connection.destroy('session expired');
      this.#log.info('session expired', { sessionId: hex(this.#sessionId), server: address });
      this.#shutdown('expired', ErrorCode.SESSIONEXPIRED, 'the session expired; create a new ZooKeeperClient');
      return true;
    }
    this.#established(connection, response);
    return true;
  }

  #established(connection: ServerConnection, response: ConnectResponse): void {
    const reconnected = this.#sessionId !== 0n;
    if (reconnected && response.sessionId !== this.#sessionId) {
      this.#log.warn('server answered with another session id', {
        asked: hex(this.#sessionId),
        got: hex(response.sessionId),
      });
    }
    this.#sessionId = response.sessionId;
    this.#password = response.passwd ?? emptyPassword();
    this.#negotiatedTimeoutMs = response.timeOut;
    const link: Link = { connection, pending: new PendingRequests() };
    this.#link = link;
    const { pingIntervalMs, readTimeoutMs } = heartbeatTimings(response.timeOut);
    link.heartbeat = new Heartbeat({
      pingIntervalMs,
      readTimeoutMs,
      sendPing: () => connection.send(requestPacket(Xid.ping, OpCode.ping)),
      onReadTimeout: (silentMs) => connection.destroy(`no packet from ${connection.address} for ${silentMs} ms (read timeout)`),
    });
    this.#log.info(reconnected ? 'session reconnected' : 'session established', {
      server: connection.address,
      sessionId: hex(this.#sessionId),
      timeoutMs: response.timeOut,
    });
    // Watches first, then whatever waited for the connection, in order (as the Java client does).
    for (const record of this.#watches.setWatchesRecords(this.#lastZxid)) {
      const paths = record.dataWatches.length + record.existWatches.length + record.childWatches.length;
      this.#send(link, {
        opCode: OpCode.setWatches,
        body: (w) => writeSetWatches(w, record),
        complete: (header) => {
          if (header.err !== 0) this.#log.warn('SetWatches failed', { err: header.err, paths });
        },
        fail: () => {},
      });
    }
    for (const request of this.#outbox.splice(0)) this.#send(link, request);
    connection.attach(
      (frame) => this.#onFrame(link, frame),
      (reason) => this.#onLinkClosed(link, reason),
    );
    if (this.#link !== link) return; // closed while replaying buffered frames
    if (this.#connectTimer !== undefined) clearTimeout(this.#connectTimer);
    this.#connectTimer = undefined;
    this.#setState('connected');
    for (const waiter of this.#connectWaiters.splice(0)) waiter.resolve();
  }

  #onLinkClosed(link: Link, reason: string): void {
    if (link !== this.#link) return;
    this.#link = undefined;
    link.heartbeat?.stop();
    link.pending.failAll(ErrorCode.CONNECTIONLOSS, reason);
    if (this.#terminal || this.#closing) return;
    this.#log.info('connection lost', { server: link.connection.address, reason });
    this.#setState('disconnected');
    void this.#reconnect();
  }

  /** Ends the client: no more connections; everything waiting fails with `code`. */
  #shutdown(state: 'expired' | 'closed', code: number, detail: string): void {
    if (this.#terminal) return;
    const link = this.#link;
    this.#link = undefined;
    if (this.#connectTimer !== undefined) clearTimeout(this.#connectTimer);
    this.#connectTimer = undefined;
    this.#setState(state);
    this.#wakeRetry?.();
    this.#attemptConnection?.destroy('client closed');
    if (link) {
      link.heartbeat?.stop();
      link.connection.close('client closed');
      link.pending.failAll(code, detail);
    }
    for (const request of this.#outbox.splice(0)) {
      if (request.queueTimer !== undefined) clearTimeout(request.queueTimer);
      request.fail(code, detail);
    }
    for (const waiter of this.#connectWaiters.splice(0)) waiter.reject(clientError(code, undefined, detail));
    this.#watches.clear();
    if (state === 'expired') this.emit('session-expired');
  }

  #setState(state: ZooKeeperClientState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('state', state);
  }

  /** A pause between connection rounds that `close()` cuts short. */
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#wakeRetry = () => {
        clearTimeout(this.#retryTimer);
        this.#wakeRetry = undefined;
        resolve();
      };
      this.#retryTimer = setTimeout(() => this.#wakeRetry?.(), ms);
    });
  }
}

const eventTypes = new Map<number, WatchEvent['type']>([
  [EventType.nodeCreated, 'created'],
  [EventType.nodeDeleted, 'deleted'],
  [EventType.nodeDataChanged, 'data-changed'],
  [EventType.nodeChildrenChanged, 'children-changed'],
]);

function isCode(error: unknown, code: number): boolean {
  return error instanceof ZooKeeperError && error.code === code;
}

/** A client-side ZooKeeperError (CONNECTIONLOSS, SESSIONEXPIRED, ...) whose message also says why. */
function clientError(code: number, path: string | undefined, detail: string): ZooKeeperError {
  return withDetail(new ZooKeeperError(code, path), detail);
}

function withDetail<E extends Error>(error: E, detail: string): E {
  error.message = `${error.message}: ${detail}`;
  return error;
}

function hex(id: bigint): string {
  return `0x${id.toString(16)}`;
}
