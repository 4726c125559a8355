import type { Messages } from '../i18n/translate.ts';

export const en: Messages = {
  'labs.broker-failure.title': 'Survive a broker failure',
  'labs.broker-failure.goal':
    'Stop kafka-2 under the replicated topic test, see leadership move and the ISR shrink, keep writing and reading, then bring kafka-2 back and watch it rejoin the ISR.',

  'labs.broker-failure.stop-broker.title': 'Stop kafka-2',
  'labs.broker-failure.stop-broker.instructions':
    'The lab created test with two partitions on all three brokers (test-0 on 2,3,1, test-1 on 3,1,2) and wrote 20 records to it, so kafka-2 leads test-0. Stop kafka-2: `kafkalab stop kafka-2` in the terminal, or the Stop button on its row. A clean stop is a controlled shutdown, so the controller moves its leaderships to the next in-sync replica and drops broker 2 from every ISR. Describe the topic and say which broker leads test-0 now.',
  'labs.broker-failure.stop-broker.hint.1': 'Stop, not kill: `kafkalab stop kafka-2` (or Stop, not Kill, on the kafka-2 row of the cluster panel), then describe the topic.',
  'labs.broker-failure.stop-broker.hint.2':
    'Describe with two bootstrap servers, so the command does not depend on kafka-2: `kafka-topics --bootstrap-server localhost:19092,localhost:39092 --describe --topic test`.',
  'labs.broker-failure.stop-broker.hint.3': 'The new leader of a partition is the first broker in its replica list that is alive and in the ISR: for test-0 (replicas 2,3,1) that is the broker after 2.',
  'labs.broker-failure.leader-after-stop.question': 'Which broker leads test-0 now?',
  'labs.broker-failure.check.stopped.expected': '{node} stopped',
  'labs.broker-failure.check.stopped.isolated': 'Isolating a broker is a network cut, not a stop: heal it (`kafkalab heal {node}`), then stop it (`kafkalab stop {node}`).',
  'labs.broker-failure.check.unregistered.expected': 'broker {id} gone from /brokers/ids',
  'labs.broker-failure.check.unregistered.session':
    'A killed broker keeps its ephemeral znode until its ZooKeeper session expires (4 s on this cluster, 18 s by Kafka’s default): check again in a few seconds.',
  'labs.broker-failure.check.leaders.expected': 'every partition of {topic} led by a live broker other than {id}',
  'labs.broker-failure.check.isr-shrank.expected': 'broker {id} out of the ISR of every partition of {topic}',

  'labs.broker-failure.write-and-read.title': 'Write and read while kafka-2 is down',
  'labs.broker-failure.write-and-read.instructions':
    'With kafka-2 down, each ISR still has two members, which meets min.insync.replicas=2, so acks=all writes still succeed. Write at least one record of your own to test with acks=all, then read the whole topic from the beginning: the 20 records written before the failure are all still there. Keep kafka-2 stopped until this step passes.',
  'labs.broker-failure.write-and-read.hint.1': 'The console producer of Kafka 3.9 sends with acks=-1 (all) unless told otherwise; `--producer-property acks=all` says so anyway. Leave kafka-2 out of the bootstrap list (localhost:19092,localhost:39092).',
  'labs.broker-failure.write-and-read.hint.2': 'Write: `echo "written while kafka-2 was down" | kafka-console-producer --bootstrap-server localhost:19092,localhost:39092 --topic test --producer-property acks=all`. Piped in, it sends the line and exits; typed at its `>` prompt, Ctrl-D ends it.',
  'labs.broker-failure.write-and-read.hint.3': 'Read everything, and stop 5 s after the last record: `kafka-console-consumer --bootstrap-server localhost:19092,localhost:39092 --topic test --from-beginning --timeout-ms 5000 --property print.partition=true`. Without --timeout-ms it waits for more until Ctrl-C.',
  'labs.broker-failure.check.acks-all.accepted': 'the grader’s acks=all writes to every partition of {topic} were accepted',
  'labs.broker-failure.check.acks-all.refused': 'the grader’s acks=all write to {topic}-{partition} was refused ({error})',
  'labs.broker-failure.check.acks-all.saw': '{probes}; records of yours in test: {yours}; {node}',
  'labs.broker-failure.check.acks-all.expected': 'acks=all writes accepted and at least one record of yours in test, while {node} is stopped',
  'labs.broker-failure.check.acks-all.restarted': '{node} is running again: this step is about writing while it is down. Stop it, write your record, and check again.',
  'labs.broker-failure.check.acks-all.unread': 'unknown (test could not be read to its end in time)',
  'labs.broker-failure.check.acks-all.write-one': 'Write one record of your own to test (records the lab wrote do not count).',
  'labs.broker-failure.check.readable.saw': 'read back {seeded} of the {total} records written before the failure, and {yours} of yours',
  'labs.broker-failure.check.readable.partial': 'the read did not reach the end of every partition in time: {seeded} of the {total} records written before the failure, and {yours} of yours',
  'labs.broker-failure.check.readable.expected': 'all {total} records written before the failure readable, and your record after them',

  'labs.broker-failure.start-broker.title': 'Bring kafka-2 back',
  'labs.broker-failure.start-broker.instructions':
    'Start kafka-2 again (`kafkalab start kafka-2`, or Start on its row). It registers in /brokers/ids, fetches what it missed from the leaders, and once it has caught up the leaders add it back to each ISR. Leadership does not move back at once: the controller only restores preferred leaders on its periodic check (every 5 minutes by default), so describe the topic and say who leads test-0 now.',
  'labs.broker-failure.start-broker.hint.1': '`kafkalab start kafka-2` (or Start on the kafka-2 row), wait a few seconds for it to catch up, then describe the topic.',
  'labs.broker-failure.start-broker.hint.2': '`kafka-topics --bootstrap-server localhost:19092 --describe --topic test`: the ISR lists 2 again, and the Leader column answers the question.',
  'labs.broker-failure.leader-after-return.question': 'kafka-2 is back in the ISR. Which broker leads test-0 now?',
  'labs.broker-failure.check.back.saw': '{node}; brokers registered in /brokers/ids: {ids}',
  'labs.broker-failure.check.back.expected': '{node} running and broker {id} registered again',
};
