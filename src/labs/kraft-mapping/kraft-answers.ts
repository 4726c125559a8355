/**
 * The KRaft counterparts a learner can name, and how a free-text answer is read as one of them. These
 * are facts about Kafka, not cluster state, so the right answers are constants; what is lenient is the
 * spelling: "PartitionChangeRecord", "partition change records" and "(b)" all name the same choice.
 */

/** Everything the mapping questions offer as a choice. */
export type KraftCounterpart =
  | 'broker-registration'
  | 'active-controller'
  | 'partition-records'
  | 'leader-epoch'
  | 'config-record'
  | 'topic-record'
  | 'quorum-voters'
  | 'consumer-offsets'
  | 'storage-format'
  | 'node-id';

/**
 * Words that name each counterpart, tried in this order on the answer with everything but letters and
 * digits removed: more specific words first ("raft leader epoch" is the epoch, not the leader;
 * "partition leader epoch" belongs to the partition records).
 */
const NAMED_BY: ReadonlyArray<readonly [KraftCounterpart, readonly string[]]> = [
  ['partition-records', ['partition']],
  ['leader-epoch', ['epoch']],
  ['config-record', ['config']],
  ['topic-record', ['topicrecord']],
  ['broker-registration', ['register', 'registration', 'heartbeat', 'fenc']],
  ['quorum-voters', ['voter', 'bootstrapserver', 'quorumbootstrap']],
  ['consumer-offsets', ['consumeroffset', 'offsetcommit']],
  ['storage-format', ['clusterid', 'storageformat', 'kafkastorage', 'formatted']],
  ['node-id', ['nodeid']],
  ['active-controller', ['activecontroller', 'raftleader', 'quorumleader', 'leaderid', 'leader']],
];

/** `" (B) "` → `b`; `"Raft leader epoch"` → `raftleaderepoch`. */
export function compact(answer: string): string {
  return answer.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The counterpart an answer names: a choice letter of the question (`b`, `(b)`, `option b`) or words
 * that name it; undefined when it names none.
 */
export function counterpartNamed(answer: string, choices: readonly KraftCounterpart[]): KraftCounterpart | undefined {
  const text = compact(answer);
  const letter = /^(?:option|answer|choice)?([a-z])$/.exec(text)?.[1];
  if (letter) return choices[letter.charCodeAt(0) - 'a'.charCodeAt(0)];
  return NAMED_BY.find(([, words]) => words.some((word) => text.includes(word)))?.[0];
}

/** `b` for the second choice. */
export function choiceLetter(choices: readonly KraftCounterpart[], counterpart: KraftCounterpart): string {
  return String.fromCharCode('a'.charCodeAt(0) + choices.indexOf(counterpart));
}
