/**
 * SyncGroup (API key 14), versions 0..3: after JoinGroup, the leader sends everyone's assignment and every
 * member receives its own. Followers wait until the leader's assignment is stored in `__consumer_offsets`.
 *
 * - v1 adds `throttle_time_ms`, v3 `group_instance_id` (null from both clients). Both clients send v3.
 * - REBALANCE_IN_PROGRESS tells a member to rejoin; ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID that its
 *   generation or membership is gone.
 */
import { KAFKA_ERRORS } from '../../protocol/errors.ts';
import { API_KEYS, type SyncGroupRequest, type SyncGroupResponse } from '../../protocol/index.ts';
import { coordinatorOf } from '../../group/request-helpers.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

function errorResponse(_request: SyncGroupRequest, errorCode: number): SyncGroupResponse {
  return { throttleTimeMs: 0, errorCode, assignment: new Uint8Array(0) };
}

export default defineApiHandler<SyncGroupRequest, SyncGroupResponse>({
  ...messageCodec(API_KEYS.SyncGroup),
  errorResponse,
  async handle(ctx, request) {
    const coordinator = coordinatorOf(ctx);
    if (!coordinator) return errorResponse(request, KAFKA_ERRORS.COORDINATOR_NOT_AVAILABLE.code);
    const result = await coordinator.syncGroup({
      groupId: request.groupId,
      generationId: request.generationId,
      memberId: request.memberId,
      groupInstanceId: request.groupInstanceId ?? null,
      assignments: request.assignments,
    });
    return { throttleTimeMs: 0, errorCode: result.errorCode, assignment: result.assignment };
  },
});
