/**
 * Bad input on the Kafka port: oversized or negative frame lengths, garbage, truncated and bit-flipped
 * requests, unknown API keys and versions. Each gets an error response or has its own connection closed;
 * the broker and the other clients keep working.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProduceResponse, encodeRequestFrame, KAFKA_ERRORS, KafkaReader } from '../../src/cluster/kafka/protocol/index.ts';
import { startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';
import { RawKafkaConnection } from '../support/raw-kafka-connection.ts';

const MAX_FRAME = 64 * 1024;
const FUZZ_WAIT_MS = 60;

const UNSUPPORTED_VERSION = KAFKA_ERRORS.UNSUPPORTED_VERSION.code;
const CORRUPT_MESSAGE = KAFKA_ERRORS.CORRUPT_MESSAGE.code;

/** Sends `bytes` on a fresh connection and waits until the broker closes it without answering. */
async function expectClosedByBroker(port: number, bytes: Uint8Array): Promise<void> {
  const raw = await RawKafkaConnection.open(port);
  try {
    raw.send(bytes);
    await raw.closedByBroker();
  } finally {
    raw.destroy();
  }
}

function frame(payload: Uint8Array): Uint8Array {
  const out = Buffer.alloc(4 + payload.length);
  out.writeInt32BE(payload.length, 0);
  out.set(payload, 4);
  return out;
}

function header(apiKey: number, version: number, correlationId: number): Buffer {
  const out = Buffer.alloc(10);
  out.writeInt16BE(apiKey, 0);
  out.writeInt16BE(version, 2);
  out.writeInt32BE(correlationId, 4);
  out.writeInt16BE(-1, 8);
  return out;
}

/** xorshift32: a reproducible random stream. */
function prng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

describe('bad input on the Kafka port', () => {
  let cluster: KafkaTestCluster;
  let port: number;
  let kafka: Kafka;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { socketRequestMaxBytes: MAX_FRAME, offsetsTopicNumPartitions: 3 } });
    port = cluster.broker(1).port;
    kafka = new Kafka({ clientId: 'bystander', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'safe', numPartitions: 1, replicationFactor: 3 }] });
    await admin.disconnect();
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('closes the connection on an oversized or negative frame length', async () => {
    const oversized = Buffer.alloc(4);
    oversized.writeInt32BE(MAX_FRAME + 1);
    await expectClosedByBroker(port, oversized);
    const negative = Buffer.alloc(4);
    negative.writeInt32BE(-5);
    await expectClosedByBroker(port, negative);
  });

  it('answers UNSUPPORTED_VERSION to unknown API keys and versions, keeping the connection', async () => {
    // One connection for all three: each answer arriving proves the previous request left it open.
    const raw = await RawKafkaConnection.open(port);
    try {
      raw.send(frame(header(999, 0, 7)));
      const unknownKey = await raw.nextFrame();
      expect(unknownKey.readInt32BE(0)).toBe(7);
      expect(unknownKey.readInt16BE(4)).toBe(UNSUPPORTED_VERSION);
      raw.send(frame(header(3, 99, 8)));
      const badVersion = await raw.nextFrame();
      expect(badVersion.readInt32BE(0)).toBe(8);
      expect(badVersion.readInt16BE(4)).toBe(UNSUPPORTED_VERSION);
      // librdkafka's first ApiVersions v3: the v0 layout with error 35 and our table.
      raw.send(frame(Buffer.concat([header(18, 3, 9), Buffer.from([0])])));
      const apiVersions = await raw.nextFrame();
      expect(apiVersions.readInt32BE(0)).toBe(9);
      expect(apiVersions.readInt16BE(4)).toBe(UNSUPPORTED_VERSION);
      expect(apiVersions.readInt32BE(6)).toBeGreaterThan(10);
      expect(raw.closed).toBe(false);
    } finally {
      raw.destroy();
    }
  });

  it('closes the connection on truncated or garbage requests', async () => {
    const produce = encodeRequestFrame(0, 7, 1, 'fuzz', {
      transactionalId: null,
      acks: 1,
      timeoutMs: 1000,
      topicData: [{ name: 'safe', partitionData: [{ index: 0, records: new Uint8Array(70) }] }],
    });
    const truncated = Buffer.from(produce.subarray(0, produce.length - 20));
    truncated.writeInt32BE(truncated.length - 4, 0);
    await expectClosedByBroker(port, truncated);
    await expectClosedByBroker(port, frame(Buffer.from([1, 2, 3])));
    // A well-formed request with a corrupt record batch is a Kafka error, not a protocol error. Sent to the
    // partition's leader: any other broker answers NOT_LEADER_OR_FOLLOWER before looking at the records.
    const admin = kafka.admin();
    await admin.connect();
    const leader = (await admin.fetchTopicMetadata({ topics: ['safe'] })).topics[0].partitions[0].leader;
    await admin.disconnect();
    const raw = await RawKafkaConnection.open(cluster.broker(leader).port);
    try {
      raw.send(produce);
      const reply = await raw.nextFrame();
      const reader = new KafkaReader(reply);
      expect(reader.int32(), 'correlation id').toBe(1);
      const [partition] = decodeProduceResponse(reader, 7).responses[0].partitionResponses;
      expect(partition).toMatchObject({ index: 0, errorCode: CORRUPT_MESSAGE });
      expect(raw.closed).toBe(false);
    } finally {
      raw.destroy();
    }
  });

  it('survives a bounded fuzz of mutated and random frames', async () => {
    const random = prng(0x5eed);
    const valid = [
      encodeRequestFrame(3, 6, 1, 'fuzz', { topics: [{ name: 'safe' }], allowAutoTopicCreation: false }),
      encodeRequestFrame(18, 2, 2, 'fuzz', {}),
      encodeRequestFrame(2, 3, 3, 'fuzz', { replicaId: -1, isolationLevel: 0, topics: [{ name: 'safe', partitions: [{ partitionIndex: 0, timestamp: -1n }] }] }),
      encodeRequestFrame(1, 11, 4, 'fuzz', {
        replicaId: -1, maxWaitMs: 10, minBytes: 1, maxBytes: 1024, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
        topics: [{ topic: 'safe', partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0n, logStartOffset: -1n, partitionMaxBytes: 1024 }] }],
        forgottenTopicsData: [], rackId: '',
      }),
    ];
    let outcomes = 0;
    const started = Date.now();
    for (let i = 0; i < 120; i++) {
      let bytes: Buffer;
      const kind = i % 3;
      if (kind === 0) {
        const base = Buffer.from(valid[Math.floor(random() * valid.length)]);
        for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
          const at = 4 + Math.floor(random() * (base.length - 4));
          base[at] ^= 1 << Math.floor(random() * 8);
        }
        base.writeInt32BE(base.length - 4, 0);
        bytes = base;
      } else if (kind === 1) {
        const base = Buffer.from(valid[Math.floor(random() * valid.length)]);
        const cut = 4 + Math.floor(random() * (base.length - 4));
        bytes = Buffer.from(base.subarray(0, cut));
        bytes.writeInt32BE(bytes.length - 4, 0);
      } else {
        const body = Buffer.alloc(Math.floor(random() * 200));
        for (let j = 0; j < body.length; j++) body[j] = Math.floor(random() * 256);
        bytes = Buffer.from(frame(body));
      }
      // Fuzz: each input gets at most FUZZ_WAIT_MS for an answer or a hang-up; neither is required of any one input.
      const raw = await RawKafkaConnection.open(port);
      raw.send(bytes);
      if (await raw.nextFrame(FUZZ_WAIT_MS).then(() => true, () => raw.closed)) outcomes++;
      raw.destroy();
    }
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(outcomes).toBeGreaterThan(0);

    // Everyone else is fine.
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'safe', acks: -1, messages: [{ value: 'still here' }] });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain('safe');
    const [offsets] = await admin.fetchTopicOffsets('safe');
    expect(Number(offsets.high)).toBeGreaterThanOrEqual(1);
    await admin.disconnect();
    expect(cluster.broker(1).status().running).toBe(true);
  });
});
