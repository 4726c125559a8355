/**
 * `kafkalab node broker`: one Kafka broker in this process, configured by cp-kafka's variables
 * (`kafka-env.ts`). Its partitions live in the log dir (`FsBrokerStorage`), clients reach it on its
 * listeners, and it dials ZooKeeper and the other brokers by name over TCP (`kafka-2`, `zookeeper-1`
 * resolve through the container's DNS). `stop()` is a controlled shutdown: its leaderships move to other
 * brokers before it leaves.
 *
 * Loads only the cluster library and Node: the kafkalab image has no npm packages.
 */
import { hostname } from 'node:os';
import { KafkaBroker } from '../../cluster/kafka/kafka-broker.ts';
import { FsBrokerStorage } from '../../cluster/kafka/log/fs-broker-storage.ts';
import { ListenerConfigError } from '../../cluster/kafka/network/broker-listeners.ts';
import type { LogLevel, LogLine } from '../../cluster/logger.ts';
import { createLogger } from '../../cluster/logger.ts';
import { installNodeZlibCodecs } from './node-zlib-codecs.ts';
import { TcpTransport } from '../../cluster/transport/tcp-transport.ts';
import type { BrokerNodeConfig } from './kafka-env.ts';
import { brokerConfigFromEnv } from './kafka-env.ts';
import type { RunningNode } from './running-node.ts';

// gzip and zstd through node:zlib (same wire format, native speed).
installNodeZlibCodecs();

export async function startNode(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<RunningNode> {
  const { config, notes } = brokerConfigFromEnv(env, hostname());
  // The broker tags its own lines kafka-<id> (kafka-1/replicas, kafka-1/controller, ...): so do these.
  const name = `kafka-${config.brokerId}`;
  const write = (level: LogLevel, message: string, node = name) => log(formatLine({ time: Date.now(), level, node, message }));
  for (const note of notes) write('info', note);
  write('info', describe(config));
  const logger = createLogger((line) => log(formatLine(line)), config.logLevel);

  const storage = new FsBrokerStorage(config.logDir, config.brokerId);
  let broker: KafkaBroker;
  try {
    broker = await KafkaBroker.start({
      id: config.brokerId,
      transport: new TcpTransport(),
      zookeeperConnect: config.zookeeperConnect,
      listeners: config.listeners.listeners,
      listenerSecurityProtocolMap: config.listeners.securityProtocolMap,
      interBrokerListenerName: config.listeners.interBrokerListenerName,
      config: config.brokerConfig,
      rack: config.rack ?? undefined,
      storage,
      logger,
    });
  } catch (error) {
    throw new Error(startFailure(error, config), { cause: error });
  }
  // Kafka's own line, word for word (KafkaServer.startup), which the Docker runtime's log-line wait knows.
  write('info', `[KafkaServer id=${config.brokerId}] started`, 'kafka.server.KafkaServer');
  write('info', `started: ${broker.listeners.map((l) => `${l.name}://${l.host}:${l.port}`).join(', ')}; controller ${broker.services.metadata.controllerId() ?? 'unknown'}`);
  return {
    async stop() {
      write('info', 'shutting down: controlled shutdown (leaderships move to other brokers first)');
      await broker.stop();
      write('info', 'shut down completed');
    },
  };
}

/** Kafka's log4j layout: `[2026-12-05 13:00:00,123] INFO message {fields} (logger)`. */
function formatLine(line: LogLine): string {
  const time = new Date(line.time).toISOString().replace('T', ' ').replace('Z', '').replace('.', ',');
  const fields = line.fields && Object.keys(line.fields).length > 0 ? ` ${JSON.stringify(line.fields)}` : '';
  return `[${time}] ${line.level.toUpperCase()} ${line.message}${fields} (${line.node})`;
}

function describe(config: BrokerNodeConfig): string {
  const { listeners } = config;
  const bound = listeners.listeners.map((l) => `${l.name}://${l.host ?? '127.0.0.1'}:${l.port}`).join(',');
  const advertised = listeners.listeners
    .filter((l) => l.advertisedHost !== null)
    .map((l) => `${l.name}://${l.advertisedHost ?? l.host}:${l.advertisedPort ?? l.port}`)
    .join(',');
  const settings = Object.entries(config.brokerConfig).map(([key, value]) => `${key}=${String(value)}`);
  return (
    `Kafka broker ${config.brokerId}: zookeeper.connect=${config.zookeeperConnect} listeners=${bound} advertised.listeners=${advertised} ` +
    `inter.broker.listener.name=${listeners.interBrokerListenerName ?? 'PLAINTEXT'} log.dirs=${config.logDir}` +
    (config.rack ? ` broker.rack=${config.rack}` : '') +
    (settings.length > 0 ? `; ${settings.join(' ')}` : '')
  );
}

/** What went wrong at start-up, with the variable to look at. */
function startFailure(error: unknown, config: BrokerNodeConfig): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ListenerConfigError) return `KAFKA_LISTENERS/KAFKA_ADVERTISED_LISTENERS: ${message}`;
  const { code, syscall, path } = (error ?? {}) as { code?: unknown; syscall?: unknown; path?: unknown };
  if (syscall === 'listen' || syscall === 'bind') {
    return `cannot listen on ${config.listeners.listeners.map((l) => `${l.host ?? '127.0.0.1'}:${l.port}`).join(', ')} (${message}): free the port or change KAFKA_LISTENERS`;
  }
  if (typeof path === 'string') return `cannot use the log dir ${config.logDir} (${message}): mount a writable volume there or set KAFKA_LOG_DIRS`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `a host name does not resolve (${message}): check KAFKA_ZOOKEEPER_CONNECT and KAFKA_ADVERTISED_LISTENERS`;
  if (/zookeeper|session|connect/i.test(message)) return `cannot reach ZooKeeper at ${config.zookeeperConnect} (${message}): is the ensemble up? (KAFKA_ZOOKEEPER_CONNECT)`;
  return message;
}
