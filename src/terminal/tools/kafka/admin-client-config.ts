/**
 * The admin client's settings as `Admin.create(props)` reads them (AdminClientConfig, Kafka 3.9), for
 * the tools with their own admin client (kafka-topics, kafka-configs): `--command-config` properties
 * plus `bootstrap.servers` from `--bootstrap-server`. Only the settings
 * that change what the learner sees are honoured (timeouts, backoffs, `client.id`); the others are
 * accepted and ignored, as Java ignores unknown keys. Failures are the Java client's:
 * a bad number is a `ConfigException` straight from `new AdminClientConfig(...)`; a bad address or
 * `default.api.timeout.ms` below `request.timeout.ms` fails inside `createInternal`, wrapped in
 * `KafkaException: Failed to create new KafkaAdminClient`.
 */
import { bootstrapList, CONFIG_EXCEPTION, parseBootstrapAddresses, type BootstrapAddress } from './bootstrap-addresses.ts';
import { JavaException } from './java-exception.ts';

export interface AdminClientConfig {
  /** The entries of `bootstrap.servers`, as given. */
  readonly bootstrapServers: readonly string[];
  /** Their hosts and ports. */
  readonly bootstrap: readonly BootstrapAddress[];
  /** `client.id`, or `adminclient-1` (the first admin client of the JVM) when unset. */
  readonly clientId: string;
  readonly requestTimeoutMs: number;
  readonly defaultApiTimeoutMs: number;
  readonly retryBackoffMs: number;
  readonly reconnectBackoffMs: number;
  readonly reconnectBackoffMaxMs: number;
  readonly connectTimeoutMs: number;
  /** A WARN the client logs while starting (`Overriding the default value for default.api.timeout.ms ...`). */
  readonly startupWarning?: string;
}

const ADMIN = 'org.apache.kafka.clients.admin.KafkaAdminClient';

interface NumberSetting {
  readonly name: string;
  readonly type: 'INT' | 'LONG';
  readonly defaultValue: number;
}

const SETTINGS = {
  requestTimeoutMs: { name: 'request.timeout.ms', type: 'INT', defaultValue: 30_000 },
  defaultApiTimeoutMs: { name: 'default.api.timeout.ms', type: 'INT', defaultValue: 60_000 },
  retryBackoffMs: { name: 'retry.backoff.ms', type: 'LONG', defaultValue: 100 },
  reconnectBackoffMs: { name: 'reconnect.backoff.ms', type: 'LONG', defaultValue: 50 },
  reconnectBackoffMaxMs: { name: 'reconnect.backoff.max.ms', type: 'LONG', defaultValue: 1_000 },
  connectTimeoutMs: { name: 'socket.connection.setup.timeout.ms', type: 'LONG', defaultValue: 10_000 },
} as const satisfies Record<string, NumberSetting>;

export interface AdminClientConfigOptions {
  /** `--bootstrap-controller` (kafka-configs): the addresses are `bootstrap.controllers`, not `bootstrap.servers`. */
  readonly viaControllers?: boolean;
}

/** `ClientUtils.parseAndValidateAddresses`' line for each of its ConfigExceptions. */
const ADDRESS_CHECK_LINES: ReadonlyArray<[messageStart: string, line: number]> = [
  ['Invalid url', 74],
  ['Invalid port', 97],
  ['No resolvable', 104],
];

/**
 * Builds the settings. `callerFrames` are the stack frames from `Admin.create` outwards (the tool's
 * own), for the stack trace printed when creation fails.
 */
export function adminClientConfig(properties: ReadonlyMap<string, string>, bootstrapServer: string, callerFrames: readonly string[], options: AdminClientConfigOptions = {}): AdminClientConfig {
  const configFrames = [
    'org.apache.kafka.common.config.ConfigDef.parseType(ConfigDef.java:776)',
    'org.apache.kafka.common.config.ConfigDef.parseValue(ConfigDef.java:531)',
    'org.apache.kafka.common.config.ConfigDef.parse(ConfigDef.java:524)',
    'org.apache.kafka.common.config.AbstractConfig.<init>(AbstractConfig.java:115)',
    'org.apache.kafka.common.config.AbstractConfig.<init>(AbstractConfig.java:148)',
    'org.apache.kafka.clients.admin.AdminClientConfig.<init>(AdminClientConfig.java:274)',
    'org.apache.kafka.clients.admin.Admin.create(Admin.java:137)',
    ...callerFrames.slice(1),
  ];
  const number = (setting: NumberSetting): number => {
    const text = properties.get(setting.name);
    if (text === undefined) return setting.defaultValue;
    const trimmed = text.trim();
    const value = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    const limit = setting.type === 'INT' ? 2 ** 31 : 2 ** 63;
    if (!Number.isFinite(value) || value >= limit || value < -limit) {
      throw new JavaException(CONFIG_EXCEPTION, `Invalid value ${text} for configuration ${setting.name}: Not a number of type ${setting.type}`, configFrames);
    }
    if (value < 0) throw new JavaException(CONFIG_EXCEPTION, `Invalid value ${value} for configuration ${setting.name}: Value must be at least 0`, configFrames);
    return value;
  };
  const values = Object.fromEntries(Object.entries(SETTINGS).map(([key, setting]) => [key, number(setting)])) as Record<keyof typeof SETTINGS, number>;

  const createFrames = [`${ADMIN}.createInternal(KafkaAdminClient.java:561)`, `${ADMIN}.createInternal(KafkaAdminClient.java:512)`, ...callerFrames];
  const failedToCreate = (cause: JavaException) => new JavaException('org.apache.kafka.common.KafkaException', 'Failed to create new KafkaAdminClient', createFrames, cause);
  /** Frames of a call made at `line` of `createInternal`. */
  const insideCreate = (line: number, frames: string[]) => [...frames, `${ADMIN}.createInternal(KafkaAdminClient.java:${line})`, ...createFrames.slice(1)];

  const bootstrapServers = bootstrapList(bootstrapServer);
  let bootstrap: BootstrapAddress[];
  try {
    bootstrap = parseBootstrapAddresses(bootstrapServers);
  } catch (error) {
    if (!(error instanceof JavaException)) throw error;
    const line = ADDRESS_CHECK_LINES.find(([start]) => error.message.startsWith(start))?.[1] ?? 74;
    const addressFrames = insideCreate(530, [
      `org.apache.kafka.clients.ClientUtils.parseAndValidateAddresses(ClientUtils.java:${line})`,
      'org.apache.kafka.clients.ClientUtils.parseAndValidateAddresses(ClientUtils.java:63)',
      `org.apache.kafka.clients.admin.internals.AdminBootstrapAddresses.fromConfig(AdminBootstrapAddresses.java:${options.viaControllers ? 67 : 72})`,
    ]);
    throw failedToCreate(new JavaException(error.javaClass, error.message, addressFrames));
  }

  let startupWarning: string | undefined;
  if (values.defaultApiTimeoutMs < values.requestTimeoutMs) {
    if (properties.has(SETTINGS.defaultApiTimeoutMs.name)) {
      throw failedToCreate(
        new JavaException(
          CONFIG_EXCEPTION,
          'The specified value of default.api.timeout.ms must be no smaller than the value of request.timeout.ms.',
          insideCreate(556, [`${ADMIN}.configureDefaultApiTimeoutMs(KafkaAdminClient.java:639)`, `${ADMIN}.<init>(KafkaAdminClient.java:600)`]),
        ),
      );
    }
    // Kafka logs the field before it is set, hence the 0.
    startupWarning = `Overriding the default value for default.api.timeout.ms (0) with the explicitly configured request timeout ${values.requestTimeoutMs}`;
    values.defaultApiTimeoutMs = values.requestTimeoutMs;
  }

  const clientId = properties.get('client.id') ?? '';
  return { ...values, bootstrapServers, bootstrap, clientId: clientId === '' ? 'adminclient-1' : clientId, startupWarning };
}
