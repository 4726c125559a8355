/**
 * ListPartitionReassignments (key 46), v0 (kafkajs admin.listPartitionReassignments,
 * `kafka-reassign-partitions --verify`/`--list`). Controller only (top-level NOT_CONTROLLER elsewhere).
 * Lists the ongoing reassignments (RS, AR, RR from `/brokers/topics/<t>`), all of them when `topics` is
 * null, else those of the named partitions that are being reassigned.
 */
import type { ListPartitionReassignmentsResponse, OngoingTopicReassignment } from '../../protocol/index.ts';
import { API_KEYS, KAFKA_ERRORS, kafkaErrorForCode } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

export default defineApiHandler({
  ...messageCodec(API_KEYS.ListPartitionReassignments),
  handle(ctx, request): ListPartitionReassignmentsResponse {
    const { controller } = ctx.services.internals;
    if (!controller.isActive) return this.errorResponse!(request, KAFKA_ERRORS.NOT_CONTROLLER.code, ctx.apiVersion);
    const asked = request.topics?.flatMap((t) => t.partitionIndexes.map((partition) => ({ topic: t.name, partition }))) ?? null;
    const byTopic = new Map<string, OngoingTopicReassignment>();
    for (const ongoing of controller.reassignments.list(asked)) {
      let topic = byTopic.get(ongoing.topic);
      if (!topic) byTopic.set(ongoing.topic, (topic = { name: ongoing.topic, partitions: [] }));
      topic.partitions.push({ partitionIndex: ongoing.partition, replicas: ongoing.replicas, addingReplicas: ongoing.adding, removingReplicas: ongoing.removing });
    }
    return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, topics: [...byTopic.values()] };
  },
  errorResponse(_request, errorCode) {
    const entry = kafkaErrorForCode(errorCode);
    return { throttleTimeMs: 0, errorCode, errorMessage: entry?.message ?? null, topics: [] };
  },
});
