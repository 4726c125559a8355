/** A record as kafkajs decodes it, as the console consumer's formatter reads it (Java's ConsumerRecord). */
import type { ConsumedRecord } from './default-message-formatter.ts';

/** kafkajs' record, as decoded from a Fetch answer or given to `eachBatch`. */
export interface KafkajsRecord {
  offset: string;
  timestamp: string;
  key?: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | Array<Buffer | string> | null | undefined>;
  /** kafkajs keeps these on records from a record batch (not in its types). */
  magicByte?: number;
  batchContext?: { timestampType?: number };
}

const encoder = new TextEncoder();

export function consumedRecord(topic: string, partition: number, message: KafkajsRecord): ConsumedRecord {
  const headers: Array<[string, Uint8Array | null]> = [];
  for (const [key, value] of Object.entries(message.headers ?? {})) {
    for (const each of Array.isArray(value) ? value : [value]) headers.push([key, each === null || each === undefined ? null : typeof each === 'string' ? encoder.encode(each) : each]);
  }
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    timestampType: message.magicByte === 0 ? 'NO_TIMESTAMP_TYPE' : message.batchContext?.timestampType === 1 ? 'LogAppendTime' : 'CreateTime',
    key: message.key ?? null,
    value: message.value ?? null,
    headers,
  };
}
