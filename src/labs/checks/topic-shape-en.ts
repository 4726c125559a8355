import type { Messages } from '../i18n/translate.ts';

/** Messages of `topicShapeCheck`, in English. */
export const en: Messages = {
  'labs.check.topic-shape.saw': 'topic `{topic}` has {partitions} and replication factor {replicationFactor}',
  'labs.check.topic-shape.expected': 'topic `{topic}` with {partitions} and replication factor {replicationFactor}',
  'labs.check.topic-shape.saw-created': 'you created topic `{topic}` in the terminal (`{command}`), but with {partitions} and replication factor {replicationFactor}',
  'labs.check.topic-shape.create-failed': '{missing}; your `{command}` in the terminal failed (exit status {exitCode}): its error message says why',
  'labs.check.topic-shape.missing': 'no topic `{topic}` (the cluster has: {topics})',
  'labs.check.topic-shape.no-topics': 'no topics of its own',
  'labs.check.topic-shape.partitions.one': '1 partition',
  'labs.check.topic-shape.partitions.other': '{count} partitions',
  'labs.check.topic-shape.hint.create': 'Create it with kafka-topics --create --topic {topic}, giving --partitions and --replication-factor.',
  'labs.check.topic-shape.hint.add-partitions': 'kafka-topics --alter --topic {topic} --partitions N adds partitions; or delete the topic and create it again.',
  'labs.check.topic-shape.hint.recreate': 'Partitions cannot be removed and kafka-topics cannot change a replication factor: delete the topic (kafka-topics --delete --topic {topic}) and create it again.',
};
