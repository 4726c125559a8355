/**
 * `kafka-configs --zookeeper ...` (deprecated in 3.9; users and brokers only): ConfigCommand's
 * `processCommandWithZk`, reading and writing `/config/<users|brokers>/<name>` itself.
 *
 * Broker configs can only be handled this way while the broker (or, for the cluster default, every
 * broker) is down; user configs only for SCRAM credentials:
 *
 *   requirement failed: --bootstrap-server option must be specified to describe brokers - broker 1 is running. ...
 *   Configs for brokers '1' are log.cleaner.threads=2
 *   Completed updating config for entity: user-principal 'alice'.
 *
 * Not reproduced: `DynamicBrokerConfig.validateConfigs` (which broker configs may be set dynamically)
 * and ZooKeeper's own WARN lines while it cannot connect.
 */
import type { CommandContext } from '../../command.ts';
import { ZooKeeperClient } from '../../../cluster/zookeeper/client/index.ts';
import { decodeEntityConfig, encodeConfigChange, encodeEntityConfig } from '../../../cluster/kafka/zk/znode-json.ts';
import { parseJavaInteger } from '../options/option-parser.ts';
import { InterruptedError, interruptible } from '../interruption.ts';
import { ConfigCommandFailure, IllegalArgumentError, InvalidConfigurationError } from './config-command-errors.ts';
import { BROKERS, CLIENTS, USERS } from './config-command-options.ts';
import type { ConfigCommandOptions } from './config-command-options.ts';
import { parseConfigsToBeAdded, parseConfigsToBeDeleted } from './configs-to-change.ts';
import { stringHashOrder } from '../kafka/java-hash-map.ts';
import { scramCredential } from './scram-credential.ts';
import type { ScramMechanismName } from './scram-credential.ts';

const DEFAULT = '<default>';
const CONNECTION_TIMEOUT_MS = 30_000;
const SCRAM_MECHANISMS: readonly ScramMechanismName[] = ['SCRAM-SHA-256', 'SCRAM-SHA-512'];
const QUOTA_CONFIGS = ['producer_byte_rate', 'consumer_byte_rate', 'request_percentage', 'controller_mutation_rate'];
const BROKERS_RUNNING_INFO = 'Broker configuration operations using ZooKeeper are only supported if the affected broker(s) are not running.';

/** ConfigCommand's `Entity`: a type and a sanitized name (none: every entity of the type). */
interface ZkEntity {
  readonly type: string;
  readonly sanitizedName: string | undefined;
}

/** `Sanitizer.sanitize`: URL-encoding with `%20` for spaces and `%2A` for `*`. */
function sanitize(name: string): string {
  return encodeURIComponent(name)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/\*/g, '%2A');
}

function desanitize(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** `Entity#toString`: `brokers '1'`, `default brokers`, `user-principal 'alice'`, `users`. */
function entityText(entity: ZkEntity): string {
  const typeName = entity.type === USERS ? 'user-principal' : entity.type === CLIENTS ? 'client-id' : entity.type;
  if (entity.sanitizedName === undefined) return entity.type;
  if (entity.sanitizedName === DEFAULT) return `default ${typeName}`;
  return `${typeName} '${entity.type === USERS || entity.type === CLIENTS ? desanitize(entity.sanitizedName) : entity.sanitizedName}'`;
}

/** `parseEntity` for the ZooKeeper path (only users or brokers get here). */
function parseEntity(opts: ConfigCommandOptions): ZkEntity {
  const { entityTypes, entityNames, options } = opts;
  const type = entityTypes[0];
  const name = entityNames[0];
  if (type === USERS || type === CLIENTS) {
    if (options.has('alter') && entityNames.length !== entityTypes.length) {
      throw new IllegalArgumentError('--entity-name or --entity-default must be specified with each --entity-type for --alter');
    }
    return { type, sanitizedName: name === undefined ? undefined : name === '' ? DEFAULT : sanitize(name) };
  }
  return { type, sanitizedName: name === undefined ? undefined : name === '' ? DEFAULT : name };
}

/** A `java.util.Properties`' `toString()`: `{k=v, k2=v2}` in its hash order. */
function propertiesText(configs: ReadonlyMap<string, string>): string {
  return `{${stringHashOrder(configs.keys())
    .map((key) => `${key}=${configs.get(key)}`)
    .join(', ')}}`;
}

class ZkConfigs {
  readonly #client: ZooKeeperClient;

  constructor(client: ZooKeeperClient) {
    this.#client = client;
  }

  async children(path: string): Promise<string[]> {
    return (await this.#client.exists(path)) ? this.#client.getChildren(path) : [];
  }

  /** `AdminZkClient.fetchEntityConfig`: the entity's stored configs (none when it has no znode). */
  async fetch(type: string, sanitizedName: string): Promise<Map<string, string>> {
    const path = `/config/${type}/${sanitizedName}`;
    if (!(await this.#client.exists(path))) return new Map();
    const { data } = await this.#client.getData(path);
    return new Map(Object.entries(decodeEntityConfig(path, data)));
  }

  /** `changeEntityConfig`: the entity's znode, then a change notification for the brokers. */
  async change(type: string, sanitizedName: string, configs: ReadonlyMap<string, string>): Promise<void> {
    const path = `/config/${type}/${sanitizedName}`;
    const ordered = Object.fromEntries(stringHashOrder(configs.keys()).map((key) => [key, configs.get(key)!]));
    if (await this.#client.exists(path)) await this.#client.setData(path, encodeEntityConfig(ordered));
    else {
      await this.#client.mkdirp(`/config/${type}`);
      await this.#client.create(path, encodeEntityConfig(ordered));
    }
    await this.#client.mkdirp('/config/changes');
    await this.#client.create('/config/changes/config_change_', encodeConfigChange(`${type}/${sanitizedName}`), 'persistent-sequential');
  }

  /** `validateBrokersNotRunning`. */
  async requireBrokersDown(entityName: string, errorMessage: string): Promise<void> {
    if (entityName !== DEFAULT) {
      const id = parseJavaInteger(entityName);
      if (id === undefined) throw new IllegalArgumentError(`Error parsing broker ${entityName}. The broker's Entity Name must be a single integer value`);
      if (await this.#client.exists(`/brokers/ids/${id}`)) {
        throw new IllegalArgumentError(`requirement failed: ${errorMessage} - broker ${id} is running. ${BROKERS_RUNNING_INFO}`);
      }
      return;
    }
    const running = (await this.children('/brokers/ids')).length;
    if (running !== 0) throw new IllegalArgumentError(`requirement failed: ${errorMessage} - ${running} brokers are running. ${BROKERS_RUNNING_INFO}`);
  }
}

async function describeConfigWithZk(context: CommandContext, opts: ConfigCommandOptions, zk: ZkConfigs): Promise<void> {
  const entity = parseEntity(opts);
  const describeAllUsers = entity.type === USERS && entity.sanitizedName === undefined;
  if (entity.type === BROKERS) await zk.requireBrokersDown(entity.sanitizedName ?? '', `--bootstrap-server option must be specified to describe ${entity.type}`);
  const entities = entity.sanitizedName !== undefined ? [entity] : (await zk.children(`/config/${entity.type}`)).map((name) => ({ type: entity.type, sanitizedName: name }));
  for (const each of entities) {
    const configs = await zk.fetch(each.type, each.sanitizedName!);
    if (configs.size > 0 || !describeAllUsers) {
      const text = [...configs].map(([key, value]) => `${key}=${value}`).join(',');
      await context.stdout.write(`Configs for ${entityText(each)} are ${text}\n`);
    }
  }
}

/** `preProcessScramCredentials`: each SCRAM config's `[iterations=n,]password=p` becomes a stored credential. */
async function preProcessScramCredentials(configs: Map<string, string>): Promise<void> {
  for (const mechanism of SCRAM_MECHANISMS) {
    const value = configs.get(mechanism);
    if (value === undefined) continue;
    const enumName = mechanism.replace(/-/g, '_');
    const match = /^(?:iterations=([0-9]*),)?password=(.*)$/s.exec(value);
    if (!match) throw new IllegalArgumentError(`Invalid credential property ${enumName}=${value}`);
    const iterations = match[1] !== undefined ? Number(match[1]) : 4096;
    if (!(iterations >= 4096)) throw new IllegalArgumentError(`Iterations ${match[1]} is less than the minimum 4096 required for ${enumName}`);
    configs.set(mechanism, await scramCredential(mechanism, match[2], iterations));
  }
}

async function alterConfigWithZk(context: CommandContext, opts: ConfigCommandOptions, zk: ZkConfigs): Promise<void> {
  const added = await parseConfigsToBeAdded(opts.options, context.env, context.stdout);
  const deleted = parseConfigsToBeDeleted(opts.options);
  const entity = parseEntity(opts);
  const entityName = entity.sanitizedName ?? '';
  const deletedText = opts.options.has('delete-config') ? `ArrayBuffer(${deleted.join(', ')})` : 'List()';
  const errorMessage = `--bootstrap-server option must be specified to update ${entity.type} configs: {add: ${propertiesText(added)}, delete: ${deletedText}}`;
  const changes = added.size > 0 || deleted.length > 0;
  if (entity.type === USERS) {
    if (changes) {
      const info = 'User configuration updates using ZooKeeper are only supported for SCRAM credential updates.';
      const isScram = (name: string) => (SCRAM_MECHANISMS as readonly string[]).includes(name);
      if (![...added.keys()].every(isScram) || !deleted.every(isScram)) throw new IllegalArgumentError(`requirement failed: ${errorMessage}. ${info}`);
    }
    await preProcessScramCredentials(added);
  } else if (entity.type === BROKERS && changes) {
    await zk.requireBrokersDown(entityName, errorMessage);
  }
  const configs = await zk.fetch(entity.type, entityName);
  const invalid = deleted.filter((name) => !configs.has(name));
  if (invalid.length > 0) throw new InvalidConfigurationError(`Invalid config(s): ${invalid.join(',')}`);
  for (const [key, value] of added) configs.set(key, value);
  for (const key of deleted) configs.delete(key);
  if (entity.type === USERS) {
    // `DynamicConfig.Client.validate` for the default user, `DynamicConfig.User.validate` otherwise.
    const allowed = entityName === DEFAULT ? QUOTA_CONFIGS : [...QUOTA_CONFIGS, ...SCRAM_MECHANISMS];
    const unknown = [...configs.keys()].filter((key) => !allowed.includes(key));
    if (unknown.length > 0) throw new IllegalArgumentError(`requirement failed: Unknown Dynamic Configuration: Set(${unknown.join(', ')}).`);
  }
  await zk.change(entity.type, entityName, configs);
  await context.stdout.write(`Completed updating config for entity: ${entityText(entity)}.\n`);
}


export async function zookeeperConfigCommand(context: CommandContext, opts: ConfigCommandOptions): Promise<void> {
  const client = new ZooKeeperClient({
    connectString: opts.options.valueOf('zookeeper')!,
    transport: context.env.transport,
    sessionTimeoutMs: CONNECTION_TIMEOUT_MS,
    connectTimeoutMs: CONNECTION_TIMEOUT_MS,
  });
  try {
    try {
      await interruptible(client.connect(), context.signal);
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      throw new ConfigCommandFailure({
        javaClass: 'kafka.zookeeper.ZooKeeperClientTimeoutException',
        message: 'Timed out waiting for connection while in state: CONNECTING',
        frames: [
          'kafka.zookeeper.ZooKeeperClient.waitUntilConnected(ZooKeeperClient.scala:257)',
          'kafka.zookeeper.ZooKeeperClient.<init>(ZooKeeperClient.scala:115)',
          'kafka.zk.KafkaZkClient$.apply(KafkaZkClient.scala:2316)',
          'kafka.admin.ConfigCommand$.processCommandWithZk(ConfigCommand.scala:117)',
          'kafka.admin.ConfigCommand$.main(ConfigCommand.scala:95)',
          'kafka.admin.ConfigCommand.main(ConfigCommand.scala)',
        ],
      });
    }
    const zk = new ZkConfigs(client);
    const work = opts.options.has('alter') ? alterConfigWithZk(context, opts, zk) : describeConfigWithZk(context, opts, zk);
    await interruptible(work, context.signal);
  } finally {
    await client.close().catch(() => undefined);
  }
}
