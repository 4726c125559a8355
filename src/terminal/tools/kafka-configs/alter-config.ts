/**
 * `kafka-configs --alter` (ConfigCommand `alterConfig`): read the entity's current overrides, refuse to
 * delete one that is not set (`Invalid config(s): retention.ms`), apply the change, then
 *
 *   Completed updating config for topic orders.
 *   Completed updating default config for brokers in the cluster.
 *
 * Topics, broker loggers and client metrics change through IncrementalAlterConfigs; brokers through
 * AlterConfigs with their whole dynamic set (as 3.9 does); users, clients and ips through client-quota
 * and SCRAM APIs, after ConfigCommand's checks of which configs each may take.
 */
import { RESOURCE_TYPE } from './config-admin-client.ts';
import type { AlterConfigOp } from './incremental-alter-configs-codec.ts';
import { CONFIG_COMMAND_SITES } from './config-command-frames.ts';
import { BROKER_LOGGERS, BROKERS, CLIENT_METRICS, CLIENTS, IPS, TOPICS, USERS } from './config-command-options.ts';
import { futureGet } from './config-command-session.ts';
import type { ConfigCommandSession } from './config-command-session.ts';
import { ConfigCommandFailure, IllegalArgumentError, InvalidConfigurationError } from './config-command-errors.ts';
import { JavaException } from '../kafka/java-exception.ts';
import { parseConfigsToBeAdded, parseConfigsToBeDeleted } from './configs-to-change.ts';
import { getResourceConfig } from './resource-config.ts';

const QUOTA_CONFIGS = new Set(['producer_byte_rate', 'consumer_byte_rate', 'request_percentage', 'controller_mutation_rate']);
const SCRAM_MECHANISMS = new Set(['SCRAM-SHA-256', 'SCRAM-SHA-512']);
const isQuota = (name: string) => QUOTA_CONFIGS.has(name);
const isScram = (name: string) => SCRAM_MECHANISMS.has(name);

/** Scala's `toString` of the collections ConfigCommand puts in its messages. */
const scalaSet = (items: readonly string[]) => `Set(${items.join(', ')})`;
const scalaBuffer = (items: readonly string[]) => `ArrayBuffer(${items.join(', ')})`;

function setAndDeleteOps(added: ReadonlyMap<string, string>, deleted: readonly string[]): AlterConfigOp[] {
  return [...[...added].map(([name, value]) => ({ name, op: 'SET' as const, value })), ...deleted.map((name) => ({ name, op: 'DELETE' as const, value: '' }))];
}

function failOnMissing(toDelete: readonly string[], current: ReadonlySet<string>, what = 'config(s)'): void {
  const invalid = toDelete.filter((name) => !current.has(name));
  if (invalid.length > 0) throw new InvalidConfigurationError(`Invalid ${what}: ${invalid.join(',')}`);
}

/** The checks ConfigCommand makes before it alters users' or clients' quotas or SCRAM credentials. */
function checkUserAndClientConfigs(session: ConfigCommandSession, added: ReadonlyMap<string, string>, deleted: readonly string[]): { quotas: boolean } {
  const { entityTypes, entityNames } = session.opts;
  const addedNames = [...added.keys()];
  const unknownToAdd = addedNames.filter((name) => !isScram(name) && !isQuota(name));
  const scramToAdd = addedNames.filter(isScram);
  const unknownToDelete = deleted.filter((name) => !isScram(name) && !isQuota(name));
  const scramToDelete = deleted.filter(isScram);
  const quotas = addedNames.some(isQuota) || deleted.some(isQuota);
  if (entityTypes[0] === CLIENTS || entityTypes.length === 2) {
    if (unknownToAdd.length > 0 || scramToAdd.length > 0) {
      throw new IllegalArgumentError(`Only quota configs can be added for '${CLIENTS}' using --bootstrap-server. Unexpected config names: ${scalaSet([...unknownToAdd, ...scramToAdd])}`);
    }
    if (unknownToDelete.length > 0 || scramToDelete.length > 0) {
      throw new IllegalArgumentError(`Only quota configs can be deleted for '${CLIENTS}' using --bootstrap-server. Unexpected config names: ${scalaBuffer([...unknownToDelete, ...scramToDelete])}`);
    }
  } else {
    if (unknownToAdd.length > 0) {
      throw new IllegalArgumentError(`Only quota and SCRAM credential configs can be added for '${USERS}' using --bootstrap-server. Unexpected config names: ${scalaSet(unknownToAdd)}`);
    }
    if (unknownToDelete.length > 0) {
      throw new IllegalArgumentError(`Only quota and SCRAM credential configs can be deleted for '${USERS}' using --bootstrap-server. Unexpected config names: ${scalaBuffer(unknownToDelete)}`);
    }
    if (scramToAdd.length > 0 || scramToDelete.length > 0) {
      if (entityNames.some((name) => name === '')) {
        throw new IllegalArgumentError('The use of --entity-default or --user-defaults is not allowed with User SCRAM Credentials using --bootstrap-server.');
      }
      if (quotas) throw new IllegalArgumentError(`Cannot alter both quota and SCRAM credential configs simultaneously for '${USERS}' using --bootstrap-server.`);
    }
  }
  return { quotas };
}

/** `alterUserScramCredentialConfigs`' reading of `SCRAM-SHA-256=[iterations=8192,]password=secret`. */
function checkScramCredentials(added: ReadonlyMap<string, string>): void {
  for (const [mechanism, credential] of added) {
    if (!isScram(mechanism)) continue;
    const match = /^(?:iterations=(-?[0-9]*),)?password=(.*)$/s.exec(credential);
    const enumName = mechanism.replace(/-/g, '_');
    if (!match) throw new IllegalArgumentError(`Invalid credential property ${enumName}=${credential}`);
    const iterations = match[1] !== undefined && match[1] !== '-1' ? Number(match[1]) : 4096;
    if (iterations < 4096) throw new IllegalArgumentError(`Iterations ${iterations} is less than the minimum 4096 required for ${mechanism}`);
  }
}

async function alterEntity(session: ConfigCommandSession, entityType: string, entityName: string, added: ReadonlyMap<string, string>, deleted: readonly string[]): Promise<void> {
  const { admin } = session;
  const current = (site: readonly string[], includeSynonyms = false) =>
    getResourceConfig(session, { entityType, entityName, includeSynonyms, describeAll: false }, site);
  switch (entityType) {
    case TOPICS: {
      const old = await current(CONFIG_COMMAND_SITES.alterDescribeTopic);
      failOnMissing(deleted, new Set(old.map((entry) => entry.name)));
      const overrides = new Map(old.map((entry) => [entry.name, entry.value ?? '']));
      const call = admin.incrementalAlterConfigs({ type: RESOURCE_TYPE.TOPIC, name: entityName }, setAndDeleteOps(added, deleted), overrides);
      await futureGet(session, call, CONFIG_COMMAND_SITES.incrementalAlterTopic, 60_000);
      session.context.touchedTopic(entityName);
      return;
    }
    case BROKERS: {
      const old = await current(CONFIG_COMMAND_SITES.alterDescribeBroker);
      failOnMissing(deleted, new Set(old.map((entry) => entry.name)));
      const entries = new Map(old.map((entry) => [entry.name, entry.value]));
      for (const [name, value] of added) entries.set(name, value);
      for (const name of deleted) entries.delete(name);
      const sensitive = [...entries].filter(([, value]) => value === null).map(([name]) => name);
      if (sensitive.length > 0) {
        throw new InvalidConfigurationError(`All sensitive broker config entries must be specified for --alter, missing entries: ${scalaSet(sensitive)}`);
      }
      const call = admin.alterConfigs({ type: RESOURCE_TYPE.BROKER, name: entityName }, [...entries].map(([name, value]) => ({ name, value })));
      await futureGet(session, call, CONFIG_COMMAND_SITES.alterBroker, 60_000);
      return;
    }
    case BROKER_LOGGERS: {
      const valid = new Set((await current(CONFIG_COMMAND_SITES.alterDescribeBrokerLogger, true)).map((entry) => entry.name));
      const invalid = [...deleted.filter((name) => !valid.has(name)), ...[...added.keys()].filter((name) => !valid.has(name))];
      if (invalid.length > 0) throw new InvalidConfigurationError(`Invalid broker logger(s): ${invalid.join(',')}`);
      const call = admin.incrementalAlterConfigs({ type: RESOURCE_TYPE.BROKER_LOGGER, name: entityName }, setAndDeleteOps(added, deleted), new Map());
      await futureGet(session, call, CONFIG_COMMAND_SITES.incrementalAlterBrokerLogger, 60_000);
      return;
    }
    case USERS:
    case CLIENTS: {
      const { quotas } = checkUserAndClientConfigs(session, added, deleted);
      if (quotas) {
        await futureGet(session, admin.unsupported('describeClientQuotas', 'DESCRIBE_CLIENT_QUOTAS'), CONFIG_COMMAND_SITES.alterQuotas(444), 30_000);
        return;
      }
      checkScramCredentials(added);
      await futureGet(session, admin.unsupported('alterUserScramCredentials', 'ALTER_USER_SCRAM_CREDENTIALS'), CONFIG_COMMAND_SITES.alterScram, 60_000);
      return;
    }
    case IPS: {
      const unknown = [...added.keys(), ...deleted].filter((name) => name !== 'connection_creation_rate');
      if (unknown.length > 0) {
        throw new IllegalArgumentError(`Only connection quota configs can be added for '${IPS}' using --bootstrap-server. Unexpected config names: ${unknown.join(',')}`);
      }
      await futureGet(session, admin.unsupported('describeClientQuotas', 'DESCRIBE_CLIENT_QUOTAS'), CONFIG_COMMAND_SITES.alterQuotas(456), 30_000);
      return;
    }
    case CLIENT_METRICS: {
      const old = await current(CONFIG_COMMAND_SITES.alterDescribeClientMetrics);
      failOnMissing(deleted, new Set(old.map((entry) => entry.name)));
      const call = admin.incrementalAlterConfigs({ type: RESOURCE_TYPE.CLIENT_METRICS, name: entityName }, setAndDeleteOps(added, deleted), new Map());
      await futureGet(session, call, CONFIG_COMMAND_SITES.incrementalAlterClientMetrics, 60_000);
      return;
    }
    default:
      throw new IllegalArgumentError(`Unsupported entity type: ${entityType}`);
  }
}

export async function alterConfig(session: ConfigCommandSession): Promise<void> {
  const { context, opts } = session;
  const entityType = opts.entityTypes[0];
  const entityName = opts.entityNames[0];
  const added = await parseConfigsToBeAdded(opts.options, context.env, context.stdout).catch((error: unknown) => {
    throw error instanceof JavaException ? new ConfigCommandFailure(error) : error;
  });
  const deleted = parseConfigsToBeDeleted(opts.options);
  await alterEntity(session, entityType, entityName, added, deleted);
  const done = entityName !== '' ? `Completed updating config for ${entityType.slice(0, -1)} ${entityName}.` : `Completed updating default config for ${entityType} in the cluster.`;
  await context.stdout.write(`${done}\n`);
}
