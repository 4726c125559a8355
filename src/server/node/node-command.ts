/**
 * `kafkalab node zookeeper|broker`: one node of the embedded cluster as its own process, configured by the
 * environment variables of Confluent's images (cp-zookeeper, cp-kafka), so that docker-compose.yml runs
 * with the kafkalab image instead of Confluent's. Without a kind, the environment says which node this is
 * (KAFKA_BROKER_ID: a broker; ZOOKEEPER_SERVER_ID or ZOOKEEPER_CLIENT_PORT: a ZooKeeper member).
 *
 * SIGTERM (`docker stop`) stops the node as its own tools would (a broker's controlled shutdown) and exits 0.
 * This module and the node modules it loads use only the cluster library and Node: the container image
 * carries no npm packages.
 */
import type { NodeKindModule, RunningNode } from './running-node.ts';

const nodeKinds: Record<string, () => Promise<NodeKindModule>> = {
  zookeeper: () => import('./zookeeper-node.ts'),
  broker: () => import('./broker-node.ts'),
};

const usage = `Usage: kafkalab node [zookeeper|broker]
  Runs one ZooKeeper member or one Kafka broker of the embedded cluster in the foreground, configured
  by the environment variables of Confluent's images (ZOOKEEPER_SERVER_ID, ZOOKEEPER_CLIENT_PORT,
  ZOOKEEPER_SERVERS, KAFKA_BROKER_ID, KAFKA_ZOOKEEPER_CONNECT, KAFKA_LISTENERS,
  KAFKA_ADVERTISED_LISTENERS, KAFKA_INTER_BROKER_LISTENER_NAME, KAFKA_LISTENER_SECURITY_PROTOCOL_MAP,
  KAFKA_LOG_DIRS, ...). Without a kind, KAFKA_BROKER_ID makes a broker and ZOOKEEPER_SERVER_ID or
  ZOOKEEPER_CLIENT_PORT a ZooKeeper member. Variables it does not support are logged at start.`;

/** The kind the environment describes, or undefined. */
export function inferNodeKind(env: NodeJS.ProcessEnv): string | undefined {
  if (env.KAFKA_BROKER_ID !== undefined || env.KAFKA_ZOOKEEPER_CONNECT !== undefined) return 'broker';
  if (env.ZOOKEEPER_SERVER_ID !== undefined || env.ZOOKEEPER_CLIENT_PORT !== undefined) return 'zookeeper';
  return undefined;
}

export async function run(args: string[]): Promise<void> {
  if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    console.log(usage);
    return;
  }
  const kind = args[0] ?? inferNodeKind(process.env);
  const load = kind !== undefined && Object.hasOwn(nodeKinds, kind) ? nodeKinds[kind] : undefined;
  if (!load) {
    console.error(kind === undefined ? 'kafkalab node: which node? Set KAFKA_BROKER_ID or ZOOKEEPER_SERVER_ID, or name the kind.' : `kafkalab node: unknown node kind "${kind}"`);
    console.error(usage);
    process.exit(2);
  }
  const log = (line: string) => console.log(line);
  let node: RunningNode;
  try {
    node = await (await load()).startNode(process.env, log);
  } catch (error) {
    console.error(`kafkalab node ${kind}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(143);
    stopping = true;
    log(`${signal}: stopping ${kind}`);
    node.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`kafkalab node ${kind}: error while stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
