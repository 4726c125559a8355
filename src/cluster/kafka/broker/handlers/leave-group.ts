/**
 * LeaveGroup (API key 13), versions 0..3: members leave at once instead of waiting for their session to
 * expire, so the group rebalances without delay.
 *
 * - v0-v2: one `member_id`; the response's `error_code` is the group's error or else that member's
 *   (librdkafka sends v1). v1 adds `throttle_time_ms`.
 * - v3: a `members` array (`member_id`, `group_instance_id`) answered per member (kafkajs sends v3 with its
 *   one member).
 */
import { KAFKA_ERRORS } from '../../protocol/errors.ts';
import { API_KEYS, type LeaveGroupRequest, type LeaveGroupResponse } from '../../protocol/index.ts';
import { coordinatorOf } from '../../group/request-helpers.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

function errorResponse(_request: LeaveGroupRequest, errorCode: number): LeaveGroupResponse {
  return { throttleTimeMs: 0, errorCode, members: [] };
}

export default defineApiHandler<LeaveGroupRequest, LeaveGroupResponse>({
  ...messageCodec(API_KEYS.LeaveGroup),
  errorResponse,
  handle(ctx, request) {
    const coordinator = coordinatorOf(ctx);
    if (!coordinator) return errorResponse(request, KAFKA_ERRORS.COORDINATOR_NOT_AVAILABLE.code);
    const leaving = ctx.apiVersion >= 3 ? (request.members ?? []) : [{ memberId: request.memberId ?? '', groupInstanceId: null }];
    const result = coordinator.leaveGroup(request.groupId, leaving);
    if (ctx.apiVersion >= 3) return { throttleTimeMs: 0, errorCode: result.errorCode, members: [...result.members] };
    const memberError = result.members.find((m) => m.errorCode !== 0)?.errorCode ?? 0;
    return { throttleTimeMs: 0, errorCode: result.errorCode !== 0 ? result.errorCode : memberError };
  },
});
