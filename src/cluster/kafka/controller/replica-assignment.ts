/**
 * Kafka's rack-unaware replica placement (`AdminUtils.assignReplicasToBrokersRackUnaware`,
 * `core/src/main/scala/kafka/admin/AdminUtils.scala`): partition p's first replica is
 * `brokers[(p + start) % n]`, the followers follow it at a shift that grows by one every n partitions,
 * so leaders and followers spread evenly. `start` and the initial shift are random unless fixed.
 */

export interface AssignmentRequest {
  /** Live broker ids (sorted here, as Kafka sorts them). */
  brokers: readonly number[];
  partitions: number;
  replicationFactor: number;
  /** First partition id to assign (existing partition count when adding partitions). */
  startPartitionId?: number;
  /** Fixed start index (Kafka uses the position of partition 0's first replica when adding partitions). */
  fixedStartIndex?: number;
  /** Random source in [0, 1) (tests pass a seeded one). */
  random?: () => number;
}

/** Why a topic cannot be placed; `code` is the Kafka error to answer with. */
export class AssignmentError extends Error {
  readonly errorName: 'INVALID_REPLICATION_FACTOR' | 'INVALID_PARTITIONS';
  constructor(errorName: 'INVALID_REPLICATION_FACTOR' | 'INVALID_PARTITIONS', message: string) {
    super(message);
    this.name = 'AssignmentError';
    this.errorName = errorName;
  }
}

export function assignReplicas(request: AssignmentRequest): Map<number, number[]> {
  const brokers = [...request.brokers].sort((a, b) => a - b);
  const n = brokers.length;
  const { partitions, replicationFactor } = request;
  if (partitions <= 0) throw new AssignmentError('INVALID_PARTITIONS', 'Number of partitions must be larger than 0.');
  if (replicationFactor <= 0) throw new AssignmentError('INVALID_REPLICATION_FACTOR', 'Replication factor must be larger than 0.');
  if (replicationFactor > n) {
    throw new AssignmentError(
      'INVALID_REPLICATION_FACTOR',
      `Replication factor: ${replicationFactor} larger than available brokers: ${n}.`,
    );
  }
  const random = request.random ?? Math.random;
  const fixed = request.fixedStartIndex ?? -1;
  const startIndex = fixed >= 0 ? fixed : Math.floor(random() * n);
  let nextReplicaShift = fixed >= 0 ? fixed : Math.floor(random() * n);
  let partitionId = Math.max(0, request.startPartitionId ?? 0);
  const assignment = new Map<number, number[]>();
  for (let i = 0; i < partitions; i++) {
    if (partitionId > 0 && partitionId % n === 0) nextReplicaShift += 1;
    const first = (partitionId + startIndex) % n;
    const replicas = [brokers[first]];
    for (let j = 0; j < replicationFactor - 1; j++) {
      const shift = 1 + ((nextReplicaShift + j) % (n - 1));
      replicas.push(brokers[(first + shift) % n]);
    }
    assignment.set(partitionId, replicas);
    partitionId += 1;
  }
  return assignment;
}
