/**
 * The ISR change notification znodes, `/isr_change_notification/isr_change_<seq>` (Kafka's
 * `IsrChangeNotificationSequenceZNode`): how a leader of before 2.7 (inter.broker.protocol < 2.7-IV2, no
 * AlterPartition) told the controller it had written new ISRs. Kafka 3.9's controller still reads them;
 * so does ours (`../controller/isr-change-notifications.ts`). JSON: `{"version":1,"partitions":[{"topic":
 * "t","partition":0}]}`.
 */

/** The notification znodes' prefix (`IsrChangeNotificationSequenceZNode`). */
export const ISR_CHANGE_PREFIX = 'isr_change_';
/** `IsrChangeNotificationHandler.Version`. */
const NOTIFICATION_VERSION = 1;

export interface IsrChangedPartition {
  topic: string;
  partition: number;
}

export function encodeIsrChangeNotification(partitions: readonly IsrChangedPartition[]): string {
  return JSON.stringify({ version: NOTIFICATION_VERSION, partitions: partitions.map((p) => ({ topic: p.topic, partition: p.partition })) });
}

/** The partitions a notification names; throws with the path on malformed content. */
export function decodeIsrChangeNotification(path: string, data: Uint8Array | null): IsrChangedPartition[] {
  const parsed: unknown = JSON.parse(new TextDecoder().decode(data ?? new Uint8Array()));
  const partitions = (parsed as { partitions?: unknown })?.partitions;
  if (!Array.isArray(partitions)) throw new Error(`${path}: no "partitions" array in ISR change notification`);
  return partitions.map((entry: unknown) => {
    const { topic, partition } = (entry ?? {}) as { topic?: unknown; partition?: unknown };
    if (typeof topic !== 'string' || !Number.isInteger(partition)) throw new Error(`${path}: bad partition entry ${JSON.stringify(entry)}`);
    return { topic, partition: partition as number };
  });
}
