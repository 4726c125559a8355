/**
 * Which topic-partitions kafka-get-offsets asks about (Kafka 3.9's `TopicPartitionFilter`):
 * `--topic <regex>` (all topics without it) with `--partitions 0,1` (all without it), or
 * `--topic-partitions t1:1,t2:0-3,t3,t4:5-,:2` (a topic regex, then a partition, a range `lo-hi` with `hi`
 * excluded, `lo-` or `-hi`). Topic regexes match whole names, after `TopicFilter`'s clean-up (`,` means `|`,
 * spaces and surrounding quotes dropped).
 */
import { TerseException } from './get-offsets-options.ts';
import { JavaException } from '../kafka/java-exception.ts';

export interface TopicPartitionFilter {
  isTopicAllowed(topic: string): boolean;
  isTopicPartitionAllowed(topic: string, partition: number): boolean;
}

const TOPIC_PARTITION_PATTERN = /^([^:,]*)(?::(?:([0-9]*)|(?:([0-9]*)-([0-9]*))))?$/;
const INT_MAX = 2 ** 31 - 1;

/** `TopicFilter.IncludeList`: the cleaned regex, matched against the whole topic name. */
function includeList(rawRegex: string): (topic: string) => boolean {
  const regex = rawRegex.trim().replaceAll(',', '|').replaceAll(' ', '').replace(/^["']+/, '').replace(/["']+$/, '');
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${regex})$`);
  } catch {
    // RuntimeException(regex + " is an invalid regex.")
    throw new JavaException('java.lang.RuntimeException', `${regex} is an invalid regex.`);
  }
  return (topic) => pattern.test(topic);
}

/** `--topic` and `--partitions`. */
export function topicAndPartitionsFilter(topic: string | undefined, partitionIds: string | undefined): TopicPartitionFilter {
  const topicAllowed = includeList(topic ?? '.*');
  let partitions = new Set<number>();
  if (partitionIds) {
    const parts = partitionIds.split(',');
    while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    if (parts.some((part) => !/^[+-]?\d+$/.test(part) || Math.abs(Number(part)) > INT_MAX)) {
      throw new TerseException(`--partitions expects a comma separated list of numeric partition ids, but received: ${partitionIds}`);
    }
    partitions = new Set(parts.map(Number));
  }
  return {
    isTopicAllowed: topicAllowed,
    isTopicPartitionAllowed: (t, partition) => topicAllowed(t) && (partitions.size === 0 || partitions.has(partition)),
  };
}

/** `--topic-partitions`: any of the comma-separated rules. */
export function topicPartitionsFilter(spec: string): TopicPartitionFilter {
  const rules = spec.split(',').map(parseRule);
  return {
    isTopicAllowed: (topic) => rules.some((rule) => rule.isTopicAllowed(topic)),
    isTopicPartitionAllowed: (topic, partition) => rules.some((rule) => rule.isTopicPartitionAllowed(topic, partition)),
  };
}

function parseRule(ruleSpec: string): TopicPartitionFilter {
  const match = TOPIC_PARTITION_PATTERN.exec(ruleSpec);
  // A TerseException thrown inside a lambda: it arrives wrapped in a RuntimeException.
  if (!match) throw new JavaException('java.lang.RuntimeException', `org.apache.kafka.tools.TerseException: Invalid rule specification: ${ruleSpec}`);
  const group = (index: number) => (match[index] ? match[index] : undefined);
  const topicAllowed = includeList(group(1) ?? '.*');
  const int = (text: string) => Math.min(Number(text), INT_MAX);
  let partitionAllowed: (partition: number) => boolean;
  const single = group(2);
  if (single !== undefined) {
    const only = int(single);
    partitionAllowed = (partition) => partition === only;
  } else {
    const lower = group(3) !== undefined ? int(group(3)!) : 0;
    const upper = group(4) !== undefined ? int(group(4)!) : INT_MAX;
    partitionAllowed = (partition) => partition >= lower && partition < upper;
  }
  return { isTopicAllowed: topicAllowed, isTopicPartitionAllowed: (topic, partition) => topicAllowed(topic) && partitionAllowed(partition) };
}
