/**
 * What a leader does after its conditional ISR write to the partition state znode failed with
 * BADVERSION or lost its answer (CONNECTIONLOSS): it re-reads the znode and compares. Kafka's
 * `ReplicationUtils.checkLeaderAndIsrZkData` (core/src/main/scala/kafka/utils/ReplicationUtils.scala):
 * if the znode already holds exactly what we wrote, the write did land and its version is ours.
 * Without this the Partition keeps a stale zkVersion and every later ISR write fails forever.
 */
import type { PartitionState } from '../zk/znode-json.ts';

export type IsrWriteCheck =
  /** The znode holds our write: take its version as if the write had answered. */
  | { kind: 'applied'; zkVersion: number }
  /** Someone else (the controller) wrote, still naming us leader at our epoch: adopt its ISR and version. */
  | { kind: 'adopt'; isr: number[]; zkVersion: number }
  /** A newer leadership: wait for the controller's LeaderAndIsr. */
  | { kind: 'wait' };

export function checkIsrWrite(written: PartitionState, current: (PartitionState & { zkVersion: number }) | undefined): IsrWriteCheck {
  if (!current || current.leader !== written.leader || current.leaderEpoch !== written.leaderEpoch) return { kind: 'wait' };
  const sameIsr = current.isr.length === written.isr.length && current.isr.every((id, i) => id === written.isr[i]);
  if (sameIsr) return { kind: 'applied', zkVersion: current.zkVersion };
  return { kind: 'adopt', isr: [...current.isr], zkVersion: current.zkVersion };
}
