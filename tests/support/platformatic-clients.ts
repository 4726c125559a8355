/**
 * @platformatic/kafka (2.x, a pure-JS client that negotiates each API's version from ApiVersions) as the Kafka
 * tests use it: string keys, values and headers, bounded retries, and every client closed with the test's
 * `PlatformaticClients`. It is the third independent client after kafkajs and kcat (librdkafka).
 *
 *   await using clients = new PlatformaticClients(cluster);
 *   const admin = clients.admin();
 *   const stream = await clients.consumer('my-group').consume({ topics: ['t'], mode: 'earliest' });
 *   stream.on('data', (message) => received.push(message));   // attach once: a flowing stream drops
 *                                                              // what arrives while no listener is on
 */
import { Admin, Consumer, findErrorBy, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import type { AdminOptions, ConsumerOptions, Message, MessagesStream, ProducerOptions, ProtocolError } from '@platformatic/kafka';
import type { KafkaTestCluster } from './kafka-cluster.ts';

export type StringProducer = Producer<string, string, string, string>;
export type StringConsumer = Consumer<string, string, string, string>;
export type StringMessage = Message<string, string, string, string>;
export type StringStream = MessagesStream<string, string, string, string>;

/** Short waits so a test sees a broker's answer quickly; a failover retries long enough to outlast an election. */
const BASE = { retries: 10, retryDelay: 250, timeout: 10_000, connectTimeout: 3000, metadataMaxAge: 1000 } as const;

export class PlatformaticClients implements AsyncDisposable {
  readonly #cluster: KafkaTestCluster;
  /** How to close each client made: consumers and producers forcefully (their streams too), an admin plainly. */
  readonly #open: Array<() => Promise<void>> = [];

  constructor(cluster: KafkaTestCluster) {
    this.#cluster = cluster;
  }

  admin(options: Partial<AdminOptions> = {}): Admin {
    const admin = new Admin({ ...BASE, clientId: 'plt-admin', bootstrapBrokers: this.#cluster.liveBootstrap, ...options });
    this.#open.push(() => admin.close());
    return admin;
  }

  producer(options: Partial<ProducerOptions<string, string, string, string>> = {}): StringProducer {
    return this.#track(new Producer({ ...BASE, clientId: 'plt-producer', bootstrapBrokers: this.#cluster.liveBootstrap, serializers: stringSerializers, ...options }));
  }

  consumer(groupId: string, options: Partial<ConsumerOptions<string, string, string, string>> = {}): StringConsumer {
    return this.#track(
      new Consumer({
        ...BASE,
        clientId: `plt-${groupId}`,
        groupId,
        bootstrapBrokers: this.#cluster.liveBootstrap,
        deserializers: stringDeserializers,
        maxWaitTime: 200,
        sessionTimeout: 10_000,
        heartbeatInterval: 500,
        rebalanceTimeout: 10_000,
        ...options,
      } as ConsumerOptions<string, string, string, string>),
    );
  }

  async close(): Promise<void> {
    for (const close of this.#open.splice(0).reverse()) await close().catch(() => undefined);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #track<T extends StringProducer | StringConsumer>(client: T): T {
    this.#open.push(() => client.close(true));
    return client;
  }
}

/** The Kafka error name (`TOPIC_ALREADY_EXISTS`, …) inside a @platformatic/kafka error, or the error's text when it carries none. */
export function kafkaErrorName(error: unknown): string {
  const seen = error instanceof Error ? error : undefined;
  for (const name of KAFKA_ERROR_NAMES) if (findErrorBy<ProtocolError>(seen, 'apiId', name)) return name;
  return `no Kafka error in: ${describeError(error)}`;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const nested = (error as Error & { errors?: unknown[] }).errors;
  const apiId = (error as Error & { apiId?: string }).apiId;
  return `${error.message}${apiId ? ` (${apiId})` : ''}${nested?.length ? ` [${nested.map(describeError).join('; ')}]` : ''}`;
}

/** The broker errors these tests expect to see (findErrorBy looks for one value at a time). */
const KAFKA_ERROR_NAMES = [
  'TOPIC_ALREADY_EXISTS',
  'INVALID_REPLICATION_FACTOR',
  'INVALID_PARTITIONS',
  'INVALID_REPLICA_ASSIGNMENT',
  'INVALID_CONFIG',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'NON_EMPTY_GROUP',
  'GROUP_ID_NOT_FOUND',
  'NOT_ENOUGH_REPLICAS',
  'COORDINATOR_NOT_AVAILABLE',
  'INVALID_TOPIC_EXCEPTION',
];

/** Rejects with `error` of `promise`, or fails when it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, it succeeded');
}
