/**
 * The in-process network between ensemble members (what ports 2888/3888 carry on a real ensemble).
 * Delivery is asynchronous (a microtask), ordered per link, and only between live members: messages to
 * or from a member that has left (stopped or killed) are dropped, and every other member hears
 * `peerDown` at once, as it would from a reset TCP connection. `isolate` cuts a member off without
 * telling anyone, like a network partition: the others notice by timeouts.
 */
import type { PeerMessage } from './quorum-messages.ts';

export interface PeerEndpoint {
  receive(from: number, message: PeerMessage): void;
  peerDown(id: number): void;
}

export class PeerNetwork {
  readonly #endpoints = new Map<number, PeerEndpoint>();
  readonly #isolated = new Set<number>();

  join(id: number, endpoint: PeerEndpoint): void {
    this.#endpoints.set(id, endpoint);
  }

  leave(id: number, endpoint: PeerEndpoint): void {
    if (this.#endpoints.get(id) !== endpoint) return;
    this.#endpoints.delete(id);
    for (const [other, peer] of this.#endpoints) {
      queueMicrotask(() => {
        if (this.#endpoints.get(other) === peer) peer.peerDown(id);
      });
    }
  }

  send(from: number, to: number, message: PeerMessage): void {
    const source = this.#endpoints.get(from);
    const target = this.#endpoints.get(to);
    if (!source || !target || this.#isolated.has(from) || this.#isolated.has(to)) return;
    queueMicrotask(() => {
      if (this.#endpoints.get(from) === source && this.#endpoints.get(to) === target && !this.#isolated.has(from) && !this.#isolated.has(to)) {
        target.receive(from, message);
      }
    });
  }

  /** Drops all traffic to and from `id` (until `heal`), silently. */
  isolate(id: number): void {
    this.#isolated.add(id);
  }

  heal(id: number): void {
    this.#isolated.delete(id);
  }
}
