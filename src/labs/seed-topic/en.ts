import type { Messages } from '../i18n/translate.ts';

export const en: Messages = {
  'labs.seed-topic.title': 'The stack’s first topic',
  'labs.seed-topic.goal': 'Create the topic `test` with 2 partitions, each copied to all three brokers, and find which broker leads partition 0.',

  'labs.seed-topic.create-topic.title': 'Create `test`',
  'labs.seed-topic.create-topic.instructions':
    'In the terminal beside the lab (or your own terminal: `npx kafkalab tools` says how to type the same tools there), create the topic `test` through the EXTERNAL listener (localhost:19092) with 2 partitions and replication factor 3: every partition gets a replica on each of the three brokers. The check reads the topic from the cluster’s metadata: name, partition count and replication factor must all match.',
  'labs.seed-topic.create-topic.hint.1': 'Use kafka-topics with --bootstrap-server localhost:19092 and --create.',
  'labs.seed-topic.create-topic.hint.2': 'Give the shape explicitly: --topic test --partitions 2 --replication-factor 3.',
  'labs.seed-topic.create-topic.hint.3':
    '`kafka-topics --bootstrap-server localhost:19092 --create --topic test --partitions 2 --replication-factor 3`. If a `test` of another shape exists, delete it first with --delete --topic test.',

  'labs.seed-topic.describe-topic.title': 'Describe `test`',
  'labs.seed-topic.describe-topic.instructions':
    'Describe the topic and find which broker leads partition 0 right now. Produce and fetch requests for that partition go to this broker, at the address it advertises on the listener you connected through. Answer with its broker id (1) or node name (kafka-1).',
  'labs.seed-topic.describe-topic.hint.1': '`kafka-topics --bootstrap-server localhost:19092 --describe --topic test`.',
  'labs.seed-topic.describe-topic.hint.2': 'On the line with `Partition: 0`, the number after `Leader:` is the broker id. Leaders move when a broker stops: describe again if the check says the answer changed.',
  'labs.seed-topic.partition-0-leader.question': 'Which broker leads partition 0 of `test`?',
};
