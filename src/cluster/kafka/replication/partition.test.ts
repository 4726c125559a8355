import { describe, expect, it } from 'vitest';
import { BATCH_HEADER_BYTES } from '../log/partition-log.ts';
import { Partition } from './partition.ts';

function batch(count: number): Uint8Array {
  const bytes = new Uint8Array(BATCH_HEADER_BYTES);
  const v = new DataView(bytes.buffer);
  v.setInt32(8, bytes.length - 12);
  v.setInt8(16, 2);
  v.setInt32(23, count - 1);
  // No producer id (-1), epoch -1, sequence -1: a plain producer's batch.
  v.setBigInt64(43, -1n);
  v.setInt16(51, -1);
  v.setInt32(53, -1);
  return bytes;
}

const leadership = (isr: number[], epoch = 0, zkVersion = 0) => ({ leader: 1, leaderEpoch: epoch, isr, replicas: [1, 2, 3], zkVersion });

describe('Partition (leader bookkeeping)', () => {
  it('moves the high watermark with the slowest ISR member and releases acks=all waiters', async () => {
    const p = new Partition('t', 0, 1);
    p.becomeLeader(leadership([1, 2, 3]), 0);
    const { lastOffset } = p.appendAsLeader([batch(2)], -1, 2);
    const committed = p.waitForCommit(lastOffset, 2, 5000);
    expect(p.highWatermark).toBe(0n);
    p.recordFollowerFetch(2, 2n, 10);
    expect(p.highWatermark).toBe(0n);
    p.recordFollowerFetch(3, 1n, 10);
    expect(p.highWatermark).toBe(1n);
    p.recordFollowerFetch(3, 2n, 20);
    expect(p.highWatermark).toBe(2n);
    await expect(committed).resolves.toBeNull();
  });

  it('refuses acks=all below min.insync.replicas before appending', () => {
    const p = new Partition('t', 0, 1);
    p.becomeLeader(leadership([1]), 0);
    expect(() => p.appendAsLeader([batch(1)], -1, 2)).toThrow(/NOT_ENOUGH_REPLICAS/);
    expect(p.logEndOffset).toBe(0n);
    expect(p.appendAsLeader([batch(1)], 1, 2).lastOffset).toBe(0n);
  });

  it('shrinks the ISR after the lag time and reports NOT_ENOUGH_REPLICAS_AFTER_APPEND', async () => {
    const p = new Partition('t', 0, 1);
    p.becomeLeader(leadership([1, 2]), 0);
    const { lastOffset } = p.appendAsLeader([batch(1)], -1, 2);
    const outcome = p.waitForCommit(lastOffset, 2, 5000);
    expect(p.proposeIsrShrink(1000, 3000)).toBeNull();
    const shrunk = p.proposeIsrShrink(3001, 3000);
    expect(shrunk).toEqual([1]);
    p.beginIsrUpdate(shrunk!);
    p.completeIsrUpdate(shrunk!, 1);
    await expect(outcome).resolves.toBe('NOT_ENOUGH_REPLICAS_AFTER_APPEND');
  });

  it('adds a follower back once it reaches the high watermark', () => {
    const p = new Partition('t', 0, 1);
    p.becomeLeader(leadership([1, 2]), 0);
    p.appendAsLeader([batch(3)], 1, 1);
    p.recordFollowerFetch(2, 3n, 1);
    expect(p.highWatermark).toBe(3n);
    expect(p.recordFollowerFetch(3, 1n, 2)).toBeNull();
    expect(p.recordFollowerFetch(3, 3n, 3)).toEqual([1, 2, 3]);
  });

  it('fails waiting writes when leadership moves', async () => {
    const p = new Partition('t', 0, 1);
    p.becomeLeader(leadership([1, 2]), 0);
    const { lastOffset } = p.appendAsLeader([batch(1)], -1, 1);
    const outcome = p.waitForCommit(lastOffset, 1, 5000);
    p.becomeFollower({ leader: 2, leaderEpoch: 1, isr: [2], replicas: [1, 2, 3], zkVersion: 1 });
    await expect(outcome).resolves.toBe('NOT_LEADER_OR_FOLLOWER');
  });

  it('times out acks=all when the ISR never catches up', async () => {
    const p = new Partition('t', 0, 1);
    p.becomeLeader(leadership([1, 2]), 0);
    const { lastOffset } = p.appendAsLeader([batch(1)], -1, 1);
    await expect(p.waitForCommit(lastOffset, 1, 20)).resolves.toBe('REQUEST_TIMED_OUT');
  });
});
