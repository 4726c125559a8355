/**
 * Kafka's checkpoint text format (`CheckpointFile.java`): a version line (0), an entry count, then one entry
 * per line. Broker-level files (`replication-offset-checkpoint`, `log-start-offset-checkpoint`,
 * `recovery-point-offset-checkpoint`) hold `topic partition offset`; a partition's `leader-epoch-checkpoint`
 * holds `epoch startOffset`.
 */
import type { EpochEntry } from './leader-epochs.ts';

export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
}

function encode(lines: readonly string[]): string {
  return `0\n${lines.length}\n${lines.map((l) => `${l}\n`).join('')}`;
}

function entryLines(text: string): string[][] {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '0') return [];
  return lines
    .slice(2)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => l.split(/\s+/));
}

export function encodeOffsetCheckpoint(entries: Iterable<PartitionOffset>): string {
  return encode([...entries].map((e) => `${e.topic} ${e.partition} ${e.offset}`));
}

export function decodeOffsetCheckpoint(text: string): PartitionOffset[] {
  return entryLines(text)
    .filter(([topic, partition, offset]) => topic && /^\d+$/.test(partition ?? '') && /^-?\d+$/.test(offset ?? ''))
    .map(([topic, partition, offset]) => ({ topic, partition: Number(partition), offset: BigInt(offset) }));
}

export function encodeEpochCheckpoint(entries: readonly EpochEntry[]): string {
  return encode(entries.map((e) => `${e.epoch} ${e.startOffset}`));
}

export function decodeEpochCheckpoint(text: string): EpochEntry[] {
  return entryLines(text)
    .filter(([epoch, offset]) => /^\d+$/.test(epoch ?? '') && /^\d+$/.test(offset ?? ''))
    .map(([epoch, offset]) => ({ epoch: Number(epoch), startOffset: BigInt(offset) }));
}
