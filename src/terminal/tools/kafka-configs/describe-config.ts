/**
 * `kafka-configs --describe` (ConfigCommand `describeConfig`):
 *
 *   Dynamic configs for topic orders are:
 *     retention.ms=86400000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=86400000}
 *
 * Without a name: every topic (internal ones included) or every broker and then the brokers' default
 * section. `--all` lists every entry, not only the entity's overrides. Users, clients and ips are
 * client quotas (DescribeClientQuotas), which the embedded broker does not speak.
 */
import { CONFIG_COMMAND_SITES } from './config-command-frames.ts';
import { BROKER_LOGGERS, BROKERS, CLIENT_METRICS, CLIENTS, IPS, TOPICS, USERS } from './config-command-options.ts';
import { futureGet } from './config-command-session.ts';
import type { ConfigCommandSession } from './config-command-session.ts';
import { IllegalArgumentError } from './config-command-errors.ts';
import { configEntryLine, getResourceConfig } from './resource-config.ts';

async function entitiesToDescribe(session: ConfigCommandSession, entityType: string): Promise<string[]> {
  const { admin } = session;
  switch (entityType) {
    case TOPICS:
      return futureGet(session, admin.listTopicNames(), CONFIG_COMMAND_SITES.listTopics);
    case BROKERS:
    case BROKER_LOGGERS:
      return [...(await futureGet(session, admin.describeClusterNodeIds(), CONFIG_COMMAND_SITES.describeCluster)).map(String), ''];
    case CLIENT_METRICS:
      return futureGet(session, admin.unsupported('listClientMetricsResources', 'LIST_CLIENT_METRICS_RESOURCES'), CONFIG_COMMAND_SITES.listClientMetrics);
    default:
      throw new IllegalArgumentError(`Invalid entity type: ${entityType}`);
  }
}

async function describeResourceConfig(session: ConfigCommandSession, entityType: string, entityName: string | undefined, describeAll: boolean): Promise<void> {
  const { stdout } = session.context;
  const entities = entityName !== undefined ? [entityName] : await entitiesToDescribe(session, entityType);
  for (const entity of entities) {
    const header = entity === '' ? `Default configs for ${entityType} in the cluster are:` : `${describeAll ? 'All' : 'Dynamic'} configs for ${entityType.slice(0, -1)} ${entity} are:`;
    await stdout.write(`${header}\n`);
    const entries = await getResourceConfig(session, { entityType, entityName: entity, includeSynonyms: true, describeAll }, CONFIG_COMMAND_SITES.describeResource);
    for (const entry of entries) await stdout.write(`${configEntryLine(entry)}\n`);
  }
}

export async function describeConfig(session: ConfigCommandSession): Promise<void> {
  const { entityTypes, entityNames, options } = session.opts;
  switch (entityTypes[0]) {
    case TOPICS:
    case BROKERS:
    case BROKER_LOGGERS:
    case CLIENT_METRICS:
      return describeResourceConfig(session, entityTypes[0], entityNames[0], options.has('all'));
    case USERS:
    case CLIENTS:
      await futureGet(session, session.admin.unsupported('describeClientQuotas', 'DESCRIBE_CLIENT_QUOTAS'), CONFIG_COMMAND_SITES.describeQuotas, 30_000);
      return;
    case IPS:
      await futureGet(session, session.admin.unsupported('describeClientQuotas', 'DESCRIBE_CLIENT_QUOTAS'), CONFIG_COMMAND_SITES.describeIpQuotas, 30_000);
      return;
    default:
      throw new IllegalArgumentError(`Invalid entity type: ${entityTypes[0]}`);
  }
}
