import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.ts';
import type { LogLine } from '../../logger.ts';
import { defaultLogConfig } from '../log/log-config.ts';
import { BATCH_HEADER_BYTES, PartitionLog } from '../log/partition-log.ts';
import { LogRetention } from './log-retention.ts';
import { Partition } from './partition.ts';

function batch(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const v = new DataView(out.buffer);
  v.setInt32(8, out.length - 12);
  v.setInt8(16, 2);
  v.setBigInt64(35, BigInt(Date.now()));
  return out;
}

describe('LogRetention', () => {
  it('runs every interval on its scheduler, deletes on leaders and followers up to their HW, and logs why', () => {
    const config = { ...defaultLogConfig, segmentBytes: 100, retentionBytes: 100 };
    const partitions = [1, 2].map((broker) => {
      const log = new PartitionLog({ config: () => config });
      const partition = new Partition('t', 0, broker, log);
      return partition;
    });
    const [leader, follower] = partitions;
    leader.becomeLeader({ leader: 1, leaderEpoch: 0, isr: [1], replicas: [1, 2], zkVersion: 0 }, 0);
    leader.appendAsLeader([batch(100), batch(100), batch(100)], 1, 1);
    follower.becomeFollower({ leader: 1, leaderEpoch: 0, isr: [1], replicas: [1, 2], zkVersion: 0 });
    follower.appendFromLeader(leader.log.read(0n, 3n, 10_000, true).chunks.map((c) => c.slice()), 1n);
    expect(leader.highWatermark).toBe(3n);
    expect(follower.highWatermark).toBe(1n);

    const lines: LogLine[] = [];
    const scheduled: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
    const retention = new LogRetention({
      partitions: () => partitions,
      intervalMs: () => 250,
      logger: createLogger((line) => lines.push(line), 'info'),
      schedule: (run, ms) => {
        const entry = { run, ms, cancelled: false };
        scheduled.push(entry);
        return () => void (entry.cancelled = true);
      },
    });
    retention.start();
    expect(scheduled.map((s) => s.ms)).toEqual([250]);
    scheduled[0].run();
    // Leader: 300 bytes, 100 allowed: the two oldest segments go. Follower: only below its HW (1).
    expect(leader.log.logStartOffset).toBe(2n);
    expect(follower.log.logStartOffset).toBe(1n);
    expect(lines.some((l) => l.message.includes('retention.bytes'))).toBe(true);
    expect(scheduled).toHaveLength(2);
    retention.stop();
    expect(scheduled[1].cancelled).toBe(true);
  });
});
