/**
 * How the Java producer's Sender sees a failed produce: the broker's error code (retriable or not,
 * stale metadata or not, and its exception, `Errors#exception`), or a connection that went away
 * (Java's NETWORK_EXCEPTION, "Disconnected from node N").
 */
import { KAFKA_ERRORS, kafkaErrorForCode } from '../../../cluster/kafka/protocol/index.ts';
import type { KafkaErrorEntry } from '../../../cluster/kafka/protocol/index.ts';
import type { JavaException } from '../kafka/java-exception.ts';
import { kafkaErrorException } from '../kafka/kafka-error-exceptions.ts';

/** Errors whose exception is an `InvalidMetadataException` (the Sender asks for new metadata). */
const INVALID_METADATA = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_OR_FOLLOWER',
  'NETWORK_EXCEPTION',
  'KAFKA_STORAGE_ERROR',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
]);

/** A produce failure as the Java client sees it. */
export interface ProduceFailure {
  /** `Errors` name, e.g. `NOT_ENOUGH_REPLICAS`. */
  error: string;
  retriable: boolean;
  invalidMetadata: boolean;
  /** The broker's (or client's) error message, when there is one beyond the default. */
  errorMessage: string | null;
  exception: JavaException;
}

export function produceFailure(entry: KafkaErrorEntry, errorMessage: string | null = null): ProduceFailure {
  return {
    error: entry.name,
    retriable: entry.retriable || entry.name === 'NETWORK_EXCEPTION',
    invalidMetadata: INVALID_METADATA.has(entry.name),
    errorMessage,
    exception: kafkaErrorException(entry.code, errorMessage),
  };
}

/** The failure for a broker's error code. */
export function produceFailureForCode(code: number, errorMessage: string | null = null): ProduceFailure {
  return produceFailure(kafkaErrorForCode(code) ?? KAFKA_ERRORS.UNKNOWN_SERVER_ERROR, errorMessage);
}

/** A connection lost before the answer: NETWORK_EXCEPTION with the Sender's message. */
export function disconnectedFrom(nodeId: number): ProduceFailure {
  return produceFailure(KAFKA_ERRORS.NETWORK_EXCEPTION, `Disconnected from node ${nodeId}`);
}
