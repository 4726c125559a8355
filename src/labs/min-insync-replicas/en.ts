import type { Messages } from '../i18n/translate.ts';

export const en: Messages = {
  'labs.min-insync-replicas.title': 'When acks=all says no',
  'labs.min-insync-replicas.goal':
    'Take two of the three brokers down under a topic with min.insync.replicas=2, see acks=all writes refused with NOT_ENOUGH_REPLICAS while acks=1 writes go through, then bring the brokers back.',

  'labs.min-insync-replicas.stop-two-brokers.title': 'Stop two brokers',
  'labs.min-insync-replicas.stop-two-brokers.instructions':
    'The lab created payments with one partition on all three brokers and min.insync.replicas=2 set on the topic (this stack’s brokers default to 2 as well). Stop two of the three brokers (`kafkalab stop kafka-2`, then `kafkalab stop kafka-3`, or Stop on their rows): the ISR of payments-0 shrinks to the one broker left, below the floor of 2. Then try a write with acks=all and one with acks=1.',
  'labs.min-insync-replicas.stop-two-brokers.hint.1': '`kafkalab stop kafka-2` and `kafkalab stop kafka-3` in the terminal (or Stop on two broker rows of the cluster panel), then describe payments: the Isr column should list one broker.',
  'labs.min-insync-replicas.stop-two-brokers.hint.2':
    'List every broker as a bootstrap server so the tools find the one that is left: `kafka-topics --bootstrap-server localhost:19092,localhost:29092,localhost:39092 --describe --topic payments`.',
  'labs.min-insync-replicas.stop-two-brokers.hint.3':
    'Try both: `echo test | kafka-console-producer --bootstrap-server localhost:19092,localhost:29092,localhost:39092 --topic payments --producer-property acks=all`, then the same with `--producer-property acks=1`. The console producer retries a refused write 3 times, a WARN for each, then gives up with an ERROR.',
  'labs.min-insync-replicas.check.one-left.saw': 'brokers running: {running}; registered in /brokers/ids: {ids}',
  'labs.min-insync-replicas.check.one-left.expected': 'exactly one broker running and registered (two of the three stopped)',
  'labs.min-insync-replicas.check.one-left.session':
    'A killed broker stays registered until its ZooKeeper session expires (4 s on this cluster): check again in a few seconds.',
  'labs.min-insync-replicas.check.isr-below.saw': '{partitions}; min.insync.replicas={min}',
  'labs.min-insync-replicas.check.isr-below.expected': 'an ISR with fewer members than min.insync.replicas ({min})',
  'labs.min-insync-replicas.check.probe.accepted': 'the grader’s acks={acks} write to {topic}-{partition} was accepted at offset {offset}',
  'labs.min-insync-replicas.check.probe.refused': 'the grader’s acks={acks} write to {topic}-{partition} was refused with {error}',
  'labs.min-insync-replicas.check.acks-all-refused.expected': 'an acks=all write refused with NOT_ENOUGH_REPLICAS',
  'labs.min-insync-replicas.check.acks-1.saw': '{probe}; ISR of payments-0: {isr}; min.insync.replicas={min}',
  'labs.min-insync-replicas.check.acks-1.expected': 'an acks=1 write accepted while the ISR is below min.insync.replicas ({min})',

  'labs.min-insync-replicas.name-the-error.title': 'Name what you saw',
  'labs.min-insync-replicas.name-the-error.instructions':
    'The leader checked the ISR before appending and refused the acks=all write, because a record kept on a single broker could be lost with that broker. An acks=1 write only needs the leader, so it went through, and reads keep working too. Answer from what the cluster does now.',
  'labs.min-insync-replicas.name-the-error.hint.1':
    'Write with acks=all: each retry’s WARN ends with the error’s name (`Error: NOT_ENOUGH_REPLICAS`), and the final ERROR names its exception (`NotEnoughReplicasException: …`). On your own machine kcat shows it too with `-X acks=all -X retries=0` (“Delivery failed for message: …”); without retries=0 it retries the refused write until message.timeout.ms (5 minutes) runs out.',
  'labs.min-insync-replicas.name-the-error.hint.2': 'Describe payments and count the brokers in its Isr column: only they hold a copy of a new record.',
  'labs.min-insync-replicas.acks-all-error.question': 'Which error does an acks=all write to payments get now? (Its Kafka error name, its message or its code; “none” if it succeeds.)',
  'labs.min-insync-replicas.acks-all-error.expected': 'the error an acks=all write to payments gets from the live cluster',
  'labs.min-insync-replicas.copies.question': 'payments-0 has three replicas. How many brokers hold a copy of a record you write to it with acks=1 right now?',

  'labs.min-insync-replicas.restore.title': 'Bring the brokers back',
  'labs.min-insync-replicas.restore.instructions':
    'Start both stopped brokers (`kafkalab start kafka-2` and `kafkalab start kafka-3`, or Start on their rows). Each one catches up on what was written with acks=1 while it was away and rejoins the ISR, and once the ISR is back to two or more members acks=all writes are accepted again.',
  'labs.min-insync-replicas.restore.hint.1': '`kafkalab status` shows which brokers are stopped; `kafkalab start <node>` starts one (so does Start on its row). A broker that is back needs a few seconds to catch up before it is in the ISR.',
  'labs.min-insync-replicas.restore.hint.2': '`kafka-topics --bootstrap-server localhost:19092,localhost:29092,localhost:39092 --describe --topic payments` should show all three brokers in the Isr column.',
  'labs.min-insync-replicas.check.acks-all-accepted.expected': 'an acks=all write accepted',
};
