/**
 * The light stack: docker-compose.yml with the kafkalab node image for every node
 * (KAFKALAB_ZOOKEEPER_IMAGE and KAFKALAB_KAFKA_IMAGE both kafkalab/node), so `kafkalab node zookeeper`
 * runs the ensemble, one member per container, linked over the containers' network, beside
 * `kafkalab node broker`. The compose file is unchanged: the images read Confluent's variables.
 */
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCourseImages } from '../../src/server/images/image-build.ts';
import type { ClusterStatus } from '../../src/server/runtime/cluster-runtime.ts';
import { DockerRuntime } from '../../src/server/runtime/docker/docker-runtime.ts';
import { fourLetterWord } from '../../src/server/runtime/docker/four-letter-word.ts';
import { describeWithEngine, testDocker } from '../support/container-engine.ts';
import { waitUntil } from '../support/kafka-clients.ts';

const composeFile = join(import.meta.dirname, '..', '..', 'docker-compose.yml');

describeWithEngine('the light stack: kafkalab node images for ZooKeeper and Kafka', () => {
  const docker = testDocker();
  let runtime: DockerRuntime;
  let upStatus: ClusterStatus;

  beforeAll(async () => {
    const images = await buildCourseImages(docker, { only: ['node'], onLog: () => {} });
    runtime = new DockerRuntime({
      docker,
      engine: { name: 'test engine', version: '' },
      composeFile,
      env: { ...process.env, KAFKALAB_ZOOKEEPER_IMAGE: images.node.tag, KAFKALAB_KAFKA_IMAGE: images.node.tag },
      without: ['akhq'],
      // The engine is podman here: fixed addresses, as the runtime gives podman by its name.
      staticSubnet: '172.30.57.0/24',
    });
    await runtime.down({ volumes: true });
    upStatus = await runtime.up();
  }, 600_000);

  afterAll(async () => {
    await runtime?.down({ volumes: true });
  }, 120_000);

  it('the ensemble forms from ZOOKEEPER_SERVERS (one leader), the brokers register, and kafkajs produces and consumes', async () => {
    const zookeepers = upStatus.nodes.filter((node) => node.kind === 'zookeeper');
    expect(zookeepers.filter((node) => node.mode === 'leader')).toHaveLength(1);
    expect(zookeepers.filter((node) => node.mode === 'follower')).toHaveLength(2);
    expect(upStatus.nodes.filter((node) => node.kind === 'kafka').map((node) => node.registered)).toEqual([true, true, true]);
    const srvr = await fourLetterWord('127.0.0.1', 22181, 'srvr');
    expect(srvr).toMatch(/^Mode: (leader|follower)$/m);

    const kafka = new Kafka({ clientId: 'light-stack', brokers: ['localhost:19092', 'localhost:29092'], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'light', numPartitions: 2 }], waitForLeaders: true });
    const [metadata] = (await admin.fetchTopicMetadata({ topics: ['light'] })).topics;
    // default.replication.factor 3 from KAFKA_DEFAULT_REPLICATION_FACTOR.
    expect(metadata.partitions.map((partition) => partition.replicas.length)).toEqual([3, 3]);
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'light', acks: -1, messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });
    await producer.disconnect();
    const seen: string[] = [];
    const consumer = kafka.consumer({ groupId: 'light-group' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'light', fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
    await waitUntil('the three records', () => seen.length >= 3, 60_000, () => seen);
    await consumer.disconnect();
    expect(seen.sort()).toEqual(['a', 'b', 'c']);
  }, 120_000);

  it('killing the ZooKeeper leader’s container elects another, and the cluster keeps serving', async () => {
    await waitUntil('a ZooKeeper leader', async () => (await runtime.status()).nodes.some((node) => node.mode === 'leader'), 30_000);
    const leader = (await runtime.status()).nodes.find((node) => node.mode === 'leader')!;
    await runtime.nodeAction(leader.name, 'kill');
    await waitUntil(
      'another ZooKeeper member to lead',
      async () => (await runtime.status()).nodes.some((node) => node.kind === 'zookeeper' && node.name !== leader.name && node.mode === 'leader'),
      60_000,
    );
    const status = await runtime.nodeAction(leader.name, 'start');
    expect(status.nodes.find((node) => node.name === leader.name)?.mode).toBe('follower');
  }, 180_000);
});
