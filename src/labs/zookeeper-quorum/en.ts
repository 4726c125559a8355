import type { Messages } from '../i18n/translate.ts';

export const en: Messages = {
  'labs.zookeeper-quorum.title': 'Lose and regain the ZooKeeper quorum',
  'labs.zookeeper-quorum.goal': 'Find the ZooKeeper leader, stop members one by one, and see what Kafka can still do with two of three members and with one.',

  'labs.zookeeper-quorum.find-leader.title': 'Find the leader',
  'labs.zookeeper-quorum.find-leader.instructions':
    'The three ZooKeeper members elected one leader; the other two follow it, and every write goes through the leader. Ask each member with `srvr` and answer with the leader’s name (zookeeper-2, or just 2).',
  'labs.zookeeper-quorum.find-leader.hint.1': 'Each member answers the four-letter word srvr on its client port: `echo srvr | nc localhost 12181`, then 22181 and 32181.',
  'labs.zookeeper-quorum.find-leader.hint.2': 'Look at the `Mode:` line: two say follower, one says leader. Port 12181 is zookeeper-1, 22181 zookeeper-2, 32181 zookeeper-3.',
  'labs.zookeeper-quorum.zookeeper-leader.question': 'Which ZooKeeper member is the leader?',

  'labs.zookeeper-quorum.stop-one.title': 'Stop one member',
  'labs.zookeeper-quorum.stop-one.instructions':
    'Stop the leader: `kafkalab stop zookeeper-<leader>` in the terminal, with the leader’s number for <leader>, or Stop on its row in the cluster panel. Two of three members are still a majority, so they elect a new leader within seconds and keep serving. Then create the topic `quorum-ok`: the check wants one member stopped, the other two a leader and a follower, and the topic there.',
  'labs.zookeeper-quorum.stop-one.hint.1': 'Stop the member you named in the previous step: `kafkalab stop zookeeper-<leader>` (or Stop on its row in the cluster panel).',
  'labs.zookeeper-quorum.stop-one.hint.2': 'Ask the other two with srvr: one of them now says `Mode: leader`. The stopped one prints nothing: nothing listens on its port.',
  'labs.zookeeper-quorum.stop-one.hint.3': '`kafka-topics --bootstrap-server localhost:19092 --create --topic quorum-ok` works: the controller can still write to ZooKeeper.',

  'labs.zookeeper-quorum.stop-two.title': 'Stop a second member',
  'labs.zookeeper-quorum.stop-two.instructions':
    'Stop one of the two running members (`kafkalab stop zookeeper-<another>`). The last one is no majority of three: it stops serving, and every change to Kafka’s metadata stops with it. Try `kafka-topics --bootstrap-server localhost:19092 --create --topic no-quorum`, and produce to `orders` with acks=1: the check tries to create a topic itself (it should fail) and writes one record to orders partition 0 with acks=1 (it should succeed).',
  'labs.zookeeper-quorum.stop-two.hint.1': 'Stop either running member: `kafkalab stop zookeeper-<another>` (or from the cluster panel).',
  'labs.zookeeper-quorum.stop-two.hint.2': '`echo srvr | nc localhost <port>` on the last member now answers “This ZooKeeper instance is not currently serving requests”.',
  'labs.zookeeper-quorum.stop-two.hint.3':
    'The topic creation fails: the controller cannot write the new topic to ZooKeeper. But `echo hello | kafka-console-producer --bootstrap-server localhost:19092 --topic orders --producer-property acks=1` works: partition leaders do not need ZooKeeper to take writes.',

  'labs.zookeeper-quorum.restore.title': 'Restore the ensemble',
  'labs.zookeeper-quorum.restore.instructions':
    'Start both stopped members (`kafkalab start zookeeper-<id>` for each, or from the cluster panel); they rejoin, one leader and two followers again. Look at the topic list (`kafka-topics --bootstrap-server localhost:19092 --list`): a creation that timed out during the outage may appear now, because the broker’s ZooKeeper client retries what it could not send once it reconnects (a timeout tells you only that the answer did not come in time, not that nothing happened). Then explain in a sentence or two what changed when the second member stopped. Graded: your answer must use the word quorum or majority, and say how many members a quorum of this ensemble needs.',
  'labs.zookeeper-quorum.restore.hint.1': '`kafkalab status` shows which members are stopped; start each with `kafkalab start zookeeper-<id>` and ask all three with srvr. A member that just started syncs with the leader for a moment before it answers with a Mode: ask again.',
  'labs.zookeeper-quorum.restore.hint.2': 'A quorum is a strict majority of all members: ⌊n/2⌋ + 1. With one member left out of three, who could still commit a write?',
  'labs.zookeeper-quorum.what-changed.question': 'What changed when the second ZooKeeper member stopped, and why?',
  'labs.zookeeper-quorum.what-changed.reference':
    'A quorum is a majority of the ensemble: {size} of {members} members. With two stopped, the last member had no majority, so it stopped serving: Kafka could not change its metadata (no topic creation, no leader election), while the partition leaders kept serving reads and writes.',

  'labs.zookeeper-quorum.check.member': '{node}: {mode}',
  'labs.zookeeper-quorum.check.ensemble.saw': '{stopped} of {total} members stopped ({members})',
  'labs.zookeeper-quorum.check.one-stopped.expected': 'one member stopped, the other two serving: a leader and a follower',
  'labs.zookeeper-quorum.check.two-stopped.expected': 'two members stopped, and the last one without a quorum (no leader)',
  'labs.zookeeper-quorum.check.quorum-back.expected': 'all three members running: one leader, two followers',
  'labs.zookeeper-quorum.check.quorum-ok.saw': 'topic `{topic}` exists',
  'labs.zookeeper-quorum.check.quorum-ok.missing': 'no topic `{topic}`',
  'labs.zookeeper-quorum.check.quorum-ok.expected': 'topic `{topic}` created while one member is stopped',
  'labs.zookeeper-quorum.check.still-quorum': 'ZooKeeper still has a quorum ({running} of {members} members running, leader {leader}), so Kafka can still change its metadata',
  'labs.zookeeper-quorum.check.still-quorum-write': 'ZooKeeper still has a quorum ({running} of {members} members running, leader {leader}); this check writes only once it has lost it',
  'labs.zookeeper-quorum.check.metadata-frozen.expected': 'a topic creation failing: without a quorum, nothing can be written to ZooKeeper',
  'labs.zookeeper-quorum.check.metadata-frozen.failed': 'creating topic `{topic}` failed after {seconds} s: {message}',
  'labs.zookeeper-quorum.check.metadata-frozen.created': 'topic `{topic}` was created in {seconds} s (and deleted again): ZooKeeper still accepted a write',
  'labs.zookeeper-quorum.check.metadata-frozen.no-answer': 'no answer',
  'labs.zookeeper-quorum.check.leaders-serve.expected': 'a record written to {topic} partition 0 with acks=1 and readable (below the high watermark)',
  'labs.zookeeper-quorum.check.leaders-serve.saw': 'wrote a record to {topic} partition 0 with acks=1 at offset {offset}; the high watermark is {high}',
  'labs.zookeeper-quorum.check.leaders-serve.failed': 'writing to {topic} partition 0 with acks=1 failed: {message}',
  'labs.zookeeper-quorum.check.leader-answer.unknown': '“{answer}” does not name a ZooKeeper member (answer zookeeper-1, zookeeper-2 or zookeeper-3, or its number)',
  'labs.zookeeper-quorum.check.leader-answer.expected': 'the member whose srvr says Mode: leader',
  'labs.zookeeper-quorum.check.explain.saw': 'your answer {quorum} and {size}',
  'labs.zookeeper-quorum.check.explain.quorum-yes': 'speaks of a quorum (or majority)',
  'labs.zookeeper-quorum.check.explain.quorum-no': 'uses neither “quorum” nor “majority”',
  'labs.zookeeper-quorum.check.explain.size-yes': 'says a quorum here is {size} members',
  'labs.zookeeper-quorum.check.explain.size-no': 'does not say how many of the {members} members a quorum needs',
  'labs.zookeeper-quorum.check.explain.expected': 'an answer that uses the word quorum or majority and says how many of the {members} members a quorum needs',
};
