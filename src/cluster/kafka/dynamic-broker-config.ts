/**
 * Dynamic broker configs as Kafka keeps them in ZooKeeper mode (`core/src/main/scala/kafka/server/
 * DynamicBrokerConfig.scala`, `DynamicConfigManager.scala`, `AdminZkClient.changeBrokerConfig`):
 *
 * - AlterConfigs / IncrementalAlterConfigs on a broker resource write `/config/brokers/<id>` (or
 *   `/config/brokers/<default>` for the cluster-wide default) as `{"version":1,"config":{...}}`, then a
 *   persistent sequential `/config/changes/config_change_<seq>` with `{"version":2,"entity_path":"brokers/<id>"}`;
 * - every broker loads both entities at startup, watches `/config/changes`, and re-reads the entity a new
 *   notification names when it is itself or `<default>`;
 * - the effective value of a setting is the per-broker dynamic value, else the cluster default, else the
 *   static one (`server.properties`, here the cluster options). It is applied to the broker's live
 *   `BrokerConfig` object in place, so the produce path, the controller and the topic defaults follow it.
 */
import type { Logger } from '../logger.ts';
import { ErrorCode } from '../zookeeper/client/index.ts';
import { isKafkaDefault } from './broker-config.ts';
import type { BrokerConfig } from './broker-config.ts';
import { brokerConfigEntry, brokerSettingByName, invalidBrokerValueReason } from './broker-config-catalog.ts';
import { isZkError } from './zk/kafka-zk.ts';
import type { KafkaZk } from './zk/kafka-zk.ts';
import { ZkPaths } from './zk/znode-paths.ts';
import { purgeObsoleteNotifications } from './zk/config-change-purge.ts';
import { decodeEntityConfig, encodeConfigChange, encodeEntityConfig } from './zk/znode-json.ts';

/** `ZooKeeperInternals.DEFAULT_STRING`: the entity name of the cluster-wide default. */
export const DEFAULT_BROKER_ENTITY = '<default>';

export function brokerConfigPath(entity: string): string {
  return `/config/brokers/${entity}`;
}

/** How Scala prints a small `Set[String]` (`HashSet` from five members on). */
function scalaSet(names: readonly string[]): string {
  return `${names.length > 4 ? 'HashSet' : 'Set'}(${names.join(', ')})`;
}

const registry = new WeakMap<object, DynamicBrokerConfig>();

/** The dynamic configs attached to a broker's live config object, if any (topic-config defaults use it). */
export function dynamicConfigOf(config: object): DynamicBrokerConfig | undefined {
  return registry.get(config);
}

/**
 * The effective value of a Kafka broker config name for `config` (dynamic per-broker, dynamic default,
 * static, Kafka's default), as a string; null when it has none.
 */
export function effectiveBrokerValue(config: BrokerConfig, name: string): string | null {
  const dynamic = dynamicConfigOf(config);
  if (dynamic) return dynamic.value(name);
  const key = brokerSettingByName.get(name);
  const set = key !== undefined ? config[key] : undefined;
  if (set !== undefined && set !== null) return String(set);
  return brokerConfigEntry(name)?.kafkaDefault ?? null;
}

export class DynamicBrokerConfig {
  readonly brokerId: number;
  readonly #live: BrokerConfig;
  readonly #static: Readonly<BrokerConfig>;
  readonly #log: Logger;
  #perBroker: Record<string, string> = {};
  #clusterDefault: Record<string, string> = {};
  #zk: KafkaZk | null = null;
  #lastChange = -1;
  #generation = 0;

  constructor(brokerId: number, config: BrokerConfig, logger: Logger) {
    this.brokerId = brokerId;
    this.#live = config;
    this.#static = Object.freeze({ ...config });
    this.#log = logger;
    registry.set(config, this);
  }

  /**
   * Bumped whenever the dynamic configs change. The live config object is updated in place, so whatever
   * caches values derived from it (e.g. a topic's log settings) should key them on this too.
   */
  get generation(): number {
    return this.#generation;
  }

  /** `currentDynamicBrokerConfigs`: `/config/brokers/<this id>`. */
  get perBroker(): Readonly<Record<string, string>> {
    return this.#perBroker;
  }

  /** `currentDynamicDefaultConfigs`: `/config/brokers/<default>`. */
  get clusterDefault(): Readonly<Record<string, string>> {
    return this.#clusterDefault;
  }

  /** The value set in the static config (`staticBrokerConfigs`), when it differs from Kafka's default. */
  staticValue(name: string): string | null {
    const key = brokerSettingByName.get(name);
    if (key === undefined || isKafkaDefault(this.#static as BrokerConfig, key)) return null;
    const value = this.#static[key];
    return value === undefined || value === null ? null : String(value);
  }

  /** Kafka's default (`staticDefaultConfigs`), null when Kafka has none. */
  defaultValue(name: string): string | null {
    return brokerConfigEntry(name)?.kafkaDefault ?? null;
  }

  /** Effective value: per-broker dynamic, cluster default, static, Kafka's default. */
  value(name: string): string | null {
    const dynamic = this.#perBroker[name] ?? this.#clusterDefault[name];
    if (dynamic !== undefined) return dynamic;
    const key = brokerSettingByName.get(name);
    if (key !== undefined) {
      const value = this.#static[key];
      if (value !== undefined && value !== null) return String(value);
    }
    return this.defaultValue(name);
  }

  /**
   * `DynamicBrokerConfig.validateConfigs`: the `ConfigException` message for configs that cannot be set
   * this way, or null. Names Kafka does not know are accepted (custom configs), as Kafka does.
   */
  validate(configs: Readonly<Record<string, string>>, perBroker: boolean): string | null {
    const names = Object.keys(configs);
    const nonDynamic = names.filter((name) => {
      const entry = brokerConfigEntry(name);
      return entry !== undefined && entry.dynamic === null;
    });
    if (nonDynamic.length > 0) return `Cannot update these configs dynamically: ${scalaSet(nonDynamic)}`;
    for (const name of names) {
      const entry = brokerConfigEntry(name);
      const problem = entry ? invalidBrokerValueReason(entry, configs[name]) : null;
      if (problem) return problem;
      if (name === 'min.insync.replicas' && Number(configs[name]) < 1) return `Invalid value ${configs[name]} for configuration ${name}: Value must be at least 1`;
      if (name === 'message.max.bytes' && Number(configs[name]) < 0) return `Invalid value ${configs[name]} for configuration ${name}: Value must be at least 0`;
    }
    if (!perBroker) {
      const perBrokerOnly = names.filter((name) => brokerConfigEntry(name)?.dynamic === 'per-broker');
      if (perBrokerOnly.length > 0) return `Cannot update these configs at default cluster level, broker id must be specified: ${scalaSet(perBrokerOnly)}`;
    }
    return null;
  }

  // ---- ZooKeeper ------------------------------------------------------------------------------------

  /** Loads `/config/brokers/<default>` and `/config/brokers/<id>` and follows `/config/changes`. */
  async start(zk: KafkaZk): Promise<void> {
    this.#zk = zk;
    this.#lastChange = -1;
    await Promise.all([this.#reload(DEFAULT_BROKER_ENTITY), this.#reload(String(this.brokerId))]);
    await this.#processChanges(true);
  }

  /** Stops following (the session's watches go with it). */
  stop(): void {
    this.#zk = null;
  }

  /** `AdminZkClient.fetchEntityConfig(brokers, entity)`. */
  static async fetch(zk: KafkaZk, entity: string): Promise<Record<string, string>> {
    try {
      const { data } = await zk.client.getData(brokerConfigPath(entity));
      return decodeEntityConfig(brokerConfigPath(entity), data);
    } catch (error) {
      if (isZkError(error, ErrorCode.NONODE)) return {};
      throw error;
    }
  }

  /** `AdminZkClient.changeBrokerConfig`: replaces the entity's configs and leaves a change notification. */
  static async write(zk: KafkaZk, entity: string, configs: Readonly<Record<string, string>>): Promise<void> {
    const path = brokerConfigPath(entity);
    const data = encodeEntityConfig({ ...configs });
    try {
      await zk.client.setData(path, data);
    } catch (error) {
      if (!isZkError(error, ErrorCode.NONODE)) throw error;
      await zk.client.mkdirp('/config/brokers').catch(() => undefined);
      await zk.client.create(path, data, 'persistent');
    }
    await zk.client.create(`${ZkPaths.configChanges}/config_change_`, encodeConfigChange(`brokers/${entity}`), 'persistent-sequential');
  }

  async #processChanges(initial = false): Promise<void> {
    const zk = this.#zk;
    if (!zk) return;
    let children: string[];
    try {
      children = await zk.client.getChildren(ZkPaths.configChanges, () => void this.#guard(this.#processChanges()));
    } catch (error) {
      if (this.#zk) this.#log.warn('cannot watch /config/changes', { error: String(error) });
      return;
    }
    const changes = children
      .map((name) => ({ name, seq: Number(/^config_change_(\d+)$/.exec(name)?.[1] ?? NaN) }))
      .filter((c) => Number.isInteger(c.seq) && c.seq > this.#lastChange)
      .sort((a, b) => a.seq - b.seq);
    for (const change of changes) {
      this.#lastChange = Math.max(this.#lastChange, change.seq);
      if (initial) continue;
      let entityPath: unknown;
      try {
        const { data } = await zk.client.getData(`${ZkPaths.configChanges}/${change.name}`);
        entityPath = (JSON.parse(new TextDecoder().decode(data)) as { entity_path?: unknown }).entity_path;
      } catch {
        continue;
      }
      if (entityPath === `brokers/${DEFAULT_BROKER_ENTITY}`) await this.#reload(DEFAULT_BROKER_ENTITY);
      else if (entityPath === `brokers/${this.brokerId}`) await this.#reload(String(this.brokerId));
    }
    if (children.length > 0) await purgeObsoleteNotifications(zk.client, ZkPaths.configChanges, children, Date.now());
  }

  async #guard(work: Promise<void>): Promise<void> {
    try {
      await work;
    } catch (error) {
      if (this.#zk) this.#log.warn('dynamic broker config update failed', { error: String(error) });
    }
  }

  async #reload(entity: string): Promise<void> {
    const zk = this.#zk;
    if (!zk) return;
    const configs = this.#withoutInvalid(await DynamicBrokerConfig.fetch(zk, entity), entity !== DEFAULT_BROKER_ENTITY);
    if (entity === DEFAULT_BROKER_ENTITY) this.#clusterDefault = configs;
    else this.#perBroker = configs;
    this.#generation++;
    const changed = this.#apply();
    if (Object.keys(configs).length > 0 || changed.length > 0) {
      this.#log.info(entity === DEFAULT_BROKER_ENTITY ? 'applied the cluster-wide dynamic broker configs' : 'applied the dynamic configs of this broker', { configs, changed });
    }
  }

  /**
   * `DynamicBrokerConfig.fromPersistentProps`: what ZooKeeper holds but Kafka would not apply (written there
   * by hand or by `kafka-configs --zookeeper`) is ignored with Kafka's error line.
   */
  #withoutInvalid(configs: Record<string, string>, perBroker: boolean): Record<string, string> {
    const kept = { ...configs };
    const drop = (names: string[], message: string) => {
      if (names.length === 0) return;
      for (const name of names) delete kept[name];
      this.#log.error(`${message}: ${scalaSet(names)}`, {});
    };
    drop(Object.keys(kept).filter((name) => brokerConfigEntry(name)?.dynamic === null), 'Non-dynamic configs configured in ZooKeeper will be ignored');
    if (!perBroker) drop(Object.keys(kept).filter((name) => brokerConfigEntry(name)?.dynamic === 'per-broker'), 'Per-broker configs defined at default cluster level will be ignored');
    drop(
      Object.keys(kept).filter((name) => {
        const entry = brokerConfigEntry(name);
        return entry !== undefined && invalidBrokerValueReason(entry, kept[name]) !== null;
      }),
      `Dynamic ${perBroker ? 'broker' : 'default cluster'} config contains invalid values in, these configs will be ignored`,
    );
    return kept;
  }

  /** Puts the effective values into the live config object; returns the names that changed. */
  #apply(): string[] {
    const changed: string[] = [];
    const live = this.#live as unknown as Record<string, unknown>;
    for (const [name, key] of brokerSettingByName) {
      const entry = brokerConfigEntry(name);
      const staticValue = this.#static[key];
      let next: unknown = staticValue;
      const dynamic = entry?.dynamic ? (this.#perBroker[name] ?? this.#clusterDefault[name]) : undefined;
      if (dynamic !== undefined && (entry ? invalidBrokerValueReason(entry, dynamic) : null) === null) {
        next = typeof staticValue === 'boolean' ? dynamic.trim().toLowerCase() === 'true' : typeof staticValue === 'number' ? Number(dynamic) : dynamic;
      }
      if (live[key] !== next) {
        live[key] = next;
        changed.push(name);
      }
    }
    return changed;
  }
}
