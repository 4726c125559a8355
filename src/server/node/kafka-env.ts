/**
 * cp-kafka's environment → one kafkalab broker's settings, by Confluent's own rules (the image's
 * `configure` script and `kafka.properties.template`):
 *
 * - every `KAFKA_*` variable is a server property: strip `KAFKA_`, lower-case, `___` → `-`, `__` → `_`,
 *   `_` → `.` (KAFKA_ZOOKEEPER_CONNECT → zookeeper.connect), except the JVM and log4j variables
 *   (KAFKA_HEAP_OPTS, KAFKA_OPTS, KAFKA_JMX_*, ...), which are not properties;
 * - KAFKA_ZOOKEEPER_CONNECT, KAFKA_ADVERTISED_LISTENERS and KAFKA_BROKER_ID are required (`dub ensure`);
 * - KAFKA_LISTENERS defaults to the advertised listeners bound on 0.0.0.0 (`cub listeners`), KAFKA_LOG_DIRS
 *   to /var/lib/kafka/data; KAFKA_PORT, KAFKA_HOST, KAFKA_ADVERTISED_PORT/HOST stop the start (deprecated).
 *
 * Properties the broker honours go through `parseBrokerProperties` (the same as `kafkalab cluster
 * --broker-config`); the listener properties go to the cluster library's listener model. Every other one
 * becomes a note (one log line each), never silently dropped. Bad values throw `KafkaEnvError`, naming the
 * variable and what to set instead.
 */
import { BrokerPropertyError, brokerPropertyNames, parseBrokerProperties } from '../../cluster/broker-config-properties.ts';
import { defaultBrokerConfig, isKafkaDefault, brokerConfigNames, kafkaBrokerDefaults } from '../../cluster/kafka/broker-config.ts';
import type { BrokerConfig } from '../../cluster/kafka/broker-config.ts';
import { ListenerConfigError } from '../../cluster/kafka/network/broker-listeners.ts';
import type { ListenerSettings } from '../../cluster/kafka/network/broker-listeners.ts';
import { listenerSettingsFromProperties } from '../../cluster/kafka/network/listener-properties.ts';
import type { ListenerProperties } from '../../cluster/kafka/network/listener-properties.ts';
import type { LogLevel } from '../../cluster/logger.ts';

export interface BrokerNodeConfig {
  /** `broker.id`. */
  brokerId: number;
  /** `zookeeper.connect`, as given (`zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181[/chroot]`). */
  zookeeperConnect: string;
  /** The log dir (`log.dirs`, whose first entry kafkalab uses). */
  logDir: string;
  /** `broker.rack`, or null. */
  rack: string | null;
  /** listeners, advertised.listeners, listener.security.protocol.map, inter.broker.listener.name. */
  listeners: ListenerSettings;
  /** The broker settings the environment sets (over the teaching defaults). */
  brokerConfig: Partial<BrokerConfig>;
  /** From KAFKA_LOG4J_ROOT_LOGLEVEL (default info). */
  logLevel: LogLevel;
}

/** A variable whose value cannot work, with what to set instead. */
export class KafkaEnvError extends Error {
  readonly variable: string;
  constructor(variable: string, problem: string, hint: string) {
    super(`${variable} ${problem}: ${hint}`);
    this.name = 'KafkaEnvError';
    this.variable = variable;
  }
}

/** cp-kafka's log dir (the compose file mounts a volume there). */
export const defaultLogDir = '/var/lib/kafka/data';

/** Not server properties in cp-kafka (its template's `excluded_props`), plus the JMX variables its launcher reads. */
const jvmVariables = new Set([
  'KAFKA_VERSION',
  'KAFKA_HEAP_OPTS',
  'KAFKA_LOG4J_OPTS',
  'KAFKA_OPTS',
  'KAFKA_JMX_OPTS',
  'KAFKA_JMX_PORT',
  'KAFKA_JMX_HOSTNAME',
  'KAFKA_JVM_PERFORMANCE_OPTS',
  'KAFKA_GC_LOG_OPTS',
  'KAFKA_LOG4J_LOGGERS',
  'KAFKA_TOOLS_LOG4J_LOGLEVEL',
  'KAFKA_DEBUG',
]);

/** cp-kafka stops on these: "port is deprecated. Please use KAFKA_ADVERTISED_LISTENERS instead." */
const deprecatedVariables: Record<string, string> = {
  KAFKA_PORT: 'port',
  KAFKA_HOST: 'host',
  KAFKA_ADVERTISED_PORT: 'advertised.port',
  KAFKA_ADVERTISED_HOST: 'advertised.host',
  KAFKA_ADVERTISED_HOST_NAME: 'advertised.host.name',
};

const listenerProperties: Record<string, keyof ListenerProperties> = {
  listeners: 'listeners',
  'advertised.listeners': 'advertisedListeners',
  'listener.security.protocol.map': 'listenerSecurityProtocolMap',
  'inter.broker.listener.name': 'interBrokerListenerName',
};

const log4jLevels: Record<string, LogLevel> = { TRACE: 'debug', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error', FATAL: 'error', OFF: 'error' };

/** `KAFKA_ZOOKEEPER_CONNECT` → `zookeeper.connect`, as dub's `env_to_props` spells it. */
export function kafkaPropertyName(variable: string): string {
  return variable.replace(/^KAFKA_/, '').toLowerCase().split('_').join('.').split('...').join('-').split('..').join('_');
}

function required(env: Readonly<Record<string, string | undefined>>, variable: string, hint: string): string {
  const value = env[variable]?.trim();
  if (!value) throw new KafkaEnvError(variable, 'is required', `cp-kafka refuses to start without it; ${hint}`);
  return value;
}

/** The settings the environment describes, and one note per variable taken specially or not at all. */
export function brokerConfigFromEnv(env: Readonly<Record<string, string | undefined>>, localHostName?: string): { config: BrokerNodeConfig; notes: string[] } {
  const notes: string[] = [];
  for (const [variable, property] of Object.entries(deprecatedVariables)) {
    if (env[variable] !== undefined) {
      throw new KafkaEnvError(variable, `(${property}) is deprecated`, 'cp-kafka stops on it too; use KAFKA_LISTENERS and KAFKA_ADVERTISED_LISTENERS instead.');
    }
  }
  const zookeeperConnect = required(env, 'KAFKA_ZOOKEEPER_CONNECT', 'set the ensemble, e.g. KAFKA_ZOOKEEPER_CONNECT=zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181');
  const advertised = required(env, 'KAFKA_ADVERTISED_LISTENERS', 'set what clients are told, e.g. KAFKA_ADVERTISED_LISTENERS=INTERNAL://kafka-1:9092,EXTERNAL://localhost:19092');
  const idText = required(env, 'KAFKA_BROKER_ID', 'give every broker its own id, e.g. KAFKA_BROKER_ID=1');
  const brokerId = Number(idText);
  if (!/^\d+$/.test(idText) || !Number.isSafeInteger(brokerId) || brokerId > 2147483647) {
    throw new KafkaEnvError('KAFKA_BROKER_ID', `=${idText} is not a broker id`, 'use a whole number of 0 or more, e.g. KAFKA_BROKER_ID=1 (kafkalab does not generate ids).');
  }

  const listeners: ListenerProperties = { advertisedListeners: advertised };
  const lines: Array<{ variable: string; line: string }> = [];
  let logDirs: string | undefined;
  let logDir: string | undefined;
  let rack: string | null = null;
  let logLevel: LogLevel = 'info';
  const known = new Set(brokerPropertyNames());
  const names = Object.keys(env).filter((name) => name.startsWith('KAFKA_') && env[name] !== undefined).sort();
  for (const variable of names) {
    const value = env[variable] as string;
    if (variable === 'KAFKA_LOG4J_ROOT_LOGLEVEL') {
      const level = log4jLevels[value.trim().toUpperCase()];
      if (!level) throw new KafkaEnvError(variable, `=${value} is not a log4j level`, 'use DEBUG, INFO, WARN or ERROR.');
      logLevel = level;
      continue;
    }
    if (jvmVariables.has(variable)) {
      notes.push(`${variable}=${value}: ignored: a JVM setting (kafkalab's broker is a Node process)`);
      continue;
    }
    if (variable === 'KAFKA_ZOOKEEPER_CLIENT_CNXN_SOCKET') {
      notes.push(`unsupported setting zookeeper.clientCnxnSocket=${value} (${variable}): ignored`);
      continue;
    }
    const property = kafkaPropertyName(variable);
    if (property === 'broker.id' || property === 'zookeeper.connect') continue;
    if (Object.hasOwn(listenerProperties, property)) {
      listeners[listenerProperties[property]] = value;
    } else if (property === 'log.dirs') {
      logDirs = value;
    } else if (property === 'log.dir') {
      logDir = value;
    } else if (property === 'broker.rack') {
      rack = value.trim() || null;
    } else if (known.has(property)) {
      lines.push({ variable, line: `${property}=${value}` });
    } else {
      notes.push(`unsupported setting ${property}=${value} (${variable}): ignored`);
    }
  }
  // cp-kafka: `cub listeners` binds every advertised listener on 0.0.0.0 when KAFKA_LISTENERS is not set.
  if (listeners.listeners === undefined) {
    listeners.listeners = advertised.split(',').map((entry) => entry.trim().replace(/^([^:]*:\/\/)(\[[^\]]*\]|[^:]*)(:-?\d+)$/, '$10.0.0.0$3')).join(',');
    notes.push(`KAFKA_LISTENERS is not set: listening on ${listeners.listeners} (cp-kafka's default, from KAFKA_ADVERTISED_LISTENERS)`);
  }
  let listenerSettings: ListenerSettings;
  try {
    listenerSettings = listenerSettingsFromProperties(listeners, localHostName);
  } catch (error) {
    if (error instanceof ListenerConfigError) {
      throw new KafkaEnvError('KAFKA_LISTENERS/KAFKA_ADVERTISED_LISTENERS', `are not valid: ${error.problem}`, error.hint);
    }
    throw error;
  }

  const brokerConfig: Partial<BrokerConfig> = {};
  for (const { variable, line } of lines) {
    try {
      Object.assign(brokerConfig, parseBrokerProperties([line]));
    } catch (error) {
      if (error instanceof BrokerPropertyError) throw new KafkaEnvError(variable, `(${error.message})`, error.hint);
      throw error;
    }
  }

  const dirs = (logDirs ?? logDir ?? defaultLogDir).split(',').map((dir) => dir.trim()).filter(Boolean);
  if (dirs.length === 0) throw new KafkaEnvError('KAFKA_LOG_DIRS', 'is empty', `name a directory, e.g. KAFKA_LOG_DIRS=${defaultLogDir}`);
  if (dirs.length > 1) notes.push(`log.dirs=${dirs.join(',')}: kafkalab keeps one log dir; using ${dirs[0]}`);
  if (logDirs !== undefined && logDir !== undefined) notes.push(`log.dir=${logDir}: log.dirs is set and wins, as in Kafka; ignored`);
  notes.push(...teachingDefaultNotes(brokerConfig));

  return { config: { brokerId, zookeeperConnect, logDir: dirs[0], rack, listeners: listenerSettings, brokerConfig, logLevel }, notes };
}

/** The teaching defaults that differ from Kafka's and that the environment left alone: said once, not hidden. */
function teachingDefaultNotes(set: Partial<BrokerConfig>): string[] {
  const config = { ...defaultBrokerConfig, ...set } as BrokerConfig;
  const differing = (Object.keys(kafkaBrokerDefaults) as Array<keyof BrokerConfig>).filter((key) => set[key] === undefined && !isKafkaDefault(config, key));
  if (differing.length === 0) return [];
  return [
    `teaching defaults (faster failover than Kafka's): ${differing.map((key) => `${brokerConfigNames[key]}=${String(config[key])} (Kafka: ${String(kafkaBrokerDefaults[key])})`).join(', ')}; set KAFKA_* to change them`,
  ];
}
