import type { Messages } from '../i18n/translate.ts';

export const en: Messages = {
  'labs.cluster-up.title': 'Bring the cluster up',
  'labs.cluster-up.goal': 'Start three ZooKeeper nodes and three brokers, and find out which broker is the controller.',
  'labs.cluster-up.bring-up.title': 'Start the cluster',
  'labs.cluster-up.bring-up.instructions':
    'Bring the cluster up: type `kafkalab up` in the terminal beside the lab, or use the Bring up button. ZooKeeper starts first and elects a leader; then each broker registers itself under /brokers/ids and the first one to create /controller becomes the controller.',
  'labs.cluster-up.bring-up.hint.1': 'Use the Bring up button in the cluster panel, then check again.',
  'labs.cluster-up.bring-up.hint.2': 'In the terminal, `kafkalab up` does the same, and `kafkalab status` lists every node and its state. If one stays stopped, start it with `kafkalab start <node>` (or Start on its row in the cluster panel).',
  'labs.cluster-up.find-controller.title': 'Find the controller',
  'labs.cluster-up.find-controller.instructions':
    'One broker is the controller: it watches /brokers/ids and moves partition leadership when a broker dies. Which broker is it? Answer with its broker id.',
  'labs.cluster-up.find-controller.hint.1': '`kafkalab status` marks the controller in its ROLE column (so does the cluster panel), and the znode /controller holds its id.',
  'labs.cluster-up.find-controller.hint.2': 'Read /controller: `zookeeper-shell localhost:12181 get /controller` prints {"brokerid":N,...}.',
  'labs.cluster-up.controller.question': 'Which broker is the controller right now?',
};
