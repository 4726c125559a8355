/**
 * ListGroups (API key 16), versions 0..4: the groups this broker coordinates, with their protocol type
 * (`consumer`, or `''` for groups that only store offsets). kafkajs' admin.listGroups asks every broker
 * and concatenates the answers, which works because a group is listed by its coordinator only.
 *
 * - v1 adds `throttle_time_ms`; v2 is the same layout; v3 is flexible (@platformatic/kafka, librdkafka).
 * - v4 (@platformatic/kafka, Kafka 3.9's admin client) answers each group's state (Empty,
 *   PreparingRebalance, CompletingRebalance, Stable) and takes `states_filter`: only groups in one of
 *   those states, compared case-insensitively; an empty filter lists every group (`GroupCoordinator.handleListGroups`).
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
    const states = new Set((request.statesFilter ?? []).map((s) => s.toLowerCase()));
    const groups = states.size === 0 ? result.groups : result.groups.filter((g) => states.has(g.state.toLowerCase()));
    return {
      throttleTimeMs: 0,
      errorCode: result.errorCode,
      // group_state is ignorable: the codec leaves it out below v4.
      groups: groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: g.state })),
    };
  },
});
