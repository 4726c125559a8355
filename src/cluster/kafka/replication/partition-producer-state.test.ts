import { describe, expect, it } from 'vitest';
import { PartitionLog } from '../log/partition-log.ts';
import { encodeRecordBatch } from '../protocol/record-batch.ts';
import { Partition } from './partition.ts';
import { createLogger } from '../../logger.ts';
import type { LogLine } from '../../logger.ts';

const leadership = (isr: number[], epoch = 0) => ({ leader: 1, leaderEpoch: epoch, isr, replicas: [1, 2, 3], zkVersion: 0 });

function idempotent(sequence: number, count = 1, producerId = 5n): Promise<Uint8Array> {
  return encodeRecordBatch({
    producerId,
    producerEpoch: 0,
    baseSequence: sequence,
    records: Array.from({ length: count }, (_, i) => ({ value: new TextEncoder().encode(`s${sequence + i}`) })),
  });
}

describe('Partition producer state', () => {
  it('answers a duplicate with the original offsets; with acks=all it still waits for the original to commit', async () => {
    const p = new Partition('t', 0, 1);
    p.becomeLeader(leadership([1, 2]), 0);
    const original = p.appendAsLeader([await idempotent(0, 3)], -1, 2);
    expect(original).toEqual({ baseOffset: 0n, lastOffset: 2n });
    const retry = p.appendAsLeader([await idempotent(0, 3)], -1, 2);
    expect(retry).toMatchObject({ baseOffset: 0n, lastOffset: 2n, duplicate: expect.anything() });
    expect(p.logEndOffset).toBe(3n);
    let answered = false;
    const committed = p.waitForCommit(retry.lastOffset, 2, 5000).then((outcome) => {
      answered = true;
      return outcome;
    });
    p.recordFollowerFetch(2, 2n, 1);
    await Promise.resolve();
    expect(answered).toBe(false);
    p.recordFollowerFetch(2, 3n, 2);
    await expect(committed).resolves.toBeNull();
  });

  it('checks min.insync.replicas before the producer state, as Kafka does: a duplicate can be NOT_ENOUGH_REPLICAS', async () => {
    const p = new Partition('t', 0, 1);
    p.becomeLeader(leadership([1, 2]), 0);
    p.appendAsLeader([await idempotent(0)], -1, 2);
    p.completeIsrUpdate([1], 1);
    const retry = await idempotent(0);
    expect(() => p.appendAsLeader([retry], -1, 2)).toThrow(/NOT_ENOUGH_REPLICAS/);
    expect(p.appendAsLeader([retry], 1, 2).duplicate).toBeDefined();
  });

  it('records what a follower appends, rebuilds after truncation and forgets on reset', async () => {
    const leader = new Partition('t', 0, 1);
    leader.becomeLeader(leadership([1]), 0);
    for (let seq = 0; seq < 4; seq++) leader.appendAsLeader([await idempotent(seq)], 1, 1);
    const follower = new Partition('t', 0, 2);
    follower.becomeFollower({ leader: 1, leaderEpoch: 0, isr: [1, 2], replicas: [1, 2, 3], zkVersion: 0 });
    // A fetch that repeats a batch the follower has (skipped by the log) records it once.
    follower.appendFromLeader(leader.log.batches().slice(0, 2).map((b) => b.bytes), 0n);
    follower.appendFromLeader(leader.log.batches().slice(1).map((b) => b.bytes), 0n);
    expect(follower.producers.entry(5n)?.batches.map((b) => b.firstSeq)).toEqual([0, 1, 2, 3]);
    follower.truncateTo(2n);
    expect(follower.producers.entry(5n)?.lastSeq).toBe(1);
    follower.resetTo(10n);
    expect(follower.producers.size).toBe(0);
  });

  it('rebuilds producer state from a restored log', async () => {
    const log = new PartitionLog();
    log.appendAsLeader([await idempotent(0, 2), await idempotent(2, 2)], 0);
    const restored = new Partition('t', 0, 1, log);
    restored.becomeLeader(leadership([1]), 1);
    expect(restored.appendAsLeader([await idempotent(2, 2)], 1, 1)).toMatchObject({ baseOffset: 2n, duplicate: expect.anything() });
    const gap = await idempotent(5);
    expect(() => restored.appendAsLeader([gap], 1, 1)).toThrow(/OUT_OF_ORDER_SEQUENCE_NUMBER/);
  });

  it("passes the producer state's warnings to the broker's logger (an epoch going backwards in replicated data)", async () => {
    const lines: LogLine[] = [];
    const follower = new Partition('t', 0, 2, undefined, createLogger((line) => lines.push(line), 'info'));
    follower.becomeFollower({ leader: 1, leaderEpoch: 0, isr: [1, 2], replicas: [1, 2, 3], zkVersion: 0 });
    const epoch = (producerEpoch: number, baseOffset: bigint) =>
      encodeRecordBatch({ baseOffset, producerId: 9n, producerEpoch, baseSequence: 0, records: [{ value: new TextEncoder().encode('e') }] });
    follower.appendFromLeader([await epoch(3, 0n)], 0n);
    follower.appendFromLeader([await epoch(2, 1n)], 0n);
    expect(lines.filter((line) => line.level === 'warn').map((line) => [line.message, line.fields?.epoch, line.fields?.lastSeenEpoch])).toEqual([
      ['producer epoch went backwards in replicated batch', 2, 3],
    ]);
  });
});
