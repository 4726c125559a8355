/**
 * kcat (librdkafka 2.0.2) with `-X enable.idempotence=true` against the teaching cluster: librdkafka
 * finds InitProducerId advertised, takes a producer id and writes idempotent batches (up to 5 in flight
 * per partition). Thousands of acks=all messages (RF 3, min.insync.replicas 2) stream in while the leader
 * of one partition is killed and another leader loses an acknowledgement; kcat exits cleanly and every
 * message is in the topic exactly once. With a `transactional.id`, kcat stops at once with the broker's reason.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually, startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { createOffsetsTopic, kafkaClient, runKcat } from '../support/kafka-clients.ts';
import { describeWithPeer, KCAT } from '../support/peers.ts';
import { readTopicValues } from '../support/read-topic.ts';

const TOPIC = 'idem-kcat';
const MESSAGES = 4000;
const BEFORE_KILL = 2000;

describeWithPeer('kcat', 'kcat idempotent producer', () => {
  let cluster: KafkaTestCluster;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { minInsyncReplicas: 2, offsetsTopicNumPartitions: 3, replicaLagTimeMaxMs: 1500 } });
    // The read-back is a consumer group, after a leader kill: the offsets topic (RF 3) must exist before it.
    await createOffsetsTopic(cluster);
  });
  afterAll(async () => {
    await cluster?.close();
  });

  /** Sum of the partitions' high watermarks on their current leaders. */
  function committed(): bigint {
    let total = 0n;
    for (const broker of cluster.brokers.values()) {
      if (broker.state !== 'running') continue;
      for (const partition of broker.services.internals.replicas.partitions()) {
        if (partition.topic === TOPIC && partition.role === 'leader') total += partition.highWatermark;
      }
    }
    return total;
  }

  it('stops a transactional producer at once, printing the broker\'s reason', async () => {
    const result = await runKcat(['-b', cluster.bootstrap.join(','), '-P', '-t', 'tx-refused', '-X', 'transactional.id=orders-tx'], 30_000, 'a\nb\n');
    expect(result.code).toBe(1);
    // librdkafka prints FindCoordinator's error_message with the error.
    expect(result.stderr).toMatch(/init_transactions\(\): .*Transactional Id authorization failed: transactions are not supported by the teaching cluster/);
  });

  it('writes every message exactly once through a leader kill', async () => {
    const admin = kafkaClient(cluster, 'setup').admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
    const { topics } = await admin.fetchTopicMetadata({ topics: [TOPIC] });
    await admin.disconnect();
    const victim = topics[0].partitions.find((p) => p.partitionId === 0)!.leader;
    // Another leader loses one acknowledgement (appends, then drops the connection): librdkafka retries
    // the batch with the same sequence, and the broker must recognise it.
    const other = topics[0].partitions.find((p) => p.leader !== victim)!;
    let lostAcks = 0;
    cluster.broker(other.leader).faults.add(0, () => (lostAcks++, { action: 'close-after-handling' }), { times: 1 });

    const kcat = spawn(
      KCAT,
      ['-b', cluster.bootstrap.join(','), '-P', '-t', TOPIC, '-K', ':', '-X', 'enable.idempotence=true', '-X', 'acks=all', '-X', 'linger.ms=5', '-X', 'message.timeout.ms=60000'],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    kcat.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => kcat.on('close', resolve));
    // Keyed, so the victim's partition keeps getting messages (unkeyed ones would avoid it while it is down).
    const values = Array.from({ length: MESSAGES }, (_, i) => `k-${i}`);
    const lines = values.map((value, i) => `${i}:${value}`);
    kcat.stdin.write(lines.slice(0, BEFORE_KILL).join('\n') + '\n');
    await eventually('half of the first messages committed', () => committed() >= BigInt(BEFORE_KILL / 2), 20_000);
    await cluster.kill(victim);
    kcat.stdin.end(lines.slice(BEFORE_KILL).join('\n') + '\n');
    const code = await exited;
    expect(code, stderr).toBe(0);
    expect(stderr).not.toMatch(/delivery failed|fatal|idempotence/i);

    expect(lostAcks).toBe(1);
    // Idempotent batches: each partition's leader knows kcat's one producer id.
    for (const broker of cluster.brokers.values()) {
      if (broker.state !== 'running') continue;
      for (const partition of broker.services.internals.replicas.partitions()) {
        if (partition.topic === TOPIC && partition.role === 'leader') expect(partition.producers.size).toBe(1);
      }
    }
    const read = await readTopicValues(cluster, TOPIC);
    expect(read.length).toBe(MESSAGES);
    expect([...read].sort()).toEqual([...values].sort());
  }, 55_000);
});
