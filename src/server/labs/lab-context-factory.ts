/**
 * Builds the `LabContext` a check runs in, on whatever runtime is current: kafkajs on its bootstrap
 * servers with teaching timeouts, our ZooKeeper client on its ensemble, the runtime's controls. Every
 * client a check opens is closed when the check ends (or is cut by its deadline).
 */
import kafkajs from 'kafkajs';
import '../../terminal/tools/kafka/kafkajs-idle-timer-fix.ts';
import '../../terminal/tools/kafka/kafkajs-compression-codecs.ts';
import type { Admin, Consumer, Producer } from 'kafkajs';
import { installNodeZlibCodecs } from '../node/node-zlib-codecs.ts';
import { TcpTransport } from '../../cluster/transport/tcp-transport.ts';
import { ZooKeeperClient } from '../../cluster/zookeeper/client/zookeeper-client.ts';
import { LabClusterDownError } from '../../labs/cluster-down-error.ts';
import type { LabContextFactory } from '../../labs/grade.ts';
import type { Translate } from '../../labs/i18n/translate.ts';
import type { LabActivity, LabCluster, LabContext, LabKafka } from '../../labs/lab-context.ts';
import type { KeptResources } from '../../labs/kept-resources.ts';
import { LabNotes } from '../../labs/lab-notes.ts';

// gzip and zstd through node:zlib (same wire format, native speed).
installNodeZlibCodecs();

const { Kafka, logLevel } = kafkajs;

export interface LabContextOptions {
  cluster: LabCluster;
  learner: string;
  answers?: Readonly<Record<string, string>>;
  activity?: readonly LabActivity[];
  t: Translate;
  /** The learner's lab session's long-lived clients (see `LabContext.kept`). */
  kept: KeptResources;
  /** The session's notes (see `LabContext.notes`); without them, notes last one check. */
  notes?: LabNotes;
}

const transport = new TcpTransport();

export function labContextFactory(options: LabContextOptions): LabContextFactory {
  return async (signal) => {
    const status = await options.cluster.status();
    const clients: Array<Admin | Producer | Consumer> = [];
    let zookeeper: { client: ZooKeeperClient; connected: Promise<ZooKeeperClient> } | undefined;
    const down = status.state !== 'up';
    const connected = async <T extends Admin | Producer | Consumer>(made: T): Promise<T> => {
      if (down) throw new LabClusterDownError();
      clients.push(made);
      await made.connect();
      return made;
    };
    const kafkaOn = (brokers: string[]): LabKafka => {
      const client = new Kafka({
        clientId: 'kafkalab-grader',
        brokers,
        logLevel: logLevel.NOTHING,
        connectionTimeout: 1_000,
        requestTimeout: 3_000,
        retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 600 },
      });
      return {
        client,
        admin: () => connected(client.admin()),
        producer: (config) => connected(client.producer({ allowAutoTopicCreation: false, ...config })),
        consumer: (config) => connected(client.consumer(config)),
        bootstrap: kafkaOn,
      };
    };
    const context: LabContext = {
      learner: options.learner,
      cluster: options.cluster,
      answers: options.answers ?? {},
      activity: options.activity ?? [],
      signal,
      t: options.t,
      kept: options.kept,
      notes: options.notes ?? new LabNotes(),
      kafka: kafkaOn(status.connections.bootstrapServers.split(',').filter(Boolean)),
      zookeeper() {
        if (down) return Promise.reject(new LabClusterDownError());
        if (!zookeeper) {
          const zk = new ZooKeeperClient({ connectString: status.connections.zookeeper, transport, sessionTimeoutMs: 4_000 });
          zookeeper = { client: zk, connected: zk.connect().then(() => zk) };
        }
        return zookeeper.connected;
      },
    };
    return {
      context,
      async close() {
        await Promise.all([
          ...clients.map((made) => made.disconnect().catch(() => {})),
          // Closed even while still connecting (a check cut by its deadline on a down ensemble).
          zookeeper?.client.close().catch(() => {}),
        ]);
      },
    };
  };
}
