/**
 * ListGroups (API key 16), versions 0..2: the groups this broker coordinates, with their protocol type
 * (`consumer`, or `''` for groups that only store offsets). kafkajs' admin.listGroups asks every broker
 * and concatenates the answers, which works because a group is listed by its coordinator only.
 *
 * - v1 adds `throttle_time_ms`; v2 is the same layout. v3 (flexible, which librdkafka would pick) and v4's
 *   state filter are not advertised.
 * - COORDINATOR_LOAD_IN_PROGRESS while an offsets partition is still being replayed (with the groups known so far).
 */
import { KAFKA_ERRORS } from '../../protocol/errors.ts';
import { API_KEYS, type ListGroupsRequest, type ListGroupsResponse } from '../../protocol/index.ts';
import { coordinatorOf } from '../../group/request-helpers.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

function errorResponse(_request: ListGroupsRequest, errorCode: number): ListGroupsResponse {
  return { throttleTimeMs: 0, errorCode, groups: [] };
}

export default defineApiHandler<ListGroupsRequest, ListGroupsResponse>({
  ...messageCodec(API_KEYS.ListGroups),
  errorResponse,
  handle(ctx, request) {
    const coordinator = coordinatorOf(ctx);
    if (!coordinator) return errorResponse(request, KAFKA_ERRORS.COORDINATOR_NOT_AVAILABLE.code);
    const result = coordinator.listGroups();
    return {
      throttleTimeMs: 0,
      errorCode: result.errorCode,
      groups: result.groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType })),
    };
  },
});
