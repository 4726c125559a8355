/**
 * Idempotent-producer state of one partition replica (Kafka's `ProducerStateManager`, `ProducerAppendInfo`
 * and `UnifiedLog.analyzeAndValidateProducerState`, storage/.../internals/log/ and core/.../log/UnifiedLog.scala):
 * per producer id, its epoch and last 5 batches.
 *
 * - Leader append (origin CLIENT): `prepareLeaderAppend` checks every batch that carries a producer id
 *   before anything is written: a retry of one of the last 5 batches is a duplicate (answered with its
 *   original offsets, nothing appended); an older epoch is INVALID_PRODUCER_EPOCH; a new epoch must start
 *   at sequence 0 and a known epoch must continue at lastSeq + 1, else OUT_OF_ORDER_SEQUENCE_NUMBER. A
 *   producer this partition has never seen is accepted at any sequence, as Kafka 3.9 does (its records may
 *   have gone by retention; UNKNOWN_PRODUCER_ID is no longer answered since KIP-360). The caller appends and
 *   then `commitLeaderAppend`s, in the same synchronous step, so no other append can come between.
 * - Follower append and recovery (origin REPLICATION): `applyReplicated` records batches without sequence
 *   checks, so a follower that becomes leader knows every producer; `rebuild` replays a whole log (restart
 *   from storage, after truncation), as Kafka does without a snapshot.
 *
 * Batches without a producer id (-1) are skipped after one 8-byte test. Transactions are not supported:
 * InitProducerId refuses transactional ids, so a transactional batch cannot belong to an ongoing
 * transaction and gets INVALID_TXN_STATE, as Kafka's transaction verification answers.
 */
import { KAFKA_ERRORS, KafkaProtocolError } from '../protocol/errors.ts';
import type { KafkaErrorName } from '../protocol/errors.ts';
import { hasProducerId, readProducerBatch } from './producer-batch.ts';
import type { ProducerBatch } from './producer-batch.ts';
import { inSequence, NO_SEQUENCE } from './producer-sequence.ts';
import { BatchMetadata, NO_PRODUCER_EPOCH, ProducerStateEntry } from './producer-state-entry.ts';

/** A batch validated for the leader append, with its offsets relative to the append's first offset. */
interface PendingBatch {
  readonly producerId: bigint;
  readonly epoch: number;
  readonly lastSeq: number;
  readonly relativeLastOffset: bigint;
  readonly offsetDelta: number;
  readonly timestamp: bigint;
}

/** The outcome of the checks before a leader append. */
export interface LeaderAppendPlan {
  /** Set when the append is a retry of a batch already in the log: answer its offsets, append nothing. */
  readonly duplicate: BatchMetadata | null;
  /** The producer batches to record once appended. */
  readonly batches: readonly PendingBatch[];
}

/** A producer's state as the batches of one append update it (Kafka's `ProducerAppendInfo.updatedEntry`). */
interface AppendView {
  readonly current: ProducerStateEntry | undefined;
  epoch: number;
  lastSeq: number;
  hasBatches: boolean;
}

/** `RecordBatch.NO_PRODUCER_ID`. */
const NO_PRODUCER_ID = -1n;

function reject(name: KafkaErrorName, detail: string): KafkaProtocolError {
  return new KafkaProtocolError(KAFKA_ERRORS[name], detail);
}

export class ProducerStateManager {
  readonly #partition: string;
  readonly #producers = new Map<bigint, ProducerStateEntry>();
  readonly #warn: (message: string, fields: Record<string, unknown>) => void;

  /** `partition` names it in errors (`orders-0`); `warn` receives what Kafka logs as a warning. */
  constructor(partition: string, warn: (message: string, fields: Record<string, unknown>) => void = () => undefined) {
    this.#partition = partition;
    this.#warn = warn;
  }

  /** Number of producers known. */
  get size(): number {
    return this.#producers.size;
  }

  /** The state of one producer (`lastEntry`). */
  entry(producerId: bigint): ProducerStateEntry | undefined {
    return this.#producers.get(producerId);
  }

  producers(): IterableIterator<ProducerStateEntry> {
    return this.#producers.values();
  }

  /**
   * Checks produced batches before the leader appends them; returns null when none carries a producer id.
   * Throws a KafkaProtocolError (INVALID_PRODUCER_EPOCH, OUT_OF_ORDER_SEQUENCE_NUMBER, INVALID_RECORD,
   * INVALID_TXN_STATE) when the append must be refused; nothing is recorded until `commitLeaderAppend`.
   */
  prepareLeaderAppend(batches: readonly Uint8Array[]): LeaderAppendPlan | null {
    if (!batches.some(hasProducerId)) return null;
    const plan: PendingBatch[] = [];
    const views = new Map<bigint, AppendView>();
    let relativeOffset = 0n;
    for (const bytes of batches) {
      const batch = readProducerBatch(bytes);
      const relativeLastOffset = relativeOffset + BigInt(batch.lastOffsetDelta);
      relativeOffset = relativeLastOffset + 1n;
      if (batch.producerId === NO_PRODUCER_ID) continue;
      this.#checkRecordFields(batch);
      // A retry of one of the last 5 batches: the whole append is answered with its offsets (Kafka returns
      // on the first duplicate it finds).
      const duplicate = this.#producers.get(batch.producerId)?.findDuplicate(batch.producerEpoch, batch.baseSequence, batch.lastSequence);
      if (duplicate) return { duplicate, batches: [] };
      if (batch.isTransactional) {
        throw reject('INVALID_TXN_STATE', `Record was not part of an ongoing transaction (producer ${batch.producerId} in ${this.#partition}; transactions are not supported by the teaching cluster)`);
      }
      let view = views.get(batch.producerId);
      if (!view) {
        const current = this.#producers.get(batch.producerId);
        view = { current, epoch: current?.producerEpoch ?? NO_PRODUCER_EPOCH, lastSeq: NO_SEQUENCE, hasBatches: false };
        views.set(batch.producerId, view);
      }
      this.#checkClientBatch(view, batch);
      view.epoch = batch.producerEpoch;
      view.lastSeq = batch.lastSequence;
      view.hasBatches = true;
      plan.push({
        producerId: batch.producerId,
        epoch: batch.producerEpoch,
        lastSeq: batch.lastSequence,
        relativeLastOffset,
        offsetDelta: batch.lastOffsetDelta,
        timestamp: batch.maxTimestamp,
      });
    }
    return { duplicate: null, batches: plan };
  }

  /** Records a leader append whose first offset is `baseOffset` (the log assigned it). */
  commitLeaderAppend(plan: LeaderAppendPlan, baseOffset: bigint): void {
    for (const batch of plan.batches) {
      const metadata = new BatchMetadata(batch.lastSeq, baseOffset + batch.relativeLastOffset, batch.offsetDelta, batch.timestamp);
      this.#entryFor(batch.producerId).addBatch(batch.epoch, metadata);
    }
  }

  /**
   * Records a batch appended without client checks (a follower's fetched batch, a batch replayed from the
   * log): only an epoch going backwards is worth a warning, as in Kafka.
   */
  applyReplicated(bytes: Uint8Array): void {
    if (!hasProducerId(bytes)) return;
    const batch = readProducerBatch(bytes);
    const entry = this.#entryFor(batch.producerId);
    if (batch.producerEpoch < entry.producerEpoch) {
      this.#warn('producer epoch went backwards in replicated batch', {
        partition: this.#partition,
        producerId: String(batch.producerId),
        offset: String(batch.baseOffset),
        epoch: batch.producerEpoch,
        lastSeenEpoch: entry.producerEpoch,
      });
    }
    if (batch.isControl) {
      // A transaction marker only moves the epoch (`appendEndTxnMarker`).
      if (batch.producerEpoch !== entry.producerEpoch) {
        entry.batches.length = 0;
        entry.producerEpoch = batch.producerEpoch;
      }
      return;
    }
    const lastOffset = batch.baseOffset + BigInt(batch.lastOffsetDelta);
    entry.addBatch(batch.producerEpoch, new BatchMetadata(batch.lastSequence, lastOffset, batch.lastOffsetDelta, batch.maxTimestamp));
  }

  /**
   * Drops the producers whose last batch's timestamp is at least `expirationMs` before `nowMs`
   * (Kafka's `ProducerStateManager.removeExpiredProducers` / `isProducerExpired`, with no transaction
   * ever open here); returns the ids dropped. A later batch of a dropped producer is accepted at any
   * sequence, as for a producer never seen.
   */
  removeExpiredProducers(nowMs: number, expirationMs: number): bigint[] {
    const expired: bigint[] = [];
    const now = BigInt(Math.floor(nowMs));
    const limit = BigInt(Math.floor(expirationMs));
    for (const [producerId, entry] of this.#producers) {
      if (now - entry.lastTimestamp >= limit) expired.push(producerId);
    }
    for (const producerId of expired) this.#producers.delete(producerId);
    return expired;
  }

  /**
   * Each producer's last data offset (`UnifiedLog.lastRecordsOfActiveProducers`): the compaction cleaner
   * keeps the batch ending there, emptied if need be, so the producer's sequence survives cleaning and a
   * rebuild from the log (`LogCleaner` `isBatchLastRecordOfProducer`, `BatchRetention.RETAIN_EMPTY`).
   * Used by the log cleaner: `replication/compacted-replica-log.ts` passes it as `lastOffsetsOfProducers`.
   */
  lastDataOffsets(): Map<bigint, bigint> {
    const offsets = new Map<bigint, bigint>();
    for (const entry of this.#producers.values()) {
      const last = entry.batches[entry.batches.length - 1];
      if (last) offsets.set(entry.producerId, last.lastOffset);
    }
    return offsets;
  }

  /** Forgets everything and replays `batches` (the whole log, in offset order). */
  rebuild(batches: Iterable<{ readonly bytes: Uint8Array }>): void {
    this.#producers.clear();
    for (const batch of batches) this.applyReplicated(batch.bytes);
  }

  clear(): void {
    this.#producers.clear();
  }

  #entryFor(producerId: bigint): ProducerStateEntry {
    let entry = this.#producers.get(producerId);
    if (!entry) {
      entry = new ProducerStateEntry(producerId);
      this.#producers.set(producerId, entry);
    }
    return entry;
  }

  /** `LogValidator`: a producer batch needs a sequence; clients may not write control batches. */
  #checkRecordFields(batch: ProducerBatch): void {
    if (batch.baseSequence < 0) {
      throw reject('INVALID_RECORD', `Invalid sequence number ${batch.baseSequence} in record batch with producerId ${batch.producerId} in topic partition ${this.#partition}`);
    }
    if (batch.isControl) {
      throw reject('INVALID_RECORD', `Clients are not allowed to write control records (producer ${batch.producerId} in ${this.#partition})`);
    }
  }

  /** `ProducerAppendInfo.checkProducerEpoch` and `checkSequence` for a client's batch. */
  #checkClientBatch(view: AppendView, batch: ProducerBatch): void {
    const { producerId, producerEpoch: epoch, baseSequence: firstSeq } = batch;
    if (epoch < view.epoch) {
      throw reject(
        'INVALID_PRODUCER_EPOCH',
        `Epoch of producer ${producerId} in ${this.#partition} is ${epoch}, which is smaller than the last seen epoch ${view.epoch}`,
      );
    }
    if (epoch !== view.epoch) {
      if (firstSeq !== 0 && view.epoch !== NO_PRODUCER_EPOCH) {
        throw reject(
          'OUT_OF_ORDER_SEQUENCE_NUMBER',
          `Invalid sequence number for new epoch of producer ${producerId} in partition ${this.#partition}: ${epoch} (request epoch), ${firstSeq} (seq. number), ${view.epoch} (current producer epoch)`,
        );
      }
      return;
    }
    const current = view.current;
    const currentLastSeq = view.hasBatches ? view.lastSeq : current && epoch === current.producerEpoch ? current.lastSeq : NO_SEQUENCE;
    // No current epoch (the producer's records are gone): any sequence is accepted.
    const currentEpoch = current?.producerEpoch ?? NO_PRODUCER_EPOCH;
    if (currentEpoch !== NO_PRODUCER_EPOCH && !inSequence(currentLastSeq, firstSeq)) {
      throw reject(
        'OUT_OF_ORDER_SEQUENCE_NUMBER',
        `Out of order sequence number for producer ${producerId} in partition ${this.#partition}: ${firstSeq} (incoming seq. number), ${currentLastSeq} (current end sequence number)`,
      );
    }
  }
}
