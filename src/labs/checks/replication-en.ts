import type { Messages } from '../i18n/translate.ts';

/** Messages of the replication checks and views (`replication-checks.ts`), in English. */
export const en: Messages = {
  'labs.check.replication.node.running': '{node} is running',
  'labs.check.replication.node.stopped': '{node} is stopped',
  'labs.check.replication.node.isolated': '{node} is isolated: still running, but cut off from ZooKeeper and the other brokers',
  'labs.check.replication.partition.state': '{topic}-{partition}: leader {leader}, ISR {isr} (replicas {replicas})',
  'labs.check.replication.partition.no-leader': 'none',
  'labs.check.replication.topic.missing': 'topic {topic} does not exist',
  'labs.check.replication.topic.wanted': 'topic {topic}, as the lab created it',
  'labs.check.replication.topic.reset': 'The lab’s reset creates it: reset the lab to start again.',
  'labs.check.replication.isr-full.expected': 'every replica of {topic} back in its ISR',
  'labs.check.replication.isr-full.broker-down': 'Not registered in /brokers/ids: {ids}. Start the stopped broker; it rejoins the ISR once it has caught up.',
};
