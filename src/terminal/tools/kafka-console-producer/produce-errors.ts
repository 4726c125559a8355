/**
 * The Java exceptions a produce can fail with, from the broker's error code (`Errors#exception`), and
 * what a kafkajs failure means in those terms: a broker's answer (KafkaJSProtocolError carries the
 * code), or a connection that went away (Java's NETWORK_EXCEPTION, "Disconnected from node N").
 */
import { KAFKA_ERRORS, kafkaErrorForCode } from '../../../cluster/kafka/protocol/index.ts';
import type { KafkaErrorEntry } from '../../../cluster/kafka/protocol/index.ts';
import { kafkaException } from '../kafka/java-exception.ts';

/** Error names whose exception class is not the name in CamelCase (Errors.java, 3.9). */
const EXCEPTION_CLASSES: Readonly<Record<string, string>> = {
  CORRUPT_MESSAGE: 'CorruptRecordException',
  REQUEST_TIMED_OUT: 'TimeoutException',
  MESSAGE_TOO_LARGE: 'RecordTooLargeException',
  INVALID_TOPIC_EXCEPTION: 'InvalidTopicException',
  RECORD_LIST_TOO_LARGE: 'RecordBatchTooLargeException',
  TOPIC_AUTHORIZATION_FAILED: 'TopicAuthorizationException',
  UNKNOWN_SERVER_ERROR: 'UnknownServerException',
  KAFKA_STORAGE_ERROR: 'KafkaStorageException',
  INVALID_RECORD: 'InvalidRecordException',
};

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
  exception: ReturnType<typeof kafkaException>;
}

export function produceFailure(entry: KafkaErrorEntry, errorMessage: string | null = null): ProduceFailure {
  const simpleName = EXCEPTION_CLASSES[entry.name] ?? `${camelCase(entry.name.replace(/_EXCEPTION$/, ''))}Exception`;
  return {
    error: entry.name,
    retriable: entry.retriable || entry.name === 'NETWORK_EXCEPTION',
    invalidMetadata: INVALID_METADATA.has(entry.name),
    errorMessage,
    exception: kafkaException(simpleName, errorMessage ?? entry.message),
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

/** Reads a kafkajs failure (possibly wrapped by its retrier): the broker's error code, if it answered one. */
export function kafkajsErrorCode(error: unknown): number | undefined {
  for (let current = error as { code?: unknown; type?: unknown; cause?: unknown } | undefined; current; current = current.cause as typeof current) {
    if (typeof current.code === 'number' && typeof current.type === 'string') return current.code;
    if (current.cause === current) break;
  }
  return undefined;
}

function camelCase(name: string): string {
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
