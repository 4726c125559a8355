import type { Messages } from '../i18n/translate.ts';

export const en: Messages = {
  'labs.zookeeper-znodes.title': 'Read Kafka’s znodes',
  'labs.zookeeper-znodes.goal': 'Read the broker registrations, the controller, a topic’s assignment and a partition’s state straight from ZooKeeper, then stop a broker and watch them change.',

  'labs.zookeeper-znodes.broker-registrations.title': 'Registered brokers',
  'labs.zookeeper-znodes.broker-registrations.instructions':
    'Every running broker creates an ephemeral znode /brokers/ids/<id> when it starts; it lives only as long as the broker’s ZooKeeper session. List the children of /brokers/ids and answer with the broker ids you find.',
  'labs.zookeeper-znodes.broker-registrations.hint.1': 'Ask any member of the ensemble with Kafka’s ZooKeeper client, in the terminal beside the lab: `zookeeper-shell localhost:12181 ls /brokers/ids` runs one command; `zookeeper-shell localhost:12181` alone reads commands until `quit` or Ctrl-D. (ZooKeeper’s own `zkCli.sh -server localhost:12181` does the same on your machine.)',
  'labs.zookeeper-znodes.broker-registrations.hint.2': '`ls /brokers/ids` prints the ids as a list on its last line, e.g. [1, 2, 3]; answer with them.',
  'labs.zookeeper-znodes.registered-brokers.question': 'Which broker ids are registered under /brokers/ids?',

  'labs.zookeeper-znodes.controller-znode.title': 'The controller’s znode',
  'labs.zookeeper-znodes.controller-znode.instructions':
    '/controller is ephemeral too: the first broker to create it is the controller, and the others watch it. Read its data and answer with the controller’s broker id.',
  'labs.zookeeper-znodes.controller-znode.hint.1': '`zookeeper-shell localhost:12181 get /controller` prints a small JSON document.',
  'labs.zookeeper-znodes.controller-znode.hint.2': 'The controller is the number in "brokerid":N.',
  'labs.zookeeper-znodes.controller-broker.question': 'What is the controller’s broker id?',

  'labs.zookeeper-znodes.topic-assignment.title': 'A topic’s replica assignment',
  'labs.zookeeper-znodes.topic-assignment.instructions':
    '/brokers/topics/inventory holds the topic’s replica assignment: for each partition, the ordered list of brokers with a replica. The first broker of a list is that partition’s preferred leader. Which broker is the preferred leader of partition 1?',
  'labs.zookeeper-znodes.topic-assignment.hint.1': '`zookeeper-shell localhost:12181 get /brokers/topics/inventory` prints {"partitions":{"0":[…],"1":[…],"2":[…]},…}.',
  'labs.zookeeper-znodes.topic-assignment.hint.2': 'Take the list under "1" and answer with its first number.',
  'labs.zookeeper-znodes.preferred-leader.question': 'Which broker is the preferred leader of `inventory` partition 1?',

  'labs.zookeeper-znodes.partition-state.title': 'A partition’s state',
  'labs.zookeeper-znodes.partition-state.instructions':
    'The controller writes each partition’s current leader, ISR and leader epoch to /brokers/topics/<topic>/partitions/<p>/state. Read it for partition 0 of inventory and answer with its leader epoch and its ISR (the ids, in any order).',
  'labs.zookeeper-znodes.partition-state.hint.1': '`zookeeper-shell localhost:12181 get /brokers/topics/inventory/partitions/0/state`.',
  'labs.zookeeper-znodes.partition-state.hint.2': 'The answer is in "leader_epoch":N and "isr":[…].',
  'labs.zookeeper-znodes.leader-epoch.question': 'What is the leader epoch of `inventory` partition 0?',
  'labs.zookeeper-znodes.isr.question': 'Which brokers are in the ISR of `inventory` partition 0?',

  'labs.zookeeper-znodes.stop-a-broker.title': 'Stop a broker and read again',
  'labs.zookeeper-znodes.stop-a-broker.instructions':
    'Stop the broker that leads partition 0 of inventory: `kafkalab stop kafka-<leader>` in the terminal with its broker id for <leader>, or Stop on its row in the cluster panel. Its session closes, so /brokers/ids/<id> disappears, and the controller elects a new leader and writes a new partition state. Read /brokers/ids and the state of partition 0 again; the check wants exactly one broker stopped, and gone from /brokers/ids and from the ISR.',
  'labs.zookeeper-znodes.stop-a-broker.hint.1': 'The leader is the "leader" field of /brokers/topics/inventory/partitions/0/state; stop the node kafka-N with that broker id: `kafkalab stop kafka-<leader>`.',
  'labs.zookeeper-znodes.stop-a-broker.hint.2': '`ls /brokers/ids` now lists two brokers, and the state has another leader.',
  'labs.zookeeper-znodes.stop-a-broker.hint.3': 'A new leader means a new leader epoch: compare "leader_epoch" with the one you answered before.',
  'labs.zookeeper-znodes.leader-after-stop.question': 'Which broker leads `inventory` partition 0 now?',
  'labs.zookeeper-znodes.leader-epoch-after-stop.question': 'What is its leader epoch now?',

  'labs.zookeeper-znodes.check.integer.unknown': '“{answer}” is not one number',
  'labs.zookeeper-znodes.check.integer.expected': 'the number the live znode holds',
  'labs.zookeeper-znodes.check.broker-gone.none-stopped': 'no broker is stopped',
  'labs.zookeeper-znodes.check.broker-gone.stopped': '{count} brokers stopped ({nodes})',
  'labs.zookeeper-znodes.check.broker-gone.saw': '{node} (broker {id}) is stopped; /brokers/ids lists {registered}; the ISR of {topic} partition 0 is {isr}',
  'labs.zookeeper-znodes.check.broker-gone.expected': 'exactly one broker stopped, gone from /brokers/ids and from the ISR of {topic} partition 0',
};
