/**
 * DescribeGroups (API key 15), versions 0..5: state, protocol and members of groups. Each group is
 * answered by its own coordinator (others say NOT_COORDINATOR for it); an unknown group is `Dead`.
 *
 * - v1 adds `throttle_time_ms`; v2 is the same layout (kafkajs admin sends v2; kcat never describes).
 * - v3 `authorized_operations`: without an authorizer every group operation (READ, DELETE, DESCRIBE) for
 *   a group answered without error when `include_authorized_operations` asks for them, -2^31 otherwise
 *   (`KafkaApis.handleDescribeGroupsRequest`). v4 each member's `group_instance_id` (static membership);
 *   v5 is flexible (@platformatic/kafka, Kafka 3.9's admin client).
 * - States: Empty, PreparingRebalance, CompletingRebalance, Stable, Dead. Members' subscription and
 *   assignment bytes are only filled in for a Stable group, as Kafka does.
 */
import { KAFKA_ERRORS } from '../../protocol/errors.ts';
import { API_KEYS, type DescribeGroupsRequest, type DescribeGroupsResponse } from '../../protocol/index.ts';
import { coordinatorOf } from '../../group/request-helpers.ts';
import { defineApiHandler } from '../api-handler.ts';
import { GROUP_OPERATIONS, OPERATIONS_NOT_ASKED } from '../authorized-operations.ts';
import { messageCodec } from '../message-codec.ts';

/** The first version with `authorized_operations`. */
const AUTHORIZED_OPERATIONS_VERSION = 3;

function errorResponse(request: DescribeGroupsRequest, errorCode: number): DescribeGroupsResponse {
  return {
    throttleTimeMs: 0,
    groups: request.groups.map((groupId) => ({ errorCode, groupId, groupState: '', protocolType: '', protocolData: '', members: [] })),
  };
}

export default defineApiHandler<DescribeGroupsRequest, DescribeGroupsResponse>({
  ...messageCodec(API_KEYS.DescribeGroups),
  errorResponse,
  handle(ctx, request) {
    const coordinator = coordinatorOf(ctx);
    if (!coordinator) return errorResponse(request, KAFKA_ERRORS.COORDINATOR_NOT_AVAILABLE.code);
    const withOperations = ctx.apiVersion >= AUTHORIZED_OPERATIONS_VERSION && request.includeAuthorizedOperations === true;
    return {
      throttleTimeMs: 0,
      groups: request.groups.map((groupId) => {
        const group = coordinator.describeGroup(groupId);
        return {
          errorCode: group.errorCode,
          groupId,
          groupState: group.state,
          protocolType: group.protocolType,
          protocolData: group.protocolName,
          members: group.members.map((m) => ({
            memberId: m.memberId,
            // Ignorable: the codec leaves it out below v4.
            groupInstanceId: m.groupInstanceId,
            clientId: m.clientId,
            clientHost: m.clientHost,
            memberMetadata: m.metadata,
            memberAssignment: m.assignment,
          })),
          authorizedOperations: withOperations && group.errorCode === 0 ? GROUP_OPERATIONS : OPERATIONS_NOT_ASKED,
        };
      }),
    };
  },
});
