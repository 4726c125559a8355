/**
 * The in-process network between ensemble members (what ports 2888/3888 carry on a real ensemble).
 * Delivery is asynchronous (a microtask), ordered per link, and only between live members: messages to
 * or from a member that has left (stopped or killed) are dropped, and every other member hears
 * `peerDown` at once, as it would from a reset TCP connection. `isolate` cuts a member off without
 * telling anyone, like a network partition: the others notice by timeouts.
 *
 * A link is a TCP connection: it delivers everything in order or breaks. So a link that lost a message
 * to the partition counts as broken, and when the partition heals both of its ends hear `peerDown` for
 * the other (a follower then re-syncs instead of waiting forever for a proposal it never got).
 */
import type { PeerMessage } from './quorum-messages.ts';

export interface PeerEndpoint {
  receive(from: number, message: PeerMessage): void;
  peerDown(id: number): void;
  /**
   * A link to `id` has (re)opened. Messages sent to `id` while it was closed were dropped, so the
   * member repeats what the peer must hear (a looking member its vote, a follower its announcement).
   * Only networks whose links open after `join` call it (`TransportPeerNetwork`); in-process links
   * exist as soon as both members have joined.
   */
  peerUp?(id: number): void;
}

/**
 * What a member needs from the network between members (what ports 2888/3888 carry): join it, send to
 * a member by id, leave it. Each link delivers in order or breaks, and when it breaks both ends hear
 * `peerDown`; a message to a member that is not reachable is dropped. `PeerNetwork` (below) is the
 * in-process one; `TransportPeerNetwork` runs one member per process over a `Transport`.
 */
export interface QuorumNetwork {
  join(id: number, endpoint: PeerEndpoint): void;
  leave(id: number, endpoint: PeerEndpoint): void;
  send(from: number, to: number, message: PeerMessage): void;
}

export class PeerNetwork implements QuorumNetwork {
  readonly #endpoints = new Map<number, PeerEndpoint>();
  readonly #isolated = new Set<number>();
  /** Links (`low-high` member ids) that dropped a message to a partition. */
  readonly #broken = new Set<string>();

  join(id: number, endpoint: PeerEndpoint): void {
    this.#endpoints.set(id, endpoint);
  }

  leave(id: number, endpoint: PeerEndpoint): void {
    if (this.#endpoints.get(id) !== endpoint) return;
    this.#endpoints.delete(id);
    for (const other of this.#endpoints.keys()) {
      // The reset cannot cross a partition: that side hears of it when the partition heals.
      if (this.#cut(id, other)) this.#broken.add(linkKey(id, other));
      else this.#tellDown(other, id);
    }
  }

  send(from: number, to: number, message: PeerMessage): void {
    const source = this.#endpoints.get(from);
    const target = this.#endpoints.get(to);
    if (!source || !target) return;
    if (this.#cut(from, to)) {
      this.#broken.add(linkKey(from, to));
      return;
    }
    queueMicrotask(() => {
      if (this.#endpoints.get(from) !== source || this.#endpoints.get(to) !== target) return;
      if (this.#cut(from, to)) this.#broken.add(linkKey(from, to));
      else target.receive(from, message);
    });
  }

  /** Drops all traffic to and from `id` (until `heal`), silently. */
  isolate(id: number): void {
    this.#isolated.add(id);
  }

  /** Lets traffic through again; links that lost messages meanwhile are reset (both ends hear `peerDown`). */
  heal(id: number): void {
    if (!this.#isolated.delete(id)) return;
    for (const key of [...this.#broken]) {
      const [a, b] = key.split('-').map(Number);
      if ((a !== id && b !== id) || this.#cut(a, b)) continue;
      this.#broken.delete(key);
      this.#tellDown(a, b);
      this.#tellDown(b, a);
    }
  }

  isolated(id: number): boolean {
    return this.#isolated.has(id);
  }

  #cut(a: number, b: number): boolean {
    return this.#isolated.has(a) || this.#isolated.has(b);
  }

  /** `to` hears that its link to `down` broke (if `to` is still the same member by then). */
  #tellDown(to: number, down: number): void {
    const peer = this.#endpoints.get(to);
    if (!peer) return;
    queueMicrotask(() => {
      if (this.#endpoints.get(to) === peer) peer.peerDown(down);
    });
  }
}

function linkKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}
