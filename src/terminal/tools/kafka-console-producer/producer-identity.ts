/**
 * What the Java producer's `TransactionManager` keeps for an idempotent producer without a transactional id:
 * the producer id and epoch from InitProducerId, and the next sequence number of every partition. A batch
 * takes its first sequence when it is first sent and keeps it (with the id and epoch it was sent under) on
 * every retry, so a broker that already has it answers with the original offsets instead of writing it twice.
 *
 * When a batch fails for good after being sent, the sequence of its partition has a gap the broker will not
 * accept: like Kafka 3.x (KIP-360, which bumps the epoch) the next batch starts over under a new producer id,
 * every partition from sequence 0.
 */
import type { KafkajsBroker } from '../kafka/kafkajs-client-cluster.ts';

/** Java's `DefaultRecordBatch.incrementSequence`: sequences wrap to 0 after Integer.MAX_VALUE. */
const MAX_SEQUENCE = 2 ** 31 - 1;
const INIT_PRODUCER_ID = 22;
/** Java sends `transaction.timeout.ms` (60 s by default) in InitProducerId even without a transactional id. */
const TRANSACTION_TIMEOUT_MS = 60_000;

/** The id, epoch and first sequence a batch is (re)sent under. */
export interface BatchIdentity {
  readonly producerId: string;
  readonly producerEpoch: number;
  readonly firstSequence: number;
}

interface ProducerId {
  readonly producerId: string;
  readonly producerEpoch: number;
}

export class ProducerIdentity {
  #current: ProducerId | null = null;
  #pending: Promise<ProducerId> | null = null;
  readonly #sequences = new Map<string, number>();

  /**
   * Whether `broker` can give a producer id: every Kafka broker since 0.11 advertises InitProducerId. A broker
   * that does not (an embedded broker built without idempotence) gets plain, non-idempotent batches.
   */
  static supportedBy(broker: KafkajsBroker): boolean {
    return broker.versions?.[INIT_PRODUCER_ID] !== undefined;
  }

  /** The identity of a batch about to be sent for the first time to `topicPartition` (asks `broker` for an id first if needed). */
  async assign(broker: KafkajsBroker, topicPartition: string): Promise<BatchIdentity> {
    const id = await this.#producerId(broker);
    return { ...id, firstSequence: this.#sequences.get(topicPartition) ?? 0 };
  }

  /** A batch of `count` records was written: the partition's next sequence moves on (only under the current id). */
  written(identity: BatchIdentity, topicPartition: string, count: number): void {
    if (!this.#isCurrent(identity)) return;
    const next = identity.firstSequence + count;
    this.#sequences.set(topicPartition, next > MAX_SEQUENCE ? next - MAX_SEQUENCE - 1 : next);
  }

  /** A batch sent under `identity` failed for good: the next batch starts over under a new producer id. */
  failed(identity: BatchIdentity): void {
    if (!this.#isCurrent(identity)) return;
    this.#current = null;
    this.#sequences.clear();
  }

  #isCurrent(identity: BatchIdentity): boolean {
    return this.#current !== null && this.#current.producerId === identity.producerId && this.#current.producerEpoch === identity.producerEpoch;
  }

  #producerId(broker: KafkajsBroker): Promise<ProducerId> {
    if (this.#current) return Promise.resolve(this.#current);
    this.#pending ??= broker
      .initProducerId({ transactionalId: null, transactionTimeout: TRANSACTION_TIMEOUT_MS })
      .then(({ producerId, producerEpoch }) => (this.#current = { producerId: String(producerId), producerEpoch }))
      .finally(() => (this.#pending = null));
    return this.#pending;
  }
}
