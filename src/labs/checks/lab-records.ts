/**
 * Records as a check reads them back: a bounded read of a whole (small) topic, and the header that marks
 * what the lab itself wrote (seeded records, the grader's probe writes) apart from the learner's records.
 *
 * kafkajs has no group-less fetch, so the read is a short-lived consumer in a throw-away group that
 * reads each partition up to the end offset it saw when it started and no further, commits nothing,
 * and is disconnected and its group deleted as soon as it is done or its time is up.
 */
import type { KafkaMessage } from 'kafkajs';
import { randomUuid } from '../../cluster/random-uuid.ts';
import type { LabContext } from '../lab-context.ts';

/** The header the lab's own records carry: `kafkalab: seed` (written by a reset), `kafkalab: probe` (a check's write). */
export const LAB_HEADER = 'kafkalab';

export interface LabRecord {
  partition: number;
  offset: bigint;
  key: string | null;
  value: string | null;
  headers: Readonly<Record<string, string>>;
}

export interface TopicRead {
  records: LabRecord[];
  /** Each partition's end offset (the high watermark) when the read started. */
  ends: ReadonlyMap<number, bigint>;
  /** Every partition was read up to that end within the time given. */
  complete: boolean;
}

/** Whether the learner wrote `record` (the lab's own records carry the `kafkalab` header). */
export function isLearnerRecord(record: LabRecord): boolean {
  return !(LAB_HEADER in record.headers);
}

const text = new TextDecoder();

function decode(bytes: Uint8Array | string | null | undefined): string | null {
  if (bytes === null || bytes === undefined) return null;
  return typeof bytes === 'string' ? bytes : text.decode(bytes);
}

function headersOf(message: KafkaMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = decode(first) ?? '';
  }
  return headers;
}

/** End offsets (high watermarks) of every partition of `topic`, by partition. */
export async function endOffsets(context: LabContext, topic: string): Promise<Map<number, { low: bigint; high: bigint }>> {
  const admin = await context.kafka.admin();
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map((entry) => [entry.partition, { low: BigInt(entry.low), high: BigInt(entry.high) }]));
}

/**
 * Reads every record of `topic` below the end offsets it finds at the start, within `timeoutMs` (or
 * until the check's signal aborts). Throws only what the end-offset lookup throws (an unknown topic);
 * a read cut short returns what it got with `complete: false`.
 */
export async function readTopic(context: LabContext, topic: string, timeoutMs: number): Promise<TopicRead> {
  const offsets = await endOffsets(context, topic);
  const ends = new Map([...offsets].map(([partition, { high }]) => [partition, high]));
  const pending = new Set([...offsets].filter(([, { low, high }]) => high > low).map(([partition]) => partition));
  const records: LabRecord[] = [];
  if (pending.size === 0) return { records, ends, complete: true };

  const groupId = `kafkalab-reader-${randomUuid()}`;
  const consumer = await context.kafka.consumer({ groupId, maxWaitTimeInMs: 100, sessionTimeout: 6_000, heartbeatInterval: 500, rebalanceTimeout: 3_000, retry: { retries: 2 } });
  let finished = () => {};
  const allRead = new Promise<void>((resolve) => (finished = resolve));
  const timer = setTimeout(finished, timeoutMs);
  context.signal.addEventListener('abort', finished, { once: true });
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const offset = BigInt(message.offset);
        const end = ends.get(partition) ?? 0n;
        if (offset < end) records.push({ partition, offset, key: decode(message.key), value: decode(message.value), headers: headersOf(message) });
        if (offset + 1n >= end) {
          pending.delete(partition);
          if (pending.size === 0) finished();
        }
      },
    });
    await allRead;
  } finally {
    clearTimeout(timer);
    context.signal.removeEventListener('abort', finished);
    await consumer.disconnect().catch(() => {});
    const admin = await context.kafka.admin();
    await admin.deleteGroups([groupId]).catch(() => {});
  }
  records.sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
  return { records, ends, complete: pending.size === 0 };
}
