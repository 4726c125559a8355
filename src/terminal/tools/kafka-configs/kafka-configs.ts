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
import { JavaException } from '../kafka/java-exception.ts';
import { log4jLine } from '../kafka/log4j.ts';
import { adminClientConfig, type AdminClientConfig } from '../kafka/admin-client-config.ts';
import { alterConfig } from './alter-config.ts';
import { ConfigAdminClient } from './config-admin-client.ts';
import { ConfigCommandFailure, IllegalArgumentError, InvalidConfigurationError } from './config-command-errors.ts';
import { CONFIG_COMMAND_SITES } from './config-command-frames.ts';
import { checkArgs, CONFIG_COMMAND_OPTIONS, parseConfigCommandOptions } from './config-command-options.ts';
import type { ConfigCommandOptions } from './config-command-options.ts';
import type { ConfigCommandSession } from './config-command-session.ts';
import { describeConfig } from './describe-config.ts';
import { HELP_TABLE, USAGE_PURPOSE } from './help-table.ts';
import { loadOptionalProps } from '../kafka/java-properties.ts';
import { stackTraceText } from '../kafka/java-stack-trace.ts';
import { zookeeperConfigCommand } from './zookeeper-config-command.ts';

/** `Admin.create` and ConfigCommand's call of it. */
const ADMIN_CREATE_FRAMES = ['org.apache.kafka.clients.admin.Admin.create(Admin.java:137)', ...CONFIG_COMMAND_SITES.createAdmin];

/** `processCommand`: the admin client (`--command-config`, `--bootstrap-server`), then describe or alter. */
async function processCommand(context: CommandContext, opts: ConfigCommandOptions): Promise<void> {
  const { options } = opts;
  let properties: Map<string, string>;
  try {
    properties = await loadOptionalProps(context.env, options.valueOf('command-config'), CONFIG_COMMAND_SITES.commandConfig);
  } catch (error) {
    if (!(error instanceof JavaException)) throw error;
    throw new ConfigCommandFailure(error);
  }
  const viaControllers = !options.has('bootstrap-server');
  let config: AdminClientConfig;
  try {
    config = adminClientConfig(properties, options.valueOf(viaControllers ? 'bootstrap-controller' : 'bootstrap-server')!, ADMIN_CREATE_FRAMES, { viaControllers });
  } catch (error) {
    if (!(error instanceof JavaException)) throw error;
    throw new ConfigCommandFailure(error);
  }
  if (config.startupWarning) {
    await context.stderr.write(log4jLine(context.env, 'WARN', `[AdminClient clientId=${config.clientId}] ${config.startupWarning}`, 'org.apache.kafka.clients.admin.KafkaAdminClient'));
  }
  if (options.has('alter') && opts.entityTypes.length !== opts.entityNames.length) {
    throw new IllegalArgumentError('An entity name must be specified for every entity type');
  }
  const admin = new ConfigAdminClient({
    env: context.env,
    stderr: context.stderr,
    signal: context.signal,
    bootstrap: config.bootstrap,
    clientId: config.clientId,
    defaultApiTimeoutMs: config.defaultApiTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
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
