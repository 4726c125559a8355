/**
 * The Java exception a Kafka error code turns into on the client (`Errors#exception(message)`): the
 * broker's error message when it sent one, else Kafka's default message for the code. These are
 * `ApiException`s: they print as one line, `org.apache.kafka.common.errors.TopicExistsException: ...`.
 */
import { kafkaErrorForCode } from '../../../../cluster/kafka/protocol/index.ts';
import { kafkaException } from '../../kafka/java-exception.ts';
import type { JavaException } from '../../kafka/java-exception.ts';

/** Error names whose exception class does not follow `UPPER_SNAKE` -> `UpperCamelException`. */
const IRREGULAR_CLASSES: Readonly<Record<string, string>> = {
  UNKNOWN_SERVER_ERROR: 'UnknownServerException',
  REQUEST_TIMED_OUT: 'TimeoutException',
  NETWORK_EXCEPTION: 'NetworkException',
  INVALID_TOPIC_EXCEPTION: 'InvalidTopicException',
  TOPIC_AUTHORIZATION_FAILED: 'TopicAuthorizationException',
  GROUP_AUTHORIZATION_FAILED: 'GroupAuthorizationException',
  CLUSTER_AUTHORIZATION_FAILED: 'ClusterAuthorizationException',
  TOPIC_ALREADY_EXISTS: 'TopicExistsException',
  INVALID_CONFIG: 'InvalidConfigurationException',
  KAFKA_STORAGE_ERROR: 'KafkaStorageException',
  NOT_LEADER_OR_FOLLOWER: 'NotLeaderOrFollowerException',
};

/** `org.apache.kafka.common.errors.<Class>` for an error code (UnknownServerException for codes we do not know). */
export function apiException(errorCode: number, message?: string | null): JavaException {
  const entry = kafkaErrorForCode(errorCode);
  if (!entry) return kafkaException('UnknownServerException', message ?? `The server experienced an unexpected error when processing the request.`);
  const simpleName = IRREGULAR_CLASSES[entry.name] ?? `${entry.name.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}Exception`;
  return kafkaException(simpleName, message ?? entry.message);
}
