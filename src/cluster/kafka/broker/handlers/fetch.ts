/**
 * Fetch (key 1), v4-v11 (both clients send v11; v4+ means RecordBatch v2).
 * - Consumers (replica_id -1) read the leader's log up to the high watermark; followers (replica_id = their
 *   broker id) read up to the log end, and their fetch offset tells the leader how far they are (ISR, HW).
 * - Long poll: waits up to max_wait_ms until min_bytes are available (or an append/HW move happens).
 * - Sizes: whole batches only; the first non-empty partition returns at least one whole batch even when
 *   it exceeds max_bytes / partition_max_bytes (KIP-74), later ones stop at the limits.
 * - Empty records are size 0 (never null: librdkafka rejects -1); preferred_read_replica is -1;
 *   last_stable_offset = high watermark (no transactions); no fetch sessions (session_id 0).
 * - v9+: current_leader_epoch (followers send theirs): older -> FENCED_LEADER_EPOCH, newer ->
 *   UNKNOWN_LEADER_EPOCH. Errors: UNKNOWN_TOPIC_OR_PARTITION, NOT_LEADER_OR_FOLLOWER, OFFSET_OUT_OF_RANGE.
 */
import type { FetchRequest, FetchResponse, FetchResponsePartitionData } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS } from '../../protocol/index.ts';
import type { Partition } from '../../replication/partition.ts';
import { defineApiHandler } from '../api-handler.ts';
import type { RequestContext } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

const EMPTY = new Uint8Array(0);

interface Slot {
  topic: string;
  index: number;
  fetchOffset: bigint;
  maxBytes: number;
  partition?: Partition;
  errorCode: number;
}

function errorData(index: number, errorCode: number, isolationLevel: number): FetchResponsePartitionData {
  return {
    partitionIndex: index,
    errorCode,
    highWatermark: -1n,
    lastStableOffset: -1n,
    logStartOffset: -1n,
    abortedTransactions: isolationLevel === 1 ? [] : null,
    preferredReadReplica: -1,
    records: EMPTY,
  };
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Resolves each requested partition to a replica this broker leads, or an error code. */
function resolveSlots(ctx: RequestContext, request: FetchRequest, isFollower: boolean): Slot[] {
  const { replicas, cache } = ctx.services.internals;
  const slots: Slot[] = [];
  for (const topic of request.topics) {
    for (const p of topic.partitions) {
      const slot: Slot = { topic: topic.topic, index: p.partition, fetchOffset: p.fetchOffset, maxBytes: p.partitionMaxBytes, errorCode: 0 };
      slots.push(slot);
      const cached = cache.cachedTopic(topic.topic);
      if (!cached || !cached.assignment.has(p.partition)) {
        slot.errorCode = KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code;
        continue;
      }
      const partition = replicas.getPartition(topic.topic, p.partition);
      if (!partition || partition.role !== 'leader') {
        slot.errorCode = KAFKA_ERRORS.NOT_LEADER_OR_FOLLOWER.code;
        continue;
      }
      const epoch = p.currentLeaderEpoch ?? -1;
      if (epoch >= 0 && epoch < partition.leaderEpoch) {
        slot.errorCode = KAFKA_ERRORS.FENCED_LEADER_EPOCH.code;
        continue;
      }
      if (epoch > partition.leaderEpoch) {
        slot.errorCode = KAFKA_ERRORS.UNKNOWN_LEADER_EPOCH.code;
        continue;
      }
      if (p.fetchOffset < partition.log.logStartOffset || p.fetchOffset > partition.logEndOffset) {
        slot.errorCode = KAFKA_ERRORS.OFFSET_OUT_OF_RANGE.code;
        continue;
      }
      slot.partition = partition;
      if (isFollower) {
        if (!partition.replicas.includes(request.replicaId)) {
          slot.errorCode = KAFKA_ERRORS.NOT_LEADER_OR_FOLLOWER.code;
          slot.partition = undefined;
          continue;
        }
        replicas.recordFollowerFetch(partition, request.replicaId, p.fetchOffset, p.logStartOffset ?? -1n);
      }
    }
  }
  return slots;
}

/** Reads every slot within the limits; returns the response partitions and the bytes read. */
function readSlots(slots: readonly Slot[], request: FetchRequest, isFollower: boolean): { data: Map<Slot, FetchResponsePartitionData>; bytes: number } {
  const data = new Map<Slot, FetchResponsePartitionData>();
  let bytes = 0;
  for (const slot of slots) {
    const partition = slot.partition;
    if (!partition || slot.errorCode !== 0) {
      data.set(slot, errorData(slot.index, slot.errorCode, request.isolationLevel));
      continue;
    }
    const upTo = isFollower ? partition.logEndOffset : partition.highWatermark;
    const budget = Math.min(slot.maxBytes, Math.max(0, request.maxBytes - bytes));
    const read = partition.log.read(slot.fetchOffset, upTo, budget, bytes === 0);
    bytes += read.bytes;
    data.set(slot, {
      partitionIndex: slot.index,
      errorCode: 0,
      highWatermark: partition.highWatermark,
      lastStableOffset: partition.highWatermark,
      logStartOffset: partition.log.logStartOffset,
      abortedTransactions: request.isolationLevel === 1 ? [] : null,
      preferredReadReplica: -1,
      records: read.chunks.length === 0 ? EMPTY : concat(read.chunks, read.bytes),
    });
  }
  return { data, bytes };
}

export default defineApiHandler({
  ...messageCodec(API_KEYS.Fetch),
  async handle(ctx, request): Promise<FetchResponse> {
    const isFollower = request.replicaId >= 0;
    const slots = resolveSlots(ctx, request, isFollower);
    let result = readSlots(slots, request, isFollower);
    const hasError = slots.some((s) => s.errorCode !== 0);
    if (!hasError && result.bytes < request.minBytes && request.maxWaitMs > 0 && !ctx.signal.aborted) {
      const partitions = slots.flatMap((s) => (s.partition ? [s.partition] : []));
      const deadline = Date.now() + request.maxWaitMs;
      while (result.bytes < request.minBytes && !ctx.signal.aborted && Date.now() < deadline) {
        await ctx.services.internals.replicas.waitForProgress(partitions, deadline - Date.now(), ctx.signal);
        if (slots.some((s) => s.partition && s.partition.role !== 'leader')) break;
        result = readSlots(slots, request, isFollower);
      }
      // Leadership lost while waiting: report it rather than stale data.
      for (const slot of slots) {
        if (slot.partition && slot.partition.role !== 'leader') {
          result.data.set(slot, errorData(slot.index, KAFKA_ERRORS.NOT_LEADER_OR_FOLLOWER.code, request.isolationLevel));
        }
      }
    }
    const responses = request.topics.map((topic) => ({ topic: topic.topic, partitions: [] as FetchResponsePartitionData[] }));
    let slotIndex = 0;
    request.topics.forEach((topic, topicIndex) => {
      for (let i = 0; i < topic.partitions.length; i++) responses[topicIndex].partitions.push(result.data.get(slots[slotIndex++])!);
    });
    return { throttleTimeMs: 0, errorCode: 0, sessionId: 0, responses };
  },
  errorResponse(request, errorCode) {
    return {
      throttleTimeMs: 0,
      errorCode: 0,
      sessionId: 0,
      responses: request.topics.map((topic) => ({
        topic: topic.topic,
        partitions: topic.partitions.map((p) => errorData(p.partition, errorCode, request.isolationLevel)),
      })),
    };
  },
});
