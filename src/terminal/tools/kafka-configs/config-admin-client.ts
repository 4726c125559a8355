/**
 * The part of Kafka's Java `KafkaAdminClient` kafka-configs uses, over the raw protocol (kafkajs drops
 * the brokers' error messages, which kafka-configs prints, and has no IncrementalAlterConfigs):
 *
 * - every call waits for cluster metadata from a bootstrap server first; a bootstrap server that cannot
 *   be reached prints NetworkClient's WARN line (reconnect backoff 50 ms doubling to 1 s) and, when no
 *   answer comes within the call's deadline (`default.api.timeout.ms`, 60 s), the call fails with
 *   `TimeoutException: Timed out waiting for a node assignment. Call: <name>`;
 * - a broker resource goes to that broker, everything else to any broker;
 * - an API the broker does not advertise fails with `UnsupportedVersionException: The node does not
 *   support <API>` (describeCluster falls back to Metadata, as Java's does).
 *
 * `close()` waits for calls still running, as `Admin.close()` does.
 */
import type { OutputStream } from '../../command.ts';
import type { ToolEnvironment } from '../../tool-environment.ts';
import { API_KEYS } from '../../../cluster/kafka/protocol/index.ts';
import type { DescribeConfigsResourceResult } from '../../../cluster/kafka/protocol/index.ts';
import { NetworkClientWarnings } from '../kafka/network-client-warnings.ts';
import { InterruptedError } from '../interruption.ts';
import { pause } from '../kafka/deadline.ts';
import { JavaThrowableError, nodeAssignmentTimeout } from '../kafka/java-exception.ts';
import type { BootstrapAddress } from '../kafka/bootstrap-addresses.ts';
import type { BrokerConnection } from '../kafka/broker-connection.ts';
import { NodeConnections } from '../kafka/node-connections.ts';
import { INCREMENTAL_ALTER_CONFIGS, readIncrementalAlterConfigsResponse, writeIncrementalAlterConfigsRequest } from './incremental-alter-configs-codec.ts';
import type { AlterConfigOp } from './incremental-alter-configs-codec.ts';
import { integerHash, javaHashOrder, stringHashOrder } from '../kafka/java-hash-map.ts';
import { kafkaErrorException } from '../kafka/kafka-error-exceptions.ts';

/** `ConfigResource.Type` ids. */
export const RESOURCE_TYPE = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8, CLIENT_METRICS: 16 } as const;

export interface ConfigResource {
  readonly type: number;
  readonly name: string;
}

/** `ConfigEntry.ConfigSource` names by DescribeConfigs' `config_source` id. */
const CONFIG_SOURCES = [
  'UNKNOWN',
  'DYNAMIC_TOPIC_CONFIG',
  'DYNAMIC_BROKER_CONFIG',
  'DYNAMIC_DEFAULT_BROKER_CONFIG',
  'STATIC_BROKER_CONFIG',
  'DEFAULT_CONFIG',
  'DYNAMIC_BROKER_LOGGER_CONFIG',
  'DYNAMIC_CLIENT_METRICS_CONFIG',
];

export interface ConfigSynonym {
  readonly name: string;
  readonly value: string | null;
  readonly source: string;
}

export interface ConfigEntry {
  readonly name: string;
  /** null for a sensitive config. */
  readonly value: string | null;
  readonly source: string;
  readonly isSensitive: boolean;
  readonly synonyms: readonly ConfigSynonym[];
}

/** An admin call failed: its future completes with `throwable`. */
export class AdminCallError extends JavaThrowableError {}

export interface ConfigAdminClientOptions {
  readonly env: ToolEnvironment;
  readonly stderr: OutputStream;
  readonly signal: AbortSignal;
  readonly bootstrap: readonly BootstrapAddress[];
  /** `client.id` (`adminclient-1`, the first admin client of the JVM, unless the properties say otherwise). */
  readonly clientId: string;
  /** `default.api.timeout.ms` (60 000). */
  readonly defaultApiTimeoutMs: number;
  /** `request.timeout.ms` (30 000). */
  readonly requestTimeoutMs: number;
  /**
   * `--bootstrap-controller`: the addresses are KRaft controllers. A ZooKeeper-mode cluster has none;
   * its brokers refuse the controller's metadata request, which fails every call.
   */
  readonly viaControllers?: boolean;
}

interface BrokerNode {
  readonly id: number;
  readonly host: string;
  readonly port: number;
}

/** Metadata v1..6 carry what these calls read (brokers, topic names); later versions change nothing for them. */
const METADATA_VERSION = 6;
const RETRY_BACKOFF_MS = 100;
/** Java's `ApiKeys` names, as `The node does not support <API>` prints them. */
const UNSUPPORTED = (api: string) => new AdminCallError({ javaClass: 'org.apache.kafka.common.errors.UnsupportedVersionException', message: `The node does not support ${api}`, frames: [] });

export class ConfigAdminClient {
  readonly #options: ConfigAdminClientOptions;
  readonly #warnings: NetworkClientWarnings;
  readonly #connections: NodeConnections;
  readonly #pending = new Set<Promise<unknown>>();
  #brokers: BrokerNode[] | undefined;
  #nextBootstrap = 0;

  constructor(options: ConfigAdminClientOptions) {
    this.#options = options;
    const addresses = options.bootstrap.map(({ host, port }) => `${host}:${port}`);
    this.#warnings = new NetworkClientWarnings(options.env, options.stderr, `[AdminClient clientId=${options.clientId}] `, addresses);
    this.#connections = new NodeConnections({
      transport: options.env.transport,
      warnings: this.#warnings,
      connection: { clientId: options.clientId, requestTimeoutMs: options.requestTimeoutMs },
    });
  }

  /** `describeConfigs`: the entries of one resource. */
  describeConfigs(resource: ConfigResource, includeSynonyms: boolean): Promise<ConfigEntry[]> {
    const specificBroker = resource.type === RESOURCE_TYPE.BROKER_LOGGER || (resource.type === RESOURCE_TYPE.BROKER && resource.name !== '');
    return this.#call('describeConfigs', this.#options.defaultApiTimeoutMs, specificBroker ? Number(resource.name) : undefined, async (connection) => {
      const version = connection.usableVersion(API_KEYS.DescribeConfigs, 2);
      if (version === undefined) throw UNSUPPORTED('DESCRIBE_CONFIGS');
      const answer = await connection.request(
        API_KEYS.DescribeConfigs,
        version,
        { resources: [{ resourceType: resource.type, resourceName: resource.name, configurationKeys: null }], includeSynonyms },
        this.#options.requestTimeoutMs,
      );
      const result = answer.results.find((r) => r.resourceType === resource.type && r.resourceName === resource.name) ?? answer.results[0];
      if (!result) throw new AdminCallError(kafkaErrorException(-1, null));
      if (result.errorCode !== 0) throw new AdminCallError(kafkaErrorException(result.errorCode, result.errorMessage));
      return result.configs.map(configEntry);
    });
  }

  /** `listTopics(listInternal = true).names()`, in the Java client's HashMap order. */
  listTopicNames(): Promise<string[]> {
    return this.#call('listTopics', this.#options.defaultApiTimeoutMs, undefined, async (connection) => {
      const version = connection.usableVersion(API_KEYS.Metadata, METADATA_VERSION) ?? 0;
      // All topics: null from v1 on, an empty list in v0.
      const answer = await connection.request(API_KEYS.Metadata, version, { topics: version >= 1 ? null : [] }, this.#options.requestTimeoutMs);
      const names = answer.topics.flatMap((topic) => (topic.errorCode === 0 && typeof topic.name === 'string' ? [topic.name] : []));
      return stringHashOrder(names);
    });
  }

  /** `describeCluster().nodes()`: the broker ids. Brokers without DescribeCluster answer through Metadata. */
  describeClusterNodeIds(): Promise<number[]> {
    return this.#call('listNodes', this.#options.defaultApiTimeoutMs, undefined, async (connection) => {
      const answer = await connection.request(API_KEYS.Metadata, connection.usableVersion(API_KEYS.Metadata, METADATA_VERSION) ?? 0, { topics: [] }, this.#options.requestTimeoutMs);
      return javaHashOrder(
        answer.brokers.map((broker) => broker.nodeId),
        integerHash,
      );
    });
  }

  /**
   * `incrementalAlterConfigs` with a 30 s deadline (what ConfigCommand asks). A broker without
   * IncrementalAlterConfigs (the embedded one) gets the same change as one AlterConfigs of the whole
   * new set of overrides, which is what kafka-configs did before it had the incremental API.
   */
  incrementalAlterConfigs(resource: ConfigResource, ops: readonly AlterConfigOp[], currentOverrides: ReadonlyMap<string, string>): Promise<void> {
    const specificBroker = resource.type === RESOURCE_TYPE.BROKER_LOGGER || (resource.type === RESOURCE_TYPE.BROKER && resource.name !== '');
    return this.#call('incrementalAlterConfigs', 30_000, specificBroker ? Number(resource.name) : undefined, async (connection) => {
      const incremental = connection.advertised(INCREMENTAL_ALTER_CONFIGS.key);
      if (incremental && incremental.minVersion <= INCREMENTAL_ALTER_CONFIGS.version) {
        const results = await connection.requestRaw(
          INCREMENTAL_ALTER_CONFIGS,
          (writer) => writeIncrementalAlterConfigsRequest(writer, [{ resourceType: resource.type, resourceName: resource.name, configs: ops }], false),
          readIncrementalAlterConfigsResponse,
          this.#options.requestTimeoutMs,
        );
        const result = results[0];
        if (result && result.errorCode !== 0) throw new AdminCallError(kafkaErrorException(result.errorCode, result.errorMessage));
        return;
      }
      const overrides = new Map(currentOverrides);
      for (const op of ops) {
        if (op.op === 'SET') overrides.set(op.name, op.value ?? '');
        else if (op.op === 'DELETE') overrides.delete(op.name);
      }
      await this.#alterConfigsOn(connection, resource, [...overrides].map(([name, value]) => ({ name, value })));
    });
  }

  /** `alterConfigs` (the legacy, whole-set API) with a 30 s deadline. */
  alterConfigs(resource: ConfigResource, entries: ReadonlyArray<{ name: string; value: string | null }>): Promise<void> {
    const specificBroker = resource.type === RESOURCE_TYPE.BROKER && resource.name !== '';
    return this.#call('alterConfigs', 30_000, specificBroker ? Number(resource.name) : undefined, (connection) => this.#alterConfigsOn(connection, resource, entries));
  }

  /** A call of an API no broker here speaks (client quotas, SCRAM, client metrics): UnsupportedVersionException once a broker answers. */
  unsupported(callName: string, apiName: string): Promise<never> {
    return this.#call(callName, this.#options.defaultApiTimeoutMs, undefined, async () => {
      throw UNSUPPORTED(apiName);
    });
  }

  /** Ctrl-C: drops the connections at once; calls still running end at their next wait. */
  abort(): void {
    this.#connections.close();
  }

  /** Waits for the calls still running (until their deadlines), then closes the connections. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
    this.#connections.close();
  }

  async #alterConfigsOn(connection: BrokerConnection, resource: ConfigResource, entries: ReadonlyArray<{ name: string; value: string | null }>): Promise<void> {
    const version = connection.usableVersion(API_KEYS.AlterConfigs, 1);
    if (version === undefined) throw UNSUPPORTED('ALTER_CONFIGS');
    const answer = await connection.request(
      API_KEYS.AlterConfigs,
      version,
      { resources: [{ resourceType: resource.type, resourceName: resource.name, configs: entries.map((e) => ({ name: e.name, value: e.value })) }], validateOnly: false },
      this.#options.requestTimeoutMs,
    );
    const result = answer.responses[0];
    if (result && result.errorCode !== 0) throw new AdminCallError(kafkaErrorException(result.errorCode, result.errorMessage));
  }

  /**
   * Runs one call: metadata, a node (`brokerId`, or any broker), a connection, the request. A lost
   * connection is retried after `retry.backoff.ms` until the deadline; errors in the answer are final.
   */
  #call<T>(callName: string, timeoutMs: number, brokerId: number | undefined, send: (connection: BrokerConnection) => Promise<T>): Promise<T> {
    // Real time, not the environment's clock (which tests fix for byte-exact log lines).
    const deadline = Date.now() + timeoutMs;
    const run = async (): Promise<T> => {
      for (;;) {
        const node = await this.#nodeFor(brokerId, deadline, callName);
        const connection = await this.#connections.connect(node);
        if (connection) {
          try {
            return await send(connection);
          } catch (error) {
            if (error instanceof AdminCallError) throw error;
            // Disconnected or timed out: the metadata may be stale too.
            this.#brokers = undefined;
          }
        }
        await this.#wait(connection ? RETRY_BACKOFF_MS : this.#connections.backoffMs(`${node.host}:${node.port}`), deadline, callName);
      }
    };
    const call = run();
    this.#pending.add(call);
    void call.finally(() => this.#pending.delete(call)).catch(() => undefined);
    return call;
  }

  /** The node a call goes to, once metadata lists it. */
  async #nodeFor(brokerId: number | undefined, deadline: number, callName: string): Promise<BrokerNode> {
    for (;;) {
      const brokers = this.#brokers ?? (await this.#fetchMetadata(deadline, callName));
      const node = brokerId === undefined ? brokers[0] : brokers.find((broker) => broker.id === brokerId);
      if (node) return node;
      this.#brokers = undefined;
      await this.#wait(RETRY_BACKOFF_MS, deadline, callName);
    }
  }

  /** Metadata from the bootstrap servers in turn (the admin client's metadata manager). */
  async #fetchMetadata(deadline: number, callName: string): Promise<BrokerNode[]> {
    for (;;) {
      const address = this.#options.bootstrap[this.#nextBootstrap++ % this.#options.bootstrap.length];
      const node = { id: -1 - this.#options.bootstrap.indexOf(address), host: address.host, port: address.port };
      const connection = await this.#connections.connect(node);
      if (connection && this.#options.viaControllers) throw controllerMetadataRefused(connection);
      if (connection) {
        try {
          const version = connection.usableVersion(API_KEYS.Metadata, METADATA_VERSION) ?? 0;
          const answer = await connection.request(API_KEYS.Metadata, version, { topics: [] }, this.#options.requestTimeoutMs);
          if (answer.brokers.length > 0) {
            this.#warnings.learnBrokers(answer.brokers);
            this.#brokers = answer.brokers.map((broker) => ({ id: broker.nodeId, host: broker.host, port: broker.port }));
            return this.#brokers;
          }
        } catch {
          // Try the next bootstrap server.
        }
      }
      await this.#wait(connection ? RETRY_BACKOFF_MS : this.#connections.backoffMs(`${node.host}:${node.port}`), deadline, callName);
    }
  }

  /** Waits `ms` or until the deadline, which fails the call as Java's does when it never got a node. */
  async #wait(ms: number, deadline: number, callName: string): Promise<void> {
    const left = deadline - Date.now();
    if (left <= 0) throw new AdminCallError(nodeAssignmentTimeout(callName));
    await pause(Math.min(ms, left), this.#options.signal);
    if (this.#options.signal.aborted) throw new InterruptedError();
  }
}

/**
 * What a broker answers the admin client's controller metadata request (DescribeCluster for
 * controllers): a 3.9 ZooKeeper-mode broker refuses it as sent to the wrong kind of endpoint [inferred];
 * one without DescribeCluster at all cannot take it.
 */
function controllerMetadataRefused(connection: BrokerConnection): AdminCallError {
  if (!connection.advertised(60)) return UNSUPPORTED('DESCRIBE_CLUSTER');
  return new AdminCallError({
    javaClass: 'org.apache.kafka.common.errors.MismatchedEndpointTypeException',
    message: 'The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER',
    frames: [],
  });
}

function configEntry(result: DescribeConfigsResourceResult): ConfigEntry {
  const source = result.configSource !== undefined ? (CONFIG_SOURCES[result.configSource] ?? 'UNKNOWN') : result.isDefault ? 'DEFAULT_CONFIG' : 'UNKNOWN';
  return {
    name: result.name,
    value: result.value,
    source,
    isSensitive: result.isSensitive,
    synonyms: (result.synonyms ?? []).map((synonym) => ({ name: synonym.name, value: synonym.value, source: CONFIG_SOURCES[synonym.source] ?? 'UNKNOWN' })),
  };
}
