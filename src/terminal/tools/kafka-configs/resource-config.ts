/**
 * ConfigCommand's `getResourceConfig`: one entity's config entries from DescribeConfigs, only the
 * dynamic ones (the entity's own overrides) unless `--all`, sorted by name, and the line `--describe`
 * prints for each:
 *
 *   cleanup.policy=compact sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact, DEFAULT_CONFIG:log.cleanup.policy=delete}
 */
import { parseJavaInteger } from '../options/option-parser.ts';
import { RESOURCE_TYPE } from './config-admin-client.ts';
import type { ConfigEntry } from './config-admin-client.ts';
import { ConfigCommandFailure, IllegalArgumentError } from './config-command-errors.ts';
import { BROKER_LOGGERS, BROKERS, CLIENT_METRICS, TOPICS } from './config-command-options.ts';
import { futureGet } from './config-command-session.ts';
import type { ConfigCommandSession } from './config-command-session.ts';

/** `Topic.validate`: Kafka's rules for a topic name, failing with `InvalidTopicException` (no frames). */
export function validateTopicName(name: string): void {
  let reason: string | undefined;
  if (name === '') reason = 'the empty string is not allowed';
  else if (name === '.') reason = "'.' is not allowed";
  else if (name === '..') reason = "'..' is not allowed";
  else if (name.length > 249) reason = `the length of '${name}' is longer than the max allowed length 249`;
  else if (!/^[a-zA-Z0-9._-]+$/.test(name)) reason = `'${name}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'`;
  if (reason) throw new ConfigCommandFailure({ javaClass: 'org.apache.kafka.common.errors.InvalidTopicException', message: `Topic name is invalid: ${reason}`, frames: [] });
}

function resourceOf(entityType: string, entityName: string): { type: number; dynamicSource: string | undefined } {
  const validateBrokerId = () => {
    if (parseJavaInteger(entityName) === undefined) {
      throw new IllegalArgumentError(`The entity name for ${entityType} must be a valid integer broker id, found: ${entityName}`);
    }
  };
  switch (entityType) {
    case TOPICS:
      if (entityName !== '') validateTopicName(entityName);
      return { type: RESOURCE_TYPE.TOPIC, dynamicSource: 'DYNAMIC_TOPIC_CONFIG' };
    case BROKERS:
      if (entityName === '') return { type: RESOURCE_TYPE.BROKER, dynamicSource: 'DYNAMIC_DEFAULT_BROKER_CONFIG' };
      validateBrokerId();
      return { type: RESOURCE_TYPE.BROKER, dynamicSource: 'DYNAMIC_BROKER_CONFIG' };
    case BROKER_LOGGERS:
      if (entityName !== '') validateBrokerId();
      return { type: RESOURCE_TYPE.BROKER_LOGGER, dynamicSource: undefined };
    case CLIENT_METRICS:
      return { type: RESOURCE_TYPE.CLIENT_METRICS, dynamicSource: 'DYNAMIC_CLIENT_METRICS_CONFIG' };
    default:
      throw new IllegalArgumentError(`Invalid entity type: ${entityType}`);
  }
}

/** The entries of one entity, failing at `site` (where in ConfigCommand the call was waited for). */
export async function getResourceConfig(
  session: ConfigCommandSession,
  target: { entityType: string; entityName: string; includeSynonyms: boolean; describeAll: boolean },
  site: readonly string[],
): Promise<ConfigEntry[]> {
  const { type, dynamicSource } = resourceOf(target.entityType, target.entityName);
  const entries = await futureGet(session, session.admin.describeConfigs({ type, name: target.entityName }, target.includeSynonyms), site, 30_000);
  return entries
    .filter((entry) => target.describeAll || dynamicSource === undefined || entry.source === dynamicSource)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `  name=value sensitive=false synonyms={SOURCE:name=value, ...}`. */
export function configEntryLine(entry: ConfigEntry): string {
  const synonyms = entry.synonyms.map((synonym) => `${synonym.source}:${synonym.name}=${synonym.value}`).join(', ');
  return `  ${entry.name}=${entry.value} sensitive=${entry.isSensitive} synonyms={${synonyms}}`;
}
