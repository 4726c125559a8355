/**
 * A follower asking its leader where the leader's log starts (Kafka's `fetchEarliestOffsetFromLeader`: ListOffsets
 * with the follower's replica id and timestamp -2): a Fetch answered OFFSET_OUT_OF_RANGE carries no log start
 * offset (-1), so a follower whose log ends below the leader's start (retention or DeleteRecords moved it while
 * the follower was away) learns it this way and starts over there.
 */
import { decodeListOffsetsResponse, encodeListOffsetsRequest } from '../protocol/index.ts';
import type { BrokerChannel } from '../network/broker-channel.ts';

const LIST_OFFSETS = { apiKey: 2, version: 1 } as const;
const EARLIEST_TIMESTAMP = -2n;

/** The leader's log start offset for `topic`-`partition`, or -1 when it answers with an error. */
export async function fetchLeaderLogStartOffset(channel: BrokerChannel, replicaId: number, topic: string, partition: number): Promise<bigint> {
  const reader = await channel.request(
    LIST_OFFSETS.apiKey,
    LIST_OFFSETS.version,
    (writer) =>
      encodeListOffsetsRequest(writer, { replicaId, topics: [{ name: topic, partitions: [{ partitionIndex: partition, timestamp: EARLIEST_TIMESTAMP }] }] }, LIST_OFFSETS.version),
    10_000,
  );
  const answer = decodeListOffsetsResponse(reader, LIST_OFFSETS.version).topics[0]?.partitions[0];
  return answer && answer.errorCode === 0 && answer.offset !== undefined ? answer.offset : -1n;
}
