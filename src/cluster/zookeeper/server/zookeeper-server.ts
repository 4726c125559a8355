/**
 * One ensemble member (`QuorumPeer` + its `ZooKeeperServer`): a client port, a replicated tree, and a
 * role that changes with elections: LOOKING (not serving: handshakes are refused, four-letter words
 * answer "not currently serving"), FOLLOWING or LEADING (serving once synced / established).
 *
 * Reads are answered from this member's tree; writes, new sessions, session re-attaches and syncs go
 * to the leader. Losing the leader or the quorum closes every client connection (the sessions live
 * on, and their clients move to another member), exactly as a real server does.
 */
import type { Logger } from '../../logger.ts';
import type { Connection, Listener, Transport } from '../../transport/transport.ts';
import { TypedEmitter } from '../../typed-emitter.ts';
import type { ConnectRequest } from '../protocol/index.ts';
import { OpCode } from '../protocol/index.ts';
import { ClientConnection, defaultMaxFrameBytes, hexId } from './client-connection.ts';
import type { ConnectionHost, FaultOutcome, OpenedSession, WriteOutcome } from './client-connection.ts';
import { DataTree } from './data-tree.ts';
import type { TreeEvent } from './data-tree.ts';
import { Election } from './election.ts';
import type { ElectionResult } from './election.ts';
import { Follower } from './follower.ts';
import type { FollowerContext } from './follower.ts';
import { answerFourLetterWord } from './four-letter-words.ts';
import type { FourLetterSource, FourLetterWord } from './four-letter-words.ts';
import type { ClientSession, SessionEnv } from './handler-registry.ts';
import './handlers/index.ts';
import { Leader } from './leader.ts';
import { membershipLines } from './membership.ts';
import type { EnsembleMember } from './membership.ts';
import type { LeaderContext } from './leader.ts';
import type { PeerEndpoint, QuorumNetwork } from './peer-network.ts';
import type { PeerMessage, Proposal } from './quorum-messages.ts';
import { betterVote } from './quorum-messages.ts';
import { ServerStats } from './server-stats.ts';
import { initialSessionId, passwordMatches, sessionPassword } from './session-ids.ts';
import type { ZooKeeperStorage } from './storage.ts';
import type { CommittedTxn } from './txn.ts';
import { zxidEpoch } from './txn.ts';
import { WatchManager } from './watch-manager.ts';

export interface ZooKeeperServerConfig {
  id: number;
  /** Every member's id and client port (for elections, quorum size and `conf`). */
  members: ReadonlyArray<EnsembleMember>;
  transport: Transport;
  host: string;
  clientPort: number;
  network: QuorumNetwork;
  storage: ZooKeeperStorage;
  tickTimeMs: number;
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  /** Ticks a follower may take to connect and sync (real default 10). */
  initLimit: number;
  /** Ticks a follower may stay silent (real default 5). */
  syncLimit: number;
  /** How long a settled vote waits for a better one (real `finalizeWait` 200 ms; in-process is instant). */
  finalizeWaitMs: number;
  maxFrameBytes?: number;
  logger: Logger;
  /** Fault injection: consulted for every client request (see `ZooKeeperEnsemble.injectFault`). */
  fault?: (member: number, op: number, request: unknown, sessionId: bigint) => FaultOutcome | undefined;
}

export type ServerRole = 'looking' | 'following' | 'leading' | 'stopped';

type Pending<T> = Map<number, { resolve: (value: T) => void; reject: (error: Error) => void }>;

/**
 * Committed transactions kept in memory for DIFF syncs (`zookeeper.commitLogCount`, 500); a follower
 * further behind gets a SNAP.
 */
const commitLogCount = 500;
/** Compact the stored log into a snapshot after this many transactions. */
const snapshotEvery = 5_000;

export class ZooKeeperServer extends TypedEmitter<{ state: [] }> implements PeerEndpoint, ConnectionHost {
  readonly id: number;
  readonly config: ZooKeeperServerConfig;
  readonly logger: Logger;
  readonly maxFrameBytes: number;
  readonly stats = new ServerStats();
  readonly quorum: number;
  #tree = new DataTree();
  #history: { base: bigint; entries: CommittedTxn[] } = { base: 0n, entries: [] };
  #sinceSnapshot = 0;
  #acceptedEpoch = 0;
  #currentEpoch = 0;
  readonly #watches = new WatchManager();
  readonly #connections = new Set<ClientConnection>();
  readonly #sessionConnections = new Map<bigint, ClientConnection>();
  readonly #touched = new Set<bigint>();
  readonly #election: Election;
  #role: ServerRole = 'stopped';
  #leader: Leader | undefined;
  #follower: Follower | undefined;
  /** Proposals logged as a follower and never committed: a new leader commits them. */
  #leftover: Proposal[] = [];
  #earlyFollowerInfo = new Map<number, PeerMessage>();
  #serving = false;
  #listener: Listener | undefined;
  #nextSessionId = 0n;
  #nextRequestId = 0;
  readonly #pendingWrites: Pending<WriteOutcome> = new Map();
  readonly #pendingSyncs: Pending<void> = new Map();
  readonly #pendingRevalidations: Pending<boolean> = new Map();

  private constructor(config: ZooKeeperServerConfig) {
    super();
    this.id = config.id;
    this.config = config;
    this.logger = config.logger;
    this.maxFrameBytes = config.maxFrameBytes ?? defaultMaxFrameBytes;
    this.quorum = Math.floor(config.members.length / 2) + 1;
    this.#election = new Election(
      {
        id: this.id,
        members: config.members.map((m) => m.id),
        quorum: this.quorum,
        loggedZxid: () => this.loggedZxid,
        acceptedEpoch: () => this.#acceptedEpoch,
        send: (to, message) => this.#send(to, message),
        rebroadcastMs: config.tickTimeMs,
        finalizeWaitMs: config.finalizeWaitMs,
      },
      (result) => this.#decided(result),
    );
  }

  /** Loads what storage holds, opens the client port, joins the peer network and looks for a leader. */
  static async start(config: ZooKeeperServerConfig): Promise<ZooKeeperServer> {
    const server = new ZooKeeperServer(config);
    await server.#load();
    server.#listener = await config.transport.listen(config.host, config.clientPort, (connection) => server.#accept(connection));
    server.updateConfigNode();
    // Java uses milliseconds of System.nanoTime() (time since boot), hence ids like 0x1000014a5110000.
    server.#nextSessionId = initialSessionId(server.id, Math.floor(performance.now()));
    server.#role = 'looking';
    config.network.join(server.id, server);
    server.logger.info(`started on ${config.host}:${server.clientPort}, last zxid 0x${server.#tree.lastZxid.toString(16)}; LOOKING`);
    server.#election.start();
    server.emit('state');
    return server;
  }

  /**
   * Rewrites `/zookeeper/config` from the membership (a local write, as on a real member). Called at
   * start, after a SNAP replaced the tree, and by the ensemble when a member's port became known.
   */
  updateConfigNode(): void {
    const members = this.config.members.map((m) => (m.id === this.id ? { id: m.id, clientPort: this.clientPort } : m));
    this.#tree.setConfig(new TextEncoder().encode(membershipLines(this.config.host, members).join('\n')), Date.now());
  }

  get clientPort(): number {
    return this.#listener?.port ?? this.config.clientPort;
  }

  get role(): ServerRole {
    return this.#role;
  }

  get serving(): boolean {
    return this.#serving;
  }

  get lastZxid(): bigint {
    return this.#tree.lastZxid;
  }

  /** Last zxid logged, proposals not yet committed included: what elections compare. */
  get loggedZxid(): bigint {
    const pending = this.#follower?.pending.at(-1)?.zxid ?? this.#leader?.pending.at(-1)?.zxid ?? this.#leftover.at(-1)?.zxid ?? 0n;
    return pending > this.#tree.lastZxid ? pending : this.#tree.lastZxid;
  }

  /** The epoch of the leader this member last followed or led. */
  get epoch(): number {
    return this.#currentEpoch;
  }

  get tree(): DataTree {
    return this.#tree;
  }

  get watches(): WatchManager {
    return this.#watches;
  }

  get sessionCount(): number {
    return this.#tree.sessionIds().length;
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Graceful stop: connections closed, storage flushed, peers told at once. */
  async stop(): Promise<void> {
    await this.#shutdown(false);
  }

  /** Abrupt stop, as `kill -9`: connections reset, nothing flushed. */
  async kill(): Promise<void> {
    await this.#shutdown(true);
  }

  async #shutdown(abrupt: boolean): Promise<void> {
    if (this.#role === 'stopped') return;
    this.logger.info(abrupt ? 'killed' : 'shutting down');
    this.#endRole();
    this.#role = 'stopped';
    this.#election.stop();
    this.config.network.leave(this.id, this);
    this.#stopServing(abrupt ? 'server killed' : 'server shutting down', abrupt);
    await this.#listener?.close();
    if (!abrupt) await this.config.storage.close();
    this.emit('state');
  }

  // ---- storage -------------------------------------------------------------------------------

  async #load(): Promise<void> {
    const stored = await this.config.storage.load();
    if (!stored) return;
    this.#tree = stored.snapshot ? DataTree.fromSnapshot(stored.snapshot) : new DataTree();
    this.#history = { base: this.#tree.lastZxid, entries: [] };
    for (const entry of stored.log) {
      if (entry.zxid <= this.#tree.lastZxid && entry.txn.type !== 'epoch') continue;
      this.#tree.apply(entry);
      this.#history.entries.push(entry);
    }
    this.#acceptedEpoch = stored.acceptedEpoch;
    this.#currentEpoch = stored.currentEpoch;
    this.logger.info(`loaded ${this.#tree.nodeCount - 1} znodes and ${stored.log.length} logged transactions from storage`);
  }

  #logProposal(proposal: Proposal): void {
    this.config.storage.append([{ zxid: proposal.zxid, time: proposal.time, txn: proposal.txn }]);
  }

  #saveEpochs(epoch: number): void {
    this.#acceptedEpoch = epoch;
    this.#currentEpoch = epoch;
    this.config.storage.saveEpochs(epoch, epoch);
  }

  // ---- applying committed transactions -------------------------------------------------------

  #applyCommitted(proposal: Proposal): void {
    const events: TreeEvent[] = [];
    const entry: CommittedTxn = { zxid: proposal.zxid, time: proposal.time, txn: proposal.txn };
    const result = this.#tree.apply(entry, events);
    this.#remember(entry);
    this.#watches.trigger(events);
    const { txn } = proposal;
    const mine = proposal.origin?.server === this.id;
    if (txn.type === 'closeSession') {
      const connection = this.#sessionConnections.get(txn.sessionId);
      if (connection && !mine) {
        this.#sessionConnections.delete(txn.sessionId);
        connection.close(`session ${hexId(txn.sessionId)} expired`);
      }
    }
    if (mine && proposal.origin) this.#settle(this.#pendingWrites, proposal.origin.request, { result });
  }

  #remember(entry: CommittedTxn): void {
    const history = this.#history;
    history.entries.push(entry);
    if (history.entries.length > 2 * commitLogCount) {
      const dropped = history.entries.splice(0, history.entries.length - commitLogCount);
      history.base = dropped[dropped.length - 1].zxid;
    }
    if (++this.#sinceSnapshot >= snapshotEvery) {
      this.#sinceSnapshot = 0;
      this.config.storage.saveSnapshot(this.#tree.snapshot());
    }
  }

  #applySync(message: Extract<PeerMessage, { type: 'sync' }>): void {
    const storage = this.config.storage;
    if (message.mode === 'snap' && message.snapshot) {
      this.#tree = DataTree.fromSnapshot(message.snapshot);
      this.updateConfigNode();
      this.#history = { base: this.#tree.lastZxid, entries: [] };
      storage.saveSnapshot(message.snapshot);
      storage.truncateAfter(message.snapshot.lastZxid);
    } else {
      storage.truncateAfter(this.#tree.lastZxid);
      for (const entry of message.txns) {
        this.#tree.apply(entry);
        this.#remember(entry);
      }
      storage.append(message.txns);
    }
    this.#leftover = [];
    this.#saveEpochs(message.epoch);
  }

  // ---- roles ---------------------------------------------------------------------------------

  #decided(result: ElectionResult): void {
    if (this.#role !== 'looking') return;
    if (result.leader === this.id) {
      const epoch = Math.max(result.maxAcceptedEpoch, this.#acceptedEpoch, zxidEpoch(this.loggedZxid)) + 1;
      this.#saveEpochs(epoch);
      this.#role = 'leading';
      this.#leader = new Leader(this.#leaderContext(), epoch);
      const leftover = this.#leftover;
      this.#leftover = [];
      this.#leader.start(leftover);
      this.#election.settle(this.id, this.#tree.lastZxid);
      for (const [from, message] of this.#earlyFollowerInfo) this.#leader.receive(from, message);
    } else {
      this.#role = 'following';
      this.#election.settle(result.leader, this.loggedZxid);
      this.#follower = new Follower(this.#followerContext(), result.leader);
      this.#follower.start();
    }
    this.#earlyFollowerInfo.clear();
    this.emit('state');
  }

  #endRole(): void {
    if (this.#follower) {
      this.#leftover = [...this.#follower.pending];
      this.#follower.stop();
      this.#follower = undefined;
    }
    if (this.#leader) {
      this.#leftover = this.#leader.pending.map(({ zxid, time, txn }) => ({ zxid, time, txn }));
      this.#leader.stop();
      this.#leader = undefined;
    }
  }

  #lookForLeader(reason: string): void {
    if (this.#role === 'stopped') return;
    this.logger.warn(`${reason}; LOOKING`);
    this.#endRole();
    this.#role = 'looking';
    this.#stopServing(`not serving: ${reason}`, false);
    this.#election.start();
    this.emit('state');
  }

  #startServing(): void {
    if (this.#serving) return;
    this.#serving = true;
    this.logger.info(`serving clients as ${this.#role === 'leading' ? 'leader' : 'follower'} (zxid 0x${this.#tree.lastZxid.toString(16)})`);
    this.emit('state');
  }

  #stopServing(reason: string, abrupt: boolean): void {
    const wasServing = this.#serving;
    this.#serving = false;
    for (const connection of [...this.#connections]) {
      if (abrupt) connection.destroy();
      else connection.close(reason);
    }
    this.#sessionConnections.clear();
    this.#touched.clear();
    const error = new Error(reason);
    for (const pending of [this.#pendingWrites, this.#pendingSyncs, this.#pendingRevalidations] as Array<Pending<unknown>>) {
      for (const { reject } of pending.values()) reject(error);
      pending.clear();
    }
    if (wasServing) this.emit('state');
  }

  #commonContext() {
    const config = this.config;
    return {
      id: this.id,
      tickTimeMs: config.tickTimeMs,
      initLimit: config.initLimit,
      syncLimit: config.syncLimit,
      logger: this.logger,
      send: (to: number, message: PeerMessage) => this.#send(to, message),
      logProposal: (proposal: Proposal) => this.#logProposal(proposal),
      applyCommitted: (proposal: Proposal) => this.#applyCommitted(proposal),
      resolveLocalSync: (id: number) => this.#settle(this.#pendingSyncs, id, undefined),
      sessionMoved: (sessionId: bigint) => this.#sessionMoved(sessionId),
      stepDown: (reason: string) => this.#lookForLeader(reason),
    };
  }

  #leaderContext(): LeaderContext {
    return {
      ...this.#commonContext(),
      members: this.config.members.map((m) => m.id),
      quorum: this.quorum,
      tree: () => this.#tree,
      history: () => this.#history,
      established: () => {
        this.logger.info(`leader of epoch ${this.#leader?.epoch} established with a quorum`);
        this.#startServing();
      },
      recordProposal: (bytes: number) => this.stats.recordProposal(bytes),
    };
  }

  #followerContext(): FollowerContext {
    return {
      ...this.#commonContext(),
      appliedZxid: () => this.#tree.lastZxid,
      acceptedEpoch: () => this.#acceptedEpoch,
      applySync: (message) => this.#applySync(message),
      resolveRevalidate: (id, valid) => this.#settle(this.#pendingRevalidations, id, valid),
      takeTouchedSessions: () => {
        const touched = [...this.#touched];
        this.#touched.clear();
        return touched;
      },
      uptodate: () => this.#startServing(),
    };
  }

  // ---- peer network --------------------------------------------------------------------------

  #send(to: number, message: PeerMessage): void {
    this.config.network.send(this.id, to, message);
  }

  receive(from: number, message: PeerMessage): void {
    if (this.#role === 'stopped') return;
    if (message.type === 'vote') {
      if (this.#role === 'looking') {
        this.#election.receive(from, message);
        // A looking peer with a worse vote in our round missed ours (we broadcast it while it still
        // followed someone): tell it now, not at the next rebroadcast a tick away.
        const election = this.#election;
        if (this.#role === 'looking' && election.running && message.state === 'looking' && message.round === election.round && betterVote(election.vote, message.vote)) {
          this.#send(from, election.notification('looking'));
        }
      } else if (message.state === 'looking') this.#send(from, this.#election.notification(this.#role === 'leading' ? 'leading' : 'following'));
      return;
    }
    if (this.#leader) this.#leader.receive(from, message);
    else if (this.#follower) this.#follower.receive(from, message);
    else if (message.type === 'follower-info') this.#earlyFollowerInfo.set(from, message);
  }

  /**
   * A link just opened, so nothing sent to `id` before reached it. A member looking for a leader tells
   * it its vote (it missed the broadcasts); a follower that chose `id` as leader (from the others'
   * votes) before having a link to it announces itself again, now, instead of a tick later.
   */
  peerUp(id: number): void {
    if (this.#role === 'looking' && this.#election.running) this.#send(id, this.#election.notification('looking'));
    else if (this.#follower?.leaderId === id && !this.#serving) {
      this.#follower.stop();
      this.#follower = new Follower(this.#followerContext(), id);
      this.#follower.start();
    }
  }

  peerDown(id: number): void {
    if (this.#leader) this.#leader.peerDown(id);
    else if (this.#follower) this.#follower.peerDown(id);
    else if (this.#role === 'looking' && this.#election.vote.leader === id) this.#election.start();
  }

  // ---- clients -------------------------------------------------------------------------------

  #accept(connection: Connection): void {
    if (this.#role === 'stopped') {
      connection.destroy();
      return;
    }
    const client = new ClientConnection(connection, this, this.config.maxSessionTimeoutMs);
    this.#connections.add(client);
  }

  async openSession(connection: ClientConnection, request: ConnectRequest): Promise<OpenedSession | undefined> {
    const { minSessionTimeoutMs: min, maxSessionTimeoutMs: max } = this.config;
    const timeoutMs = Math.min(Math.max(request.timeOut, min), max);
    let sessionId = request.sessionId;
    if (sessionId === 0n) {
      do sessionId = this.#nextSessionId++;
      while (this.#tree.session(sessionId));
      await this.#submit(OpCode.createSession, { sessionId, timeoutMs }, sessionId, []);
      this.logger.info(`established session ${hexId(sessionId)} with negotiated timeout ${timeoutMs} for client ${connection.remote}`);
    } else {
      if (!passwordMatches(sessionId, request.passwd)) return undefined;
      if (!(await this.#revalidate(sessionId, timeoutMs))) {
        this.logger.info(`client ${connection.remote} tried to renew expired session ${hexId(sessionId)}`);
        return undefined;
      }
      this.logger.info(`re-established session ${hexId(sessionId)} for client ${connection.remote}`);
    }
    if (!connection.isOpen) return undefined;
    const previous = this.#sessionConnections.get(sessionId);
    if (previous && previous !== connection) previous.close('the session re-attached on a new connection');
    this.#sessionConnections.set(sessionId, connection);
    return { sessionId, timeoutMs, passwd: sessionPassword(sessionId) };
  }

  submitWrite(session: ClientSession, op: number, request: unknown): Promise<WriteOutcome> {
    return this.#submit(op, request, session.sessionId, session.authIds);
  }

  #submit(op: number, request: unknown, sessionId: bigint, authIds: ClientSession['authIds']): Promise<WriteOutcome> {
    if (!this.#serving) return Promise.reject(new Error('this server is not currently serving requests'));
    const id = ++this.#nextRequestId;
    const promise = new Promise<WriteOutcome>((resolve, reject) => this.#pendingWrites.set(id, { resolve, reject }));
    if (this.#leader) this.#leader.submit({ from: this.id, id, op, request, sessionId, authIds });
    else this.#follower?.forward({ type: 'request', id, op, request, sessionId, authIds: [...authIds] });
    return promise;
  }

  #revalidate(sessionId: bigint, timeoutMs: number): Promise<boolean> {
    if (!this.#serving) return Promise.reject(new Error('this server is not currently serving requests'));
    if (this.#leader) return Promise.resolve(this.#leader.revalidate(sessionId, timeoutMs, this.id));
    const id = ++this.#nextRequestId;
    const promise = new Promise<boolean>((resolve, reject) => this.#pendingRevalidations.set(id, { resolve, reject }));
    this.#follower?.forward({ type: 'revalidate', id, sessionId, timeoutMs });
    return promise;
  }

  #syncWithLeader(): Promise<void> {
    if (!this.#serving) return Promise.reject(new Error('this server is not currently serving requests'));
    const id = ++this.#nextRequestId;
    const promise = new Promise<void>((resolve, reject) => this.#pendingSyncs.set(id, { resolve, reject }));
    if (this.#leader) this.#leader.sync(this.id, id);
    else this.#follower?.forward({ type: 'sync-request', id });
    return promise;
  }

  #settle<T>(pending: Pending<T>, id: number, value: T): void {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    entry.resolve(value);
  }

  #sessionMoved(sessionId: bigint): void {
    const connection = this.#sessionConnections.get(sessionId);
    if (!connection) return;
    this.#sessionConnections.delete(sessionId);
    connection.close(`session ${hexId(sessionId)} moved to another server`);
  }

  env(session: ClientSession): SessionEnv {
    return { tree: this.#tree, watches: this.#watches, session, syncWithLeader: () => this.#syncWithLeader() };
  }

  touch(sessionId: bigint): void {
    if (this.#leader) this.#leader.touch(sessionId);
    else this.#touched.add(sessionId);
  }

  connectionClosed(connection: ClientConnection): void {
    this.#connections.delete(connection);
    this.#watches.removeWatcher(connection);
    if (this.#sessionConnections.get(connection.sessionId) === connection) this.#sessionConnections.delete(connection.sessionId);
  }

  fault(op: number, request: unknown, sessionId: bigint): FaultOutcome | undefined {
    return this.config.fault?.(this.id, op, request, sessionId);
  }

  recordLatency(ms: number): void {
    this.stats.recordLatency(ms);
  }

  fourLetterWord(command: string): string {
    return answerFourLetterWord(command as FourLetterWord, this.fourLetterSource());
  }

  fourLetterSource(): FourLetterSource {
    const connections = [...this.#connections].map((c) => ({
      remote: c.remote,
      interest: c.fourLetterWord ? 0 : 1,
      outstanding: c.outstanding,
      received: c.counters.received,
      sent: c.counters.sent,
      sessionId: c.sessionId,
      lastOp: c.counters.lastOp,
      establishedAt: c.establishedAt,
      timeoutMs: c.sessionTimeoutMs,
      lastCxid: c.counters.lastCxid,
      lastZxid: c.counters.lastZxid,
      lastResponseAt: c.counters.lastResponseAt,
      lastLatency: c.counters.lastLatency,
      minLatency: c.counters.minLatency,
      avgLatency: c.counters.count === 0 ? 0 : Math.round(c.counters.totalLatency / c.counters.count),
      maxLatency: c.counters.maxLatency,
    }));
    const config = this.config;
    return {
      serving: this.#serving,
      mode: this.#role === 'leading' ? 'leader' : this.#role === 'following' ? 'follower' : this.#role,
      serverId: this.id,
      clientPort: this.clientPort,
      host: config.host,
      tickTimeMs: config.tickTimeMs,
      minSessionTimeoutMs: config.minSessionTimeoutMs,
      maxSessionTimeoutMs: config.maxSessionTimeoutMs,
      initLimit: config.initLimit,
      syncLimit: config.syncLimit,
      lastZxid: this.#tree.lastZxid,
      nodeCount: this.#tree.nodeCount,
      watchCount: this.#watches.count,
      dataWatches: this.#watches.dataWatchSummary,
      dataWatchesByPath: () => this.#watches.dataWatchesBy('path') as Map<string, string[]>,
      dataWatchesBySession: () => this.#watches.dataWatchesBy('session') as Map<bigint, string[]>,
      sessions: this.#tree.sessionIds().map((sessionId) => ({ sessionId, timeoutMs: this.#tree.session(sessionId)?.timeoutMs ?? 0 })),
      sessionDeadlines: this.#leader?.sessionDeadlines,
      ephemerals: this.#tree
        .sessionIds()
        .map((sessionId) => ({ sessionId, paths: this.#tree.ephemeralsOf(sessionId).sort() }))
        .filter((e) => e.paths.length > 0),
      ephemeralsCount: this.#tree.ephemeralCount,
      approximateDataSize: this.#tree.approximateDataSize,
      globalSessions: this.sessionCount,
      packetsReceived: this.stats.packetsReceived,
      packetsSent: this.stats.packetsSent,
      minLatency: this.stats.minLatency,
      avgLatency: this.stats.avgLatency,
      maxLatency: this.stats.maxLatency,
      outstanding: connections.reduce((n, c) => n + c.outstanding, 0),
      uptimeMs: Date.now() - this.stats.startedAt,
      connections,
      proposalSizes: { last: this.stats.proposalLast, min: this.stats.proposalMin, max: this.stats.proposalMax },
      responseSizes: { last: this.stats.responseLast, min: this.stats.responseMin, max: this.stats.responseMax },
      learners: this.#leader?.learners,
      members: config.members.map((m) => ({ ...m })),
      storage: () => config.storage.usage?.() ?? { dataDir: '(unknown)', dataLogDir: '(unknown)', dataDirBytes: 0, logDirBytes: 0 },
      resetStats: () => this.stats.reset(),
      resetConnectionStats: () => {
        for (const connection of this.#connections) connection.resetStats();
      },
    };
  }
}
