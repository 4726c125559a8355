/**
 * `--reset-offsets`: for each group that is Empty (or Dead, i.e. unknown), the new offset of every partition
 * in scope (`--all-topics`, `--topic t`, `--topic t:0,1`) for the one scenario given; `--execute` commits
 * them (an OffsetCommit outside any generation), `--dry-run` (the default) only shows them. Offsets past
 * the log's ends are clamped with a WARN; a timestamp with no record falls back to the log end with a
 * `Warn:` line. Groups and partitions come out in `HashMap` order (KAFKA_CLI.md 5.6).
 */
import { log4jLine } from '../kafka/log4j.ts';
import { JavaException, thrownAt } from '../kafka/java-exception.ts';
import { UsageError } from '../options/command-line-utils.ts';
import { OptionException } from '../options/option-parser.ts';
import { ToolFailure, padRight } from './group-command-output.ts';
import { runtimeException, type ConsumerGroupService } from './consumer-group-service.ts';
import { executionException } from '../kafka/kafka-future-get.ts';
import { stringHashOrder } from '../kafka/java-hash-map.ts';
import { topicPartitionHashOrder, topicPartitionKey, topicPartitionText, type TopicPartition } from '../kafka/topic-partition.ts';
import { javaSplit } from './list-groups.ts';
import { parseJavaDuration, parseKafkaDateTime } from './java-time-arguments.ts';
import { parseResetPlan } from './reset-plan-file.ts';

const LOGGER = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand';

export interface NewOffset {
  tp: TopicPartition;
  offset: number;
}

/** `resetOffsets()`: group -> its new offsets (empty for a group that was not inactive), in `HashMap` order. */
export async function resetOffsets(service: ConsumerGroupService): Promise<Map<string, NewOffset[]>> {
  const groupIds = await service.groupIds(520, 'resetOffsets');
  const described = await service.admin.describeConsumerGroups(groupIds, service.timeoutMs());
  const result = new Map<string, NewOffset[]>();
  for (const groupId of stringHashOrder([...described.keys()])) {
    const description = described.get(groupId)!;
    if (description instanceof JavaException) {
      const get = executionException(description, service.frames('lambda$resetOffsets$0', 532, ['resetOffsets', 530]));
      throw new ToolFailure(runtimeException(get, service.frames('lambda$resetOffsets$0', 557, ['resetOffsets', 530])));
    }
    if (description.state === 'Empty' || description.state === 'Dead') {
      const partitions = await partitionsToReset(service, groupId);
      const prepared = await prepareOffsetsToReset(service, groupId, partitions);
      if (service.options.has('execute')) {
        try {
          await service.admin.alterConsumerGroupOffsets(groupId, prepared, service.timeoutMs());
        } catch (error) {
          if (!(error instanceof JavaException)) throw error;
          const get = executionException(error, service.frames('lambda$resetOffsets$0', 546, ['resetOffsets', 530]));
          throw new ToolFailure(runtimeException(get, service.frames('lambda$resetOffsets$0', 557, ['resetOffsets', 530])));
        }
        for (const topic of new Set(prepared.map((entry) => entry.tp.topic))) service.context.touchedTopic(topic);
      }
      result.set(groupId, prepared);
    } else {
      await service.output.printError(`Assignments can only be reset if the group '${groupId}' is inactive, but the current state is ${description.state}.`);
      result.set(groupId, []);
    }
  }
  return new Map(stringHashOrder([...result.keys()]).map((groupId) => [groupId, result.get(groupId)!]));
}

/** `printOffsetsToReset` (fixed layout): `%n%-30s %-30s %-10s %-15s` per line, then a newline. */
export function offsetsToResetText(groups: ReadonlyMap<string, readonly NewOffset[]>): string {
  const line = (group: string, topic: string, partition: string | number, offset: string | number) =>
    `\n${padRight(group, 30)} ${padRight(topic, 30)} ${padRight(partition, 10)} ${padRight(offset, 15)}`;
  let text = groups.size > 0 ? line('GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET') : '';
  for (const [groupId, offsets] of groups) for (const { tp, offset } of offsets) text += line(groupId, tp.topic, tp.partition, offset);
  return `${text}\n`;
}

/** `--export`: CSV lines (`topic,partition,offset`, with the group first unless one `--group` was given), then `println`. */
export function exportedCsvText(groups: ReadonlyMap<string, readonly NewOffset[]>, singleGroup: boolean): string {
  let text = '';
  for (const [groupId, offsets] of groups) {
    for (const { tp, offset } of offsets) text += `${singleGroup ? '' : `${groupId},`}${tp.topic},${tp.partition},${offset}\n`;
  }
  return `${text}\n`;
}

async function partitionsToReset(service: ConsumerGroupService, groupId: string): Promise<TopicPartition[]> {
  const { options } = service;
  if (options.has('all-topics')) return (await service.committedOffsets(groupId, ['getPartitionsToReset', 926])).map((entry) => entry.tp);
  if (options.has('topic')) return parseTopicPartitionsToReset(service, options.valuesOf('topic'));
  if (!options.has('from-file')) throw new UsageError('One of the reset scopes should be defined: --all-topics, --topic.');
  return [];
}

/** `t:0,1` as its partitions; `IllegalArgumentException` (a usage error) when it is malformed. */
export function parseTopicWithPartitions(topicArg: string): TopicPartition[] {
  const parts = javaSplit(topicArg, ':');
  if (parts.length !== 2) throw new UsageError(`Invalid topic arg '${topicArg}', expected topic name and partitions`);
  const [topic, partitions] = parts;
  return javaSplit(partitions, ',').map((partition) => {
    if (!/^[+-]?\d+$/.test(partition) || Math.abs(Number(partition)) > 2 ** 31 - 1) {
      throw new UsageError(`Invalid partition '${partition}' specified in topic arg '${topicArg}''`);
    }
    return { topic, partition: Number(partition) };
  });
}

async function parseTopicPartitionsToReset(service: ConsumerGroupService, topicArgs: readonly string[]): Promise<TopicPartition[]> {
  const specified = topicArgs.filter((arg) => arg.includes(':')).flatMap(parseTopicWithPartitions);
  const topics = topicArgs.filter((arg) => !arg.includes(':'));
  const unspecified: TopicPartition[] = [];
  if (topics.length > 0) {
    const described = await service.admin.describeTopics(topics, service.timeoutMs());
    for (const topic of stringHashOrder([...described.keys()])) {
      const description = described.get(topic)!;
      if (description instanceof JavaException) {
        // allTopicNames().get() in getPartitionsToReset; resetOffsets' lambda wraps the ExecutionException.
        const get = executionException(description, service.frames('parseTopicPartitionsToReset', 912, ['getPartitionsToReset', 929], ['lambda$resetOffsets$0', 536], ['resetOffsets', 530]));
        throw new ToolFailure(runtimeException(get, service.frames('lambda$resetOffsets$0', 557, ['resetOffsets', 530])));
      }
      unspecified.push(...description.partitions.map((partition) => ({ topic, partition })));
    }
  }
  return [...specified, ...unspecified];
}

/** A `long` option's value; jopt's conversion failure surfaces from `run` (printError, not usage). */
function longOption(service: ConsumerGroupService, name: string): number {
  try {
    return service.options.longValueOf(name) ?? 0;
  } catch (error) {
    if (error instanceof OptionException) {
      throw new ToolFailure(thrownAt(error, service.frames('prepareOffsetsToReset', 993)));
    }
    throw error;
  }
}

async function prepareOffsetsToReset(service: ConsumerGroupService, groupId: string, partitions: readonly TopicPartition[]): Promise<NewOffset[]> {
  const { options } = service;
  const caller: [string, number] = ['prepareOffsetsToReset', 997];
  const known = (offsets: Map<string, number>, tp: TopicPartition, what: string) => {
    const offset = offsets.get(topicPartitionKey(tp));
    if (offset === undefined) throw new UsageError(`Error getting ${what} of topic partition: ${topicPartitionText(tp)}`);
    return offset;
  };
  if (options.has('to-offset')) {
    const offset = longOption(service, 'to-offset');
    return checkOffsetsRange(service, partitions.map((tp) => ({ tp, offset })));
  }
  if (options.has('to-earliest')) {
    const start = await service.logOffsets(partitions, 'earliest', caller);
    return hashOrdered(partitions.map((tp) => ({ tp, offset: known(start, tp, 'starting offset') })));
  }
  if (options.has('to-latest')) {
    const end = await service.logOffsets(partitions, 'latest', caller);
    return hashOrdered(partitions.map((tp) => ({ tp, offset: known(end, tp, 'ending offset') })));
  }
  if (options.has('shift-by')) {
    const committed = new Map((await service.committedOffsets(groupId, ['prepareOffsetsToReset', 1021])).map((entry) => [topicPartitionKey(entry.tp), entry.offset]));
    const shiftBy = longOption(service, 'shift-by');
    const requested = hashOrdered(partitions).map((tp) => {
      const current = committed.get(topicPartitionKey(tp));
      if (current === undefined) throw new UsageError(`Cannot shift offset for partition ${topicPartitionText(tp)} since there is no current committed offset`);
      return { tp, offset: current + shiftBy };
    });
    return checkOffsetsRange(service, requested);
  }
  if (options.has('to-datetime')) {
    let timestamp: number;
    try {
      timestamp = parseKafkaDateTime(options.valueOf('to-datetime') ?? '');
    } catch (error) {
      if (!(error instanceof JavaException)) throw error;
      const parseFailure = {
        javaClass: error.javaClass,
        message: error.message,
        frames: ['org.apache.kafka.common.utils.Utils.getDateTime(Utils.java:1538)', ...service.frames('prepareOffsetsToReset', 1036)],
      };
      throw new ToolFailure(runtimeException(parseFailure, service.frames('prepareOffsetsToReset', 1049)));
    }
    return byTimestamp(service, partitions, timestamp);
  }
  if (options.has('by-duration')) {
    let duration: number;
    try {
      duration = parseJavaDuration(options.valueOf('by-duration') ?? '');
    } catch (error) {
      if (!(error instanceof JavaException)) throw error;
      throw new ToolFailure(thrownAt(error, ['java.base/java.time.Duration.parse(Duration.java:419)', ...service.frames('prepareOffsetsToReset', 1053)]));
    }
    return byTimestamp(service, partitions, service.context.env.now() - duration);
  }
  if (options.has('from-file')) {
    const plan = await parseResetPlan(service);
    const forGroup = plan.get(groupId);
    if (!forGroup) {
      await service.output.printError(`No reset plan for group ${groupId} found`);
      return [];
    }
    return checkOffsetsRange(service, forGroup);
  }
  if (options.has('to-current')) {
    const committed = new Map((await service.committedOffsets(groupId, ['prepareOffsetsToReset', 1085])).map((entry) => [topicPartitionKey(entry.tp), entry.offset]));
    const withCommitted = partitions.filter((tp) => committed.has(topicPartitionKey(tp)));
    const without = partitions.filter((tp) => !committed.has(topicPartitionKey(tp)));
    const end = await service.logOffsets(without, 'latest', caller);
    return hashOrdered([
      ...withCommitted.map((tp) => ({ tp, offset: committed.get(topicPartitionKey(tp))! })),
      ...hashOrdered(without).map((tp) => ({ tp, offset: known(end, tp, 'ending offset') })),
    ]);
  }
  throw new UsageError(
    "Option '[reset-offsets]' requires one of the following scenarios: [[to-offset], [shift-by], [to-datetime], [by-duration], [to-earliest], [to-latest], [to-current], [from-file]]",
  );
}

/** `getLogTimestampOffsets`: the first offset at or after `timestamp`, else (with a `Warn:` line) the log end. */
async function byTimestamp(service: ConsumerGroupService, partitions: readonly TopicPartition[], timestamp: number): Promise<NewOffset[]> {
  const caller: [string, number] = ['getLogTimestampOffsets', 827];
  const found = await service.logOffsets(partitions, { timestamp }, caller);
  const unsuccessful = hashOrdered(partitions.filter((tp) => (found.get(topicPartitionKey(tp)) ?? -1) === -1));
  for (const tp of unsuccessful) {
    await service.output.out(`\nWarn: Partition ${tp.partition} from topic ${tp.topic} is empty. Falling back to latest known offset.\n`);
  }
  const end = await service.logOffsets(unsuccessful, 'latest', caller);
  return hashOrdered(
    partitions.map((tp) => {
      const offset = found.get(topicPartitionKey(tp));
      const resolved = offset !== undefined && offset !== -1 ? offset : end.get(topicPartitionKey(tp));
      if (resolved === undefined) throw new UsageError(`Error getting offset by timestamp of topic partition: ${topicPartitionText(tp)}`);
      return { tp, offset: resolved };
    }),
  );
}

/** `checkOffsetsRange`: offsets beyond the log's end or before its start are moved there, with a WARN each. */
async function checkOffsetsRange(service: ConsumerGroupService, requested: readonly NewOffset[]): Promise<NewOffset[]> {
  const partitions = requested.map((entry) => entry.tp);
  const start = await service.logOffsets(partitions, 'earliest', ['checkOffsetsRange', 1127]);
  const end = await service.logOffsets(partitions, 'latest', ['checkOffsetsRange', 1128]);
  const env = service.context.env;
  const result: NewOffset[] = [];
  for (const { tp, offset } of hashOrdered(requested)) {
    const endOffset = end.get(topicPartitionKey(tp));
    const startOffset = start.get(topicPartitionKey(tp));
    if (endOffset !== undefined && offset > endOffset) {
      const message = `New offset (${offset}) is higher than latest offset for topic partition ${topicPartitionText(tp)}. Value will be set to ${endOffset}`;
      await service.output.err(log4jLine(env, 'WARN', message, LOGGER));
      result.push({ tp, offset: endOffset });
    } else if (startOffset !== undefined && offset < startOffset) {
      const message = `New offset (${offset}) is lower than earliest offset for topic partition ${topicPartitionText(tp)}. Value will be set to ${startOffset}`;
      await service.output.err(log4jLine(env, 'WARN', message, LOGGER));
      result.push({ tp, offset: startOffset });
    } else {
      result.push({ tp, offset });
    }
  }
  return hashOrdered(result);
}

/** Entries (or partitions) in the order of a default `HashMap` keyed by their partition. */
function hashOrdered<T extends NewOffset | TopicPartition>(entries: readonly T[]): T[] {
  const keyed = entries.map((entry) => {
    const tp: TopicPartition = 'tp' in entry ? entry.tp : entry;
    return { entry, topic: tp.topic, partition: tp.partition };
  });
  return topicPartitionHashOrder(keyed).map((keyedEntry) => keyedEntry.entry);
}
