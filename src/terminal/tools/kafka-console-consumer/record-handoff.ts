/**
 * Where a consumer's fetched records meet the tool's loop, one at a time. The fetching side `offer`s
 * a record and waits until the loop `take`s it; the loop takes the next only after writing the last
 * one out, so a paused terminal stops the fetching too (flow control: at most one record between
 * the client and the screen). `take` gives up after the `--timeout-ms` wait (Java's `poll` returning
 * nothing), at Ctrl-C or close (`WakeupException`), or with the client's failure.
 */
import type { JavaException } from '../kafka/java-exception.ts';
import type { ConsumedRecord } from './default-message-formatter.ts';

/** No record within the wait: ConsumerWrapper throws `new TimeoutException()`. */
export class ReceiveTimeout extends Error {
  constructor() {
    super('no record within the timeout');
    this.name = 'ReceiveTimeout';
  }
}

/** The consumer was woken up (Ctrl-C) or closed. */
export class Wakeup extends Error {
  constructor() {
    super('woken up');
    this.name = 'Wakeup';
  }
}

/** The client failed (what `poll` would throw). */
export class ClientFailure extends Error {
  readonly exception: JavaException;
  constructor(exception: JavaException) {
    super(exception.message);
    this.name = 'ClientFailure';
    this.exception = exception;
  }
}

interface Offer {
  record: ConsumedRecord;
  taken: (accepted: boolean) => void;
}

interface Taker {
  deliver: (offer: Offer) => void;
  fail: (error: Error) => void;
}

export class RecordHandoff {
  #offer: Offer | null = null;
  #taker: Taker | null = null;
  #closed = false;
  #failure: ClientFailure | null = null;

  get closed(): boolean {
    return this.#closed;
  }

  /** Resolves true once the loop took the record, false if the handoff closed first. */
  offer(record: ConsumedRecord): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const offer = { record, taken: resolve };
      const taker = this.#taker;
      if (taker) {
        this.#taker = null;
        taker.deliver(offer);
      } else {
        this.#offer?.taken(false);
        this.#offer = offer;
      }
    });
  }

  /** The next record; rejects with ReceiveTimeout, Wakeup or ClientFailure. */
  take(timeoutMs: number, signal: AbortSignal): Promise<ConsumedRecord> {
    if (this.#closed || signal.aborted) return Promise.reject(new Wakeup());
    if (this.#failure) return Promise.reject(this.#failure);
    const waiting = this.#offer;
    if (waiting) {
      this.#offer = null;
      waiting.taken(true);
      return Promise.resolve(waiting.record);
    }
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (this.#taker === taker) this.#taker = null;
      };
      const onAbort = () => {
        finish();
        reject(new Wakeup());
      };
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            finish();
            reject(new ReceiveTimeout());
          }, timeoutMs)
        : undefined;
      const taker: Taker = {
        deliver: (offer) => {
          finish();
          offer.taken(true);
          resolve(offer.record);
        },
        fail: (error) => {
          finish();
          reject(error);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#taker = taker;
    });
  }

  /** The client failed: the waiting (or next) `take` rejects with it. */
  fail(exception: JavaException): void {
    this.#failure = new ClientFailure(exception);
    const taker = this.#taker;
    this.#taker = null;
    taker?.fail(this.#failure);
  }

  /** No more records: a waiting offer is refused, a waiting take wakes up. */
  close(): void {
    this.#closed = true;
    this.#offer?.taken(false);
    this.#offer = null;
    const taker = this.#taker;
    this.#taker = null;
    taker?.fail(new Wakeup());
  }
}
