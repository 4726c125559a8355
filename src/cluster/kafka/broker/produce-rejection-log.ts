/**
 * How a refused produce shows in the broker log, as Kafka's `ReplicaManager.appendToLocalLog` logs it:
 * the expected refusals (unknown partition, not the leader, a batch too large or corrupt) are not logged
 * (debug here); INVALID_PRODUCER_EPOCH (a fenced producer) at info; anything else, such as
 * OUT_OF_ORDER_SEQUENCE_NUMBER or NOT_ENOUGH_REPLICAS, at error as
 * "Error processing append operation on partition <topic>-<p>", the line a Kafka operator knows.
 */
import type { Logger } from '../../logger.ts';
import type { KafkaProtocolError } from '../protocol/errors.ts';

/** Kafka's "known exceptions" of a leader append, answered without a log line. */
const QUIET = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'NOT_LEADER_OR_FOLLOWER',
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'CORRUPT_MESSAGE',
  'KAFKA_STORAGE_ERROR',
]);

export function logProduceRejection(logger: Logger, topic: string, partition: number, error: KafkaProtocolError): void {
  const name = error.entry.name;
  const fields = { topic, partition, error: error.message };
  if (QUIET.has(name)) logger.debug('produce rejected', fields);
  else if (name === 'INVALID_PRODUCER_EPOCH') logger.info(`Error processing append operation on partition ${topic}-${partition}`, fields);
  else logger.error(`Error processing append operation on partition ${topic}-${partition}`, fields);
}
