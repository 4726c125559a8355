/**
 * The embedded ZooKeeper ensemble: N members (default 3, ids 1..N) on `127.0.0.1:12181/22181/32181`,
 * talking to each other in-process (`PeerNetwork`) and to clients over the given `Transport` with the
 * real client protocol, so zkCli.sh, kazoo and node-zookeeper-client work against it.
 *
 * Control: `stopNode` (graceful), `killNode` (abrupt), `startNode` (rejoins and catches up before
 * serving), `isolateNode` / `healNode` (a network partition between one member and its peers). A
 * member keeps its "disk" across restarts (in memory by default, or `options.storage`).
 * Events: `leader` when a leader is established, `quorum-lost` when the ensemble cannot serve
 * (fewer than a quorum of members running, or no leader for two ticks), `quorum-regained` after that,
 * and `node-state` on any member change.
 */
import type { Logger } from '../logger.ts';
import { silentLogger } from '../logger.ts';
import type { Transport } from '../transport/transport.ts';
import { TypedEmitter } from '../typed-emitter.ts';
import type { FaultOutcome } from './server/client-connection.ts';
import { PeerNetwork } from './server/peer-network.ts';
import { MemoryStorage } from './server/storage.ts';
import type { ZooKeeperStorage } from './server/storage.ts';
import { ZooKeeperServer } from './server/zookeeper-server.ts';

export interface ZooKeeperEnsembleOptions {
  transport: Transport;
  /** Client port address. Default `127.0.0.1`. */
  host?: string;
  /** One client port per member; 0 picks a free port (kept across restarts). Default `[12181, 22181, 32181]`. */
  clientPorts?: number[];
  /** ZooKeeper's tickTime. Default 500 ms (a real server's is 2000): sessions 1 s..10 s, failover well under a second. */
  tickTimeMs?: number;
  /** Default `2 * tickTime`. */
  minSessionTimeoutMs?: number;
  /** Default `20 * tickTime`. */
  maxSessionTimeoutMs?: number;
  logger?: Logger;
  /** Per-member persistence; default keeps each member's data in memory for the ensemble's lifetime. */
  storage?: (id: number) => ZooKeeperStorage;
  /** Ticks for a follower to sync (default 10) and to stay silent (default 5), as initLimit/syncLimit. */
  initLimit?: number;
  syncLimit?: number;
  /** How long a settled election vote waits for a better one. Default 20 ms. */
  finalizeWaitMs?: number;
}

export type ZooKeeperMode = 'leader' | 'follower' | 'looking' | 'stopped';

export interface ZooKeeperNodeStatus {
  id: number;
  /** `zookeeper-1`. */
  name: string;
  host: string;
  clientPort: number;
  running: boolean;
  mode: ZooKeeperMode;
  /** True when the member answers clients (it has a leader with a quorum and is synced). */
  serving: boolean;
  lastZxid: bigint;
  /** Live sessions (ensemble-wide, as this member knows them). */
  sessions: number;
  /** znodes as srvr's "Node count" reports them. */
  znodes: number;
  /** Cut off from its peers by `isolateNode` (it still runs and listens on its client port). */
  isolated: boolean;
}

/**
 * A fault to inject into client requests (the `kfake` `ControlKey` idea): which requests it matches and
 * what happens to them — answer with an error code, answer late, or drop the connection.
 */
export interface ZooKeeperFault {
  /** Op code (`OpCode.getData`, ...); every op when omitted. */
  op?: number;
  /** Member id; every member when omitted. */
  member?: number;
  /** Only requests whose `path` field equals (string) or matches (RegExp) this. */
  path?: string | RegExp;
  outcome: FaultOutcome;
  /** How many matching requests to affect (default: until removed). */
  times?: number;
}

type EnsembleEvents = {
  leader: [id: number];
  'quorum-lost': [];
  'quorum-regained': [leaderId: number];
  'node-state': [status: ZooKeeperNodeStatus];
};

/** Thrown for control calls that cannot work, with a hint. */
export class ZooKeeperEnsembleError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string, options?: ErrorOptions) {
    super(`${message} (${hint})`, options);
    this.name = 'ZooKeeperEnsembleError';
    this.hint = hint;
  }
}

interface Slot {
  id: number;
  port: number;
  storage: ZooKeeperStorage;
  server: ZooKeeperServer | undefined;
  off?: () => void;
}

const modes = { leading: 'leader', following: 'follower', looking: 'looking', stopped: 'stopped' } as const;

export class ZooKeeperEnsemble extends TypedEmitter<EnsembleEvents> {
  readonly host: string;
  readonly tickTimeMs: number;
  readonly #options: ZooKeeperEnsembleOptions;
  readonly #logger: Logger;
  readonly #network = new PeerNetwork();
  readonly #slots: Slot[];
  readonly #members: Array<{ id: number; clientPort: number }>;
  #leaderId: number | undefined;
  #quorumLost = false;
  #noLeaderTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  readonly #faults = new Set<ZooKeeperFault>();
  /** Quorum events start once `start()` has resolved (members come up one by one before that). */
  #started = false;

  private constructor(options: ZooKeeperEnsembleOptions) {
    super();
    this.#options = options;
    this.host = options.host ?? '127.0.0.1';
    this.tickTimeMs = options.tickTimeMs ?? 500;
    this.#logger = options.logger ?? silentLogger;
    const ports = options.clientPorts ?? [12181, 22181, 32181];
    if (ports.length === 0) throw new ZooKeeperEnsembleError('an ensemble needs at least one member', 'pass clientPorts with one port per member');
    this.#slots = ports.map((port, i) => ({ id: i + 1, port, storage: options.storage?.(i + 1) ?? new MemoryStorage(), server: undefined }));
    this.#members = this.#slots.map((s) => ({ id: s.id, clientPort: s.port }));
  }

  /** Starts every member; resolves once a leader has a quorum and every member serves. */
  static async start(options: ZooKeeperEnsembleOptions): Promise<ZooKeeperEnsemble> {
    const ensemble = new ZooKeeperEnsemble(options);
    try {
      await Promise.all(ensemble.#slots.map((slot) => ensemble.#startSlot(slot)));
      await ensemble.#waitFor(() => ensemble.#slots.every((s) => s.server?.serving), 10_000 + 20 * ensemble.tickTimeMs, 'every member serving');
      ensemble.#started = true;
    } catch (error) {
      await ensemble.close();
      throw error;
    }
    return ensemble;
  }

  status(): ZooKeeperNodeStatus[] {
    return this.#slots.map((slot) => this.#status(slot));
  }

  /** `127.0.0.1:12181,127.0.0.1:22181,127.0.0.1:32181` (real ports when 0 was asked for). */
  connectString(): string {
    return this.#slots.map((slot) => `${this.host}:${slot.port}`).join(',');
  }

  /** The established leader's id, if any. */
  leaderId(): number | undefined {
    return this.#leaderId;
  }

  /** The member object (for tests and tools that need its tree or 4lw answers). */
  server(id: number): ZooKeeperServer | undefined {
    return this.#slot(id).server;
  }

  /** The in-process network between members (tests use it to isolate one). */
  get network(): PeerNetwork {
    return this.#network;
  }

  async stopNode(id: number): Promise<void> {
    await this.#slot(id).server?.stop();
  }

  async killNode(id: number): Promise<void> {
    await this.#slot(id).server?.kill();
  }

  async startNode(id: number): Promise<void> {
    const slot = this.#slot(id);
    if (slot.server && slot.server.role !== 'stopped') return;
    await this.#startSlot(slot);
  }

  /**
   * A network partition around member `id`: it keeps running and serving its client port, but nothing
   * passes between it and its peers (across restarts too) until `healNode`. Nobody is told: a leader
   * steps down, and followers look for a new leader, after `syncLimit` ticks of silence.
   */
  isolateNode(id: number): void {
    const slot = this.#slot(id);
    this.#network.isolate(id);
    this.#changed(slot);
  }

  /** Ends `isolateNode`: the member rejoins (links that lost messages meanwhile reset, as TCP would). */
  healNode(id: number): void {
    const slot = this.#slot(id);
    this.#network.heal(id);
    this.#changed(slot);
  }

  /**
   * Makes matching client requests fail, slow down or drop their connection, until the returned
   * function is called (or `times` requests were hit). For labs such as "what does Kafka do when
   * ZooKeeper answers slowly?".
   */
  injectFault(fault: ZooKeeperFault): () => void {
    const entry = { ...fault };
    this.#faults.add(entry);
    return () => this.#faults.delete(entry);
  }

  #faultFor(member: number, op: number, request: unknown): FaultOutcome | undefined {
    for (const fault of this.#faults) {
      if (fault.member !== undefined && fault.member !== member) continue;
      if (fault.op !== undefined && fault.op !== op) continue;
      if (fault.path !== undefined) {
        const path = (request as { path?: unknown } | null)?.path;
        if (typeof path !== 'string') continue;
        if (typeof fault.path === 'string' ? fault.path !== path : !fault.path.test(path)) continue;
      }
      if (fault.times !== undefined && --fault.times <= 0) this.#faults.delete(fault);
      return fault.outcome;
    }
    return undefined;
  }

  /** Resolves when a leader is established and a quorum of members serves. */
  async waitForQuorum(timeoutMs = 10_000): Promise<void> {
    const quorum = Math.floor(this.#slots.length / 2) + 1;
    await this.#waitFor(() => this.#leaderId !== undefined && this.#slots.filter((s) => s.server?.serving).length >= quorum, timeoutMs, 'a quorum');
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#noLeaderTimer);
    await Promise.all(this.#slots.map((slot) => slot.server?.stop()));
    for (const slot of this.#slots) slot.off?.();
  }

  #slot(id: number): Slot {
    const slot = this.#slots.find((s) => s.id === id);
    if (!slot) {
      throw new ZooKeeperEnsembleError(`no ZooKeeper member ${id}`, `members are ${this.#slots.map((s) => s.id).join(', ')}`);
    }
    return slot;
  }

  async #startSlot(slot: Slot): Promise<void> {
    if (this.#closed) throw new ZooKeeperEnsembleError('the ensemble is closed', 'start a new ensemble');
    slot.off?.();
    let server: ZooKeeperServer;
    try {
      server = await ZooKeeperServer.start({
        id: slot.id,
        members: this.#members,
        transport: this.#options.transport,
        host: this.host,
        clientPort: slot.port,
        network: this.#network,
        storage: slot.storage,
        tickTimeMs: this.tickTimeMs,
        minSessionTimeoutMs: this.#options.minSessionTimeoutMs ?? 2 * this.tickTimeMs,
        maxSessionTimeoutMs: this.#options.maxSessionTimeoutMs ?? 20 * this.tickTimeMs,
        initLimit: this.#options.initLimit ?? 10,
        syncLimit: this.#options.syncLimit ?? 5,
        finalizeWaitMs: this.#options.finalizeWaitMs ?? 20,
        logger: this.#logger.child(`zookeeper-${slot.id}`),
        fault: (member, op, request) => (this.#faults.size === 0 ? undefined : this.#faultFor(member, op, request)),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ZooKeeperEnsembleError(`zookeeper-${slot.id} could not listen on ${this.host}:${slot.port}: ${message}`, 'free the port or pass clientPorts with 0 for any free port', {
        cause: error,
      });
    }
    slot.server = server;
    slot.port = server.clientPort;
    this.#members[slot.id - 1].clientPort = server.clientPort;
    for (const other of this.#slots) if (other.server && other.server.role !== 'stopped') other.server.updateConfigNode();
    slot.off = server.on('state', () => this.#changed(slot));
    this.#changed(slot);
  }

  #changed(slot: Slot): void {
    this.emit('node-state', this.#status(slot));
    const leader = this.#slots.find((s) => s.server?.role === 'leading' && s.server.serving);
    const running = this.#slots.filter((s) => s.server && s.server.role !== 'stopped').length;
    const quorum = Math.floor(this.#slots.length / 2) + 1;
    if (leader) {
      clearTimeout(this.#noLeaderTimer);
      this.#noLeaderTimer = undefined;
      if (this.#leaderId !== leader.id) {
        this.#leaderId = leader.id;
        this.#logger.info(`zookeeper-${leader.id} is the leader`);
        this.emit('leader', leader.id);
      }
      if (this.#quorumLost) {
        this.#quorumLost = false;
        this.emit('quorum-regained', leader.id);
      }
      return;
    }
    this.#leaderId = undefined;
    if (this.#quorumLost || this.#closed || !this.#started) return;
    if (running < quorum) return this.#loseQuorum(`${running} of ${this.#slots.length} members running`);
    // A leader change takes a moment; only a lasting absence counts as a lost quorum.
    this.#noLeaderTimer ??= setTimeout(() => {
      this.#noLeaderTimer = undefined;
      if (this.#leaderId === undefined && !this.#closed) this.#loseQuorum('no leader elected within two ticks');
    }, 2 * this.tickTimeMs);
  }

  #loseQuorum(reason: string): void {
    clearTimeout(this.#noLeaderTimer);
    this.#noLeaderTimer = undefined;
    this.#quorumLost = true;
    this.#logger.warn(`ZooKeeper quorum lost: ${reason}`);
    this.emit('quorum-lost');
  }

  #status(slot: Slot): ZooKeeperNodeStatus {
    const server = slot.server;
    const running = server !== undefined && server.role !== 'stopped';
    return {
      id: slot.id,
      name: `zookeeper-${slot.id}`,
      host: this.host,
      clientPort: slot.port,
      running,
      mode: server ? modes[server.role] : 'stopped',
      serving: server?.serving ?? false,
      lastZxid: server?.lastZxid ?? 0n,
      sessions: server?.sessionCount ?? 0,
      znodes: server?.tree.nodeCount ?? 0,
      isolated: this.#network.isolated(slot.id),
    };
  }

  #waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const offs: Array<() => void> = [];
      const done = (error?: Error) => {
        clearTimeout(timer);
        for (const off of offs) off();
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(
        () => done(new ZooKeeperEnsembleError(`timed out after ${timeoutMs} ms waiting for ${what}`, `member states: ${this.status().map((s) => `${s.name}=${s.mode}${s.serving ? '' : ' (not serving)'}`).join(', ')}`)),
        timeoutMs,
      );
      offs.push(this.on('node-state', () => condition() && done()));
    });
  }
}
