/**
 * `kafka-configs` (Kafka 3.9 `kafka.admin.ConfigCommand`): describe and alter the configs of topics and
 * brokers (and, as far as the cluster answers, users, clients, ips, broker loggers and client metrics).
 *
 *   kafka-configs --bootstrap-server localhost:19092 --entity-type topics --entity-name test --describe
 *   kafka-configs --bootstrap-server localhost:19092 --topic test --alter --add-config retention.ms=86400000
 *
 * Failures print as ConfigCommand's `main` prints them (see config-command-errors.ts); `--zookeeper`
 * (deprecated, users and brokers only) goes to ZooKeeper directly.
 */
import type { Command, CommandContext } from '../../command.ts';
import { kafkaToolAliases } from '../../shell/command-registry.ts';
import { OptionException } from '../options/option-parser.ts';
import { UsageError, usageText } from '../options/command-line-utils.ts';
import { InterruptedError } from '../interruption.ts';
import { JavaException, thrownAt, type JavaThrowable } from '../kafka/java-exception.ts';
import { log4jLine } from '../kafka/log4j.ts';
import { bootstrapList, CONFIG_EXCEPTION, parseBootstrapAddresses } from '../kafka/bootstrap-addresses.ts';
import { alterConfig } from './alter-config.ts';
import { ConfigAdminClient } from './config-admin-client.ts';
import { ConfigCommandFailure, IllegalArgumentError, InvalidConfigurationError } from './config-command-errors.ts';
import { CONFIG_COMMAND_SITES } from './config-command-frames.ts';
import { checkArgs, CONFIG_COMMAND_OPTIONS, parseConfigCommandOptions } from './config-command-options.ts';
import type { ConfigCommandOptions } from './config-command-options.ts';
import type { ConfigCommandSession } from './config-command-session.ts';
import { describeConfig } from './describe-config.ts';
import { HELP_TABLE, USAGE_PURPOSE } from './help-table.ts';
import { loadProps } from '../kafka/java-properties.ts';
import { LOAD_PROPS_FRAMES, stackTraceText } from '../kafka/java-stack-trace.ts';
import { zookeeperConfigCommand } from './zookeeper-config-command.ts';

const DEFAULT_API_TIMEOUT_MS = 60_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

const ADMIN_CREATE_FRAMES = [
  'org.apache.kafka.clients.admin.KafkaAdminClient.createInternal(KafkaAdminClient.java:561)',
  'org.apache.kafka.clients.admin.KafkaAdminClient.createInternal(KafkaAdminClient.java:512)',
  'org.apache.kafka.clients.admin.Admin.create(Admin.java:137)',
  ...CONFIG_COMMAND_SITES.createAdmin,
];

/** `Admin.create` failing: `KafkaException: Failed to create new KafkaAdminClient`, caused by `cause`. */
function adminCreateFailure(cause: JavaThrowable): ConfigCommandFailure {
  return new ConfigCommandFailure({ javaClass: 'org.apache.kafka.common.KafkaException', message: 'Failed to create new KafkaAdminClient', frames: ADMIN_CREATE_FRAMES, cause });
}

function configException(message: string, frames: readonly string[]): JavaThrowable {
  return { javaClass: CONFIG_EXCEPTION, message, frames: [...frames, 'org.apache.kafka.clients.admin.KafkaAdminClient.createInternal(KafkaAdminClient.java:530)', ...ADMIN_CREATE_FRAMES.slice(1)] };
}

/** An int setting of the admin client's config, as `ConfigDef` parses it. */
function intSetting(properties: ReadonlyMap<string, string>, name: string, fallback: number): number {
  const text = properties.get(name);
  if (text === undefined) return fallback;
  const value = Number(text.trim());
  if (!Number.isInteger(value)) {
    throw adminCreateFailure({ javaClass: CONFIG_EXCEPTION, message: `Invalid value ${text} for configuration ${name}: Not a number of type INT`, frames: [] });
  }
  return value;
}

/** `processCommand`: the admin client (`--command-config`, `--bootstrap-server`), then describe or alter. */
async function processCommand(context: CommandContext, opts: ConfigCommandOptions): Promise<void> {
  const { options } = opts;
  let properties = new Map<string, string>();
  if (options.has('command-config')) {
    try {
      properties = await loadProps(context.env, options.valueOf('command-config')!);
    } catch (error) {
      if (!(error instanceof JavaException)) throw error;
      throw new ConfigCommandFailure(thrownAt(error, [...LOAD_PROPS_FRAMES, ...CONFIG_COMMAND_SITES.commandConfig]));
    }
  }
  const viaControllers = !options.has('bootstrap-server');
  const servers = options.valueOf(viaControllers ? 'bootstrap-controller' : 'bootstrap-server')!;
  let bootstrap;
  try {
    bootstrap = parseBootstrapAddresses(bootstrapList(servers));
  } catch (error) {
    if (!(error instanceof JavaException)) throw error;
    const line = error.message.startsWith('Invalid url') ? 74 : error.message.startsWith('Invalid port') ? 97 : 104;
    throw adminCreateFailure(
      configException(error.message, [
        `org.apache.kafka.clients.ClientUtils.parseAndValidateAddresses(ClientUtils.java:${line})`,
        'org.apache.kafka.clients.ClientUtils.parseAndValidateAddresses(ClientUtils.java:63)',
        `org.apache.kafka.clients.admin.internals.AdminBootstrapAddresses.fromConfig(AdminBootstrapAddresses.java:${viaControllers ? 67 : 72})`,
      ]),
    );
  }
  const requestTimeoutMs = intSetting(properties, 'request.timeout.ms', DEFAULT_REQUEST_TIMEOUT_MS);
  let defaultApiTimeoutMs = intSetting(properties, 'default.api.timeout.ms', DEFAULT_API_TIMEOUT_MS);
  if (defaultApiTimeoutMs < requestTimeoutMs) {
    if (properties.has('default.api.timeout.ms')) {
      throw adminCreateFailure({
        javaClass: CONFIG_EXCEPTION,
        message: 'The specified value of default.api.timeout.ms must be no smaller than the value of request.timeout.ms.',
        frames: [
          'org.apache.kafka.clients.admin.KafkaAdminClient.configureDefaultApiTimeoutMs(KafkaAdminClient.java:639)',
          'org.apache.kafka.clients.admin.KafkaAdminClient.<init>(KafkaAdminClient.java:600)',
          'org.apache.kafka.clients.admin.KafkaAdminClient.createInternal(KafkaAdminClient.java:556)',
          ...ADMIN_CREATE_FRAMES.slice(1),
        ],
      });
    }
    // `this.defaultApiTimeoutMs` is not set yet when Java logs this, hence the 0.
    const message = `[AdminClient clientId=adminclient-1] Overriding the default value for default.api.timeout.ms (0) with the explicitly configured request timeout ${requestTimeoutMs}`;
    await context.stderr.write(log4jLine(context.env, 'WARN', message, 'org.apache.kafka.clients.admin.KafkaAdminClient'));
    defaultApiTimeoutMs = requestTimeoutMs;
  }
  if (options.has('alter') && opts.entityTypes.length !== opts.entityNames.length) {
    throw new IllegalArgumentError('An entity name must be specified for every entity type');
  }
  const admin = new ConfigAdminClient({
    env: context.env,
    stderr: context.stderr,
    signal: context.signal,
    bootstrap,
    defaultApiTimeoutMs,
    requestTimeoutMs,
    viaControllers,
  });
  const session: ConfigCommandSession = { context, opts, admin };
  try {
    if (options.has('alter')) await alterConfig(session);
    else await describeConfig(session);
  } finally {
    // `adminClient.close()` waits for calls still running; Ctrl-C does not wait (the JVM is gone).
    if (context.signal.aborted) admin.abort();
    else await admin.close();
  }
}

async function run(context: CommandContext): Promise<number> {
  const args = context.argv.slice(1);
  const { stdout, stderr } = context;
  try {
    const opts = parseConfigCommandOptions(args);
    if (args.length === 0 || opts.options.has('help')) throw new UsageError(USAGE_PURPOSE);
    if (opts.options.has('version')) {
      await stdout.write(`${context.env.kafkaVersion}\n`);
      return 0;
    }
    checkArgs(opts);
    if (opts.options.has('zookeeper')) {
      await stdout.write('Warning: --zookeeper is deprecated and will be removed in a future version of Kafka.\n');
      await stdout.write('Use --bootstrap-server instead to specify a broker to connect to.\n');
      await zookeeperConfigCommand(context, opts);
    } else {
      await processCommand(context, opts);
    }
    return 0;
  } catch (error) {
    // Ctrl-C: the JVM dies of SIGINT; ConfigCommand has no shutdown hook.
    if (error instanceof InterruptedError || context.signal.aborted) return 130;
    if (error instanceof UsageError) {
      await stderr.write(usageText(error.message, HELP_TABLE));
    } else if (error instanceof IllegalArgumentError || error instanceof InvalidConfigurationError || error instanceof OptionException) {
      await stderr.write(`${error.message}\n`);
    } else if (error instanceof ConfigCommandFailure) {
      await stderr.write(`Error while executing config command with args '${args.join(' ')}'\n${stackTraceText(error.throwable)}`);
    } else {
      throw error;
    }
    return 1;
  }
}

export const kafkaConfigs: Command = {
  name: 'kafka-configs',
  aliases: kafkaToolAliases('kafka-configs'),
  summary: 'Describe or change the configs of topics and brokers',
  completions: CONFIG_COMMAND_OPTIONS.map((option) => `--${option.name}`),
  run,
};
