/**
 * JoinGroup (API key 11), versions 0..5: a member (re)joins a consumer group; the answer comes when the
 * rebalance completes (see `group/group-coordinator.ts`).
 *
 * - v0 has no `rebalance_timeout_ms`: the session timeout stands in, as in Kafka. v1 adds it, v2 adds
 *   `throttle_time_ms`, v4 makes a first join (empty member id) answer MEMBER_ID_REQUIRED with the id to
 *   rejoin with, v5 adds `group_instance_id` (static membership; both clients send null).
 * - Both clients send v5 with protocol type `consumer`: kafkajs offers `RoundRobinAssigner`, librdkafka
 *   `range` and `roundrobin`, so they cannot share a group (INCONSISTENT_GROUP_PROTOCOL).
 * - Only the leader's answer lists the members with their subscriptions.
 */
import { KAFKA_ERRORS } from '../../protocol/errors.ts';
import { API_KEYS, type JoinGroupRequest, type JoinGroupResponse } from '../../protocol/index.ts';
import { clientHostOf, coordinatorOf } from '../../group/request-helpers.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

function errorResponse(request: JoinGroupRequest, errorCode: number): JoinGroupResponse {
  return { throttleTimeMs: 0, errorCode, generationId: -1, protocolName: '', leader: '', memberId: request.memberId, members: [] };
}

export default defineApiHandler<JoinGroupRequest, JoinGroupResponse>({
  ...messageCodec(API_KEYS.JoinGroup),
  errorResponse,
  async handle(ctx, request) {
    const coordinator = coordinatorOf(ctx);
    if (!coordinator) return errorResponse(request, KAFKA_ERRORS.COORDINATOR_NOT_AVAILABLE.code);
    const groupInstanceId = request.groupInstanceId ?? null;
    const result = await coordinator.joinGroup({
      groupId: request.groupId,
      memberId: request.memberId,
      groupInstanceId,
      requireKnownMemberId: ctx.apiVersion >= 4 && groupInstanceId === null,
      clientId: ctx.clientId ?? '',
      clientHost: clientHostOf(ctx.remote),
      sessionTimeoutMs: request.sessionTimeoutMs,
      rebalanceTimeoutMs: ctx.apiVersion === 0 ? request.sessionTimeoutMs : (request.rebalanceTimeoutMs ?? request.sessionTimeoutMs),
      protocolType: request.protocolType,
      protocols: request.protocols,
    });
    return {
      throttleTimeMs: 0,
      errorCode: result.errorCode,
      generationId: result.generationId,
      protocolName: result.protocolName ?? '',
      leader: result.leaderId,
      memberId: result.memberId,
      members: result.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadata })),
    };
  },
});
