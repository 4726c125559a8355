/**
 * A transport that lets kafkajs read a Metadata answer naming a partition without a leader, as Java's
 * client reads it. kafkajs rejects the whole answer when any partition carries an error, so one
 * leaderless partition anywhere (an RF 1 topic on a stopped broker) would leave the admin tools without
 * brokers and every call timing out; Java's admin client keeps the answer and only that partition waits.
 * Here such a partition's LEADER_NOT_AVAILABLE is cleared on the way in (through the response tap): it
 * keeps leader -1, which the tool then treats as "no leader yet" (see `ToolAdmin.listOffsets`). Every
 * other byte passes unchanged.
 */
import { API_KEYS, decodeResponseFrame, encodeResponseFrame, KAFKA_ERRORS } from '../../../cluster/kafka/protocol/index.ts';
import type { Transport } from '../../../cluster/transport/transport.ts';
import { rewriteKafkaResponses, type TappedResponse } from './response-tap.ts';

/** Metadata v9 and later use flexible (tagged) headers; kafkajs 2.2 sends v6 at most. */
const FIRST_FLEXIBLE_METADATA_VERSION = 9;

export function leaderlessMetadataTransport(transport: Transport): Transport {
  return rewriteKafkaResponses(transport, { apiKeys: new Set([API_KEYS.Metadata]), rewrite: withoutLeaderNotAvailable });
}

/** The answer with LEADER_NOT_AVAILABLE partitions cleared, or undefined when there is none (or it cannot be read). */
function withoutLeaderNotAvailable(response: TappedResponse): Uint8Array | undefined {
  if (response.apiVersion >= FIRST_FLEXIBLE_METADATA_VERSION) return undefined;
  let decoded;
  try {
    decoded = decodeResponseFrame(API_KEYS.Metadata, response.apiVersion, response.payload);
  } catch {
    return undefined;
  }
  let changed = false;
  for (const topic of decoded.body.topics) {
    for (const partition of topic.partitions) {
      if (partition.errorCode === KAFKA_ERRORS.LEADER_NOT_AVAILABLE.code) {
        partition.errorCode = 0;
        changed = true;
      }
    }
  }
  return changed ? encodeResponseFrame(API_KEYS.Metadata, response.apiVersion, decoded.correlationId, decoded.body) : undefined;
}
