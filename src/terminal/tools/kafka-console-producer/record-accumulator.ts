/**
 * The Java producer's RecordAccumulator, as far as a console producer sees it: records wait in one
 * open batch per partition until the batch is full (`batch.size` bytes) or `linger.ms` has passed
 * since it was opened (the console producer's `--timeout`, 1000 ms: a typed line is sent up to a
 * second later), or until a flush (end of input). A ready batch goes to the sender.
 */
import type { SendFailure } from './send-failure.ts';

export interface PendingRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: Array<[string, Uint8Array | null]>;
  timestamp: number;
  /** Estimated bytes in a batch (DefaultRecord's size). */
  sizeInBytes: number;
  /** Called once with null (sent) or the failure. */
  done: (failure: SendFailure | null) => void;
}

export interface ProducerBatch {
  topic: string;
  partition: number;
  records: PendingRecord[];
  bytes: number;
  createdAt: number;
}

export interface RecordAccumulatorOptions {
  batchSize: number;
  lingerMs: number;
  now: () => number;
  /** A batch is ready to send. */
  onReady: (batch: ProducerBatch) => void;
}

/** Record batch v2 header bytes (the first record of a batch pays for it). */
const BATCH_OVERHEAD = 61;

export class RecordAccumulator {
  readonly #options: RecordAccumulatorOptions;
  readonly #open = new Map<string, { batch: ProducerBatch; timer: ReturnType<typeof setTimeout> }>();

  constructor(options: RecordAccumulatorOptions) {
    this.#options = options;
  }

  append(topic: string, partition: number, record: PendingRecord): void {
    const id = `${topic}-${partition}`;
    const open = this.#open.get(id);
    if (open && open.batch.bytes + record.sizeInBytes > this.#options.batchSize) this.#drain(id);
    let current = this.#open.get(id);
    if (!current) {
      const batch: ProducerBatch = { topic, partition, records: [], bytes: BATCH_OVERHEAD, createdAt: this.#options.now() };
      current = { batch, timer: setTimeout(() => this.#drain(id), this.#options.lingerMs) };
      this.#open.set(id, current);
    }
    current.batch.records.push(record);
    current.batch.bytes += record.sizeInBytes;
    if (current.batch.bytes >= this.#options.batchSize) this.#drain(id);
  }

  /** Every open batch is ready now (`flush()`, `close()`). */
  flush(): void {
    for (const id of [...this.#open.keys()]) this.#drain(id);
  }

  /** Drops every open batch without sending it (the JVM exiting on Ctrl-C). */
  discard(): ProducerBatch[] {
    const batches = [...this.#open.values()].map(({ batch, timer }) => {
      clearTimeout(timer);
      return batch;
    });
    this.#open.clear();
    return batches;
  }

  #drain(id: string): void {
    const open = this.#open.get(id);
    if (!open) return;
    clearTimeout(open.timer);
    this.#open.delete(id);
    this.#options.onReady(open.batch);
  }
}

/** DefaultRecord.sizeInBytes: the record's fields with their varint lengths (offset and time deltas small). */
export function estimateRecordSize(key: Uint8Array | null, value: Uint8Array | null, headers: ReadonlyArray<[string, Uint8Array | null]>): number {
  const varint = (n: number) => (n < 0x40 ? 1 : n < 0x2000 ? 2 : n < 0x100000 ? 3 : n < 0x8000000 ? 4 : 5);
  const field = (bytes: Uint8Array | null) => (bytes === null ? 1 : varint(bytes.length) + bytes.length);
  let body = 1 + 1 + 1 + field(key) + field(value) + varint(headers.length);
  for (const [headerKey, headerValue] of headers) {
    const keyBytes = new TextEncoder().encode(headerKey).length;
    body += varint(keyBytes) + keyBytes + field(headerValue);
  }
  return varint(body) + body;
}
