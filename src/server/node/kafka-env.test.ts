import { describe, expect, it } from 'vitest';
import { brokerConfigFromEnv, KafkaEnvError, kafkaPropertyName } from './kafka-env.ts';

/** kafka-1's environment in docker-compose.yml. */
const kafka1 = {
  KAFKA_BROKER_ID: '1',
  KAFKA_ZOOKEEPER_CONNECT: 'zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181',
  KAFKA_LISTENERS: 'INTERNAL://0.0.0.0:9092,EXTERNAL://0.0.0.0:19092',
  KAFKA_ADVERTISED_LISTENERS: 'INTERNAL://kafka-1:9092,EXTERNAL://localhost:19092',
  KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT',
  KAFKA_INTER_BROKER_LISTENER_NAME: 'INTERNAL',
  KAFKA_DEFAULT_REPLICATION_FACTOR: '3',
  KAFKA_MIN_INSYNC_REPLICAS: '2',
  KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '3',
  KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '3',
  KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '2',
};

function errorOf(env: Record<string, string | undefined>): KafkaEnvError {
  try {
    brokerConfigFromEnv(env, 'this-host');
  } catch (error) {
    if (error instanceof KafkaEnvError) return error;
    throw error;
  }
  throw new Error('no KafkaEnvError');
}

describe("cp-kafka's environment", () => {
  it("names properties by dub's rules: ___ is a dash, __ an underscore, _ a dot", () => {
    expect(kafkaPropertyName('KAFKA_ZOOKEEPER_CONNECT')).toBe('zookeeper.connect');
    expect(kafkaPropertyName('KAFKA_LISTENER_NAME_INTERNAL_SSL_KEY___STORE__TYPE')).toBe('listener.name.internal.ssl.key-store_type');
    expect(kafkaPropertyName('KAFKA_CONFLUENT_SUPPORT_METRICS_ENABLE')).toBe('confluent.support.metrics.enable');
  });

  it("takes docker-compose.yml's kafka-1 as it is, and says what it does not support", () => {
    const { config, notes } = brokerConfigFromEnv(kafka1, 'this-host');
    expect(config).toMatchObject({
      brokerId: 1,
      zookeeperConnect: 'zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181',
      logDir: '/var/lib/kafka/data',
      rack: null,
      brokerConfig: { defaultReplicationFactor: 3, minInsyncReplicas: 2, offsetsTopicReplicationFactor: 3 },
      logLevel: 'info',
    });
    expect(config.listeners.interBrokerListenerName).toBe('INTERNAL');
    expect(config.listeners.listeners).toEqual([
      { name: 'INTERNAL', host: '0.0.0.0', port: 9092, advertisedHost: 'kafka-1', advertisedPort: 9092 },
      { name: 'EXTERNAL', host: '0.0.0.0', port: 19092, advertisedHost: 'localhost', advertisedPort: 19092 },
    ]);
    expect(notes).toContain('unsupported setting transaction.state.log.min.isr=2 (KAFKA_TRANSACTION_STATE_LOG_MIN_ISR): ignored');
    expect(notes).toContain('unsupported setting transaction.state.log.replication.factor=3 (KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR): ignored');
  });

  it('logs JVM variables as such, and any other property it does not honour, one line each', () => {
    const { notes } = brokerConfigFromEnv({ ...kafka1, KAFKA_HEAP_OPTS: '-Xmx1G', KAFKA_JMX_PORT: '9101', KAFKA_OPTS: '-Dx=y', KAFKA_NUM_NETWORK_THREADS: '3', PATH: '/usr/bin' }, 'h');
    expect(notes).toContain("KAFKA_HEAP_OPTS=-Xmx1G: ignored: a JVM setting (kafkalab's broker is a Node process)");
    expect(notes).toContain("KAFKA_JMX_PORT=9101: ignored: a JVM setting (kafkalab's broker is a Node process)");
    expect(notes).toContain("KAFKA_OPTS=-Dx=y: ignored: a JVM setting (kafkalab's broker is a Node process)");
    expect(notes).toContain('unsupported setting num.network.threads=3 (KAFKA_NUM_NETWORK_THREADS): ignored');
    expect(notes.join('\n')).not.toContain('PATH');
  });

  it("fills in cp-kafka's defaults: listeners from the advertised ones on 0.0.0.0, the log dir, PLAINTEXT", () => {
    const { config, notes } = brokerConfigFromEnv({ KAFKA_BROKER_ID: '7', KAFKA_ZOOKEEPER_CONNECT: 'zk:2181', KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://kafka-7:9092', KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1' }, 'h');
    expect(config.listeners.listeners).toEqual([{ name: 'PLAINTEXT', host: '0.0.0.0', port: 9092, advertisedHost: 'kafka-7', advertisedPort: 9092 }]);
    expect(notes).toContain("KAFKA_LISTENERS is not set: listening on PLAINTEXT://0.0.0.0:9092 (cp-kafka's default, from KAFKA_ADVERTISED_LISTENERS)");
    expect(config.logDir).toBe('/var/lib/kafka/data');
    const dirs = brokerConfigFromEnv({ ...kafka1, KAFKA_LOG_DIRS: '/data/a,/data/b', KAFKA_BROKER_RACK: 'r1', KAFKA_LOG4J_ROOT_LOGLEVEL: 'WARN' }, 'h');
    expect(dirs.config).toMatchObject({ logDir: '/data/a', rack: 'r1', logLevel: 'warn' });
    expect(dirs.notes).toContain('log.dirs=/data/a,/data/b: kafkalab keeps one log dir; using /data/a');
  });

  it('refuses a missing or bad variable, naming it and what to set', () => {
    const withoutZk = errorOf({ ...kafka1, KAFKA_ZOOKEEPER_CONNECT: undefined });
    expect(withoutZk.variable).toBe('KAFKA_ZOOKEEPER_CONNECT');
    expect(withoutZk.message).toMatch(/^KAFKA_ZOOKEEPER_CONNECT is required: .*KAFKA_ZOOKEEPER_CONNECT=zookeeper-1:2181/);
    expect(errorOf({ ...kafka1, KAFKA_ADVERTISED_LISTENERS: undefined }).variable).toBe('KAFKA_ADVERTISED_LISTENERS');
    expect(errorOf({ ...kafka1, KAFKA_BROKER_ID: undefined }).variable).toBe('KAFKA_BROKER_ID');
    expect(errorOf({ ...kafka1, KAFKA_BROKER_ID: '-1' }).message).toContain('KAFKA_BROKER_ID =-1 is not a broker id');
    expect(errorOf({ ...kafka1, KAFKA_MIN_INSYNC_REPLICAS: 'two' }).message).toBe(
      'KAFKA_MIN_INSYNC_REPLICAS (min.insync.replicas must be a whole number of 0 or more, got "two"): e.g. min.insync.replicas=1',
    );
    expect(errorOf({ ...kafka1, KAFKA_ADVERTISED_PORT: '9092' }).message).toContain('KAFKA_ADVERTISED_PORT (advertised.port) is deprecated');
    const ssl = errorOf({ ...kafka1, KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'INTERNAL:PLAINTEXT,EXTERNAL:SSL' });
    expect(ssl.message).toContain("listener EXTERNAL uses security protocol SSL, which kafkalab's brokers do not support");
    expect(errorOf({ ...kafka1, KAFKA_INTER_BROKER_LISTENER_NAME: undefined }).message).toContain(
      'inter.broker.listener.name must be a listener name defined in advertised.listeners. The valid options based on currently configured listeners are INTERNAL,EXTERNAL',
    );
  });
});
