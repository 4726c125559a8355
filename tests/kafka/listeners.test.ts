/**
 * Kafka's listeners on the embedded brokers, as docker-compose.yml configures them: every broker has an
 * INTERNAL listener (advertised as 127.0.0.1, what other brokers dial) and an EXTERNAL one (advertised as
 * `localhost`, what clients on the host use). The brokers' own outgoing connections go through a "firewall"
 * that refuses `localhost`, as kafka-2 cannot reach `localhost:19092` inside Docker: replication and controlled
 * shutdown must go over INTERNAL. Clients are answered the addresses of the listener they came through.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaBroker } from '../../src/cluster/kafka/kafka-broker.ts';
import type { KafkaBrokerOptions } from '../../src/cluster/kafka/kafka-broker.ts';
import { BrokerChannel } from '../../src/cluster/kafka/network/broker-channel.ts';
import { ListenerConfigError } from '../../src/cluster/kafka/network/broker-listeners.ts';
import {
  decodeFindCoordinatorResponse,
  decodeMetadataResponse,
  encodeFindCoordinatorRequest,
  encodeMetadataRequest,
  KAFKA_ERRORS,
} from '../../src/cluster/kafka/protocol/index.ts';
import type { MetadataResponse } from '../../src/cluster/kafka/protocol/index.ts';
import { consoleLogger, silentLogger } from '../../src/cluster/logger.ts';
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import type { Connection, Listener, Transport } from '../../src/cluster/transport/transport.ts';
import { ZooKeeperClient } from '../../src/cluster/zookeeper/client/index.ts';
import { ZooKeeperEnsemble } from '../../src/cluster/zookeeper/zookeeper-ensemble.ts';
import { runKcat, waitUntil } from '../support/kafka-clients.ts';
import { peerGate } from '../support/peers.ts';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

const logger = process.env.KAFKALAB_TEST_LOG ? consoleLogger('info') : silentLogger;
const LISTENER_MAP = { INTERNAL: 'PLAINTEXT', EXTERNAL: 'PLAINTEXT' };

/** A broker's outgoing connections: every address it dialled, in order; `localhost` is refused. */
class FirewalledTransport implements Transport {
  readonly dialled: string[] = [];
  readonly refused: string[] = [];
  readonly #inner: Transport;
  constructor(inner: Transport) {
    this.#inner = inner;
  }
  listen(host: string, port: number, onConnection: (connection: Connection) => void): Promise<Listener> {
    return this.#inner.listen(host, port, onConnection);
  }
  connect(host: string, port: number): Promise<Connection> {
    if (host === 'localhost') {
      this.refused.push(`${host}:${port}`);
      return Promise.reject(new Error(`firewall: brokers cannot reach ${host}:${port}`));
    }
    this.dialled.push(`${host}:${port}`);
    return this.#inner.connect(host, port);
  }
}

function kafkaOn(brokers: string[], clientId: string): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 2000 } });
}

async function request<T>(host: string, port: number, apiKey: number, version: number, encode: Parameters<BrokerChannel['request']>[2], decode: (reader: Awaited<ReturnType<BrokerChannel['request']>>) => T): Promise<T> {
  const channel = await BrokerChannel.open(new TcpTransport(), host, port, 'listeners-test');
  try {
    return decode(await channel.request(apiKey, version, encode, 10_000));
  } finally {
    channel.close();
  }
}

/** Metadata v8 (v6+: LISTENER_NOT_FOUND) or an older version, sent to host:port. */
function metadata(host: string, port: number, topics: string[] | null, version = 8): Promise<MetadataResponse> {
  const topicList = topics?.map((name) => ({ name })) ?? null;
  return request(host, port, 3, version, (w) => encodeMetadataRequest(w, { topics: topicList, allowAutoTopicCreation: false }, version), (r) => decodeMetadataResponse(r, version));
}

describe('listeners: INTERNAL for brokers, EXTERNAL for clients', () => {
  const tcp = new TcpTransport();
  let ensemble: ZooKeeperEnsemble;
  const brokers = new Map<number, KafkaBroker>();
  const firewalls = new Map<number, FirewalledTransport>();

  const baseOptions = (id: number): KafkaBrokerOptions => {
    const firewall = new FirewalledTransport(tcp);
    firewalls.set(id, firewall);
    return {
      id,
      transport: firewall,
      zookeeperTransport: tcp,
      zookeeperConnect: ensemble.connectString(),
      listeners: [
        { name: 'INTERNAL', host: '127.0.0.1', port: 0, advertisedHost: '127.0.0.1' },
        { name: 'EXTERNAL', host: '127.0.0.1', port: 0, advertisedHost: 'localhost' },
      ],
      listenerSecurityProtocolMap: LISTENER_MAP,
      interBrokerListenerName: 'INTERNAL',
      config: { defaultReplicationFactor: 3, minInsyncReplicas: 2, offsetsTopicNumPartitions: 3, offsetsTopicReplicationFactor: 3, zookeeperSessionTimeoutMs: 4000 },
      logger,
    };
  };
  const portOf = (id: number, listener: string) => brokers.get(id)!.listeners.find((l) => l.name === listener)!.port;
  const external = () => [...brokers.keys()].map((id) => `localhost:${portOf(id, 'EXTERNAL')}`);
  const internal = () => [...brokers.keys()].map((id) => `127.0.0.1:${portOf(id, 'INTERNAL')}`);

  beforeAll(async () => {
    ensemble = await ZooKeeperEnsemble.start({ transport: tcp, clientPorts: [0, 0, 0], logger });
    const started = await Promise.all([1, 2, 3].map((id) => KafkaBroker.start(baseOptions(id))));
    for (const broker of started) brokers.set(broker.id, broker);
    await waitUntil('every broker sees three brokers and a controller', () =>
      started.every((b) => b.services.metadata.liveBrokers().length === 3 && b.services.metadata.controllerId() !== null),
    );
  });

  afterAll(async () => {
    await Promise.all([...brokers.values()].map((broker) => broker.kill()));
    await ensemble?.close();
  });

  it('registers every advertised listener in /brokers/ids/<id>, as Kafka 3.9 writes it', async () => {
    const zk = new ZooKeeperClient({ connectString: ensemble.connectString(), transport: tcp });
    await zk.connect();
    try {
      const text = new TextDecoder().decode((await zk.getData('/brokers/ids/1')).data!);
      const [int, ext] = [portOf(1, 'INTERNAL'), portOf(1, 'EXTERNAL')];
      expect(text.replace(/"timestamp":"\d+"/, '"timestamp":"T"')).toBe(
        '{"features":{},"listener_security_protocol_map":{"INTERNAL":"PLAINTEXT","EXTERNAL":"PLAINTEXT"},' +
          `"endpoints":["INTERNAL://127.0.0.1:${int}","EXTERNAL://localhost:${ext}"],"jmx_port":-1,"port":${int},"host":"127.0.0.1","version":5,"timestamp":"T"}`,
      );
    } finally {
      await zk.close();
    }
  });

  it('answers kafkajs with the addresses of the listener it bootstrapped through', async () => {
    const viaExternal = kafkaOn([external()[0]], 'via-external').admin();
    const viaInternal = kafkaOn([internal()[0]], 'via-internal').admin();
    await Promise.all([viaExternal.connect(), viaInternal.connect()]);
    try {
      const seenExternally = (await viaExternal.describeCluster()).brokers.map((b) => `${b.host}:${b.port}`).sort();
      const seenInternally = (await viaInternal.describeCluster()).brokers.map((b) => `${b.host}:${b.port}`).sort();
      expect(seenExternally).toEqual([...external()].sort());
      expect(seenInternally).toEqual([...internal()].sort());
    } finally {
      await Promise.all([viaExternal.disconnect(), viaInternal.disconnect()]);
    }
  });

  it('replicates over INTERNAL: acks=all with RF 3 and min.insync.replicas=2 while clients use EXTERNAL', async () => {
    const kafka = kafkaOn(external(), 'external-producer');
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer();
    await producer.connect();
    try {
      await admin.createTopics({ topics: [{ topic: 'replicated', numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true });
      const messages = Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
      await producer.send({ topic: 'replicated', acks: -1, messages });
      // Every follower caught up over INTERNAL: every replica has the 30 records and the ISR is whole.
      const recordsPerBroker = () =>
        [...brokers.values()].map((broker) =>
          [...broker.services.internals.replicas.partitions()].filter((r) => r.topic === 'replicated').reduce((sum, r) => sum + Number(r.logEndOffset), 0),
        );
      await waitUntil('every broker holds the 30 records', () => recordsPerBroker().every((n) => n === 30), 20_000, recordsPerBroker);
      const { topics } = await admin.fetchTopicMetadata({ topics: ['replicated'] });
      for (const partition of topics[0].partitions) expect([...partition.isr].sort()).toEqual([1, 2, 3]);
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
    const internalAddresses = new Set(internal());
    for (const [id, firewall] of firewalls) {
      expect(firewall.refused, `broker ${id} dialled an EXTERNAL address`).toEqual([]);
      expect(firewall.dialled.length, `broker ${id} replicated from someone`).toBeGreaterThan(0);
      for (const address of firewall.dialled) expect(internalAddresses, `broker ${id} dialled ${address}`).toContain(address);
    }
  });

  it('consumes in a group through EXTERNAL; FindCoordinator answers the coordinator on the asking listener', async () => {
    const kafka = kafkaOn(external(), 'external-consumer');
    const consumer = kafka.consumer({ groupId: 'external-readers', sessionTimeout: 6000, heartbeatInterval: 500 });
    await consumer.connect();
    const seen: string[] = [];
    try {
      await consumer.subscribe({ topic: 'replicated', fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
      await waitUntil('30 messages consumed', () => seen.length >= 30, 30_000, () => seen.length);
    } finally {
      await consumer.disconnect();
    }
    expect(seen.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `v${i}`).sort());
    const ask = (host: string, port: number) =>
      request(host, port, 10, 2, (w) => encodeFindCoordinatorRequest(w, { key: 'external-readers', keyType: 0 }, 2), (r) => decodeFindCoordinatorResponse(r, 2));
    const fromExternal = await ask('localhost', portOf(1, 'EXTERNAL'));
    const fromInternal = await ask('127.0.0.1', portOf(1, 'INTERNAL'));
    expect(fromExternal.errorCode).toBe(0);
    expect(fromInternal.nodeId).toBe(fromExternal.nodeId);
    expect(`${fromExternal.host}:${fromExternal.port}`).toBe(`localhost:${portOf(fromExternal.nodeId, 'EXTERNAL')}`);
    expect(`${fromInternal.host}:${fromInternal.port}`).toBe(`127.0.0.1:${portOf(fromInternal.nodeId, 'INTERNAL')}`);
  });

  const kcatGate = peerGate('kcat');
  it.skipIf(kcatGate.action === 'skip')('kcat -L lists each listener\'s addresses', async () => {
    if (kcatGate.action === 'fail') throw new Error(kcatGate.reason);
    const viaExternal = await runKcat(['-b', external()[0], '-L'], 20_000);
    const viaInternal = await runKcat(['-b', internal()[1], '-L'], 20_000);
    expect(viaExternal.code, viaExternal.stderr).toBe(0);
    expect(viaInternal.code, viaInternal.stderr).toBe(0);
    for (const id of [1, 2, 3]) {
      expect(viaExternal.stdout).toContain(`broker ${id} at localhost:${portOf(id, 'EXTERNAL')}`);
      expect(viaInternal.stdout).toContain(`broker ${id} at 127.0.0.1:${portOf(id, 'INTERNAL')}`);
    }
    expect(viaExternal.stdout).not.toContain('127.0.0.1');
  });

  it('leaves out a broker that lacks the asking listener; a partition it leads is LISTENER_NOT_FOUND (v6+)', async () => {
    const options = baseOptions(4);
    const lonely = await KafkaBroker.start({
      ...options,
      listeners: [{ name: 'INTERNAL', host: '127.0.0.1', port: 0, advertisedHost: '127.0.0.1' }],
      listenerSecurityProtocolMap: { INTERNAL: 'PLAINTEXT' },
    });
    try {
      await waitUntil('broker 1 sees broker 4', () => brokers.get(1)!.services.metadata.broker(4) !== undefined);
      const admin = kafkaOn(internal(), 'internal-admin').admin();
      await admin.connect();
      try {
        await admin.createTopics({ topics: [{ topic: 'on-four', replicaAssignment: [{ partition: 0, replicas: [4] }] }], waitForLeaders: true });
      } finally {
        await admin.disconnect();
      }
      const viaExternal = await metadata('localhost', portOf(1, 'EXTERNAL'), ['on-four']);
      const viaInternal = await metadata('127.0.0.1', portOf(1, 'INTERNAL'), ['on-four']);
      expect(viaExternal.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
      expect(viaInternal.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3, 4]);
      expect(viaExternal.topics[0].partitions[0]).toMatchObject({ errorCode: KAFKA_ERRORS.LISTENER_NOT_FOUND.code, leaderId: -1, replicaNodes: [4] });
      expect(viaInternal.topics[0].partitions[0]).toMatchObject({ errorCode: 0, leaderId: 4 });
      // Before v6 Kafka answers LEADER_NOT_AVAILABLE instead.
      const old = await metadata('localhost', portOf(1, 'EXTERNAL'), ['on-four'], 5);
      expect(old.topics[0].partitions[0]).toMatchObject({ errorCode: KAFKA_ERRORS.LEADER_NOT_AVAILABLE.code, leaderId: -1 });
    } finally {
      await lonely.stop();
    }
  });

  it('controlled shutdown asks the controller over its INTERNAL listener', async () => {
    const controllerId = brokers.get(1)!.services.metadata.controllerId()!;
    const leaving = [...brokers.keys()].find((id) => id !== controllerId)!;
    const firewall = firewalls.get(leaving)!;
    const before = firewall.dialled.length;
    await brokers.get(leaving)!.stop();
    brokers.delete(leaving);
    const controllerInternal = `127.0.0.1:${portOf(controllerId, 'INTERNAL')}`;
    expect(firewall.dialled.slice(before)).toContain(controllerInternal);
    expect(firewall.refused).toEqual([]);
    // Its leaderships moved away before it left.
    const view = await metadata('localhost', portOf(controllerId, 'EXTERNAL'), ['replicated']);
    for (const partition of view.topics[0].partitions) expect(partition.leaderId).not.toBe(leaving);
  });

  it('refuses listener settings Kafka refuses, and protocols it cannot serve, before binding anything', async () => {
    const attempt = async (options: Partial<KafkaBrokerOptions>) => {
      try {
        await KafkaBroker.start({ ...baseOptions(9), ...options });
      } catch (error) {
        return error;
      }
      throw new Error('the broker started');
    };
    const ssl = await attempt({ listenerSecurityProtocolMap: { INTERNAL: 'PLAINTEXT', EXTERNAL: 'SSL' } });
    expect(ssl).toBeInstanceOf(ListenerConfigError);
    expect((ssl as ListenerConfigError).problem).toBe("listener EXTERNAL uses security protocol SSL, which kafkalab's brokers do not support");
    const noInterBroker = await attempt({ interBrokerListenerName: undefined });
    expect((noInterBroker as ListenerConfigError).problem).toBe(
      'inter.broker.listener.name must be a listener name defined in advertised.listeners. The valid options based on currently configured listeners are INTERNAL,EXTERNAL',
    );
    const both = await attempt({ port: 0 });
    expect((both as Error).message).toContain('both listeners and host/port');
    expect(firewalls.get(9)!.dialled).toEqual([]);
  });
});
