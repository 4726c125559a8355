/**
 * The controller's leader choices (`core/src/main/scala/kafka/controller/Election.scala`,
 * `PartitionStateMachine.scala` `PartitionLeaderElectionAlgorithms`, `ReplicaStateMachine.scala`).
 */

export interface LeaderAndIsr {
  leader: number;
  isr: number[];
}

/** No leader: the partition is offline (`LeaderAndIsr.NoLeader`). */
export const NO_LEADER = -1;

/**
 * A new partition, or one whose leader is gone: the first replica in assignment order that is alive and in
 * the ISR leads; the ISR keeps its live members. With no such replica the partition stays offline, unless
 * unclean election is enabled: then the first live replica leads alone. `null` means "stays offline".
 */
export function electOfflineLeader(
  replicas: readonly number[],
  isr: readonly number[],
  live: ReadonlySet<number>,
  uncleanLeaderElectionEnable: boolean,
): LeaderAndIsr | null {
  const liveIsr = isr.filter((id) => live.has(id));
  const leader = replicas.find((id) => live.has(id) && liveIsr.includes(id));
  if (leader !== undefined) return { leader, isr: liveIsr };
  if (uncleanLeaderElectionEnable) {
    const unclean = replicas.find((id) => live.has(id));
    if (unclean !== undefined) return { leader: unclean, isr: [unclean] };
  }
  return null;
}

/** A new partition: leader = first live replica, ISR = the live replicas (`onNewPartitionCreation`). */
export function electNewPartitionLeader(replicas: readonly number[], live: ReadonlySet<number>): LeaderAndIsr | null {
  const liveReplicas = replicas.filter((id) => live.has(id));
  if (liveReplicas.length === 0) return null;
  return { leader: liveReplicas[0], isr: liveReplicas };
}

/**
 * Controlled shutdown of `shuttingDown`: the first replica that is alive, in the ISR and not shutting down
 * leads; the ISR loses the brokers shutting down. `null` when nobody else can lead.
 */
export function electControlledShutdownLeader(
  replicas: readonly number[],
  isr: readonly number[],
  live: ReadonlySet<number>,
  shuttingDown: ReadonlySet<number>,
): LeaderAndIsr | null {
  const newIsr = isr.filter((id) => !shuttingDown.has(id));
  const leader = replicas.find((id) => live.has(id) && !shuttingDown.has(id) && newIsr.includes(id));
  if (leader === undefined) return null;
  return { leader, isr: newIsr };
}

/**
 * A replica goes offline (its broker died or stops): it leaves the ISR, but the ISR never drops below one
 * member; if it led, the partition is left without a leader (`doRemoveReplicasFromIsr`).
 */
export function removeReplicaFromIsr(current: LeaderAndIsr, replica: number): LeaderAndIsr {
  const isr = current.isr.length === 1 ? current.isr : current.isr.filter((id) => id !== replica);
  const leader = current.leader === replica ? NO_LEADER : current.leader;
  return { leader, isr };
}

/**
 * Preferred replica election: the first assigned replica leads again if it is alive and in the ISR
 * (`PreferredReplicaPartitionLeaderElectionStrategy`). `null` when it cannot or already does.
 */
export function electPreferredLeader(replicas: readonly number[], current: LeaderAndIsr, live: ReadonlySet<number>): LeaderAndIsr | null {
  const preferred = replicas[0];
  if (preferred === undefined || current.leader === preferred) return null;
  if (!live.has(preferred) || !current.isr.includes(preferred)) return null;
  return { leader: preferred, isr: current.isr };
}
