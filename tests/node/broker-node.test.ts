/**
 * `kafkalab node broker` as the kafkalab image runs it: three broker processes configured by cp-kafka's
 * variables only (docker-compose.yml's, with loopback ports), against a ZooKeeper ensemble of the cluster
 * library. Each runs from a copy of just bin/, src/cluster, src/server/node and the two pure-JS codecs the
 * cluster imports (snappyjs, fzstd; no package.json, no other node_modules), as in the image. ZooKeeper and the INTERNAL listeners are named `localhost` (dialled by
 * name, as `zookeeper-1` and `kafka-2` are in a container); kafkajs uses the EXTERNAL ones. SIGTERM is a
 * controlled shutdown that exits 0; a missing variable is an error exit naming it.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePartitionState } from '../../src/cluster/kafka/zk/znode-json.ts';
import { TcpTransport } from '../../src/cluster/transport/tcp-transport.ts';
import { ZooKeeperClient } from '../../src/cluster/zookeeper/client/index.ts';
import { ZooKeeperEnsemble } from '../../src/cluster/zookeeper/zookeeper-ensemble.ts';
import { freePorts } from '../support/free-ports.ts';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const transport = new TcpTransport();

interface BrokerProcess {
  id: number;
  internalPort: number;
  externalPort: number;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

let work: string;
let app: string;
let ensemble: ZooKeeperEnsemble;
let zk: ZooKeeperClient;
const brokers: BrokerProcess[] = [];


/** Starts `kafkalab node broker` with the environment alone (nothing inherited). */
function spawnBroker(variables: Record<string, string>): Omit<BrokerProcess, 'id' | 'internalPort' | 'externalPort'> {
  const child = spawn(process.execPath, [path.join(app, 'bin/kafkalab.js'), 'node', 'broker'], { cwd: app, env: variables, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** docker-compose.yml's kafka-N environment, on loopback ports, plus a variable no broker knows. */
function brokerEnv(id: number, internalPort: number, externalPort: number): Record<string, string> {
  return {
    KAFKA_BROKER_ID: String(id),
    KAFKA_ZOOKEEPER_CONNECT: ensemble.connectString().replaceAll('127.0.0.1', 'localhost'),
    KAFKA_LISTENERS: `INTERNAL://127.0.0.1:${internalPort},EXTERNAL://127.0.0.1:${externalPort}`,
    KAFKA_ADVERTISED_LISTENERS: `INTERNAL://localhost:${internalPort},EXTERNAL://127.0.0.1:${externalPort}`,
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT',
    KAFKA_INTER_BROKER_LISTENER_NAME: 'INTERNAL',
    KAFKA_DEFAULT_REPLICATION_FACTOR: '3',
    KAFKA_MIN_INSYNC_REPLICAS: '2',
    KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '3',
    KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '3',
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '3',
    KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '2',
    KAFKA_HEAP_OPTS: '-Xmx512M',
    KAFKA_LOG_DIRS: path.join(work, `kafka-${id}`),
  };
}

async function poll(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${brokers.map((b) => `--- kafka-${b.id}\n${b.output()}`).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function kafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: brokers.map((b) => `127.0.0.1:${b.externalPort}`), logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 2000 } });
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kafkalab-broker-node-'));
  // What the image carries: bin/, src/cluster, src/server/node and the pure-JS codecs the cluster imports;
  // no package.json, no other node_modules.
  app = path.join(work, 'app');
  for (const dir of ['bin', 'src/cluster', 'src/server/node', 'node_modules/snappyjs', 'node_modules/fzstd']) {
    cpSync(path.join(repo, dir), path.join(app, dir), { recursive: true, filter: (source) => !source.endsWith('.test.ts') });
  }
  ensemble = await ZooKeeperEnsemble.start({ transport, clientPorts: [0, 0, 0] });
  zk = new ZooKeeperClient({ connectString: ensemble.connectString(), transport, sessionTimeoutMs: 4000 });
  await zk.connect();
  const ports = await freePorts(6);
  for (const id of [1, 2, 3]) {
    const [internalPort, externalPort] = [ports[2 * id - 2], ports[2 * id - 1]];
    brokers.push({ id, internalPort, externalPort, ...spawnBroker(brokerEnv(id, internalPort, externalPort)) });
  }
  const registered = async () => (await zk.exists('/brokers/ids')) !== null && (await zk.getChildren('/brokers/ids')).length === 3;
  await poll('three brokers registered in /brokers/ids', registered);
}, 60_000);

afterAll(async () => {
  for (const broker of brokers) broker.child.kill('SIGKILL');
  await Promise.all(brokers.map((b) => b.exited));
  await zk?.close();
  await ensemble?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('kafkalab node broker', () => {
  it('registers INTERNAL and EXTERNAL, and logs every variable it does not honour', async () => {
    const registration = JSON.parse(new TextDecoder().decode((await zk.getData('/brokers/ids/2')).data!));
    expect(registration.endpoints).toEqual([`INTERNAL://localhost:${brokers[1].internalPort}`, `EXTERNAL://127.0.0.1:${brokers[1].externalPort}`]);
    const output = brokers[0].output();
    expect(output).toContain('unsupported setting transaction.state.log.min.isr=2 (KAFKA_TRANSACTION_STATE_LOG_MIN_ISR): ignored');
    expect(output).toContain('unsupported setting transaction.state.log.replication.factor=3 (KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR): ignored');
    expect(output).toContain("KAFKA_HEAP_OPTS=-Xmx512M: ignored: a JVM setting (kafkalab's broker is a Node process)");
    // Kafka's own "started" line, word for word: the Docker runtime's log-line wait looks for it.
    expect(output).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] INFO \[KafkaServer id=1\] started \(kafka\.server\.KafkaServer\)$/m);
    expect(output).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] INFO started: INTERNAL:\/\/127\.0\.0\.1:\d+, EXTERNAL:\/\/127\.0\.0\.1:\d+; controller \d \(kafka-1\)$/m);
  });

  it('serves kafkajs through EXTERNAL: RF 3 by default, acks=all, a consumer group, logs on disk', async () => {
    const client = kafka('node-test');
    const admin = client.admin();
    await admin.connect();
    const producer = client.producer();
    await producer.connect();
    const consumer = client.consumer({ groupId: 'node-readers', sessionTimeout: 6000, heartbeatInterval: 500 });
    const seen: string[] = [];
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers.map((b) => `${b.host}:${b.port}`).sort()).toEqual(brokers.map((b) => `127.0.0.1:${b.externalPort}`).sort());
      await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }], waitForLeaders: true });
      const { topics } = await admin.fetchTopicMetadata({ topics: ['orders'] });
      for (const partition of topics[0].partitions) expect([...partition.replicas].sort()).toEqual([1, 2, 3]);
      await producer.send({ topic: 'orders', acks: -1, messages: Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `order-${i}` })) });
      await consumer.connect();
      await consumer.subscribe({ topic: 'orders', fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
      await poll('20 orders consumed', () => seen.length >= 20);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.disconnect();
    }
    expect(seen.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `order-${i}`).sort());
    // Every broker keeps its replicas in its log dir (FsBrokerStorage), one folder per partition.
    for (const broker of brokers) {
      const dir = path.join(work, `kafka-${broker.id}`);
      const partitions = readdirSync(dir).filter((name) => /^orders-\d$/.test(name)).sort();
      expect(partitions).toEqual(['orders-0', 'orders-1', 'orders-2']);
      await poll(`kafka-${broker.id}'s segments written`, () =>
        partitions.every((p) => statSync(path.join(dir, p, '00000000000000000000.log'), { throwIfNoEntry: false })?.size),
      );
    }
  });

  it('SIGTERM: a controlled shutdown (its leaderships move first), then exit 0', async () => {
    const leaders = async () =>
      Promise.all([0, 1, 2].map(async (p) => decodePartitionState('state', (await zk.getData(`/brokers/topics/orders/partitions/${p}/state`)).data).leader));
    const leadersBefore = await leaders();
    expect(leadersBefore[0]).toBeGreaterThan(0);
    const victim = brokers.find((b) => b.id === leadersBefore[0])!;
    victim.child.kill('SIGTERM');
    expect(await victim.exited).toBe(0);
    // Straight after the exit (no session expiry to wait for): its registration is gone and no partition has it as leader.
    expect((await zk.getChildren('/brokers/ids')).sort()).toEqual(['1', '2', '3'].filter((id) => id !== String(victim.id)));
    expect(await leaders()).not.toContain(victim.id);
    expect(victim.output()).toContain('SIGTERM: stopping broker');
    expect(victim.output()).toContain('shut down completed');
    // Clients carry on through the others.
    const producer = kafka('after-stop').producer();
    await producer.connect();
    try {
      await producer.send({ topic: 'orders', acks: -1, messages: [{ value: 'after-stop' }] });
    } finally {
      await producer.disconnect();
    }
  });

  it('exits 1 naming a missing variable or a protocol it cannot serve', async () => {
    const [internalPort, externalPort] = await freePorts(2);
    const { KAFKA_ZOOKEEPER_CONNECT: _dropped, ...withoutZk } = brokerEnv(9, internalPort, externalPort);
    const missing = spawnBroker(withoutZk);
    expect(await missing.exited).toBe(1);
    expect(missing.output()).toMatch(/kafkalab node broker: KAFKA_ZOOKEEPER_CONNECT is required: cp-kafka refuses to start without it; set the ensemble/);
    const ssl = spawnBroker({ ...brokerEnv(9, internalPort, externalPort), KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'INTERNAL:PLAINTEXT,EXTERNAL:SSL' });
    expect(await ssl.exited).toBe(1);
    expect(ssl.output()).toContain("listener EXTERNAL uses security protocol SSL, which kafkalab's brokers do not support");
  });

  it('loads nothing but src/cluster, src/server/node, the codec packages the image carries and Node built-ins', () => {
    // Every import reachable from the node command (static or dynamic, with a literal specifier); packages
    // only those the image copies (build-context.ts NODE_IMAGE_SOURCES).
    const IMAGE_PACKAGES = ['snappyjs', 'fzstd'];
    const seen = new Set<string>();
    const outside: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const specifier = match[1] ?? match[2];
        if (specifier.startsWith('node:') || IMAGE_PACKAGES.includes(specifier)) continue;
        if (!specifier.startsWith('.')) {
          outside.push(`${path.relative(repo, file)} imports ${specifier}`);
          continue;
        }
        const target = path.resolve(path.dirname(file), specifier);
        const relative = path.relative(repo, target);
        if (!relative.startsWith('src/cluster/') && !relative.startsWith('src/server/node/')) outside.push(`${path.relative(repo, file)} imports ${relative}`);
        else visit(target);
      }
    };
    visit(path.join(repo, 'src/server/node/node-command.ts'));
    expect(seen.has(path.join(repo, 'src/server/node/broker-node.ts'))).toBe(true);
    expect(seen.has(path.join(repo, 'src/cluster/kafka/kafka-broker.ts'))).toBe(true);
    expect(outside).toEqual([]);
  });
});
