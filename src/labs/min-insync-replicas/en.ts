import type { Messages } from '../i18n/translate.ts';

export const en: Messages = {
  'labs.min-insync-replicas.title': 'When acks=all says no',
  'labs.min-insync-replicas.goal':
    'Take two of the three brokers down under a topic with min.insync.replicas=2, see acks=all writes refused with NOT_ENOUGH_REPLICAS while acks=1 writes go through, then bring the brokers back.',

  'labs.min-insync-replicas.stop-two-brokers.title': 'Stop two brokers',
  'labs.min-insync-replicas.stop-two-brokers.instructions':
    'The lab created payments with one partition on all three brokers and min.insync.replicas=2 set on the topic (this stack’s brokers default to 2 as well). Stop two of the three brokers: the ISR of payments-0 shrinks to the one broker left, below the floor of 2. Then try a write with acks=all and one with acks=1.',
  'labs.min-insync-replicas.stop-two-brokers.hint.1': 'Use Stop on two broker rows of the cluster panel, then describe payments: the Isr column should list one broker.',
  'labs.min-insync-replicas.stop-two-brokers.hint.2':
    'List every broker as a bootstrap server so the tools find the one that is left: `kafka-topics --bootstrap-server localhost:19092,localhost:29092,localhost:39092 --describe --topic payments`.',
  'labs.min-insync-replicas.stop-two-brokers.hint.3':
    'Try both: `echo test | kcat -b localhost:19092,localhost:29092,localhost:39092 -P -t payments -X acks=all -X retries=0`, then the same with `-X acks=1`. Without retries=0, kcat retries the refused write until message.timeout.ms (5 minutes) runs out.',
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
    'Write with acks=all and retries=0, so the producer reports the broker’s answer instead of retrying: kcat prints “Delivery failed for message: …”, and the Java producer logs the error’s name.',
  'labs.min-insync-replicas.name-the-error.hint.2': 'Describe payments and count the brokers in its Isr column: only they hold a copy of a new record.',
  'labs.min-insync-replicas.acks-all-error.question': 'Which error does an acks=all write to payments get now? (Its Kafka error name, its message or its code; “none” if it succeeds.)',
  'labs.min-insync-replicas.acks-all-error.expected': 'the error an acks=all write to payments gets from the live cluster',
  'labs.min-insync-replicas.copies.question': 'payments-0 has three replicas. How many brokers hold a copy of a record you write to it with acks=1 right now?',

  'labs.min-insync-replicas.restore.title': 'Bring the brokers back',
  'labs.min-insync-replicas.restore.instructions':
    'Start both stopped brokers. Each one catches up on what was written with acks=1 while it was away and rejoins the ISR, and once the ISR is back to two or more members acks=all writes are accepted again.',
  'labs.min-insync-replicas.restore.hint.1': 'Use Start on each stopped broker’s row; a broker that is back needs a few seconds to catch up before it is in the ISR.',
  'labs.min-insync-replicas.restore.hint.2': '`kafka-topics --bootstrap-server localhost:19092 --describe --topic payments` should show all three brokers in the Isr column.',
  'labs.min-insync-replicas.check.acks-all-accepted.expected': 'an acks=all write accepted',
};
