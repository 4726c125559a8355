/**
 * kcat 1.7.1 (librdkafka 2.0.2) against the brokers, unchanged: metadata listing (-L), producing (-P,
 * acks=all), consuming (-C, from the beginning to the end) and a consumer group (-G).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { runKcat } from '../support/kafka-clients.ts';
import type { KcatResult } from '../support/kafka-clients.ts';
import { describeWithPeer } from '../support/peers.ts';

function kcat(args: string[], input?: string, timeoutMs = 20_000): Promise<KcatResult> {
  return runKcat(args, timeoutMs, input);
}

describeWithPeer('kcat', 'kcat against the teaching cluster', () => {
  let cluster: KafkaTestCluster;
  let bootstrap: string;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 3, defaultReplicationFactor: 3, numPartitions: 2 } });
    bootstrap = cluster.bootstrap.join(',');
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('lists brokers and topics (-L)', async () => {
    const { code, stdout } = await kcat(['-b', bootstrap, '-L']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/3 brokers:/);
    for (const id of [1, 2, 3]) expect(stdout).toContain(`broker ${id} at 127.0.0.1:${cluster.broker(id).port}`);
  });

  it('produces (-P) and consumes (-C) every message', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line-${i}`);
    const produced = await kcat(['-b', bootstrap, '-P', '-t', 'kcat-topic', '-X', 'acks=all', '-K', ':'], lines.map((l, i) => `${i % 5}:${l}`).join('\n') + '\n');
    expect(produced.code, produced.stderr).toBe(0);
    const listed = await kcat(['-b', bootstrap, '-L', '-t', 'kcat-topic']);
    expect(listed.stdout).toMatch(/2 partitions:/);
    const consumed = await kcat(['-b', bootstrap, '-C', '-t', 'kcat-topic', '-o', 'beginning', '-e', '-q', '-f', '%p %o %s\\n']);
    expect(consumed.code, consumed.stderr).toBe(0);
    const values = consumed.stdout.trim().split('\n').map((line) => line.split(' ')[2]);
    expect(values.sort()).toEqual([...lines].sort());
    // Per partition, offsets are dense and in order.
    const byPartition = new Map<string, number[]>();
    for (const line of consumed.stdout.trim().split('\n')) {
      const [p, o] = line.split(' ');
      byPartition.set(p, [...(byPartition.get(p) ?? []), Number(o)]);
    }
    for (const offsets of byPartition.values()) expect(offsets).toEqual(offsets.map((_, i) => i));
  });

  it('consumes in a group (-G) and commits', async () => {
    const produced = await kcat(['-b', bootstrap, '-P', '-t', 'kcat-group'], 'a\nb\nc\n');
    expect(produced.code, produced.stderr).toBe(0);
    const consumed = await kcat(['-b', bootstrap, '-G', 'kcat-readers', '-o', 'beginning', '-e', '-q', '-f', '%s\\n', 'kcat-group'], undefined, 30_000);
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.stdout.trim().split('\n').sort()).toEqual(['a', 'b', 'c']);
  });
});
