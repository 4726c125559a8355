/**
 * A broker's log dir on disk (Node only), laid out like Kafka's: one folder per replica,
 * `<topic>-<partition>/00000000000000000000.log` holding the RecordBatch v2 bytes back to back (Kafka's
 * segment format), `replication-offset-checkpoint` with the high watermarks, and `meta.properties`.
 * One segment per partition; writes are queued and flushed in order. A torn last batch (crash) is dropped
 * on load.
 */
import { appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrokerStorage, StoredPartition } from './broker-storage.ts';
import { splitBatches } from './partition-log.ts';

const SEGMENT = '00000000000000000000.log';
const CHECKPOINT = 'replication-offset-checkpoint';
const PARTITION_METADATA = 'partition.metadata';

export class FsBrokerStorage implements BrokerStorage {
  readonly logDir: string;
  readonly #brokerId: number;
  #queue: Promise<void> = Promise.resolve();
  readonly #highWatermarks = new Map<string, { topic: string; partition: number; hw: bigint }>();
  #checkpointDirty = false;
  #failures = 0;

  constructor(logDir: string, brokerId: number) {
    this.logDir = logDir;
    this.#brokerId = brokerId;
  }

  async loadPartitions(): Promise<StoredPartition[]> {
    await mkdir(this.logDir, { recursive: true });
    await writeFile(path.join(this.logDir, 'meta.properties'), `#kafkalab\nversion=0\nbroker.id=${this.#brokerId}\n`);
    const checkpoint = await this.#readCheckpoint();
    const out: StoredPartition[] = [];
    for (const entry of await readdir(this.logDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dash = entry.name.lastIndexOf('-');
      const partition = Number(entry.name.slice(dash + 1));
      if (dash <= 0 || !Number.isInteger(partition)) continue;
      const topic = entry.name.slice(0, dash);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(path.join(this.logDir, entry.name, SEGMENT)));
      } catch {
        bytes = new Uint8Array(0);
      }
      const batches = splitBatches(bytes).map((b) => b.slice());
      const hw = checkpoint.get(`${topic}-${partition}`) ?? 0n;
      this.#highWatermarks.set(`${topic}-${partition}`, { topic, partition, hw });
      const topicId = await readFile(path.join(this.logDir, entry.name, PARTITION_METADATA), 'utf8').then(
        (text) => /^topic_id: *(\S+)/m.exec(text)?.[1],
        () => undefined,
      );
      out.push({ topic, partition, batches, highWatermark: hw, ...(topicId ? { topicId } : {}) });
    }
    return out;
  }

  append(topic: string, partition: number, batches: readonly Uint8Array[]): void {
    const copies = batches.map((b) => b.slice());
    this.#enqueue(async () => {
      const dir = this.#dir(topic, partition);
      await mkdir(dir, { recursive: true });
      await appendFile(path.join(dir, SEGMENT), concat(copies));
    });
  }

  truncate(topic: string, partition: number, batches: readonly Uint8Array[]): void {
    const copies = batches.map((b) => b.slice());
    this.#enqueue(async () => {
      const dir = this.#dir(topic, partition);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, SEGMENT), concat(copies));
    });
  }

  checkpointHighWatermark(topic: string, partition: number, highWatermark: bigint): void {
    const key = `${topic}-${partition}`;
    if (this.#highWatermarks.get(key)?.hw === highWatermark) return;
    this.#highWatermarks.set(key, { topic, partition, hw: highWatermark });
    if (this.#checkpointDirty) return;
    this.#checkpointDirty = true;
    this.#enqueue(async () => {
      this.#checkpointDirty = false;
      await this.#writeCheckpoint();
    });
  }

  /** Kafka's `partition.metadata`: `version: 0` and `topic_id: <id>`. */
  recordTopicId(topic: string, partition: number, topicId: string): void {
    this.#enqueue(async () => {
      const dir = this.#dir(topic, partition);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, PARTITION_METADATA), `version: 0\ntopic_id: ${topicId}\n`);
    });
  }

  deletePartition(topic: string, partition: number): void {
    this.#highWatermarks.delete(`${topic}-${partition}`);
    this.#enqueue(() => rm(this.#dir(topic, partition), { recursive: true, force: true }));
  }

  async close(): Promise<void> {
    await this.#queue;
    await this.#writeCheckpoint().catch(() => undefined);
  }

  #dir(topic: string, partition: number): string {
    return path.join(this.logDir, `${topic}-${partition}`);
  }

  #enqueue(work: () => Promise<void>): void {
    this.#queue = this.#queue.then(work).catch(() => {
      this.#failures += 1;
    });
  }

  /** Kafka's checkpoint format: version, count, then `topic partition offset` lines. */
  async #writeCheckpoint(): Promise<void> {
    const lines = [...this.#highWatermarks.values()].map((e) => `${e.topic} ${e.partition} ${e.hw}`);
    await mkdir(this.logDir, { recursive: true });
    await writeFile(path.join(this.logDir, CHECKPOINT), `0\n${lines.length}\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
  }

  async #readCheckpoint(): Promise<Map<string, bigint>> {
    const out = new Map<string, bigint>();
    let text: string;
    try {
      text = await readFile(path.join(this.logDir, CHECKPOINT), 'utf8');
    } catch {
      return out;
    }
    for (const line of text.split('\n').slice(2)) {
      const [topic, partition, offset] = line.trim().split(' ');
      if (topic && partition && offset && /^\d+$/.test(offset)) out.set(`${topic}-${partition}`, BigInt(offset));
    }
    return out;
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
