import type { Messages } from '../i18n/translate.ts';

export const en: Messages = {
  'labs.console-produce-consume.title': 'Produce and consume from the command line',
  'labs.console-produce-consume.goal':
    'Write keyed records to greetings, see that each key stays in one partition, then read everything in the consumer group greeters so the group commits its position.',

  'labs.console-produce-consume.produce-keyed.title': 'Produce keyed records',
  'labs.console-produce-consume.produce-keyed.instructions':
    'The lab created greetings with three partitions. Produce at least 10 records with keys, using at least two different keys and repeating some of them: the producer hashes each key to pick the partition, so every record with the same key lands in the same partition. Then read the topic back with partitions and keys shown, and name the partition of one of your keys.',
  'labs.console-produce-consume.produce-keyed.hint.1': 'Without `--property parse.key=true`, the console producer sends each line as a value with a null key. With it, a line is split at the first key.separator (a tab unless you give `--property key.separator=:`). On your own machine kcat -K: does the same, but hashes keys with CRC32 where the Java producer uses murmur2, so a key can land in another partition.',
  'labs.console-produce-consume.produce-keyed.hint.2':
    '`kafka-console-producer --bootstrap-server localhost:19092 --topic greetings --property parse.key=true --property key.separator=:`, then at each `>` prompt a line such as user-42:hello; Ctrl-D at the prompt ends it.',
  'labs.console-produce-consume.produce-keyed.hint.3':
    '`kafka-console-consumer --bootstrap-server localhost:19092 --topic greetings --from-beginning --timeout-ms 5000 --property print.partition=true --property print.key=true` prints each record as `Partition:N`, key and value (tab-separated) and ends 5 s after the last one; answer with a key and its partition, such as user-42:1.',
  'labs.console-produce-consume.key-partition.question': 'Pick one of your keys: which partition are its records in? Answer as key:partition, e.g. user-42:1.',
  'labs.console-produce-consume.key-partition.expected': 'one of your keys and the partition its records are in, as key:partition',
  'labs.console-produce-consume.key-partition.unreadable': '“{answer}” is not key:partition (e.g. user-42:1)',
  'labs.console-produce-consume.key-partition.no-key': 'no record in {topic} has the key “{key}”',
  'labs.console-produce-consume.check.unread': '{topic} could not be read to its end in time',
  'labs.console-produce-consume.check.read-in-time': 'the check to read every record of the topic (check again in a moment)',
  'labs.console-produce-consume.check.count.saw': '{count} records in {topic}',
  'labs.console-produce-consume.check.count.expected': 'at least {wanted} records in {topic}',
  'labs.console-produce-consume.check.keyed.saw': '{keyed} records with a key ({distinct} different keys), {unkeyed} without a key',
  'labs.console-produce-consume.check.keyed.expected': 'at least {wanted} records with a key, using at least 2 different keys',
  'labs.console-produce-consume.check.keyed.hint': 'Records without a key are not hashed: the producer spreads them over the partitions (the sticky partitioner). Produce with `--property parse.key=true --property key.separator=:`.',
  'labs.console-produce-consume.check.same-key.expected': 'every key in exactly one partition, with at least 2 different keys',
  'labs.console-produce-consume.check.same-key.too-few': '{distinct} different keys: too few to show where keys go',
  'labs.console-produce-consume.check.same-key.split-key': 'key {key} is in partitions {partitions}',
  'labs.console-produce-consume.check.same-key.saw': '{distinct} keys, each in one partition: {mapping}',
  'labs.console-produce-consume.check.same-key.hint':
    'Different producers hash keys differently: kcat (librdkafka) uses CRC32 by default, the Java tools murmur2. Produce with one tool, or give kcat -X partitioner=murmur2_random; reset the lab to start over.',

  'labs.console-produce-consume.consume-in-group.title': 'Consume in a group',
  'labs.console-produce-consume.consume-in-group.instructions':
    'Read greetings from the beginning as a member of the consumer group greeters. The consumer commits the offset of the next record it will read for each partition, so when it has read everything the group’s committed offsets equal the end of every partition and its lag is 0. Check with kafka-consumer-groups --describe.',
  'labs.console-produce-consume.consume-in-group.hint.1': 'Give the console consumer --group greeters; without a group it makes up a throw-away one (console-consumer-NNNNN) and commits nothing.',
  'labs.console-produce-consume.consume-in-group.hint.2':
    '`kafka-console-consumer --bootstrap-server localhost:19092 --topic greetings --group greeters --from-beginning --timeout-ms 5000 --property print.key=true` reads everything and ends 5 s after the last record, committing its position as it closes (without --timeout-ms, stop it with Ctrl-C once it has printed everything).',
  'labs.console-produce-consume.consume-in-group.hint.3':
    '--from-beginning only applies while the group has no committed offsets. If greeters committed somewhere in the middle, read on from there, or reset it: `kafka-consumer-groups --bootstrap-server localhost:19092 --group greeters --topic greetings --reset-offsets --to-earliest --execute`.',
  'labs.console-produce-consume.check.committed.partition': '{topic}-{partition} {committed} of {end}',
  'labs.console-produce-consume.check.committed.none': 'nothing',
  'labs.console-produce-consume.check.committed.saw': '{group} committed: {partitions}',
  'labs.console-produce-consume.check.committed.no-records': 'no records in {topic} yet',
  'labs.console-produce-consume.check.committed.expected': '{group} committed at the end of every partition of {topic} that has records (lag 0)',
  'labs.console-produce-consume.check.committed.hint-none': 'The group {group} has committed nothing: run the console consumer with --group {group} (without it, the consumer reads in a throw-away group that commits nothing).',
  'labs.console-produce-consume.check.committed.hint-lag':
    'The group {group} has records left to read. The console consumer commits every 5 seconds and when it exits: let it read everything, then stop it with Ctrl-C.',
};
