/**
 * The network between ensemble members when each member is its own process (`kafkalab node zookeeper`,
 * one per container): real connections over a `Transport` (TCP in Node; browser-safe itself), carrying
 * our own frames (`peer-frames.ts`: length-prefixed JSON, not ZooKeeper's wire protocol).
 *
 * - One listener, on the member's quorum port (`server.N=host:quorumPort:electionPort`). Election
 *   notifications and ZAB traffic share it; the election port is only shown in `conf`, nothing listens
 *   there.
 * - One connection per pair of members, dialled by the member with the higher id, as ZooKeeper's
 *   `QuorumCnxManager` keeps only the connection from the higher id. The dialler reconnects with
 *   backoff (50 ms doubling to 1 s) by host name, so a peer that is not up yet, or whose name does not
 *   resolve yet, is simply tried again.
 * - A connection is a link once both hellos have passed (each side names itself and the member it
 *   expects); then both ends hear `peerUp`. It delivers in order or breaks, and when it breaks both ends
 *   hear `peerDown` (the contract of the in-process `PeerNetwork`). A message sent while there is no
 *   link is dropped, as in-process messages to a member that is not running are.
 * - A malformed frame (or a message the member fails to handle) closes that link only.
 * - Each end sends an empty frame every `heartbeatMs` and closes a link it has heard nothing on for
 *   `silenceLimitMs`, so a peer that vanished without closing its connections (paused, partitioned
 *   away) costs a link reset, not a link that looks up for as long as TCP keeps trying.
 */
import type { Logger } from '../../logger.ts';
import { FrameReader } from '../../transport/frame-reader.ts';
import type { Connection, Listener, Transport } from '../../transport/transport.ts';
import { decodeHello, decodePeerMessage, encodePeerFrame, maxPeerFrameBytes, peerProtocol } from './peer-frames.ts';
import type { PeerEndpoint, QuorumNetwork } from './peer-network.ts';
import type { PeerMessage } from './quorum-messages.ts';

/** Where a member's peers reach it. */
export interface PeerAddress {
  id: number;
  host: string;
  port: number;
}

export interface TransportPeerNetworkOptions {
  transport: Transport;
  /** This member's id. */
  id: number;
  /** Address the quorum listener binds (this member's host, or `0.0.0.0`). */
  listenHost: string;
  /** This member's quorum port (0 picks a free one: tests). */
  listenPort: number;
  /** Every other member. */
  peers: readonly PeerAddress[];
  logger: Logger;
  /** First and longest wait between two dial attempts. Default 50 ms and 1000 ms. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Empty frame period, and how long a silent link (or a connection without a hello) lives. Default 1 s and 10 s. */
  heartbeatMs?: number;
  silenceLimitMs?: number;
}

/** An empty frame: says "still here", carries nothing for the member. */
const heartbeat = new Uint8Array(4);

/** An open connection to one peer: `up` once both hellos have passed. */
interface Link {
  peer: number;
  connection: Connection;
  up: boolean;
  /** When a frame last arrived (or the connection opened). */
  heardAt: number;
}

/** The dialling side of one lower-id peer: its current link and the reconnect schedule. */
interface Dialer {
  address: PeerAddress;
  link: Link | undefined;
  backoffMs: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Last dial failure logged (logged again only when it changes). */
  lastFailure: string | undefined;
}

export class TransportPeerNetwork implements QuorumNetwork {
  readonly id: number;
  readonly #options: TransportPeerNetworkOptions;
  readonly #logger: Logger;
  readonly #minBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #heartbeatMs: number;
  readonly #silenceLimitMs: number;
  #heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  readonly #peers: Map<number, PeerAddress>;
  /** The link in use per peer (dialled by us or accepted), once up. */
  readonly #links = new Map<number, Link>();
  readonly #dialers = new Map<number, Dialer>();
  /** Accepted connections, hello pending or up. */
  readonly #accepted = new Set<Link>();
  readonly #warned = new Set<string>();
  #listener: Listener | undefined;
  #endpoint: PeerEndpoint | undefined;
  #closed = false;

  private constructor(options: TransportPeerNetworkOptions) {
    this.#options = options;
    this.id = options.id;
    this.#logger = options.logger;
    this.#minBackoffMs = options.minBackoffMs ?? 50;
    this.#maxBackoffMs = options.maxBackoffMs ?? 1000;
    this.#heartbeatMs = options.heartbeatMs ?? 1000;
    this.#silenceLimitMs = options.silenceLimitMs ?? 10_000;
    this.#peers = new Map(options.peers.map((p) => [p.id, p]));
  }

  /** Binds the quorum port. Connections are accepted, and peers dialled, once a member has joined. */
  static async start(options: TransportPeerNetworkOptions): Promise<TransportPeerNetwork> {
    const network = new TransportPeerNetwork(options);
    network.#listener = await options.transport.listen(options.listenHost, options.listenPort, (connection) => network.#accept(connection));
    return network;
  }

  /** The bound quorum port. */
  get port(): number {
    return this.#listener?.port ?? this.#options.listenPort;
  }

  /** Peers with an open link now. */
  connectedPeers(): number[] {
    return [...this.#links.keys()].sort((a, b) => a - b);
  }

  join(id: number, endpoint: PeerEndpoint): void {
    if (id !== this.id || this.#closed) return;
    this.#endpoint = endpoint;
    clearInterval(this.#heartbeatTimer);
    this.#heartbeatTimer = setInterval(() => this.#beat(), this.#heartbeatMs);
    for (const address of this.#peers.values()) {
      if (address.id >= this.id) continue;
      const dialer: Dialer = { address, link: undefined, backoffMs: this.#minBackoffMs, timer: undefined, lastFailure: undefined };
      this.#dialers.set(address.id, dialer);
      this.#dial(dialer);
    }
  }

  /** Closes every link (the peers hear `peerDown`) and stops dialling; the listener stays bound. */
  leave(id: number, endpoint: PeerEndpoint): void {
    if (id !== this.id || this.#endpoint !== endpoint) return;
    this.#endpoint = undefined;
    clearInterval(this.#heartbeatTimer);
    this.#heartbeatTimer = undefined;
    for (const dialer of this.#dialers.values()) {
      clearTimeout(dialer.timer);
      dialer.link?.connection.close();
    }
    this.#dialers.clear();
    for (const link of this.#accepted) link.connection.close();
    this.#accepted.clear();
    this.#links.clear();
  }

  send(from: number, to: number, message: PeerMessage): void {
    if (from !== this.id) return;
    const link = this.#links.get(to);
    if (link) link.connection.write(encodePeerFrame(message));
  }

  /** Leaves (if joined) and unbinds the quorum port. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#endpoint) this.leave(this.id, this.#endpoint);
    await this.#listener?.close();
  }

  // ---- dialling (peers with a lower id) --------------------------------------------------------

  #dial(dialer: Dialer): void {
    dialer.timer = undefined;
    const { address } = dialer;
    this.#options.transport.connect(address.host, address.port).then(
      (connection) => {
        if (this.#dialers.get(address.id) !== dialer) {
          connection.destroy();
          return;
        }
        const link: Link = { peer: address.id, connection, up: false, heardAt: Date.now() };
        dialer.link = link;
        connection.write(encodePeerFrame({ protocol: peerProtocol, from: this.id, to: address.id }));
        this.#read(link, (hello) => {
          if (hello.from !== address.id || hello.to !== this.id) {
            return `${address.host}:${address.port} answered as member ${hello.from} (expecting member ${address.id}) to member ${hello.to}: check ZOOKEEPER_SERVERS and ZOOKEEPER_SERVER_ID on both`;
          }
          dialer.backoffMs = this.#minBackoffMs;
          dialer.lastFailure = undefined;
          return undefined;
        });
        connection.onClose(() => {
          if (dialer.link === link) dialer.link = undefined;
          if (!link.up && link.peer === address.id) this.#dialFailed(dialer, 'it closed the connection before its hello; its log says why');
          this.#retry(dialer);
        });
      },
      (error: unknown) => {
        this.#dialFailed(dialer, error instanceof Error ? error.message : String(error));
        this.#retry(dialer);
      },
    );
  }

  /** Logs why a dial failed, once per reason in a row. */
  #dialFailed(dialer: Dialer, reason: string): void {
    const { address } = dialer;
    if (dialer.lastFailure === reason || this.#dialers.get(address.id) !== dialer) return;
    dialer.lastFailure = reason;
    this.#logger.info(`cannot reach member ${address.id} at ${address.host}:${address.port} yet (${reason}); retrying`);
  }

  #retry(dialer: Dialer): void {
    if (this.#dialers.get(dialer.address.id) !== dialer || dialer.timer) return;
    const wait = dialer.backoffMs;
    dialer.backoffMs = Math.min(this.#maxBackoffMs, dialer.backoffMs * 2);
    dialer.timer = setTimeout(() => this.#dial(dialer), wait);
  }

  // ---- accepting (peers with a higher id) ------------------------------------------------------

  #accept(connection: Connection): void {
    if (!this.#endpoint) {
      connection.destroy();
      return;
    }
    const link: Link = { peer: 0, connection, up: false, heardAt: Date.now() };
    this.#accepted.add(link);
    connection.onClose(() => this.#accepted.delete(link));
    this.#read(link, (hello) => {
      if (hello.to !== this.id) return `member ${hello.from} dialled member ${hello.to} but reached member ${this.id}: check ZOOKEEPER_SERVERS on member ${hello.from}`;
      if (!this.#peers.has(hello.from)) return `member ${hello.from} is not in this member's ensemble (${[...this.#peers.keys()].join(', ')} and ${this.id})`;
      if (hello.from < this.id) return `member ${hello.from} dialled member ${this.id}, but only members with a higher id dial: is ZOOKEEPER_SERVER_ID the same on both?`;
      link.peer = hello.from;
      connection.write(encodePeerFrame({ protocol: peerProtocol, from: this.id, to: hello.from }));
      return undefined;
    });
  }

  // ---- links ------------------------------------------------------------------------------------

  /**
   * Reads the hello (`check` returns why it is refused, or undefined), then messages. A link that came
   * up reports `peerUp`, and `peerDown` when it closes.
   */
  #read(link: Link, check: (hello: ReturnType<typeof decodeHello>) => string | undefined): void {
    const { connection } = link;
    const reader = new FrameReader(maxPeerFrameBytes);
    connection.onData((bytes) => {
      if (connection.closed) return;
      if (!this.#endpoint) {
        // The member left: what is still in flight on its closing connections goes nowhere.
        connection.destroy();
        return;
      }
      link.heardAt = Date.now();
      let frames: Uint8Array[];
      try {
        frames = reader.push(bytes);
      } catch (error) {
        return this.#malformed(link, error);
      }
      for (const payload of frames) {
        if (connection.closed) return;
        if (payload.length === 0) continue; // a heartbeat
        if (!link.up) {
          let refused: string | undefined;
          try {
            refused = check(decodeHello(payload));
          } catch (error) {
            return this.#malformed(link, error);
          }
          if (refused) {
            this.#warnOnce(refused);
            connection.destroy();
            return;
          }
          this.#up(link);
          continue;
        }
        let message: PeerMessage;
        try {
          message = decodePeerMessage(payload);
        } catch (error) {
          return this.#malformed(link, error);
        }
        try {
          this.#endpoint?.receive(link.peer, message);
        } catch (error) {
          this.#logger.error(`member ${link.peer}'s ${message.type} message could not be handled (${error instanceof Error ? error.message : String(error)}); resetting the link`);
          connection.destroy();
          return;
        }
      }
    });
    connection.onClose(() => this.#down(link));
  }

  #up(link: Link): void {
    const previous = this.#links.get(link.peer);
    link.up = true;
    this.#links.set(link.peer, link);
    if (previous && previous !== link) {
      // The peer reconnected before this end saw the old connection break (it restarted): the old link is gone.
      previous.up = false;
      previous.connection.destroy();
      this.#endpoint?.peerDown(link.peer);
    }
    this.#logger.info(`link to member ${link.peer} up (${link.connection.remote})`);
    this.#endpoint?.peerUp?.(link.peer);
  }

  #down(link: Link): void {
    if (!link.up) return;
    link.up = false;
    if (this.#links.get(link.peer) !== link) return;
    this.#links.delete(link.peer);
    this.#logger.info(`link to member ${link.peer} down`);
    this.#endpoint?.peerDown(link.peer);
  }

  /** Sends the heartbeat on every open connection and closes the ones silent for too long. */
  #beat(): void {
    const now = Date.now();
    const open = new Set<Link>([...this.#accepted, ...[...this.#dialers.values()].flatMap((d) => (d.link ? [d.link] : []))]);
    for (const link of open) {
      if (link.connection.closed) continue;
      if (now - link.heardAt > this.#silenceLimitMs) {
        const who = link.peer ? `member ${link.peer}` : link.connection.remote;
        this.#logger.warn(`nothing heard from ${who} for ${now - link.heardAt} ms; closing that link`);
        link.connection.destroy();
      } else if (link.up) {
        link.connection.write(heartbeat);
      }
    }
  }

  #malformed(link: Link, error: unknown): void {
    const who = link.peer ? `member ${link.peer}` : link.connection.remote;
    this.#logger.warn(`malformed frame from ${who} (${error instanceof Error ? error.message : String(error)}); closing that link`);
    link.connection.destroy();
  }

  #warnOnce(message: string): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    this.#logger.warn(`refused a peer connection: ${message}`);
  }
}
