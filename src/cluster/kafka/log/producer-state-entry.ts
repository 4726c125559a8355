/**
 * What a partition remembers about one producer id (Kafka's `ProducerStateEntry` and `BatchMetadata`,
 * storage/src/main/java/org/apache/kafka/storage/internals/log/): its current epoch and the metadata of
 * its last 5 batches, the most a producer can have in flight (`max.in.flight.requests.per.connection`
 * <= 5 with idempotence), so a retried batch is recognised and answered with its original offsets.
 */
import { decrementSequence, NO_SEQUENCE } from './producer-sequence.ts';

/** `ProducerStateEntry.NUM_BATCHES_TO_RETAIN`. */
export const NUM_BATCHES_TO_RETAIN = 5;
/** `RecordBatch.NO_PRODUCER_EPOCH`. */
export const NO_PRODUCER_EPOCH = -1;

/** One appended batch of a producer. */
export class BatchMetadata {
  readonly lastSeq: number;
  readonly lastOffset: bigint;
  readonly offsetDelta: number;
  /** The batch's max timestamp (Kafka answers it as `log_append_time_ms` for a duplicate). */
  readonly timestamp: bigint;

  constructor(lastSeq: number, lastOffset: bigint, offsetDelta: number, timestamp: bigint) {
    this.lastSeq = lastSeq;
    this.lastOffset = lastOffset;
    this.offsetDelta = offsetDelta;
    this.timestamp = timestamp;
  }

  get firstSeq(): number {
    return decrementSequence(this.lastSeq, this.offsetDelta);
  }

  get firstOffset(): bigint {
    return this.lastOffset - BigInt(this.offsetDelta);
  }
}

export class ProducerStateEntry {
  readonly producerId: bigint;
  producerEpoch: number;
  lastTimestamp: bigint;
  /** Oldest first; at most `NUM_BATCHES_TO_RETAIN`. */
  readonly batches: BatchMetadata[] = [];

  constructor(producerId: bigint, producerEpoch = NO_PRODUCER_EPOCH, lastTimestamp = -1n) {
    this.producerId = producerId;
    this.producerEpoch = producerEpoch;
    this.lastTimestamp = lastTimestamp;
  }

  get isEmpty(): boolean {
    return this.batches.length === 0;
  }

  get lastSeq(): number {
    return this.batches.length === 0 ? NO_SEQUENCE : this.batches[this.batches.length - 1].lastSeq;
  }

  /** Adds a batch; a new epoch forgets the old epoch's batches (`addBatch` / `maybeUpdateProducerEpoch`). */
  addBatch(epoch: number, batch: BatchMetadata): void {
    if (epoch !== this.producerEpoch) {
      this.batches.length = 0;
      this.producerEpoch = epoch;
    }
    if (this.batches.length === NUM_BATCHES_TO_RETAIN) this.batches.shift();
    this.batches.push(batch);
    this.lastTimestamp = batch.timestamp;
  }

  /** The retained batch with exactly this epoch and sequence range (`findDuplicateBatch`), if any. */
  findDuplicate(epoch: number, firstSeq: number, lastSeq: number): BatchMetadata | undefined {
    if (epoch !== this.producerEpoch) return undefined;
    return this.batches.find((b) => b.firstSeq === firstSeq && b.lastSeq === lastSeq);
  }
}
