import type { Messages } from '../i18n/translate.ts';

export const en: Messages = {
  'labs.kraft-mapping.title': 'From znodes to KRaft',
  'labs.kraft-mapping.goal':
    'Name the KRaft counterpart of each znode you used in ZooKeeper mode, then fail over the controller on this cluster and compare it with a KRaft controller failover.',

  'labs.kraft-mapping.map-znodes.title': 'Map the znodes',
  'labs.kraft-mapping.map-znodes.instructions':
    'In KRaft the cluster’s metadata is a log: records in the single-partition topic __cluster_metadata, replicated by a Raft quorum of controllers whose leader is the active controller. Each znode below has a counterpart there. Answer each question with the letter of its choice, or name the record or mechanism.',
  'labs.kraft-mapping.map-znodes.hint.1': 'The chapter’s table of znodes and their KRaft counterparts answers all five.',
  'labs.kraft-mapping.map-znodes.hint.2':
    'A broker’s liveness becomes a registration with the active controller plus heartbeats; “who is controller” becomes “who leads the Raft quorum”, and its epoch the Raft leader epoch; partition state and topic configs become records in __cluster_metadata.',
  'labs.kraft-mapping.brokers-ids.question':
    '/brokers/ids/<id>, the ephemeral znode that says a broker is alive, becomes: (a) node.id; (b) the broker’s registration with the active controller (RegisterBrokerRecord), kept alive by heartbeats; (c) controller.quorum.voters; (d) the cluster ID written by kafka-storage format.',
  'labs.kraft-mapping.brokers-ids.expected': 'the KRaft counterpart of /brokers/ids/<id>',
  'labs.kraft-mapping.controller.question':
    '/controller, which names the controller broker, becomes: (a) the Raft leader epoch; (b) a RegisterBrokerRecord; (c) the active controller, the Raft leader of the controller quorum (LeaderId in kafka-metadata-quorum describe --status); (d) controller.quorum.voters.',
  'labs.kraft-mapping.controller.expected': 'the KRaft counterpart of /controller',
  'labs.kraft-mapping.partition-state.question':
    '/brokers/topics/<t>/partitions/<p>/state, a partition’s leader, ISR and leader epoch, becomes: (a) ConfigRecord; (b) a PartitionRecord when the partition is created, then a PartitionChangeRecord for each change, in __cluster_metadata; (c) __consumer_offsets; (d) TopicRecord.',
  'labs.kraft-mapping.partition-state.expected': 'the KRaft counterpart of a partition’s state znode',
  'labs.kraft-mapping.controller-epoch.question':
    '/controller_epoch, raised at every controller election, becomes: (a) the Raft leader epoch of the controller quorum (LeaderEpoch); (b) the leader epoch in a PartitionChangeRecord; (c) node.id; (d) the active controller.',
  'labs.kraft-mapping.controller-epoch.expected': 'the KRaft counterpart of /controller_epoch',
  'labs.kraft-mapping.topic-config.question':
    '/config/topics/<t>, a topic’s overrides such as min.insync.replicas, becomes: (a) TopicRecord; (b) the cluster ID written by kafka-storage format; (c) ConfigRecord in __cluster_metadata; (d) __consumer_offsets.',
  'labs.kraft-mapping.topic-config.expected': 'the KRaft counterpart of /config/topics/<t>',
  'labs.kraft-mapping.check.unknown-answer': '“{answer}” names none of the choices: answer with a letter (a–d), or name the record or mechanism',

  'labs.kraft-mapping.controller-failover.title': 'Fail over the controller',
  'labs.kraft-mapping.controller-failover.instructions':
    'In ZooKeeper mode the controller is just a broker: the one that created /controller. Stop the controller broker (`kafkalab stop kafka-<id>` in the terminal, with its broker id for <id>, or Stop on its row): its ZooKeeper session closes, /controller disappears, and the brokers left race to create it again, so any of them may win. Say which broker is the controller now. In KRaft with dedicated controllers, the active controller is always one of the quorum’s voters, replaced by a Raft election among them; brokers never take that role.',
  'labs.kraft-mapping.controller-failover.hint.1': '`kafkalab status` marks the controller in its ROLE column (so does the cluster panel); stop that broker with `kafkalab stop kafka-<id>` (or Stop on its row), then look again.',
  'labs.kraft-mapping.controller-failover.hint.2': '`zookeeper-shell localhost:12181 get /controller` prints {"brokerid":N,…}: run it before and after the stop. Right after the stop it may say the node does not exist: the brokers are still racing to create it, so run it again.',
  'labs.kraft-mapping.controller-failover.hint.3':
    'In KRaft only the voters (controller.quorum.voters, CurrentVoters in kafka-metadata-quorum describe --status) can lead the quorum, and two of three voters are still a majority.',
  'labs.kraft-mapping.check.stopped.saw': '{node} (broker {id}, the controller to stop); /controller names {controller}; brokers registered: {ids}',
  'labs.kraft-mapping.check.stopped.expected': '{node} (broker {id}) stopped and another broker elected controller',
  'labs.kraft-mapping.check.stopped.hint': '{node} is the controller: stop it (`kafkalab stop {node}`, or Stop on its row).',
  'labs.kraft-mapping.new-controller.question': 'Which broker is the controller now?',
  'labs.kraft-mapping.kraft-takeover.question':
    'A KRaft cluster has dedicated controllers 4, 5 and 6 (4 is active) and brokers 1, 2 and 3. Node 4 stops. Which nodes can become the active controller? (a) any of 1, 2, 3, 5, 6; (b) 5 or 6; (c) 1, 2 or 3; (d) none until 4 returns.',
  'labs.kraft-mapping.kraft-takeover.expected': 'the nodes that can take over as active controller in that KRaft cluster',
};
