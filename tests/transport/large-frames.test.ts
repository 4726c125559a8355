/**
 * Large request frames on the Kafka port (issue 7): a 60 MiB Produce dribbled in 64 KiB chunks is
 * reassembled in linear time, so the broker (and the five other nodes sharing its event loop) keeps
 * serving a kafkajs client while the frame is in flight; and a frame announcing more than
 * `socket.request.max.bytes` closes that one connection, with Kafka's "Invalid receive" reason logged,
 * never the broker.
 */
import { once } from 'node:events';
import net from 'node:net';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBrokerConfig, resolveBrokerConfig } from '../../src/cluster/kafka/broker-config.ts';
import { ApiRegistry } from '../../src/cluster/kafka/broker/api-handler.ts';
import type { BrokerServices } from '../../src/cluster/kafka/broker/broker-services.ts';
import { ClientConnection } from '../../src/cluster/kafka/broker/client-connection.ts';
import { FaultInjector } from '../../src/cluster/kafka/broker/fault-injector.ts';
import { decodeResponseFrame, encodeRecordBatch, encodeRequestFrame } from '../../src/cluster/kafka/protocol/index.ts';
import { createLogger } from '../../src/cluster/logger.ts';
import type { LogLine } from '../../src/cluster/logger.ts';
import { FrameReader } from '../../src/cluster/transport/frame-reader.ts';
import { MemoryTransport } from '../../src/cluster/transport/memory-transport.ts';
import { startKafkaTestCluster } from '../support/kafka-cluster.ts';
import type { KafkaTestCluster } from '../support/kafka-cluster.ts';

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;
const PRODUCE = 0;
const API_VERSIONS = 18;

/** A raw client socket to a broker: responses are parsed with a FrameReader and handed out in order. */
class RawKafkaConnection {
  readonly socket: net.Socket;
  readonly closed: Promise<unknown[]>;
  readonly #frames = new FrameReader(256 * MiB);
  readonly #received: Uint8Array[] = [];
  readonly #waiting: Array<(frame: Uint8Array) => void> = [];
  isClosed = false;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    this.closed = once(socket, 'close');
    void this.closed.then(() => (this.isClosed = true));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.#frames.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))) {
        const waiter = this.#waiting.shift();
        if (waiter) waiter(frame);
        else this.#received.push(frame);
      }
    });
  }

  static async open(port: number): Promise<RawKafkaConnection> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await once(socket, 'connect');
    return new RawKafkaConnection(socket);
  }

  /** Responses received and not yet taken. */
  get pending(): number {
    return this.#received.length;
  }

  /** Resolves once `bytes` are handed to the kernel. */
  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(bytes, (error) => (error ? reject(error) : resolve())));
  }

  nextFrame(): Promise<Uint8Array> {
    const frame = this.#received.shift();
    if (frame) return Promise.resolve(frame);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
}

function lengthPrefix(size: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setInt32(0, size);
  return out;
}

describe('a 60 MiB request frame on a live cluster', () => {
  let cluster: KafkaTestCluster;
  let kafka: Kafka;
  let bigLeaderPort: number;

  beforeAll(async () => {
    cluster = await startKafkaTestCluster({ config: { offsetsTopicNumPartitions: 3 } });
    kafka = new Kafka({ clientId: 'bystander', brokers: cluster.bootstrap, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          // One replica (no follower copies 60 MiB); batches up to socket.request.max.bytes' default.
          { topic: 'big', numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: String(100 * MiB) }] },
          { topic: 'small', numPartitions: 1, replicationFactor: 3 },
        ],
      });
      const metadata = await admin.fetchTopicMetadata({ topics: ['big'] });
      bigLeaderPort = cluster.broker(metadata.topics[0].partitions[0].leader).port;
    } finally {
      await admin.disconnect();
    }
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('reassembles it byte for byte while a kafkajs client produces, consumes and reads metadata, and a too-large frame closes only its own connection', async () => {
    expect(resolveBrokerConfig().socketRequestMaxBytes).toBe(104_857_600);
    const value = new Uint8Array(60 * MiB);
    new DataView(value.buffer).setUint32(0, 0xdeadbeef);
    for (let i = 4; i < value.length; i += 4093) value[i] = (i >>> 12) & 0xff;
    const batch = await encodeRecordBatch({ records: [{ key: null, value }] });
    const produce = encodeRequestFrame(PRODUCE, 7, 1, 'dribbler', {
      transactionalId: null,
      acks: 1,
      timeoutMs: 30_000,
      topicData: [{ name: 'big', partitionData: [{ index: 0, records: batch }] }],
    });
    // The last chunk ends the big frame and carries a whole second request: both must be answered, in order.
    const apiVersions = encodeRequestFrame(API_VERSIONS, 2, 2, 'dribbler', {});
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < produce.length; at += CHUNK) chunks.push(produce.subarray(at, at + CHUNK));
    const last = new Uint8Array(chunks[chunks.length - 1].length + apiVersions.length);
    last.set(chunks.pop()!);
    last.set(apiVersions, last.length - apiVersions.length);
    expect(chunks.length).toBeGreaterThan(900);

    const raw = await RawKafkaConnection.open(bigLeaderPort);
    await raw.write(chunks[0]);
    // From here until the last chunk is written, the frame is in flight.
    const dribble = (async () => {
      for (const chunk of chunks.slice(1)) {
        await raw.write(chunk);
        await yieldToLoop();
      }
    })();
    const bystander = (async () => {
      const producer = kafka.producer();
      const consumer = kafka.consumer({ groupId: 'bystander', sessionTimeout: 10_000 });
      const admin = kafka.admin();
      try {
        await producer.connect();
        const [sent] = await producer.send({ topic: 'small', acks: -1, messages: [{ key: 'k', value: 'while 60 MiB are in flight' }] });
        expect(sent.errorCode).toBe(0);
        await consumer.connect();
        await consumer.subscribe({ topic: 'small', fromBeginning: true });
        const consumed = new Promise<string>((resolve) => {
          void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) });
        });
        expect(await consumed).toBe('while 60 MiB are in flight');
        await admin.connect();
        const metadata = await admin.fetchTopicMetadata({ topics: ['small', 'big'] });
        expect(metadata.topics.map((t) => t.name).sort()).toEqual(['big', 'small']);
        // Meanwhile, on the same broker, a frame over socket.request.max.bytes (default 100 MiB) and a negative one.
        for (const size of [defaultBrokerConfig.socketRequestMaxBytes + 1, -1]) {
          const victim = await RawKafkaConnection.open(bigLeaderPort);
          await victim.write(lengthPrefix(size));
          await victim.closed;
          expect(victim.pending).toBe(0);
        }
      } finally {
        await consumer.disconnect();
        await producer.disconnect();
        await admin.disconnect();
      }
    })();
    await Promise.all([dribble, bystander]);
    expect(raw.pending).toBe(0);
    expect(raw.isClosed).toBe(false);

    await raw.write(last);
    const produced = decodeResponseFrame(PRODUCE, 7, await raw.nextFrame());
    expect(produced.correlationId).toBe(1);
    const partition = produced.body.responses[0].partitionResponses[0];
    // The broker checked the batch's CRC-32C over all 60 MiB before appending it.
    expect(partition.errorCode).toBe(0);
    expect(partition.baseOffset).toBe(0n);
    const versions = decodeResponseFrame(API_VERSIONS, 2, await raw.nextFrame());
    expect(versions.correlationId).toBe(2);
    expect(versions.body.errorCode).toBe(0);
    // The stored batch is the sent one (past the partition leader epoch the broker sets).
    const leader = [...cluster.brokers.values()].find((b) => b.port === bigLeaderPort)!;
    const stored = leader.services.internals.replicas.getPartition('big', 0)!.log.batches()[0].bytes;
    expect(stored.length).toBe(batch.length);
    expect(Buffer.from(stored.subarray(21)).equals(Buffer.from(batch.subarray(21)))).toBe(true);

    // The broker and the dribbler's connection are still serving.
    expect(leader.state).toBe('running');
    await raw.write(encodeRequestFrame(API_VERSIONS, 2, 3, 'dribbler', {}));
    expect(decodeResponseFrame(API_VERSIONS, 2, await raw.nextFrame()).correlationId).toBe(3);
    const producer = kafka.producer();
    await producer.connect();
    const [after] = await producer.send({ topic: 'small', acks: -1, messages: [{ value: 'after' }] });
    await producer.disconnect();
    expect(after.errorCode).toBe(0);
    raw.socket.destroy();
  }, 120_000);
});

describe('a request frame over socket.request.max.bytes', () => {
  async function connectionClosedBy(prefix: number): Promise<LogLine[]> {
    const lines: LogLine[] = [];
    const logger = createLogger((line) => lines.push(line), 'debug');
    const services = {
      brokerId: 1,
      config: resolveBrokerConfig({ socketRequestMaxBytes: 1024 }),
      logger,
      apis: new ApiRegistry([]),
      faults: new FaultInjector(),
    } as unknown as BrokerServices;
    const transport = new MemoryTransport();
    await transport.listen('broker', 9092, (connection) => new ClientConnection(connection, services, logger));
    const client = await transport.connect('broker', 9092);
    const closed = new Promise<void>((resolve) => client.onClose(() => resolve()));
    client.write(lengthPrefix(prefix));
    await closed;
    return lines;
  }

  it('closes that connection with Kafka\'s InvalidReceiveException reason logged', async () => {
    const oversized = await connectionClosedBy(1025);
    expect(oversized.filter((l) => l.level === 'warn')).toEqual([
      expect.objectContaining({
        message: 'closing connection on bad input',
        fields: expect.objectContaining({ reason: 'InvalidReceiveException: Invalid receive (size = 1025 larger than 1024), socket.request.max.bytes=1024' }),
      }),
    ]);
    const negative = await connectionClosedBy(-7);
    expect(negative.find((l) => l.level === 'warn')?.fields?.reason).toBe('InvalidReceiveException: Invalid receive (size = -7)');
  });

  it('rejects a socket.request.max.bytes that is not a positive integer', () => {
    expect(() => resolveBrokerConfig({ socketRequestMaxBytes: 0 })).toThrow(/socket\.request\.max\.bytes must be a positive integer/);
  });
});
