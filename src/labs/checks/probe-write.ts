/**
 * A check's own write: one small record sent to one partition with the given acks, to see whether the
 * leader takes it now. The record carries the `kafkalab: probe` header, so checks that count the
 * learner's records leave it out.
 */
import type { LabContext } from '../lab-context.ts';
import { LAB_HEADER } from './lab-records.ts';

export type ProbeOutcome =
  | { accepted: true; partition: number; offset: string }
  /** `errorType`: the Kafka error the leader answered with (`NOT_ENOUGH_REPLICAS`), when there was one. */
  | { accepted: false; partition: number; errorType: string | undefined; message: string };

/** Sends one probe record to `topic`'s `partition` with `acks` (-1 = all) and reports what the leader answered. */
export async function probeWrite(context: LabContext, topic: string, partition: number, acks: -1 | 1): Promise<ProbeOutcome> {
  const producer = await context.kafka.producer({ retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 400 } });
  try {
    const [sent] = await producer.send({
      topic,
      acks,
      timeout: 3_000,
      messages: [{ partition, key: 'kafkalab-probe', value: `grader probe, acks=${acks === -1 ? 'all' : acks}`, headers: { [LAB_HEADER]: 'probe' } }],
    });
    return { accepted: true, partition, offset: sent?.baseOffset ?? sent?.offset ?? '?' };
  } catch (error) {
    return { accepted: false, partition, errorType: kafkaErrorType(error), message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The Kafka error type inside a kafkajs error: a `KafkaJSProtocolError` carries it as `type`, and a
 * retried request wraps it (`KafkaJSNumberOfRetriesExceeded` as `cause`/`originalError`, an aggregate as `errors`).
 */
export function kafkaErrorType(error: unknown): string | undefined {
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  while (queue.length > 0) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    const fields = next as { type?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
    if (typeof fields.type === 'string') return fields.type;
    queue.push(fields.cause, fields.originalError, ...(Array.isArray(fields.errors) ? fields.errors : []));
  }
  return undefined;
}
