/**
 * Test support for the group handlers: a `RequestContext` over a coordinator on a manual clock, and
 * `call()`, which sends a request through the real codecs at a given version (encode, the handler's
 * decode, handle, the handler's encode, decode) as a client would see it.
 */
import { silentLogger } from '../../logger.ts';
import { resolveBrokerConfig } from '../broker-config.ts';
import { ApiRegistry, type ApiHandler, type RequestContext } from '../broker/api-handler.ts';
import type { BrokerInternals } from '../broker/broker-internals.ts';
import type { BrokerEndpoint, BrokerServices, MetadataView, PartitionMetadata, TopicMetadata } from '../broker/broker-services.ts';
import { FaultInjector } from '../broker/fault-injector.ts';
import { API_REGISTRY, KafkaReader, KafkaWriter, type ApiKey } from '../protocol/index.ts';
import { GroupCoordinator } from './group-coordinator.ts';
import { InMemoryOffsetsTopic } from './in-memory-offsets-topic.ts';
import { ManualScheduler } from './manual-scheduler.ts';

export const BROKER: BrokerEndpoint = { id: 1, host: '127.0.0.1', port: 19092, rack: null, listeners: new Map([['PLAINTEXT', { host: '127.0.0.1', port: 19092 }]]) };

export interface HandlerTestContext {
  readonly services: BrokerServices;
  readonly coordinator: GroupCoordinator;
  readonly topic: InMemoryOffsetsTopic;
  readonly scheduler: ManualScheduler;
  /** Sends `request` at `version` through the codecs and `handler`; resolves with the decoded response. */
  call<Req, Res>(handler: ApiHandler<Req, Res>, version: number, request: Req): Promise<Res>;
}

/** `topics`: the data topics the metadata knows, with their partition counts. */
export async function createHandlerContext(topics: Record<string, number> = {}, offsetsPartitions = 4): Promise<HandlerTestContext> {
  const scheduler = new ManualScheduler();
  const topic = InMemoryOffsetsTopic.leaderOfAll(offsetsPartitions);
  const topicMetadata = (name: string, count: number, internal: boolean): TopicMetadata => ({
    name,
    topicId: 'AAAAAAAAAAAAAAAAAAAAAA',
    internal,
    partitionCount: count,
    partitions: Array.from({ length: count }, (_, partition): PartitionMetadata => ({
      topic: name,
      partition,
      leader: BROKER.id,
      leaderEpoch: 0,
      replicas: [BROKER.id],
      isr: [BROKER.id],
    })),
  });
  const all = new Map(Object.entries(topics).map(([name, count]) => [name, topicMetadata(name, count, false)]));
  all.set('__consumer_offsets', topicMetadata('__consumer_offsets', offsetsPartitions, true));
  const metadata: MetadataView = {
    clusterId: () => 'test-cluster',
    controllerId: () => BROKER.id,
    liveBrokers: () => [BROKER],
    broker: (id) => (id === BROKER.id ? BROKER : undefined),
    topic: (name) => all.get(name),
    topics: () => [...all.values()],
  };
  const config = resolveBrokerConfig({ groupInitialRebalanceDelayMs: 0 });
  const services: BrokerServices = {
    brokerId: BROKER.id,
    config,
    logger: silentLogger,
    apis: new ApiRegistry(),
    faults: new FaultInjector(),
    metadata,
    partitionLeaderFor: (name, partition) => {
      const p = all.get(name)?.partitions[partition];
      return p && topic.isLocalLeader(partition) ? BROKER : null;
    },
    offsetsTopic: topic,
    groupCoordinator: null,
    // The group handlers must not reach into the broker core: any use fails the test.
    internals: new Proxy({}, { get: (_t, key) => { throw new Error(`group handlers must not use broker internals (${String(key)})`); } }) as BrokerInternals,
  };
  let members = 0;
  const coordinator = new GroupCoordinator(services, { scheduler, newMemberId: (clientId) => `${clientId}-${++members}` });
  services.groupCoordinator = coordinator;
  coordinator.start();
  await scheduler.advance(0);

  return {
    services,
    coordinator,
    topic,
    scheduler,
    async call(handler, version, request) {
      const api = API_REGISTRY[handler.apiKey as ApiKey];
      const writer = new KafkaWriter();
      (api.encodeRequest as (w: KafkaWriter, v: unknown, version: number) => void)(writer, request, version);
      const ctx: RequestContext = {
        apiKey: handler.apiKey,
        apiVersion: version,
        correlationId: 1,
        clientId: 'test-client',
        remote: '127.0.0.1:50000',
        listenerName: 'PLAINTEXT',
        services,
        logger: silentLogger,
        signal: new AbortController().signal,
      };
      const decoded = handler.decode(writer.toBytes().slice(), version);
      const response = await handler.handle(ctx, decoded);
      if (response === null) throw new Error(`${handler.name} sent no response`);
      const bytes = handler.encode(response, version);
      const reader = new KafkaReader(bytes);
      const back = (api.decodeResponse as (r: KafkaReader, version: number) => unknown)(reader, version);
      reader.expectEnd(`${handler.name}Response v${version}`);
      // The generated decoder of the same API: its type is the handler's response type.
      return back as typeof response;
    },
  };
}
