/**
 * AlterPartitionReassignments (key 45), v0 (kafkajs admin.alterPartitionReassignments,
 * `kafka-reassign-partitions --execute`). Controller only: elsewhere a top-level NOT_CONTROLLER (kafkajs
 * refreshes metadata and retries). Each partition gets its own outcome: INVALID_REPLICA_ASSIGNMENT
 * (empty, duplicate, negative or dead added brokers), NO_REASSIGNMENT_IN_PROGRESS (cancelling nothing),
 * UNKNOWN_TOPIC_OR_PARTITION. The controller then drives the move (`controller/partition-reassignment.ts`).
 */
import type { AlterPartitionReassignmentsResponse, ReassignableTopicResponse } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS, kafkaErrorForCode } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

export default defineApiHandler({
  ...messageCodec(API_KEYS.AlterPartitionReassignments),
  async handle(ctx, request): Promise<AlterPartitionReassignmentsResponse> {
    const { controller } = ctx.services.internals;
    if (!controller.isActive) return this.errorResponse!(request, KAFKA_ERRORS.NOT_CONTROLLER.code, ctx.apiVersion);
    const requests = request.topics.flatMap((topic) => topic.partitions.map((p) => ({ topic: topic.name, partition: p.partitionIndex, replicas: p.replicas })));
    const outcomes = await controller.reassignments.alter(requests);
    const byTopic = new Map<string, ReassignableTopicResponse>();
    for (const outcome of outcomes) {
      let topic = byTopic.get(outcome.topic);
      if (!topic) byTopic.set(outcome.topic, (topic = { name: outcome.topic, partitions: [] }));
      const errorCode = outcome.error ? KAFKA_ERRORS[outcome.error].code : 0;
      topic.partitions.push({ partitionIndex: outcome.partition, errorCode, errorMessage: outcome.error ? (outcome.message ?? KAFKA_ERRORS[outcome.error].message) : null });
      if (outcome.error) ctx.logger.info('partition reassignment refused', { topic: outcome.topic, partition: outcome.partition, error: outcome.error, message: outcome.message });
    }
    return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, responses: [...byTopic.values()] };
  },
  errorResponse(_request, errorCode) {
    const entry = kafkaErrorForCode(errorCode);
    return { throttleTimeMs: 0, errorCode, errorMessage: entry?.message ?? null, responses: [] };
  },
});
