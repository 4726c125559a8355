/**
 * The controller's side of AlterPartition (key 56), as Kafka 3.9's ZooKeeper-mode controller handles it
 * (`KafkaController.tryProcessAlterPartition`): a partition leader asks for a new ISR; the controller
 * checks the asking broker's epoch, then each partition against the state it knows, writes the accepted
 * ones to their state znodes (conditional on the partition epoch, i.e. the znode version, inside the
 * controller-epoch multi), answers each with its state or an error, and tells every live broker with
 * UpdateMetadata. The leader applies the ISR from the answer, not from its request.
 *
 * Per partition, in Kafka's order: unknown → UNKNOWN_TOPIC_OR_PARTITION; a newer leader or partition epoch
 * than the controller's → NOT_CONTROLLER (the leader looks for the new controller); an older leader epoch →
 * FENCED_LEADER_EPOCH; already the asked state → that state (a retried request is answered again); an
 * older partition epoch → INVALID_UPDATE_VERSION; a recovering leader → INVALID_REQUEST; a broker in the new
 * ISR that is not alive → INELIGIBLE_REPLICA (OPERATION_NOT_ATTEMPTED below v2). Where Kafka would take the
 * broker in the request as leader of a partition another broker leads at the same epoch (impossible with
 * Kafka's brokers), this answers FENCED_LEADER_EPOCH.
 */
import type { AlterPartitionRequest, AlterPartitionResponse, AlterPartitionResponseTopicData, KafkaErrorName } from '../protocol/index.ts';
import { KAFKA_ERRORS, uuidFromText } from '../protocol/index.ts';
import type { CachedPartitionState } from '../metadata/zk-metadata-cache.ts';
import { uuidKey } from './controller-requests.ts';

/** `LeaderRecoveryState.RECOVERING`. */
const RECOVERING = 1;

/** What a leader asks for one partition. */
export interface IsrProposal {
  topic: string;
  partition: number;
  leader: number;
  leaderEpoch: number;
  isr: number[];
  partitionEpoch: number;
  leaderRecoveryState: number;
}

/** The state a partition ends with, as the answer carries it. */
export interface AlteredState {
  leader: number;
  leaderEpoch: number;
  isr: number[];
  partitionEpoch: number;
}

export type AlterPartitionDecision = { kind: 'write' } | { kind: 'unchanged'; state: AlteredState } | { kind: 'error'; error: KafkaErrorName };

/** The checks of `tryProcessAlterPartition` for one partition, before anything is written. */
export function decideAlterPartition(proposal: IsrProposal, current: CachedPartitionState | undefined, liveBrokers: ReadonlySet<number>, version: number): AlterPartitionDecision {
  if (!current) return { kind: 'error', error: 'UNKNOWN_TOPIC_OR_PARTITION' };
  if (proposal.partitionEpoch > current.zkVersion || proposal.leaderEpoch > current.leaderEpoch) return { kind: 'error', error: 'NOT_CONTROLLER' };
  if (proposal.leaderEpoch < current.leaderEpoch || proposal.leader !== current.leader) return { kind: 'error', error: 'FENCED_LEADER_EPOCH' };
  const sameIsr = proposal.isr.length === current.isr.length && proposal.isr.every((id, i) => id === current.isr[i]);
  if (sameIsr && proposal.leaderRecoveryState !== RECOVERING) {
    return { kind: 'unchanged', state: { leader: current.leader, leaderEpoch: current.leaderEpoch, isr: [...current.isr], partitionEpoch: current.zkVersion } };
  }
  if (proposal.partitionEpoch < current.zkVersion) return { kind: 'error', error: 'INVALID_UPDATE_VERSION' };
  if (proposal.leaderRecoveryState === RECOVERING) return { kind: 'error', error: 'INVALID_REQUEST' };
  if (proposal.isr.some((id) => !liveBrokers.has(id))) return { kind: 'error', error: version > 1 ? 'INELIGIBLE_REPLICA' : 'OPERATION_NOT_ATTEMPTED' };
  return { kind: 'write' };
}

/** What the controller lends to one AlterPartition. */
export interface AlterPartitionHooks {
  /** The epoch the controller knows for a live broker (undefined: not alive). */
  brokerEpoch(id: number): bigint | undefined;
  liveBrokers(): ReadonlySet<number>;
  /** Topic names by topic id (`uuidKey`), and a topic's id. */
  topicName(idKey: string): string | undefined;
  topicId(name: string): string | null | undefined;
  state(topic: string, partition: number): CachedPartitionState | undefined;
  /** Writes the accepted ISR (conditional on `partitionEpoch`); resolves with the new state or Kafka's error. */
  write(proposal: IsrProposal): Promise<AlteredState | KafkaErrorName>;
  /** UpdateMetadata for these partitions to every live broker. */
  announce(partitions: ReadonlyArray<{ topic: string; partition: number }>): void;
  info(message: string, fields: Record<string, unknown>): void;
}

/** Handles one AlterPartition request on the active controller; returns the answer. */
export async function processAlterPartition(request: AlterPartitionRequest, version: number, hooks: AlterPartitionHooks): Promise<AlterPartitionResponse> {
  const knownEpoch = hooks.brokerEpoch(request.brokerId);
  if (knownEpoch === undefined || knownEpoch !== request.brokerEpoch) {
    hooks.info(
      knownEpoch === undefined ? `Ignoring AlterPartition due to unknown broker ${request.brokerId}` : `Ignoring AlterPartition due to stale broker epoch ${request.brokerEpoch} and local broker epoch ${knownEpoch} for broker ${request.brokerId}`,
      { broker: request.brokerId },
    );
    return { throttleTimeMs: 0, errorCode: KAFKA_ERRORS.STALE_BROKER_EPOCH.code, topics: [] };
  }
  const useTopicIds = version > 1;
  const topics: AlterPartitionResponseTopicData[] = [];
  const proposals: IsrProposal[] = [];
  const answers = new Map<string, AlteredState | KafkaErrorName>();
  for (const topic of request.topics) {
    const name = useTopicIds ? hooks.topicName(uuidKey(topic.topicId ?? new Uint8Array(16))) : topic.topicName;
    if (name === undefined) {
      topics.push({ topicId: topic.topicId, partitions: topic.partitions.map((p) => errorPartition(p.partitionIndex, 'UNKNOWN_TOPIC_ID')) });
      continue;
    }
    for (const p of topic.partitions) {
      const isr = version >= 3 ? (p.newIsrWithEpochs ?? []).map((b) => b.brokerId) : (p.newIsr ?? []);
      proposals.push({ topic: name, partition: p.partitionIndex, leader: request.brokerId, leaderEpoch: p.leaderEpoch, isr, partitionEpoch: p.partitionEpoch, leaderRecoveryState: p.leaderRecoveryState ?? 0 });
    }
  }
  const live = hooks.liveBrokers();
  for (const proposal of proposals) {
    const key = `${proposal.topic}\u0000${proposal.partition}`;
    const decision = decideAlterPartition(proposal, hooks.state(proposal.topic, proposal.partition), live, version);
    if (decision.kind === 'write') answers.set(key, await hooks.write(proposal));
    else answers.set(key, decision.kind === 'unchanged' ? decision.state : decision.error);
    if (decision.kind === 'error' && (decision.error === 'INELIGIBLE_REPLICA' || decision.error === 'OPERATION_NOT_ATTEMPTED')) {
      hooks.info(`Rejecting AlterPartition request from node ${request.brokerId} for ${proposal.topic}-${proposal.partition} because it specified ineligible replicas in the new ISR [${proposal.isr.join(',')}]`, {});
    }
  }
  if (proposals.length > 0) hooks.announce(proposals);

  const byTopic = new Map<string, AlterPartitionResponseTopicData>();
  for (const proposal of proposals) {
    let topic = byTopic.get(proposal.topic);
    if (!topic) {
      const id = hooks.topicId(proposal.topic);
      topic = useTopicIds ? { topicId: id ? uuidFromText(id) : new Uint8Array(16), partitions: [] } : { topicName: proposal.topic, partitions: [] };
      byTopic.set(proposal.topic, topic);
      topics.push(topic);
    }
    const answer = answers.get(`${proposal.topic}\u0000${proposal.partition}`)!;
    topic.partitions.push(
      typeof answer === 'string'
        ? errorPartition(proposal.partition, answer)
        : { partitionIndex: proposal.partition, errorCode: 0, leaderId: answer.leader, leaderEpoch: answer.leaderEpoch, isr: answer.isr, leaderRecoveryState: 0, partitionEpoch: answer.partitionEpoch },
    );
  }
  return { throttleTimeMs: 0, errorCode: 0, topics };
}

function errorPartition(partitionIndex: number, error: KafkaErrorName) {
  return { partitionIndex, errorCode: KAFKA_ERRORS[error].code, leaderId: -1, leaderEpoch: -1, isr: [], leaderRecoveryState: 0, partitionEpoch: -1 };
}
