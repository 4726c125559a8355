/**
 * The Java exception a Kafka error code becomes in the admin client (`Errors.exception()`: the class and
 * its default message, Kafka 3.9's `Errors` table), for the errors the group and offset tools meet, and
 * which of them the admin client retries until its deadline.
 */
import { kafkaException, type JavaException } from '../kafka/java-exception.ts';

interface KafkaErrorException {
  readonly exception: string;
  readonly message: string;
  readonly retriable: boolean;
}

const ERRORS: Record<string, KafkaErrorException> = {
  UNKNOWN_SERVER_ERROR: { exception: 'UnknownServerException', message: 'The server experienced an unexpected error when processing the request.', retriable: false },
  UNKNOWN_TOPIC_OR_PARTITION: { exception: 'UnknownTopicOrPartitionException', message: 'This server does not host this topic-partition.', retriable: true },
  LEADER_NOT_AVAILABLE: { exception: 'LeaderNotAvailableException', message: 'There is no leader for this topic-partition as we are in the middle of a leadership election.', retriable: true },
  NOT_LEADER_OR_FOLLOWER: {
    exception: 'NotLeaderOrFollowerException',
    message:
      'For requests intended only for the leader, this error indicates that the broker is not the current leader. ' +
      'For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition.',
    retriable: true,
  },
  COORDINATOR_LOAD_IN_PROGRESS: { exception: 'CoordinatorLoadInProgressException', message: "The coordinator is loading and hence can't process requests.", retriable: true },
  COORDINATOR_NOT_AVAILABLE: { exception: 'CoordinatorNotAvailableException', message: 'The coordinator is not available.', retriable: true },
  GROUP_COORDINATOR_NOT_AVAILABLE: { exception: 'CoordinatorNotAvailableException', message: 'The coordinator is not available.', retriable: true },
  NOT_COORDINATOR: { exception: 'NotCoordinatorException', message: 'This is not the correct coordinator.', retriable: true },
  NOT_COORDINATOR_FOR_GROUP: { exception: 'NotCoordinatorException', message: 'This is not the correct coordinator.', retriable: true },
  ILLEGAL_GENERATION: { exception: 'IllegalGenerationException', message: 'Specified group generation id is not valid.', retriable: false },
  INVALID_GROUP_ID: { exception: 'InvalidGroupIdException', message: 'The configured groupId is invalid.', retriable: false },
  UNKNOWN_MEMBER_ID: { exception: 'UnknownMemberIdException', message: 'The coordinator is not aware of this member.', retriable: false },
  REBALANCE_IN_PROGRESS: { exception: 'RebalanceInProgressException', message: 'The group is rebalancing, so a rejoin is needed.', retriable: false },
  GROUP_AUTHORIZATION_FAILED: { exception: 'GroupAuthorizationException', message: 'Group authorization failed.', retriable: false },
  UNSUPPORTED_VERSION: { exception: 'UnsupportedVersionException', message: 'The version of API is not supported.', retriable: false },
  NON_EMPTY_GROUP: { exception: 'GroupNotEmptyException', message: 'The group is not empty.', retriable: false },
  GROUP_ID_NOT_FOUND: { exception: 'GroupIdNotFoundException', message: 'The group id does not exist.', retriable: false },
  GROUP_SUBSCRIBED_TO_TOPIC: {
    exception: 'GroupSubscribedToTopicException',
    message: 'Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.',
    retriable: false,
  },
};

/** The Kafka error name (`NON_EMPTY_GROUP`), as kafkajs' protocol errors carry it in `type`. */
export function exceptionForKafkaError(type: string, fallbackMessage = ''): JavaException {
  const known = ERRORS[type];
  if (known) return kafkaException(known.exception, known.message);
  return kafkaException('UnknownServerException', fallbackMessage || ERRORS.UNKNOWN_SERVER_ERROR.message);
}

/** Whether the admin client retries this error until the call's deadline. */
export function isRetriableKafkaError(type: string): boolean {
  return ERRORS[type]?.retriable ?? false;
}

/** The kafkajs protocol error's Kafka error name, if `error` is one. */
export function kafkaErrorType(error: unknown): string | undefined {
  const type = (error as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type !== 'UNKNOWN' ? type : undefined;
}

