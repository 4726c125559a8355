/** Where the console consumer's loop gets its records: a group subscription or one assigned partition. */
import type { ConsumedRecord } from './default-message-formatter.ts';

export interface RecordSource {
  /**
   * The next record (`ConsumerWrapper.receive`). Rejects with `ReceiveTimeout` after `timeoutMs`
   * without one, `Wakeup` once `signal` aborts (Ctrl-C), `ClientFailure` when the client fails.
   */
  receive(timeoutMs: number, signal: AbortSignal): Promise<ConsumedRecord>;
  /** `cleanup()`: stops fetching, commits what was consumed where the consumer commits, disconnects. */
  close(): Promise<void>;
}
