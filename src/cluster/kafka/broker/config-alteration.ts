/**
 * What AlterConfigs (33) and IncrementalAlterConfigs (44) share, as Kafka's `ConfigAdminManager.preprocess`,
 * `prepareIncrementalConfigs` and `ZkAdminManager.alterConfigs` do it:
 *
 * - a resource named twice: INVALID_REQUEST "Each resource must appear at most once."; a config named twice:
 *   "Error due to duplicate config keys"; a null value (other than DELETE): "Null value not supported for : x";
 * - brokers: the name is empty (the cluster-wide default) or this broker's id; the new config set is checked
 *   by `DynamicBrokerConfig.validate` (INVALID_REQUEST "Cannot update these configs dynamically: Set(...)"),
 *   then written to `/config/brokers/<id|<default>>` with a `/config/changes` notification;
 * - topics: the overrides in `/config/topics/<t>` are replaced by the new set (INVALID_CONFIG for bad values,
 *   prefixed "Invalid config value for resource ConfigResource(type=TOPIC, name='t'): ").
 */
import { KAFKA_ERRORS, KafkaProtocolError } from '../protocol/index.ts';
import type { KafkaErrorName } from '../protocol/index.ts';
import { brokerConfigEntry } from '../broker-config-catalog.ts';
import { topicConfigDefinition, validateTopicConfig } from '../controller/topic-configs.ts';
import { DEFAULT_BROKER_ENTITY, DynamicBrokerConfig } from '../dynamic-broker-config.ts';
import type { RequestContext } from './api-handler.ts';
import type { BrokerConfig } from '../broker-config.ts';
import { ErrorCode } from '../../zookeeper/client/index.ts';
import { isZkError } from '../zk/kafka-zk.ts';
import type { KafkaZk } from '../zk/kafka-zk.ts';
import { ZkPaths } from '../zk/znode-paths.ts';
import { decodeEntityConfig } from '../zk/znode-json.ts';

export const RESOURCE_TOPIC = 2;
export const RESOURCE_BROKER = 4;

/** `AlterConfigOp.OpType` ids. */
export const CONFIG_OPS = ['SET', 'DELETE', 'APPEND', 'SUBTRACT'] as const;
export type ConfigOpType = (typeof CONFIG_OPS)[number];

export interface ConfigOp {
  name: string;
  op: ConfigOpType;
  value: string | null;
}

/** A resource's outcome: Kafka's error name and message, or success. */
export interface AlterOutcome {
  errorCode: number;
  errorMessage: string | null;
}

function fail(name: KafkaErrorName, message: string): never {
  throw new KafkaProtocolError(KAFKA_ERRORS[name], message);
}

function resourceLabel(type: number, name: string): string {
  return `ConfigResource(type=${type === RESOURCE_TOPIC ? 'TOPIC' : type === RESOURCE_BROKER ? 'BROKER' : String(type)}, name='${name}')`;
}

/** Resources named more than once in one request (they all fail). */
function duplicateResources(resources: ReadonlyArray<{ resourceType: number; resourceName: string }>): Set<string> {
  const seen = new Map<string, number>();
  for (const r of resources) seen.set(`${r.resourceType}:${r.resourceName}`, (seen.get(`${r.resourceType}:${r.resourceName}`) ?? 0) + 1);
  return new Set([...seen].filter(([, n]) => n > 1).map(([key]) => key));
}

/** `prepareIncrementalConfigs`: applies the operations to a copy of `current`. */
export function applyConfigOps(current: Readonly<Record<string, string>>, ops: readonly ConfigOp[], listDefault: (name: string) => string | null | undefined): Record<string, string> {
  const next = { ...current };
  for (const { name, op, value } of ops) {
    if (op === 'SET') next[name] = value ?? '';
    else if (op === 'DELETE') delete next[name];
    else {
      const fallback = listDefault(name);
      if (fallback === undefined) fail('INVALID_CONFIG', `Unknown config name: ${name}`);
      if (fallback === null) fail('INVALID_CONFIG', `Config value ${op === 'APPEND' ? 'append' : 'subtract'} is not allowed for config key: ${name}`);
      const oldText = next[name] ?? fallback;
      const oldList = oldText === '' ? [] : oldText.split(',');
      const given = (value ?? '').split(',');
      const newList = op === 'APPEND' ? [...oldList, ...given.filter((v) => !oldList.includes(v))] : oldList.filter((v) => !given.includes(v));
      next[name] = newList.join(',');
    }
  }
  return next;
}

/** The checks every resource gets before its type's: duplicate keys, null values. */
export function checkConfigNames(ops: readonly ConfigOp[]): void {
  const names = ops.map((o) => o.name);
  if (new Set(names).size !== names.length) fail('INVALID_REQUEST', 'Error due to duplicate config keys');
  const nulls = ops.filter((o) => o.op !== 'DELETE' && o.value === null).map((o) => o.name);
  if (nulls.length > 0) fail('INVALID_REQUEST', `Null value not supported for : ${nulls.join(', ')}`);
}

/** For APPEND/SUBTRACT on a broker config: its default as a list, null when it is not a list, undefined when unknown. */
export function brokerListDefault(name: string): string | null | undefined {
  const entry = brokerConfigEntry(name);
  if (!entry) return undefined;
  return entry.type === 'list' ? (entry.kafkaDefault ?? '') : null;
}

/**
 * For APPEND/SUBTRACT on a topic config with no override: the value the topic has now (the broker's
 * effective default, e.g. `delete` for cleanup.policy), so APPEND compact gives `delete,compact`.
 */
export function topicListDefault(broker: BrokerConfig): (name: string) => string | null | undefined {
  return (name) => {
    const definition = topicConfigDefinition(name);
    if (!definition) return undefined;
    return definition.type === 'list' ? definition.defaultValue(broker) : null;
  };
}

/** `AdminZkClient.fetchEntityConfig`: the topic's overrides as ZooKeeper has them now (not the metadata cache's copy). */
async function fetchTopicConfig(zk: KafkaZk, topic: string): Promise<Record<string, string>> {
  try {
    const { data } = await zk.client.getData(ZkPaths.topicConfig(topic));
    return decodeEntityConfig(ZkPaths.topicConfig(topic), data);
  } catch (error) {
    if (isZkError(error, ErrorCode.NONODE)) return {};
    throw error;
  }
}

/**
 * Alters a broker resource: `next(current)` gives its new dynamic config set from the stored one.
 * Throws a `KafkaProtocolError` with Kafka's error.
 */
async function alterBrokerResource(
  ctx: RequestContext,
  resourceName: string,
  next: (current: Record<string, string>) => Record<string, string>,
  validateOnly: boolean,
): Promise<void> {
  const { brokerId } = ctx.services;
  const perBroker = resourceName !== '';
  if (perBroker) {
    if (!/^-?\d+$/.test(resourceName)) fail('INVALID_REQUEST', `Node id must be an integer, but it is: ${resourceName}`);
    if (Number(resourceName) !== brokerId) fail('INVALID_REQUEST', `Unexpected broker id, expected ${brokerId}, but received ${resourceName}`);
  }
  const { zk, dynamicConfig } = ctx.services.internals;
  const entity = perBroker ? String(brokerId) : DEFAULT_BROKER_ENTITY;
  const configs = next(await DynamicBrokerConfig.fetch(zk, entity));
  const problem = dynamicConfig.validate(configs, perBroker);
  if (problem) fail('INVALID_REQUEST', problem);
  if (validateOnly) return;
  ctx.logger.info(perBroker ? `Updating broker ${brokerId} with new configuration` : 'Updating brokers with new configuration', { configs });
  await DynamicBrokerConfig.write(zk, entity, configs);
}

/** Alters a topic resource: `next(current)` gives its new overrides. Throws a `KafkaProtocolError`. */
async function alterTopicResource(ctx: RequestContext, topic: string, next: (current: Record<string, string>) => Record<string, string>, validateOnly: boolean): Promise<void> {
  if (topic === '') fail('INVALID_REQUEST', 'Default topic resources are not allowed.');
  const cached = ctx.services.internals.cache.cachedTopic(topic);
  if (!cached) fail('UNKNOWN_TOPIC_OR_PARTITION', `The topic '${topic}' does not exist.`);
  const configs = next(await fetchTopicConfig(ctx.services.internals.zk, topic));
  const problem = validateTopicConfig(configs);
  if (problem) fail('INVALID_CONFIG', problem.startsWith('Unknown topic config name') ? problem : `Invalid config value for resource ${resourceLabel(RESOURCE_TOPIC, topic)}: ${problem}`);
  if (validateOnly) return;
  ctx.logger.info(`Updating topic ${topic} with new configuration`, { configs });
  await ctx.services.internals.admin.setTopicConfig(topic, configs, false);
}

/** Runs one resource's alteration and turns a thrown Kafka error into its outcome (logged as Kafka does). */
async function outcomeOf(ctx: RequestContext, resource: ConfigResource, work: () => Promise<void>): Promise<AlterOutcome> {
  try {
    await work();
    return { errorCode: 0, errorMessage: null };
  } catch (error) {
    if (!(error instanceof KafkaProtocolError)) throw error;
    const message = error.message.replace(/^[A-Z_]+: /, '');
    ctx.logger.info(`Error processing alter configs request for resource ${resourceLabel(resource.resourceType, resource.resourceName)}`, { error: error.entry.name, message });
    return { errorCode: error.code, errorMessage: message };
  }
}

export interface ConfigResource {
  resourceType: number;
  resourceName: string;
}

/** A resource's new config set from its stored one; `listDefault` gives a list config's default (APPEND/SUBTRACT start there). */
export type NextConfigs = (current: Record<string, string>, listDefault: (name: string) => string | null | undefined) => Record<string, string>;

type ResourceAlterer = (ctx: RequestContext, name: string, next: NextConfigs, validateOnly: boolean) => Promise<void>;

/** The resource types configs can be altered on, by `ConfigResource.Type` id. */
const RESOURCE_ALTERERS: ReadonlyMap<number, ResourceAlterer> = new Map<number, ResourceAlterer>([
  [RESOURCE_TOPIC, (ctx, name, next, validateOnly) => alterTopicResource(ctx, name, (current) => next(current, topicListDefault(ctx.services.config)), validateOnly)],
  [RESOURCE_BROKER, (ctx, name, next, validateOnly) => alterBrokerResource(ctx, name, (current) => next(current, brokerListDefault), validateOnly)],
]);

/**
 * Alters each resource of a request in turn and answers for each: a resource named twice fails whole,
 * `prepare` reads the request's configs for one resource (throwing Kafka's error for bad ones) and says
 * how its stored set becomes the new one; an unknown resource type is INVALID_REQUEST.
 */
export async function alterResources<R extends ConfigResource>(
  ctx: RequestContext,
  resources: readonly R[],
  validateOnly: boolean,
  prepare: (resource: R) => NextConfigs,
): Promise<Array<ConfigResource & AlterOutcome>> {
  const duplicates = duplicateResources(resources);
  const responses: Array<ConfigResource & AlterOutcome> = [];
  for (const resource of resources) {
    const base = { resourceType: resource.resourceType, resourceName: resource.resourceName };
    if (duplicates.has(`${resource.resourceType}:${resource.resourceName}`)) {
      responses.push({ ...base, errorCode: KAFKA_ERRORS.INVALID_REQUEST.code, errorMessage: 'Each resource must appear at most once.' });
      continue;
    }
    const outcome = await outcomeOf(ctx, resource, async () => {
      const next = prepare(resource);
      const alter = RESOURCE_ALTERERS.get(resource.resourceType);
      if (!alter) fail('INVALID_REQUEST', `Unknown resource type ${resource.resourceType}`);
      await alter(ctx, resource.resourceName, next, validateOnly);
    });
    responses.push({ ...base, ...outcome });
  }
  return responses;
}
