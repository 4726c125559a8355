/**
 * `--delete-offsets --group g --topic t[:p,...]`: deletes a group's committed offsets with OffsetDelete (API
 * 47). The embedded brokers do not implement OffsetDelete (nor does kafkajs), so this prints what Kafka
 * 3.9's tool prints against a broker without it: after the coordinator is found, the request cannot be
 * built (`The node does not support OFFSET_DELETE`), the top-level error is UNSUPPORTED_VERSION and every
 * partition's status carries the exception. Layout: `%n%-30s %-15s %-15s` per line, rows sorted by
 * `topic + partition`, then a newline (KAFKA_CLI.md 5.10, the fixed layout of 5.9).
 */
import { JavaException, kafkaException } from '../kafka/java-exception.ts';
import { padRight } from './group-command-output.ts';
import type { ConsumerGroupService } from './consumer-group-service.ts';
import { executionException } from '../kafka/kafka-future-get.ts';
import type { TopicPartition } from '../kafka/topic-partition.ts';
import { parseTopicWithPartitions } from './reset-offsets.ts';

export async function deleteOffsets(service: ConsumerGroupService): Promise<void> {
  const groupId = service.options.valueOf('group') ?? '';
  const topics = service.options.valuesOf('topic');
  const results = new Map<string, { tp: TopicPartition; error: string | null }>();
  const record = (tp: TopicPartition, error: string | null) => results.set(`${tp.topic}\u0000${tp.partition}`, { tp, error });

  const known = topics.filter((topic) => topic.includes(':')).flatMap(parseTopicWithPartitions);
  const partitions = [...known];
  const whole = topics.filter((topic) => !topic.includes(':'));
  if (whole.length > 0) {
    const described = await service.admin.describeTopics(whole, service.timeoutMs());
    for (const [topic, description] of described) {
      if (description instanceof JavaException) {
        record({ topic, partition: -1 }, executionException(description, []).message);
        continue;
      }
      partitions.push(...description.partitions.map((partition) => ({ topic, partition })));
    }
  }

  let failure: JavaException;
  try {
    await service.admin.findCoordinator('offsetDelete', groupId, service.timeoutMs());
    failure = kafkaException('UnsupportedVersionException', 'The node does not support OFFSET_DELETE');
  } catch (error) {
    if (!(error instanceof JavaException)) throw error;
    failure = error;
  }
  const topLevel = failure.simpleName === 'UnsupportedVersionException' ? 'UNSUPPORTED_VERSION' : failure.simpleName === 'TimeoutException' ? 'REQUEST_TIMED_OUT' : 'UNKNOWN_SERVER_ERROR';
  for (const tp of partitions) record(tp, executionException(failure, []).message);

  const { output } = service;
  await output.printError(`Encounter some unknown error: ${topLevel}`);
  const line = (topic: string, partition: string | number, status: string) => `\n${padRight(topic, 30)} ${padRight(partition, 15)} ${padRight(status, 15)}`;
  let text = line('TOPIC', 'PARTITION', 'STATUS');
  const rows = [...results.values()].sort((a, b) => {
    const left = a.tp.topic + a.tp.partition;
    const right = b.tp.topic + b.tp.partition;
    return left < right ? -1 : left > right ? 1 : 0;
  });
  for (const { tp, error } of rows) text += line(tp.topic, tp.partition >= 0 ? tp.partition : 'Not Provided', error !== null ? `Error: :${error}` : 'Successful');
  await output.out(`${text}\n`);
}
