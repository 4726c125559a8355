/**
 * DeleteGroups (API key 42), versions 0..1: removes empty groups and their committed offsets (tombstones
 * in `__consumer_offsets`). kafkajs' admin.deleteGroups sends each group to its coordinator.
 *
 * - Per group: NONE, NON_EMPTY_GROUP (members still joined), GROUP_ID_NOT_FOUND, or NOT_COORDINATOR /
 *   COORDINATOR_LOAD_IN_PROGRESS when asked at the wrong broker or too early.
 * - v1 has the same layout as v0 (it only changed throttling behaviour).
 */
import { KAFKA_ERRORS } from '../../protocol/errors.ts';
import { API_KEYS, type DeleteGroupsRequest, type DeleteGroupsResponse } from '../../protocol/index.ts';
import { coordinatorOf } from '../../group/request-helpers.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

function errorResponse(request: DeleteGroupsRequest, errorCode: number): DeleteGroupsResponse {
  return { throttleTimeMs: 0, results: request.groupsNames.map((groupId) => ({ groupId, errorCode })) };
}

export default defineApiHandler<DeleteGroupsRequest, DeleteGroupsResponse>({
  ...messageCodec(API_KEYS.DeleteGroups),
  errorResponse,
  async handle(ctx, request) {
    const coordinator = coordinatorOf(ctx);
    if (!coordinator) return errorResponse(request, KAFKA_ERRORS.COORDINATOR_NOT_AVAILABLE.code);
    const results = await coordinator.deleteGroups(request.groupsNames);
    return { throttleTimeMs: 0, results: [...results] };
  },
});
