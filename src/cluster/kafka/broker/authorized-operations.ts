/**
 * The `authorized_operations` bit fields of Metadata (topics, cluster) and DescribeGroups. The cluster has
 * no authorizer, so, as Kafka's `AuthHelper.authorizedOperations` without one, every operation
 * `AclEntry.supportedOperations` lists for the resource type is allowed.
 */

/** The schemas' default: the client did not ask for them. */
export const OPERATIONS_NOT_ASKED = -2147483648;

/** `Utils.to32BitField` of `AclOperation` codes. */
function bitField(codes: readonly number[]): number {
  return codes.reduce((field, code) => field | (1 << code), 0);
}

/** TOPIC: READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS. */
export const TOPIC_OPERATIONS = bitField([3, 4, 5, 6, 7, 8, 10, 11]);
/** CLUSTER: CREATE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE. */
export const CLUSTER_OPERATIONS = bitField([5, 7, 8, 9, 10, 11, 12]);
/** GROUP: READ, DELETE, DESCRIBE. */
export const GROUP_OPERATIONS = bitField([3, 6, 8]);
