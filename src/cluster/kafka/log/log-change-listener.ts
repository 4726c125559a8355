/**
 * What a log tells its storage (the log dir, or memory for a restartable embedded broker): every change to its
 * segments and start offset, in order, with the segment it concerns, so storage can mirror Kafka's files
 * without reading the log back.
 */
import type { LogSegment } from './log-segment.ts';
import type { EpochEntry } from './leader-epochs.ts';
import type { StoredBatch } from './stored-batch.ts';

export interface LogChangeListener {
  /** `batches` were appended to `segment` (a segment not seen before is new: the log rolled). */
  appended(segment: LogSegment, batches: readonly StoredBatch[]): void;
  /** These segments are to be written whole: the cut last segment of a truncation, a cleaner's output, a new empty one. */
  segmentsWritten(segments: readonly LogSegment[]): void;
  /** These segments (by base offset) are gone (retention, truncation, replaced by the cleaner). */
  segmentsDeleted(baseOffsets: readonly bigint[]): void;
  /** The log start offset moved (retention, DeleteRecords, the leader's start learnt by a follower, reset). */
  logStartOffsetChanged(offset: bigint): void;
  /** The leader-epoch cache changed (`leader-epoch-checkpoint`). */
  epochsChanged(entries: readonly EpochEntry[]): void;
}
