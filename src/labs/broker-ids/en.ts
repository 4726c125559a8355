import type { Messages } from '../i18n/translate.ts';

export const en: Messages = {
  'labs.broker-ids.title': 'Broker ids, partition ids and bootstrap servers',
  'labs.broker-ids.goal': 'On a cluster whose brokers are 101, 102 and 103, map each partition of `payments` to its leader, then start a client while the first broker on its list is down.',

  'labs.broker-ids.list-brokers.title': 'Meet the brokers',
  'labs.broker-ids.list-brokers.instructions':
    'This cluster’s brokers were started with broker.id 101, 102 and 103: a broker id is any integer you choose, unique in the cluster, and unrelated to partition numbers. Ask the cluster for its metadata and list the broker ids it reports.',
  'labs.broker-ids.list-brokers.hint.1': 'Any broker answers a Metadata request for the whole cluster: `kafka-broker-api-versions --bootstrap-server localhost:19092` asks one, then prints a block for every broker the answer lists.',
  'labs.broker-ids.list-brokers.hint.2': 'Each block starts with a line `host:port (id: N rack: null) -> (`; `| grep id:` keeps only those. Answer with the three ids, e.g. “101, 102, 103” if that is what you see.',
  'labs.broker-ids.broker-ids.question': 'Which broker ids does this cluster have?',

  'labs.broker-ids.map-leaders.title': 'Map partitions to leaders',
  'labs.broker-ids.map-leaders.instructions':
    'The topic `payments` has partitions 0, 1 and 2, each with three replicas. Describe it and say, for each partition, which broker leads it right now (its broker id, e.g. 102, or its node name, e.g. kafka-2). Partition numbers count from 0 in every topic; the leaders are whatever the cluster says.',
  'labs.broker-ids.map-leaders.hint.1': 'Describe the topic: `kafka-topics --bootstrap-server localhost:19092 --describe --topic payments`.',
  'labs.broker-ids.map-leaders.hint.2': 'Each line has `Partition: N` (a partition id) and `Leader: M` (a broker id). Do not expect M to match N.',
  'labs.broker-ids.map-leaders.hint.3': 'Answer each partition with the number after `Leader:` on its line. Leaders move when brokers stop, so describe again if a check says the answer changed.',
  'labs.broker-ids.partition-0-leader.question': 'Which broker leads partition 0 of `payments`?',
  'labs.broker-ids.partition-1-leader.question': 'Which broker leads partition 1 of `payments`?',
  'labs.broker-ids.partition-2-leader.question': 'Which broker leads partition 2 of `payments`?',

  'labs.broker-ids.bootstrap-past-stopped.title': 'Bootstrap past a stopped broker',
  'labs.broker-ids.bootstrap-past-stopped.instructions':
    'Bootstrap servers are only a first contact: a client asks one of them for metadata, then talks to the brokers that metadata names. Stop kafka-1 (broker 101): `kafkalab stop kafka-1` in the terminal, or Stop on its row in the cluster panel. Then describe `payments` with only localhost:19092 as bootstrap server (stop it with Ctrl-C once you have seen what it does), and again with all three. The check starts a client whose list has kafka-1 first and shows which brokers it learned about.',
  'labs.broker-ids.bootstrap-past-stopped.hint.1': '`kafkalab stop kafka-1` in the terminal (or Stop on the kafka-1 row of the cluster panel).',
  'labs.broker-ids.bootstrap-past-stopped.hint.2': 'With `--bootstrap-server localhost:19092` alone the tool prints a WARN about “node -1” about once a second: the only address it knows is down. It would give up after 60 s; Ctrl-C stops it now.',
  'labs.broker-ids.bootstrap-past-stopped.hint.3':
    '`kafka-topics --bootstrap-server localhost:19092,localhost:29092,localhost:39092 --describe --topic payments` works: the client moves on to the next address and gets the metadata there.',
  'labs.broker-ids.check.bootstrap.expected': '{node} (broker {id}), first in the bootstrap list, stopped, and a client bootstrapping from the whole list getting metadata anyway',
  'labs.broker-ids.check.bootstrap.first-running': '{node} (broker {id}, {address}), first in the bootstrap list, is {state}: a client would simply use it',
  'labs.broker-ids.check.bootstrap.saw': '{node} (broker {id}, {address}) is stopped; a client given {list} still got metadata: brokers {brokers}, controller {controller}',
  'labs.broker-ids.check.bootstrap.no-metadata': '{node} (broker {id}, {address}) is stopped, and a client given {list} got no metadata: {message}',
  'labs.broker-ids.check.bootstrap.hint.stop': 'Stop {node} (`kafkalab stop {node}`, or Stop on its row in the cluster panel), then check again.',
  'labs.broker-ids.check.bootstrap.hint.others': 'The other brokers must be running for the client to get past the stopped one: `kafkalab status` shows their states; start one with `kafkalab start <node>` (or from the cluster panel).',
};
