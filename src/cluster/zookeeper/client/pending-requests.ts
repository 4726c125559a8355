/**
 * Requests sent on one connection and not yet answered. ZooKeeper answers in request order, so the reply
 * to the oldest request must carry its xid; anything else means the stream is broken.
 */
import type { JuteReader } from '../protocol/jute-reader.ts';
import type { ReplyHeader } from '../protocol/records/reply-header.ts';

export interface PendingRequest {
  readonly xid: number;
  readonly opCode: number;
  /** Called with the reply header and a reader positioned at the reply body. */
  complete(header: ReplyHeader, body: JuteReader): void;
  /** Called when no reply will come (connection lost, client closed), with a ZooKeeper error code. */
  fail(code: number, detail: string): void;
}

export class PendingRequests {
  readonly #queue: PendingRequest[] = [];
  #head = 0;

  get size(): number {
    return this.#queue.length - this.#head;
  }

  push(request: PendingRequest): void {
    this.#queue.push(request);
  }

  /** The oldest request, without removing it. */
  peek(): PendingRequest | undefined {
    return this.#queue[this.#head];
  }

  /** Removes and returns the oldest request. */
  shift(): PendingRequest | undefined {
    if (this.#head >= this.#queue.length) return undefined;
    const request = this.#queue[this.#head++];
    if (this.#head > 64 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
    return request;
  }

  /** Empties the queue, failing every request in order. */
  failAll(code: number, detail: string): void {
    const requests = this.#queue.slice(this.#head);
    this.#queue.length = 0;
    this.#head = 0;
    for (const request of requests) request.fail(code, detail);
  }
}
