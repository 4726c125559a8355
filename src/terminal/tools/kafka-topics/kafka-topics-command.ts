/**
 * `kafka-topics` (`kafka-topics.sh`): Kafka 3.9's `TopicCommand` — create, list, describe, alter and
 * delete topics — with its exact output, streams and exit codes (KAFKA_CLI.md section 2):
 *
 * - usage errors: the message and the help table on stderr, exit 1 (`--help` too);
 * - what escapes to `mainNoExit` (a missing --bootstrap-server, an unknown option, a missing
 *   --command-config file): the message, then the Java stack trace, on stderr, exit 1;
 * - failures of the action: `Error while executing topic command : <message>` on stdout, then an
 *   ERROR log line carrying the stack trace on stderr, exit 1;
 * - Ctrl-C: the JVM ends without a word (the tool has no shutdown hook), exit 130.
 */
import type { Command, CommandContext } from '../../command.ts';
import { kafkaToolAliases } from '../../shell/command-registry.ts';
import { InterruptedError } from '../interruption.ts';
import { JavaException } from '../kafka/java-exception.ts';
import { log4jLine } from '../kafka/log4j.ts';
import { NetworkClientWarnings } from '../kafka/network-client-warnings.ts';
import { UsageError, usageText } from '../options/command-line-utils.ts';
import { adminClientConfig, type AdminClientConfig } from '../kafka/admin-client-config.ts';
import { ToolAdminClient } from './admin/tool-admin-client.ts';
import { loadCommandConfig } from './command-config.ts';
import { TOPIC_COMMAND_HELP_TABLE, TOPIC_COMMAND_NO_ARGS_MESSAGE } from './help-table.ts';
import { stackTraceText } from '../kafka/java-stack-trace.ts';
import { ADMIN_CREATE_FRAMES, executeFrames, GETTERS } from './topic-command-frames.ts';
import { TOPIC_COMMAND_OPTION_NAMES, TopicCommandOptions, VersionRequest } from './topic-command-options.ts';
import { TopicService } from './topic-service.ts';

const LOGGER = 'org.apache.kafka.tools.TopicCommand';
const ADMIN_LOGGER = 'org.apache.kafka.clients.admin.KafkaAdminClient';
const INTERRUPTED = 130;

export const kafkaTopicsCommand: Command = {
  name: 'kafka-topics',
  aliases: kafkaToolAliases('kafka-topics'),
  summary: TOPIC_COMMAND_NO_ARGS_MESSAGE,
  completions: TOPIC_COMMAND_OPTION_NAMES,
  run: runKafkaTopics,
};

async function runKafkaTopics(context: CommandContext): Promise<number> {
  let opts: TopicCommandOptions;
  let config: AdminClientConfig;
  const notices: string[] = [];
  try {
    try {
      opts = TopicCommandOptions.parse(context.argv.slice(1), notices);
    } finally {
      for (const notice of notices) await context.stdout.write(`${notice}\n`);
    }
    // execute(): `new TopicService(opts.commandConfig(), opts.bootstrapServer())`, before its try.
    const properties = await loadCommandConfig(context.env, opts);
    const bootstrapServer = opts.string('bootstrap-server', GETTERS.bootstrapServer, executeFrames(101))!;
    config = adminClientConfig(properties, bootstrapServer, ADMIN_CREATE_FRAMES);
  } catch (error) {
    if (error instanceof VersionRequest) {
      await context.stdout.write(`${context.env.kafkaVersion}\n`);
      return 0;
    }
    if (error instanceof UsageError) {
      await context.stderr.write(usageText(error.message, TOPIC_COMMAND_HELP_TABLE));
      return 1;
    }
    if (error instanceof JavaException) {
      // mainNoExit: `System.err.println(e.getMessage()); System.err.println(Utils.stackTrace(e));`
      await context.stderr.write(`${error.message}\n${stackTraceText(error)}\n`);
      return 1;
    }
    throw error;
  }

  const logContext = `[AdminClient clientId=${config.clientId}] `;
  if (config.startupWarning) await context.stderr.write(log4jLine(context.env, 'WARN', `${logContext}${config.startupWarning}`, ADMIN_LOGGER));
  const warnings = new NetworkClientWarnings(context.env, context.stderr, logContext, config.bootstrapServers);
  const admin = new ToolAdminClient({ transport: context.env.transport, config, warnings, signal: context.signal });
  const service = new TopicService(admin, context.stdout, (topic) => context.touchedTopic(topic));
  try {
    const action = { create: service.createTopic, alter: service.alterTopic, list: service.listTopics, describe: service.describeTopic, delete: service.deleteTopic }[opts.action];
    await action.call(service, opts);
    return 0;
  } catch (error) {
    if (error instanceof InterruptedError || context.signal.aborted) return INTERRUPTED;
    if (error instanceof JavaException) {
      // printException: the message on stdout, the stack trace as an ERROR log message on stderr.
      await context.stdout.write(`Error while executing topic command : ${error.message}\n`);
      await context.stderr.write(log4jLine(context.env, 'ERROR', stackTraceText(error), LOGGER));
      return 1;
    }
    throw error;
  } finally {
    admin.close();
  }
}
