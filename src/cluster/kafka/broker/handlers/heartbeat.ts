/**
 * Heartbeat (API key 12), versions 0..3: a member says it is alive. The answer is how the coordinator
 * tells it to rejoin (REBALANCE_IN_PROGRESS) or that it is no longer a member (UNKNOWN_MEMBER_ID,
 * ILLEGAL_GENERATION). A member that stays silent for its session timeout is removed.
 *
 * - v1 adds `throttle_time_ms`, v3 `group_instance_id` (null from both clients). Both clients send v3.
 */
import { KAFKA_ERRORS } from '../../protocol/errors.ts';
import { API_KEYS, type HeartbeatRequest, type HeartbeatResponse } from '../../protocol/index.ts';
import { coordinatorOf } from '../../group/request-helpers.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

function errorResponse(_request: HeartbeatRequest, errorCode: number): HeartbeatResponse {
  return { throttleTimeMs: 0, errorCode };
}

export default defineApiHandler<HeartbeatRequest, HeartbeatResponse>({
  ...messageCodec(API_KEYS.Heartbeat),
  errorResponse,
  handle(ctx, request) {
    const coordinator = coordinatorOf(ctx);
    if (!coordinator) return errorResponse(request, KAFKA_ERRORS.COORDINATOR_NOT_AVAILABLE.code);
    const errorCode = coordinator.heartbeat({
      groupId: request.groupId,
      generationId: request.generationId,
      memberId: request.memberId,
      groupInstanceId: request.groupInstanceId ?? null,
    });
    return { throttleTimeMs: 0, errorCode };
  },
});
