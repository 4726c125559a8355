/**
 * Kafka's checkpoint text format (`CheckpointFile.java`): a version line (0), an entry count, then one entry
 * per line. Broker-level files (`replication-offset-checkpoint`, `log-start-offset-checkpoint`,
 * `recovery-point-offset-checkpoint`) hold `topic partition offset`; a partition's `leader-epoch-checkpoint`
 * holds `epoch startOffset`.
 *
 * As Kafka's reader, a file whose entry count differs from the entries it holds, or with a malformed entry, is
 * refused (a torn write): it reads as empty, i.e. missing (the epochs are then rebuilt from the batches).
 * Writers write `<name>.tmp` and rename it over the file, so a crash leaves the old file or the new one.
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

/** The entries split into fields; empty when the file is not a whole version-0 checkpoint. */
function entryLines(text: string, valid: (fields: string[]) => boolean): string[][] {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '0') return [];
  const count = lines[1]?.trim() ?? '';
  if (!/^\d+$/.test(count)) return [];
  const entries = lines
    .slice(2)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => l.split(/\s+/));
  if (entries.length !== Number(count) || !entries.every(valid)) return [];
  return entries;
}

export function encodeOffsetCheckpoint(entries: Iterable<PartitionOffset>): string {
  return encode([...entries].map((e) => `${e.topic} ${e.partition} ${e.offset}`));
}

export function decodeOffsetCheckpoint(text: string): PartitionOffset[] {
  return entryLines(text, ([topic, partition, offset, extra]) => Boolean(topic) && /^\d+$/.test(partition ?? '') && /^-?\d+$/.test(offset ?? '') && extra === undefined)
    .map(([topic, partition, offset]) => ({ topic, partition: Number(partition), offset: BigInt(offset) }));
}

export function encodeEpochCheckpoint(entries: readonly EpochEntry[]): string {
  return encode(entries.map((e) => `${e.epoch} ${e.startOffset}`));
}

export function decodeEpochCheckpoint(text: string): EpochEntry[] {
  return entryLines(text, ([epoch, offset, extra]) => /^\d+$/.test(epoch ?? '') && /^\d+$/.test(offset ?? '') && extra === undefined)
    .map(([epoch, offset]) => ({ epoch: Number(epoch), startOffset: BigInt(offset) }));
}
