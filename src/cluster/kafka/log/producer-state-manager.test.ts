import { describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../protocol/record-batch.ts';
import { KafkaProtocolError } from '../protocol/errors.ts';
import { PartitionLog } from './partition-log.ts';
import { MAX_SEQUENCE } from './producer-sequence.ts';
import { ProducerStateManager } from './producer-state-manager.ts';

interface BatchSpec {
  producerId?: bigint;
  epoch?: number;
  seq?: number;
  count?: number;
  transactional?: boolean;
  timestamp?: bigint;
}

function batch({ producerId = 7n, epoch = 0, seq = 0, count = 1, transactional = false, timestamp = 1000n }: BatchSpec): Promise<Uint8Array> {
  return encodeRecordBatch({
    producerId,
    producerEpoch: producerId === -1n ? -1 : epoch,
    baseSequence: producerId === -1n ? -1 : seq,
    isTransactional: transactional,
    records: Array.from({ length: count }, (_, i) => ({ value: new TextEncoder().encode(`v${i}`), timestamp: timestamp + BigInt(i) })),
  });
}

/** A leader's append path: check, append to a real log, record. Returns the offsets answered. */
function leaderAppend(state: ProducerStateManager, log: PartitionLog, batches: Uint8Array[]): { baseOffset: bigint; lastOffset: bigint; duplicate: boolean } {
  const plan = state.prepareLeaderAppend(batches);
  if (plan?.duplicate) return { baseOffset: plan.duplicate.firstOffset, lastOffset: plan.duplicate.lastOffset, duplicate: true };
  const result = log.appendAsLeader(batches, 0);
  if (plan) state.commitLeaderAppend(plan, result.baseOffset);
  return { ...result, duplicate: false };
}

function errorName(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof KafkaProtocolError) return error.entry.name;
    throw error;
  }
  return 'none';
}

describe('ProducerStateManager (leader checks)', () => {
  it('answers a retried batch with its original offsets and appends nothing', async () => {
    const state = new ProducerStateManager('t-0');
    const log = new PartitionLog();
    leaderAppend(state, log, [await batch({ producerId: -1n, count: 3 })]);
    const first = leaderAppend(state, log, [await batch({ seq: 0, count: 2 })]);
    expect(first).toEqual({ baseOffset: 3n, lastOffset: 4n, duplicate: false });
    leaderAppend(state, log, [await batch({ seq: 2, count: 1 })]);
    const retry = leaderAppend(state, log, [await batch({ seq: 0, count: 2 })]);
    expect(retry).toEqual({ baseOffset: 3n, lastOffset: 4n, duplicate: true });
    expect(log.logEndOffset).toBe(6n);
  });

  it('keeps the last 5 batches: an older retry is out of order', async () => {
    const state = new ProducerStateManager('t-0');
    const log = new PartitionLog();
    for (let seq = 0; seq < 6; seq++) leaderAppend(state, log, [await batch({ seq })]);
    expect(state.entry(7n)?.batches.map((b) => b.firstSeq)).toEqual([1, 2, 3, 4, 5]);
    expect(leaderAppend(state, log, [await batch({ seq: 1 })]).duplicate).toBe(true);
    const tooOld = await batch({ seq: 0 });
    expect(errorName(() => state.prepareLeaderAppend([tooOld]))).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  it('refuses a sequence gap and an older epoch; a newer epoch must start at 0', async () => {
    const state = new ProducerStateManager('t-0');
    const log = new PartitionLog();
    leaderAppend(state, log, [await batch({ seq: 0, count: 2 })]);
    const gap = await batch({ seq: 3 });
    expect(errorName(() => state.prepareLeaderAppend([gap]))).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    const newEpochMidway = await batch({ epoch: 1, seq: 5 });
    expect(errorName(() => state.prepareLeaderAppend([newEpochMidway]))).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    leaderAppend(state, log, [await batch({ epoch: 1, seq: 0 })]);
    expect(state.entry(7n)?.producerEpoch).toBe(1);
    const stale = await batch({ epoch: 0, seq: 2 });
    expect(errorName(() => state.prepareLeaderAppend([stale]))).toBe('INVALID_PRODUCER_EPOCH');
    expect(log.logEndOffset).toBe(3n);
  });

  it('accepts an unknown producer at any sequence, as Kafka 3.9 does', async () => {
    const state = new ProducerStateManager('t-0');
    const log = new PartitionLog();
    expect(leaderAppend(state, log, [await batch({ producerId: 42n, seq: 17 })]).duplicate).toBe(false);
    expect(state.entry(42n)?.lastSeq).toBe(17);
    const next = await batch({ producerId: 42n, seq: 19 });
    expect(errorName(() => state.prepareLeaderAppend([next]))).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
  });

  it('wraps the sequence at Int32 max', async () => {
    const state = new ProducerStateManager('t-0');
    const log = new PartitionLog();
    leaderAppend(state, log, [await batch({ seq: MAX_SEQUENCE - 1, count: 3 })]);
    expect(state.entry(7n)?.lastSeq).toBe(0);
    expect(leaderAppend(state, log, [await batch({ seq: 1 })]).duplicate).toBe(false);
    expect(leaderAppend(state, log, [await batch({ seq: MAX_SEQUENCE - 1, count: 3 })]).duplicate).toBe(true);
  });

  it('checks several batches of one append against each other and records all of them', async () => {
    const state = new ProducerStateManager('t-0');
    const log = new PartitionLog();
    const result = leaderAppend(state, log, [await batch({ seq: 0, count: 2 }), await batch({ producerId: -1n }), await batch({ seq: 2, count: 3 })]);
    expect(result).toMatchObject({ baseOffset: 0n, lastOffset: 5n });
    expect(state.entry(7n)?.batches.map((b) => [b.firstSeq, b.lastSeq, b.firstOffset, b.lastOffset])).toEqual([
      [0, 1, 0n, 1n],
      [2, 4, 3n, 5n],
    ]);
    const broken = [await batch({ seq: 5 }), await batch({ seq: 7 })];
    expect(errorName(() => state.prepareLeaderAppend(broken))).toBe('OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(state.entry(7n)?.lastSeq).toBe(4);
  });

  it('refuses transactional batches and producer batches without a sequence', async () => {
    const state = new ProducerStateManager('t-0');
    const transactional = await batch({ transactional: true });
    expect(errorName(() => state.prepareLeaderAppend([transactional]))).toBe('INVALID_TXN_STATE');
    const noSequence = await batch({ seq: -1 });
    expect(errorName(() => state.prepareLeaderAppend([noSequence]))).toBe('INVALID_RECORD');
  });

  it('stays out of the way of batches without a producer id', async () => {
    const state = new ProducerStateManager('t-0');
    expect(state.prepareLeaderAppend([await batch({ producerId: -1n }), await batch({ producerId: -1n })])).toBeNull();
    state.applyReplicated(await batch({ producerId: -1n }));
    expect(state.size).toBe(0);
  });
});

describe('ProducerStateManager (replication and recovery)', () => {
  it('rebuilds from the log what the leader recorded, so a replica detects the same duplicates', async () => {
    const leader = new ProducerStateManager('t-0');
    const log = new PartitionLog();
    for (let seq = 0; seq < 8; seq += 2) leaderAppend(leader, log, [await batch({ seq, count: 2 }), await batch({ producerId: 9n, seq: seq / 2 })]);
    const follower = new ProducerStateManager('t-0');
    for (const stored of log.batches()) follower.applyReplicated(stored.bytes);
    const rebuilt = new ProducerStateManager('t-0');
    rebuilt.rebuild(log.batches());
    for (const state of [follower, rebuilt]) {
      for (const id of [7n, 9n]) {
        expect(state.entry(id)?.batches).toEqual(leader.entry(id)?.batches);
      }
      const retry = await batch({ seq: 6, count: 2 });
      expect(state.prepareLeaderAppend([retry])?.duplicate).toMatchObject({ lastOffset: log.logEndOffset - 2n });
    }
  });

  it('names each producer\'s last data offset, the batch compaction must keep', async () => {
    const state = new ProducerStateManager('t-0');
    const log = new PartitionLog();
    leaderAppend(state, log, [await batch({ seq: 0, count: 2 })]);
    leaderAppend(state, log, [await batch({ producerId: 9n, seq: 0 })]);
    leaderAppend(state, log, [await batch({ seq: 2, count: 3 })]);
    leaderAppend(state, log, [await batch({ producerId: -1n })]);
    expect(state.lastDataOffsets()).toEqual(new Map([[7n, 5n], [9n, 2n]]));
  });

  it('forgets batches that truncation removed when rebuilt', async () => {
    const state = new ProducerStateManager('t-0');
    const log = new PartitionLog();
    for (let seq = 0; seq < 4; seq++) leaderAppend(state, log, [await batch({ seq })]);
    log.truncateTo(2n);
    state.rebuild(log.batches());
    expect(state.entry(7n)?.lastSeq).toBe(1);
    expect(leaderAppend(state, log, [await batch({ seq: 2 })])).toEqual({ baseOffset: 2n, lastOffset: 2n, duplicate: false });
  });

  it('warns, without refusing, when a replicated batch has an older epoch', async () => {
    const warnings: string[] = [];
    const state = new ProducerStateManager('t-0', (message) => warnings.push(message));
    state.applyReplicated(await batch({ epoch: 3, seq: 0 }));
    state.applyReplicated(await batch({ epoch: 2, seq: 0 }));
    expect(warnings).toHaveLength(1);
    expect(state.entry(7n)?.producerEpoch).toBe(2);
  });

  it('drops producers whose last batch is producer.id.expiration.ms old, keeps the others; a dropped one starts anew', async () => {
    const state = new ProducerStateManager('t-0');
    const log = new PartitionLog();
    leaderAppend(state, log, [await batch({ producerId: 7n, seq: 0, timestamp: 1_000n })]);
    leaderAppend(state, log, [await batch({ producerId: 9n, seq: 0, timestamp: 5_000n })]);
    expect(state.removeExpiredProducers(10_999, 10_000)).toEqual([]);
    expect(state.removeExpiredProducers(11_000, 10_000)).toEqual([7n]);
    expect([...state.producers()].map((entry) => entry.producerId)).toEqual([9n]);
    // Producer 7 is unknown now: a batch at any sequence is accepted, as for a producer never seen.
    expect(leaderAppend(state, log, [await batch({ producerId: 7n, seq: 40, timestamp: 12_000n })]).duplicate).toBe(false);
    expect(state.entry(7n)?.lastSeq).toBe(40);
  });
});
