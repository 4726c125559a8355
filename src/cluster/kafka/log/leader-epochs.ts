/** Where an epoch began, as in Kafka's `LeaderEpochFileCache` (`leader-epoch-checkpoint`). */
export interface EpochEntry {
  readonly epoch: number;
  readonly startOffset: bigint;
}
