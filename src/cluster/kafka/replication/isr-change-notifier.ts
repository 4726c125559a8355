/**
 * How a partition leader tells the controller it changed an ISR, the ZooKeeper way Kafka used before
 * AlterPartition (inter.broker.protocol < 2.7-IV2; `ReplicaManager.maybePropagateIsrChanges`,
 * `KafkaZkClient.propagateIsrChanges`): after the conditional write of the state znode, a persistent
 * sequential `/isr_change_notification/isr_change_<seq>` znode names the changed partitions; the controller
 * watches that folder, re-reads those states and sends UpdateMetadata to every broker. A learner can see
 * the notifications come and go with zookeeper-shell.
 *
 * Kafka batches changes for a few seconds (`IsrChangePropagationBlackOut`); here a short delay is enough to
 * gather the partitions changed by one event into one znode.
 */
import type { Logger } from '../../logger.ts';
import type { KafkaZk } from '../zk/kafka-zk.ts';
import { ZkPaths } from '../zk/znode-paths.ts';

/** The notification znodes' prefix (`IsrChangeNotificationSequenceZNode`). */
export const ISR_CHANGE_PREFIX = 'isr_change_';
/** `IsrChangeNotificationHandler.Version`. */
const NOTIFICATION_VERSION = 1;
const BATCH_DELAY_MS = 20;
const MAX_RETRY_DELAY_MS = 5_000;

export interface IsrChangedPartition {
  topic: string;
  partition: number;
}

export function encodeIsrChangeNotification(partitions: readonly IsrChangedPartition[]): string {
  return JSON.stringify({ version: NOTIFICATION_VERSION, partitions: partitions.map((p) => ({ topic: p.topic, partition: p.partition })) });
}

/** The partitions a notification names; throws with the path on malformed content. */
export function decodeIsrChangeNotification(path: string, data: Uint8Array | null): IsrChangedPartition[] {
  const parsed: unknown = JSON.parse(new TextDecoder().decode(data ?? new Uint8Array()));
  const partitions = (parsed as { partitions?: unknown })?.partitions;
  if (!Array.isArray(partitions)) throw new Error(`${path}: no "partitions" array in ISR change notification`);
  return partitions.map((entry: unknown) => {
    const { topic, partition } = (entry ?? {}) as { topic?: unknown; partition?: unknown };
    if (typeof topic !== 'string' || !Number.isInteger(partition)) throw new Error(`${path}: bad partition entry ${JSON.stringify(entry)}`);
    return { topic, partition: partition as number };
  });
}

export class IsrChangeNotifier {
  readonly #zk: KafkaZk;
  readonly #log: Logger;
  readonly #pending = new Map<string, IsrChangedPartition>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #failures = 0;

  constructor(zk: KafkaZk, logger: Logger) {
    this.#zk = zk;
    this.#log = logger;
  }

  /** An ISR change of `topic`-`partition` was written: the controller will hear of it shortly. */
  record(topic: string, partition: number): void {
    if (this.#closed) return;
    this.#pending.set(`${topic}\u0000${partition}`, { topic, partition });
    this.#timer ??= setTimeout(() => void this.#flush(), BATCH_DELAY_MS);
  }

  /** Stops; changes still waiting are written once more (best effort: ZooKeeper may be going away too). */
  close(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    void this.#flush();
    this.#closed = true;
  }

  /**
   * Writes the waiting changes as one notification. A failed write puts them back and retries with backoff
   * (Kafka keeps them in `isrChangeSet` until propagated): a lost notification leaves every other broker's
   * metadata with the old ISR.
   */
  async #flush(): Promise<void> {
    this.#timer = undefined;
    const partitions = [...this.#pending.values()];
    this.#pending.clear();
    if (partitions.length === 0 || this.#closed) return;
    try {
      await this.#zk.client.create(`${ZkPaths.isrChangeNotification}/${ISR_CHANGE_PREFIX}`, encodeIsrChangeNotification(partitions), 'persistent-sequential');
      this.#failures = 0;
    } catch (error) {
      if (this.#closed) return;
      this.#failures++;
      for (const p of partitions) this.#pending.set(`${p.topic}\u0000${p.partition}`, p);
      const delay = Math.min(MAX_RETRY_DELAY_MS, BATCH_DELAY_MS * 2 ** this.#failures);
      this.#log.warn('cannot write the ISR change notification; retrying', { partitions: partitions.length, retryInMs: delay, error: String(error) });
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.#flush(), delay);
    }
  }
}
