/**
 * kafka-topics' five actions, step by step as Kafka 3.9's `TopicCommand.TopicService` runs them:
 * the same admin calls in the same order, the same checks, the same output on stdout. Failures are
 * thrown as the Java exceptions the real tool would report (the command prints them).
 */
import type { OutputStream } from '../../command.ts';
import type { ToolAdminClient, TopicDescription } from './admin/tool-admin-client.ts';
import { JavaException } from '../kafka/java-exception.ts';
import { ZERO_TOPIC_ID } from './admin/tool-admin-client.ts';
import { uuidFromText, uuidToText } from '../../../cluster/kafka/protocol/index.ts';
import { copiedHashMapSizing, stringHashOrder } from '../kafka/java-hash-map.ts';
import { validateTopicConfigs } from './log-config.ts';
import { parseReplicaAssignment } from './replica-assignment.ts';
import { commandTopicPartitionFrames, ensureTopicExistsFrames, GETTERS, serviceFrames } from './topic-command-frames.ts';
import type { TopicAction } from './topic-command-frames.ts';
import type { TopicCommandOptions } from './topic-command-options.ts';
import { DescribeFilter, partitionLine, topicLine } from './topic-description.ts';
import { hasCollisionChars, isInternalTopic, TopicIncludeList } from './topic-filter.ts';

const TOOL = 'org.apache.kafka.tools.TopicCommand';
const ILLEGAL_ARGUMENT = 'java.lang.IllegalArgumentException';
const SHORT_MAX = 32767;

/** What `new CommandTopicPartition(opts)` reads, in its order. */
interface CommandTopicPartition {
  name: string;
  partitions: number | undefined;
  replicationFactor: number | undefined;
  replicaAssignment: Map<number, number[]>;
  configs: Map<string, string>;
}

export class TopicService {
  readonly #admin: ToolAdminClient;
  readonly #stdout: OutputStream;
  readonly #touched: (topic: string) => void;

  constructor(admin: ToolAdminClient, stdout: OutputStream, touchedTopic: (topic: string) => void) {
    this.#admin = admin;
    this.#stdout = stdout;
    this.#touched = touchedTopic;
  }

  async createTopic(opts: TopicCommandOptions): Promise<void> {
    const topic = await this.#commandTopicPartition(opts, 'create');
    if (hasCollisionChars(topic.name)) {
      await this.#print(
        "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.\n",
      );
    }
    const frames = serviceFrames('create', 465);
    if (topic.replicationFactor !== undefined && (topic.replicationFactor > SHORT_MAX || topic.replicationFactor < 1)) {
      throw new JavaException(ILLEGAL_ARGUMENT, `The replication factor must be between 1 and ${SHORT_MAX} inclusive`, [`${TOOL}$TopicService.createTopic(TopicCommand.java:470)`, ...frames]);
    }
    if (topic.partitions !== undefined && topic.partitions < 1) {
      throw new JavaException(ILLEGAL_ARGUMENT, 'The partitions must be greater than 0', [`${TOOL}$TopicService.createTopic(TopicCommand.java:473)`, ...frames]);
    }
    const assigned = topic.replicaAssignment.size > 0;
    try {
      await this.#admin.createTopic({
        name: topic.name,
        numPartitions: assigned ? -1 : (topic.partitions ?? -1),
        replicationFactor: assigned ? -1 : (topic.replicationFactor ?? -1),
        assignments: topic.replicaAssignment,
        configs: topic.configs,
      });
    } catch (error) {
      if (error instanceof JavaException && error.simpleName === 'TopicExistsException' && opts.has('if-not-exists')) return;
      throw error;
    }
    this.#touched(topic.name);
    await this.#print(`Created topic ${topic.name}.\n`);
  }

  async listTopics(opts: TopicCommandOptions): Promise<void> {
    const topics = await this.#getTopics(opts, 'list', 503);
    await this.#print(`${topics.join('\n')}\n`);
  }

  async alterTopic(opts: TopicCommandOptions): Promise<void> {
    const topic = await this.#commandTopicPartition(opts, 'alter');
    const topics = await this.#getTopics(opts, 'alter', 511);
    this.#ensureTopicExists(topics, opts, 'alter');
    if (topics.length === 0) return;
    const descriptions = new Map((await this.#admin.describeTopics(topics)).map((description) => [description.name, description]));
    const increases = new Map(
      topics.map((name) => {
        const current = descriptions.get(name)!.partitions.length;
        const newAssignments = topic.replicaAssignment.size > 0 ? [...topic.replicaAssignment].filter(([partition]) => partition >= current).map(([, brokers]) => brokers) : null;
        return [name, { totalCount: topic.partitions!, newAssignments }];
      }),
    );
    await this.#admin.createPartitions(increases);
    for (const name of topics) this.#touched(name);
  }

  async describeTopic(opts: TopicCommandOptions): Promise<void> {
    const frames = serviceFrames('describe', 560);
    const topicIdText = opts.string('topic-id', GETTERS.topicId, frames);
    // The zero id means "no id": the topic name is used then.
    const parsedId = topicIdText === undefined ? undefined : parseUuid(topicIdText, frames);
    // `Uuid.fromString(...).toString()`: the canonical text, compared with the listed ids.
    const canonicalId = parsedId === undefined ? undefined : uuidToText(uuidFromText(parsedId));
    const topicId = canonicalId === ZERO_TOPIC_ID ? undefined : canonicalId;
    let topics: string[] = [];
    let topicIds: string[] = [];
    if (topicId !== undefined) {
      // `getTopicIds`: the id, if a listed topic has it (ids come with Metadata v10+).
      const listings = await this.#admin.listTopicListings(!opts.has('exclude-internal'));
      topicIds = listings.some((listing) => listing.topicId === topicId) ? [topicId] : [];
      if (topicIds.length === 0 && !opts.has('if-exists')) {
        throw new JavaException(ILLEGAL_ARGUMENT, `TopicId '${topicId}' does not exist as expected`, [
          `${TOOL}.ensureTopicIdExists(TopicCommand.java:248)`,
          ...serviceFrames('describe', 576),
        ]);
      }
    } else {
      topics = await this.#getTopics(opts, 'describe', 571);
      this.#ensureTopicExists(topics, opts, 'describe');
    }
    let descriptions: TopicDescription[];
    if (topicIds.length > 0) {
      descriptions = await this.#admin.describeTopicsById(topicIds);
    } else {
      if (topics.length === 0) return;
      opts.integer('partition-size-limit-per-response', GETTERS.partitionSizeLimitPerResponse, serviceFrames('describe', 592));
      descriptions = describedOrder(await this.#admin.describeTopics(topics));
    }
    const configs = await this.#admin.describeTopicConfigs(descriptions.map((d) => d.name));
    const liveBrokers = new Set((await this.#admin.describeCluster()).map((node) => node.id));
    const filter = new DescribeFilter(
      {
        underReplicated: opts.has('under-replicated-partitions'),
        unavailable: opts.has('unavailable-partitions'),
        underMinIsr: opts.has('under-min-isr-partitions'),
        atMinIsr: opts.has('at-min-isr-partitions'),
        topicsWithOverrides: opts.has('topics-with-overrides'),
      },
      liveBrokers,
    );
    const reassignments = await this.#admin.listPartitionReassignments(descriptions.flatMap((d) => d.partitions.map((p) => ({ topic: d.name, partition: p.partition }))));
    for (const description of descriptions) {
      const entries = configs.get(description.name) ?? [];
      const reassignmentOf = (partition: number) => reassignments.get(`${description.name}:${partition}`);
      let text = filter.printsTopic(entries) ? topicLine(description, entries, description.partitions[0] && reassignmentOf(description.partitions[0].partition)) : '';
      if (filter.describePartitions) {
        for (const partition of description.partitions) {
          const reassignment = reassignmentOf(partition.partition);
          if (filter.printsPartition(partition, entries, reassignment)) text += partitionLine(description.name, partition, reassignment);
        }
      }
      if (text !== '') await this.#print(text);
    }
  }

  async deleteTopic(opts: TopicCommandOptions): Promise<void> {
    const topics = await this.#getTopics(opts, 'delete', 655);
    this.#ensureTopicExists(topics, opts, 'delete');
    await this.#admin.deleteTopics(topics);
    for (const name of topics) this.#touched(name);
  }

  /** `new CommandTopicPartition(opts)`: reads --topic, --partitions, --replication-factor, --replica-assignment, --config. */
  async #commandTopicPartition(opts: TopicCommandOptions, action: 'create' | 'alter'): Promise<CommandTopicPartition> {
    const name = opts.string('topic', GETTERS.topic, commandTopicPartitionFrames(263, action))!;
    const partitions = opts.integer('partitions', GETTERS.partitions, commandTopicPartitionFrames(264, action));
    const replicationFactor = opts.integer('replication-factor', GETTERS.replicationFactor, commandTopicPartitionFrames(265, action));
    const assignmentText = opts.string('replica-assignment', { name: 'replicaAssignment', line: 911 }, commandTopicPartitionFrames(266, action));
    const replicaAssignment = assignmentText ? parseReplicaAssignment(assignmentText, [`${TOOL}$TopicCommandOptions.replicaAssignment(TopicCommand.java:912)`, ...commandTopicPartitionFrames(266, action)]) : new Map<number, number[]>();
    const configs = await this.#topicConfigs(opts, commandTopicPartitionFrames(267, action));
    return { name, partitions, replicationFactor, replicaAssignment, configs };
  }

  /** `parseTopicConfigsToBeAdded`: `--config k=v` pairs, checked by `LogConfig.validate`. */
  async #topicConfigs(opts: TopicCommandOptions, callerFrames: readonly string[]): Promise<Map<string, string>> {
    const frames = [`${TOOL}.parseTopicConfigsToBeAdded(TopicCommand.java:170)`, ...callerFrames];
    // Java's split("\\s*=\\s*") drops trailing empty strings: `a=` is one part, `a=b=c` three.
    const pairs = opts.strings('config').map((entry) => {
      const parts = entry.split(/\s*=\s*/);
      while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
      return parts;
    });
    if (!pairs.every((pair) => pair.length === 2)) {
      throw new JavaException(ILLEGAL_ARGUMENT, 'requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".', frames);
    }
    const configs = new Map(pairs.map(([key, value]) => [key.trim(), value.trim()]));
    validateTopicConfigs(configs, [`${TOOL}.parseTopicConfigsToBeAdded(TopicCommand.java:176)`, ...callerFrames]);
    if (configs.has('message.format.version')) {
      // Kafka's Java port kept the Scala interpolation syntax in a plain string literal: it prints as is.
      await this.#print(
        'WARNING: The configuration ${TopicConfig.MESSAGE_FORMAT_VERSION_CONFIG}=${props.getProperty(TopicConfig.MESSAGE_FORMAT_VERSION_CONFIG)} is specified. ' +
          'This configuration will be ignored if the version is newer than the inter.broker.protocol.version specified in the broker or ' +
          'if the inter.broker.protocol.version is 3.0 or newer. This configuration is deprecated and it will be removed in Apache Kafka 4.0.\n',
      );
    }
    return configs;
  }

  /** `getTopics(opts.topic(), opts.excludeInternalTopics())`: every topic, sorted, filtered by --topic. */
  async #getTopics(opts: TopicCommandOptions, action: TopicAction, line: number): Promise<string[]> {
    const frames = serviceFrames(action, line);
    const include = opts.string('topic', GETTERS.topic, frames);
    const excludeInternal = opts.has('exclude-internal');
    const all = (await this.#admin.listTopics(!excludeInternal)).sort();
    if (include === undefined) return all.filter((topic) => !(isInternalTopic(topic) && excludeInternal));
    const filter = new TopicIncludeList(include, [`${TOOL}.doGetTopics(TopicCommand.java:224)`, `${TOOL}$TopicService.getTopics(TopicCommand.java:669)`, ...frames]);
    return all.filter((topic) => filter.isTopicAllowed(topic, excludeInternal));
  }

  /** Without --if-exists, a --topic that matched nothing is `Topic 'Optional[<topic>]' does not exist as expected`. */
  #ensureTopicExists(found: readonly string[], opts: TopicCommandOptions, action: 'describe' | 'alter' | 'delete'): void {
    const requested = opts.string('topic', GETTERS.topic, []);
    if (requested !== undefined && requested !== '' && !opts.has('if-exists') && found.length === 0) {
      // Kafka 3.7+ formats the Optional itself.
      throw new JavaException(ILLEGAL_ARGUMENT, `Topic 'Optional[${requested}]' does not exist as expected`, ensureTopicExistsFrames(action));
    }
  }

  async #print(text: string): Promise<void> {
    await this.#stdout.write(text);
  }
}

/**
 * The order several described topics print in: the admin client hands them back through HashMaps
 * (sized for the topic count, copied, then filled again), so the order is the last map's.
 */
function describedOrder(descriptions: readonly TopicDescription[]): TopicDescription[] {
  const byName = new Map(descriptions.map((description) => [description.name, description]));
  const sized = { initialCapacity: descriptions.length };
  const first = stringHashOrder(byName.keys(), sized);
  const copy = stringHashOrder(first, copiedHashMapSizing(first.length));
  return stringHashOrder(copy, sized).map((name) => byName.get(name)!);
}

/** `Uuid.fromString`: 22 base64url characters decoding to 16 bytes. */
function parseUuid(text: string, callerFrames: readonly string[]): string {
  const frames = ['org.apache.kafka.common.Uuid.fromString(Uuid.java:137)', ...callerFrames];
  if (text.length > 24) throw new JavaException(ILLEGAL_ARGUMENT, `Input string with prefix \`${text.slice(0, 24)}\` is too long to be decoded as a base64 UUID`, frames);
  const body = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(body) || body.length % 4 === 1) {
    const bad = [...body].find((char) => !/[A-Za-z0-9_-]/.test(char));
    const message = bad === undefined ? 'Last unit does not have enough valid bits' : `Illegal base64 character ${bad.charCodeAt(0).toString(16)}`;
    throw new JavaException(ILLEGAL_ARGUMENT, message, ['java.base/java.util.Base64$Decoder.decode0(Base64.java:848)', 'java.base/java.util.Base64$Decoder.decode(Base64.java:566)', 'java.base/java.util.Base64$Decoder.decode(Base64.java:589)', ...frames]);
  }
  const bytes = Math.floor((body.length * 6) / 8);
  if (bytes !== 16) {
    throw new JavaException(ILLEGAL_ARGUMENT, `Input string \`${text}\` decoded as ${bytes} bytes, which is not equal to the expected 16 bytes of a base64-encoded UUID`, frames);
  }
  return body;
}
