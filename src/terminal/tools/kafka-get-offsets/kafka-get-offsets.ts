/**
 * `kafka-get-offsets` (Kafka 3.9's `org.apache.kafka.tools.GetOffsetShell`): `topic:partition:offset` for
 * every matching partition, sorted by the string `topic-partition`; partitions whose answer is "no such
 * offset" (a timestamp after the last record) are left out (KAFKA_CLI.md 9).
 *
 * Errors go to stderr as `Error occurred: <message>`, exit 1; unexpected ones (a failed admin call, a bad
 * regex) add the stack trace and an empty line (`Utils.stackTrace` printed with `println`). A partition
 * whose offset cannot be read is skipped with a line saying why. Admin calls wait `default.api.timeout.ms`
 * (60 s, or what `--command-config` says). Ctrl-C ends it silently with 130.
 *
 * The admin plumbing is kafka-consumer-groups' (`../kafka-consumer-groups/tool-admin.ts`): the same calls.
 */
import type { Command, CommandContext } from '../../command.ts';
import { kafkaToolAliases } from '../../shell/command-registry.ts';
import { InterruptedError } from '../interruption.ts';
import { JavaException, JavaThrowableError, thrownAt } from '../kafka/java-exception.ts';
import { loadOptionalProps } from '../kafka/java-properties.ts';
import { stackTraceText } from '../kafka/java-stack-trace.ts';
import { log4jLine } from '../kafka/log4j.ts';
import { bootstrapList } from '../kafka/bootstrap-addresses.ts';
import { usageText } from '../options/command-line-utils.ts';
import type { ParsedOptions } from '../options/option-parser.ts';
import type { TopicPartition } from '../kafka/topic-partition.ts';
import { executionException } from '../kafka/kafka-future-get.ts';
import { ToolAdmin } from '../kafka/tool-admin.ts';
import { topicPartitionKey } from '../kafka/topic-partition.ts';
import { bootstrapServerProblem, GET_OFFSETS_OPTIONS, parseGetOffsetsOptions, TerseException } from './get-offsets-options.ts';
import { HELP_TABLE, USAGE_PURPOSE } from './help-table.ts';
import { parseOffsetSpec } from './offset-spec.ts';
import { topicAndPartitionsFilter, topicPartitionsFilter, type TopicPartitionFilter } from './topic-partition-filter.ts';

const NAME = 'kafka-get-offsets';
const CLIENT_ID = 'GetOffsetShell';
const DEFAULT_API_TIMEOUT_MS = 60_000;
const SHELL = 'org.apache.kafka.tools.GetOffsetShell';
const INTERNAL_TOPICS = new Set(['__consumer_offsets', '__transaction_state']);

export const kafkaGetOffsets: Command = {
  name: NAME,
  aliases: kafkaToolAliases(NAME),
  summary: 'Print the offsets of topic partitions (latest, earliest, or at a time)',
  completions: GET_OFFSETS_OPTIONS.map((option) => `--${option.name}`),
  run: runGetOffsets,
};

/** An unexpected failure: `Error occurred: <message>`, then the stack trace. */
class ShellFailure extends JavaThrowableError {}

/** `mainNoExit` -> `execute` -> `fetchOffsets` -> `<method>` frames. */
const frames = (...inner: string[]) => [
  ...inner,
  `${SHELL}.fetchOffsets(GetOffsetShell.java:242)`,
  `${SHELL}.execute(GetOffsetShell.java:89)`,
  `${SHELL}.mainNoExit(GetOffsetShell.java:72)`,
  `${SHELL}.main(GetOffsetShell.java:67)`,
];

async function runGetOffsets(context: CommandContext): Promise<number> {
  const args = context.argv.slice(1);
  const usage = async (message: string) => {
    await context.stderr.write(usageText(message, HELP_TABLE));
    return 1;
  };
  if (args.length === 0) return usage(USAGE_PURPOSE);
  try {
    const options = parseGetOffsetsOptions(args);
    if (options.has('help')) return usage(USAGE_PURPOSE);
    if (options.has('version')) {
      await context.stdout.write(`${context.env.kafkaVersion}\n`);
      return 0;
    }
    const brokerList = options.valueOf(options.has('bootstrap-server') ? 'bootstrap-server' : 'broker-list');
    const problem = bootstrapServerProblem(brokerList);
    if (problem) return usage(problem);
    const offsets = await fetchOffsets(context, options, brokerList ?? '');
    for (const { tp, offset } of offsets) await context.stdout.write(`${tp.topic}:${tp.partition}:${offset}\n`);
    return context.signal.aborted ? 130 : 0;
  } catch (error) {
    if (error instanceof InterruptedError || context.signal.aborted) return 130;
    if (error instanceof TerseException) {
      await context.stderr.write(`Error occurred: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ShellFailure) {
      await context.stderr.write(`Error occurred: ${error.throwable.message}\n${stackTraceText(error.throwable)}\n`);
      return 1;
    }
    if (error instanceof JavaException) {
      await context.stderr.write(`Error occurred: ${error.message}\n${stackTraceText(thrownAt(error, frames()))}\n`);
      return 1;
    }
    throw error;
  }
}

async function fetchOffsets(context: CommandContext, options: ParsedOptions, brokerList: string): Promise<Array<{ tp: TopicPartition; offset: number }>> {
  if (options.has('topic-partitions') && (options.has('topic') || options.has('partitions'))) {
    throw new TerseException('--topic-partitions cannot be used with --topic or --partitions');
  }
  const excludeInternalTopics = options.has('exclude-internal-topics');
  const query = parseOffsetSpec(options.valueOf('time') ?? 'latest');
  const filter: TopicPartitionFilter = options.has('topic-partitions')
    ? topicPartitionsFilter(options.valueOf('topic-partitions') ?? '')
    : topicAndPartitionsFilter(options.valueOf('topic'), options.valueOf('partitions'));

  const config = await commandConfig(context, options);
  const timeoutMs = Number(config.get('default.api.timeout.ms')) > 0 ? Number(config.get('default.api.timeout.ms')) : DEFAULT_API_TIMEOUT_MS;
  const requestTimeout = Number(config.get('request.timeout.ms'));
  const admin = new ToolAdmin(context, {
    bootstrapServers: bootstrapList(brokerList),
    clientId: CLIENT_ID,
    requestTimeoutMs: requestTimeout > 0 ? requestTimeout : undefined,
  });
  try {
    const partitions = await listPartitionInfos(admin, filter, excludeInternalTopics, timeoutMs);
    if (partitions.length === 0) throw new TerseException('Could not match any topic-partitions with the specified filters');

    const logContext = `[AdminClient clientId=${CLIENT_ID}] `;
    const answers = await admin.listOffsets(partitions, query, timeoutMs, (brokerId) =>
      context.stderr.write(
        log4jLine(context.env, 'WARN', `${logContext}Broker ${brokerId} does not support MAX_TIMESTAMP offset specs`, 'org.apache.kafka.clients.admin.internals.ListOffsetsHandler'),
      ),
    );
    const results: Array<{ tp: TopicPartition; offset: number }> = [];
    for (const tp of partitions) {
      const answer = answers.get(topicPartitionKey(tp));
      if (answer instanceof JavaException) {
        const message = `${answer.javaClass}: ${answer.message}`;
        await context.stderr.write(`Skip getting offsets for topic-partition ${tp.topic}-${tp.partition} due to error: ${message}\n`);
        continue;
      }
      if (answer && answer.offset !== -1) results.push({ tp, offset: answer.offset });
    }
    // TreeMap ordered by TopicPartition.toString(): `t-10` before `t-2`.
    const name = (tp: TopicPartition) => `${tp.topic}-${tp.partition}`;
    return results.sort((a, b) => (name(a.tp) < name(b.tp) ? -1 : name(a.tp) > name(b.tp) ? 1 : 0));
  } finally {
    await admin.close();
  }
}

/** `listPartitionInfos`: the topics (internal ones unless excluded) that pass the filter, and their partitions that do. */
async function listPartitionInfos(admin: ToolAdmin, filter: TopicPartitionFilter, excludeInternalTopics: boolean, timeoutMs: number): Promise<TopicPartition[]> {
  const failed = (error: JavaException, line: number) =>
    new ShellFailure(executionException(error, frames(`${SHELL}.listPartitionInfos(GetOffsetShell.java:${line})`)));
  let topics;
  try {
    topics = await admin.listTopics(timeoutMs);
  } catch (error) {
    if (error instanceof JavaException) throw failed(error, 374);
    throw error;
  }
  const names = topics
    .filter((topic) => !(excludeInternalTopics && (topic.isInternal || INTERNAL_TOPICS.has(topic.name))))
    .map((topic) => topic.name)
    .filter((topic) => filter.isTopicAllowed(topic));
  let described;
  try {
    described = await admin.describeTopics(names, timeoutMs);
  } catch (error) {
    if (error instanceof JavaException) throw failed(error, 377);
    throw error;
  }
  const partitions: TopicPartition[] = [];
  for (const [topic, description] of described) {
    if (description instanceof JavaException) throw failed(description, 377);
    partitions.push(...description.partitions.filter((partition) => filter.isTopicPartitionAllowed(topic, partition)).map((partition) => ({ topic, partition })));
  }
  return partitions;
}

/** `--command-config` (`Utils.loadProps`); a missing file is `NoSuchFileException`, printed with its trace. */
async function commandConfig(context: CommandContext, options: ParsedOptions): Promise<Map<string, string>> {
  try {
    return await loadOptionalProps(context.env, options.valueOf('command-config'), [`${SHELL}.fetchOffsets(GetOffsetShell.java:237)`, ...frames().slice(1)]);
  } catch (error) {
    if (!(error instanceof JavaException)) throw error;
    throw new ShellFailure(error);
  }
}
