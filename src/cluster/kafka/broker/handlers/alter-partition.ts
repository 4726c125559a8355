/**
 * AlterPartition (key 56), v0-v3: a partition leader asks the active controller for a new ISR (Kafka
 * brokers send it from `AlterPartitionManager` over their connection to the controller). Only the active
 * controller answers; elsewhere a top-level NOT_CONTROLLER, and the leader looks for the controller again.
 * The controller's checks and writes: `../../controller/alter-partition.ts`.
 */
import type { AlterPartitionResponse } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

export default defineApiHandler({
  ...messageCodec(API_KEYS.AlterPartition),
  async handle(ctx, request): Promise<AlterPartitionResponse> {
    const { controller } = ctx.services.internals;
    if (!controller.isActive) return this.errorResponse!(request, KAFKA_ERRORS.NOT_CONTROLLER.code, ctx.apiVersion);
    try {
      return await controller.alterPartitions(request, ctx.apiVersion);
    } catch (error) {
      // The controller resigned while the request waited its turn.
      if (!controller.isActive) return this.errorResponse!(request, KAFKA_ERRORS.NOT_CONTROLLER.code, ctx.apiVersion);
      throw error;
    }
  },
  errorResponse(_request, errorCode) {
    return { throttleTimeMs: 0, errorCode, topics: [] };
  },
});
