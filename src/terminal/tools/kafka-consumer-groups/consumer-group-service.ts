/**
 * `ConsumerGroupService`: the admin client, the parsed options, and the service's own helpers that every
 * action shares (`listConsumerGroups`, `describeConsumerGroups`, `getCommittedOffsets`, `getLogOffsets`),
 * failing as the Java methods fail: an `ExecutionException` where `get()` is called unwrapped, a
 * `RuntimeException` around it where the method catches and rethrows.
 */
import type { CommandContext } from '../../command.ts';
import type { ParsedOptions } from '../options/option-parser.ts';
import { bootstrapList } from '../kafka/bootstrap-addresses.ts';
import { GroupCommandOutput, ToolFailure } from './group-command-output.ts';
import { LIST_GROUPS_FAILURE_FRAMES, actionFrames, serviceFrame, type ServiceAction } from './java-frames.ts';
import { JavaException, wrapping, type JavaThrowable } from '../kafka/java-exception.ts';
import { executionException } from '../kafka/kafka-future-get.ts';
import { stringHashOrder } from '../kafka/java-hash-map.ts';
import { topicPartitionHashOrder, type TopicPartition } from '../kafka/topic-partition.ts';
import { ToolAdmin, type ConsumerGroupDescription, type OffsetQuery } from '../kafka/tool-admin.ts';
import { topicPartitionKey } from '../kafka/topic-partition.ts';

/** `new RuntimeException(e)`. */
const runtimeException = (cause: JavaThrowable, frames: readonly string[]) => wrapping('java.lang.RuntimeException', cause, frames);

export class ConsumerGroupService {
  readonly context: CommandContext;
  readonly options: ParsedOptions;
  readonly output: GroupCommandOutput;
  readonly action: ServiceAction;
  readonly admin: ToolAdmin;

  constructor(context: CommandContext, options: ParsedOptions, action: ServiceAction, adminConfig: ReadonlyMap<string, string>) {
    this.context = context;
    this.options = options;
    this.action = action;
    this.output = new GroupCommandOutput(context);
    const requestTimeout = Number(adminConfig.get('request.timeout.ms'));
    this.admin = new ToolAdmin(context, {
      bootstrapServers: bootstrapList(options.valueOf('bootstrap-server') ?? ''),
      clientId: adminConfig.get('client.id') || 'adminclient-1',
      requestTimeoutMs: Number.isFinite(requestTimeout) && requestTimeout > 0 ? requestTimeout : undefined,
    });
  }

  close(): Promise<void> {
    return this.admin.close();
  }

  /** `withTimeoutMs`: `--timeout` (default 5000), read when a call is made, as jopt converts it then. */
  timeoutMs(): number {
    return this.options.longValueOf('timeout') ?? 5000;
  }

  /** Frames of `method` at `line`, then `run` and `main`. */
  frames(method: string, line: number, ...outer: Array<[string, number]>): string[] {
    return [serviceFrame(method, line), ...outer.map(([m, l]) => serviceFrame(m, l)), ...actionFrames(this.action)];
  }

  /** `--group` values, or every group's id with `--all-groups`. */
  async groupIds(callerLine: number, caller: string): Promise<string[]> {
    if (this.options.has('all-groups')) return (await this.listConsumerGroups([caller, callerLine])).map((listing) => listing.groupId);
    return this.options.valuesOf('group');
  }

  /** `listConsumerGroups()`: its `ExecutionException` wrapped in a `RuntimeException`. */
  async listConsumerGroups(caller: [string, number]) {
    try {
      return await this.admin.listConsumerGroups(this.timeoutMs());
    } catch (error) {
      if (!(error instanceof JavaException)) throw error;
      const noBroker: JavaThrowable = {
        javaClass: 'org.apache.kafka.common.KafkaException',
        message: 'Failed to find brokers to send ListGroups',
        frames: LIST_GROUPS_FAILURE_FRAMES,
        cause: error,
      };
      const frames = this.frames('listConsumerGroups', 266, caller);
      throw new ToolFailure(runtimeException(executionException(noBroker, frames), this.frames('listConsumerGroups', 269, caller)));
    }
  }

  /** `describeConsumerGroups(ids)`: the first group that failed (in the futures map's order) fails it all. */
  async describeConsumerGroups(groupIds: readonly string[], ...callers: Array<[string, number]>): Promise<Map<string, ConsumerGroupDescription>> {
    const described = await this.admin.describeConsumerGroups(groupIds, this.timeoutMs());
    const descriptions = new Map<string, ConsumerGroupDescription>();
    for (const groupId of stringHashOrder([...described.keys()])) {
      const outcome = described.get(groupId)!;
      if (outcome instanceof JavaException) throw new ToolFailure(executionException(outcome, this.frames('describeConsumerGroups', 682, ...callers)));
      descriptions.set(groupId, outcome);
    }
    return descriptions;
  }

  /** `getCommittedOffsets(group)`: committed offsets in the admin's HashMap order. */
  async committedOffsets(groupId: string, caller: [string, number]): Promise<Array<{ tp: TopicPartition; offset: number }>> {
    try {
      const offsets = await this.admin.listConsumerGroupOffsets(groupId, this.timeoutMs());
      return topicPartitionHashOrder([...offsets.values()].map((entry) => ({ ...entry.tp, offset: entry.offset }))).map(({ topic, partition, offset }) => ({
        tp: { topic, partition },
        offset,
      }));
    } catch (error) {
      if (!(error instanceof JavaException)) throw error;
      const get = executionException(error, this.frames('getCommittedOffsets', 943, caller));
      throw new ToolFailure(runtimeException(get, this.frames('getCommittedOffsets', 945, caller)));
    }
  }

  /** `getLogOffsets(partitions, spec)`: `all().get()`, so any failed partition fails the call. */
  async logOffsets(partitions: readonly TopicPartition[], query: OffsetQuery, caller: [string, number]): Promise<Map<string, number>> {
    const offsets = new Map<string, number>();
    if (partitions.length === 0) return offsets;
    const answered = await this.admin.listOffsets(partitions, query, this.timeoutMs());
    for (const tp of partitions) {
      const outcome = answered.get(topicPartitionKey(tp));
      if (outcome instanceof JavaException) {
        const get = executionException(outcome, this.frames('getLogOffsets', 806, caller));
        throw new ToolFailure(runtimeException(get, this.frames('getLogOffsets', 815, caller)));
      }
      if (outcome) offsets.set(topicPartitionKey(tp), outcome.offset);
    }
    return offsets;
  }
}

export { runtimeException };
