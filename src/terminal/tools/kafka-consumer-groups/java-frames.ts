/**
 * Stack frames of `ConsumerGroupCommand` (Kafka 3.9.0 source lines) for the failures it prints with
 * `printError(..., Optional.of(e))`: the method that failed, up through `run` and `main`.
 */
const COMMAND = 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand';
const SERVICE = `${COMMAND}$ConsumerGroupService`;

export type ServiceAction = 'list' | 'describe' | 'delete' | 'reset-offsets' | 'delete-offsets';

const RUN_LINE: Record<ServiceAction, number> = { list: 112, describe: 114, delete: 116, 'reset-offsets': 118, 'delete-offsets': 125 };

/** `ConsumerGroupService.<method>(ConsumerGroupCommand.java:<line>)`. */
export function serviceFrame(method: string, line: number): string {
  return `${SERVICE}.${method}(ConsumerGroupCommand.java:${line})`;
}

/** The frames below a service method: `run` for the action, then `main`. */
export function actionFrames(action: ServiceAction): string[] {
  return [`${COMMAND}.run(ConsumerGroupCommand.java:${RUN_LINE[action]})`, `${COMMAND}.main(ConsumerGroupCommand.java:103)`];
}

/** Frames of the admin client's own KafkaException for a ListGroups that found no broker. */
export const LIST_GROUPS_FAILURE_FRAMES: readonly string[] = [
  'org.apache.kafka.clients.admin.KafkaAdminClient$22.handleFailure(KafkaAdminClient.java:3643)',
  'org.apache.kafka.clients.admin.KafkaAdminClient$Call.fail(KafkaAdminClient.java:985)',
  'org.apache.kafka.clients.admin.KafkaAdminClient$TimeoutProcessor.handleTimeouts(KafkaAdminClient.java:1117)',
  'org.apache.kafka.clients.admin.KafkaAdminClient$AdminClientRunnable.timeoutPendingCalls(KafkaAdminClient.java:1189)',
  'org.apache.kafka.clients.admin.KafkaAdminClient$AdminClientRunnable.processRequests(KafkaAdminClient.java:1527)',
  'org.apache.kafka.clients.admin.KafkaAdminClient$AdminClientRunnable.run(KafkaAdminClient.java:1478)',
  'java.base/java.lang.Thread.run(Thread.java:840)',
];
