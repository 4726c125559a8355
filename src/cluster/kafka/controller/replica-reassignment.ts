/**
 * A partition's full replica assignment while it may be reassigned (Kafka's `ReplicaAssignment`,
 * `core/src/main/scala/kafka/controller/ControllerContext.scala`): the replica set RS, the replicas being
 * added (AR) and removed (RR). The original set is ORS = RS - AR, the target TRS = RS - RR. While a
 * reassignment runs, RS = TRS ++ ORS (target first, in the order asked for).
 */
export interface ReplicaReassignment {
  readonly replicas: readonly number[];
  readonly adding: readonly number[];
  readonly removing: readonly number[];
}

function diff(a: readonly number[], b: readonly number[]): number[] {
  return a.filter((id) => !b.includes(id));
}

export function replicaAssignment(replicas: readonly number[], adding: readonly number[] = [], removing: readonly number[] = []): ReplicaReassignment {
  return { replicas: [...replicas], adding: [...adding], removing: [...removing] };
}

export function originReplicas(assignment: ReplicaReassignment): number[] {
  return diff(assignment.replicas, assignment.adding);
}

export function targetReplicas(assignment: ReplicaReassignment): number[] {
  return diff(assignment.replicas, assignment.removing);
}

export function isBeingReassigned(assignment: ReplicaReassignment): boolean {
  return assignment.adding.length > 0 || assignment.removing.length > 0;
}

/** `ReplicaAssignment.reassignTo`: RS = (TRS ++ ORS).distinct, AR = RS - ORS, RR = RS - TRS. */
export function reassignTo(current: ReplicaReassignment, target: readonly number[]): ReplicaReassignment {
  const origin = originReplicas(current);
  const full = [...new Set([...target, ...origin])];
  return { replicas: full, adding: diff(full, origin), removing: diff(full, target) };
}

export function sameAssignment(a: ReplicaReassignment, b: ReplicaReassignment): boolean {
  const same = (x: readonly number[], y: readonly number[]) => x.length === y.length && x.every((id, i) => id === y[i]);
  return same(a.replicas, b.replicas) && same(a.adding, b.adding) && same(a.removing, b.removing);
}

/**
 * `KafkaController.validateReplicas` for an AlterPartitionReassignments target: the reason it is refused
 * (INVALID_REPLICA_ASSIGNMENT), or null. Only the replicas being added must be alive.
 */
export function invalidReassignmentReason(current: ReplicaReassignment, target: readonly number[], live: ReadonlySet<number>): string | null {
  if (target.length === 0) return 'Empty replica list specified in partition reassignment.';
  if (new Set(target).size !== target.length) return `Duplicate replica ids in partition reassignment replica list: ${scalaSeq(target)}`;
  if (target.some((id) => id < 0)) return `Invalid broker id in replica list: ${scalaSeq(target)}`;
  const adding = reassignTo(current, target).adding;
  if (!adding.every((id) => live.has(id))) {
    return `Replica assignment has brokers that are not alive. Replica list: ${scalaSeq(adding)}, live broker list: ${scalaSet([...live])}`;
  }
  return null;
}

/** How Scala prints the `Buffer` of a request's replica ids. */
function scalaSeq(ids: readonly number[]): string {
  return `ArrayBuffer(${ids.join(', ')})`;
}

/** How Scala prints a small immutable `Set[Int]` (`HashSet` from five members on). */
function scalaSet(ids: readonly number[]): string {
  return `${ids.length > 4 ? 'HashSet' : 'Set'}(${ids.join(', ')})`;
}
