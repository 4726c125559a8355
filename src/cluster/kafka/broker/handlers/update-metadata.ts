/**
 * UpdateMetadata (API key 6), versions 0..8, controller -> every live broker
 * (`ReplicaManager.maybeUpdateMetadataCache`, `ZkMetadataCache.updateMetadata`). This is how a broker in
 * ZooKeeper mode learns partition leaders and ISRs for its Metadata answers: it does not watch the state
 * znodes. A request from an older controller epoch is refused with STALE_CONTROLLER_EPOCH.
 *
 * Live brokers come from `/brokers/ids` here (the cache keeps that watch); the request's list is not used.
 */
import { KAFKA_ERRORS } from '../../protocol/errors.ts';
import { API_KEYS, isZeroUuid, uuidToText } from '../../protocol/index.ts';
import type { PushedPartitionState } from '../../metadata/zk-metadata-cache.ts';
import type { UpdateMetadataRequest, UpdateMetadataResponse } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';
import { isBrokerEpochStale } from '../stale-broker-epoch.ts';

export default defineApiHandler<UpdateMetadataRequest, UpdateMetadataResponse>({
  ...messageCodec(API_KEYS.UpdateMetadata),
  errorResponse(_request, errorCode) {
    return { errorCode };
  },
  handle(ctx, request) {
    const { replicas, cache } = ctx.services.internals;
    if (isBrokerEpochStale(ctx, 'UpdateMetadata', request.brokerEpoch)) return { errorCode: KAFKA_ERRORS.STALE_BROKER_EPOCH.code };
    if (request.controllerEpoch < replicas.controllerEpoch) {
      ctx.services.logger
        .child('state-change')
        .warn(
          `Ignoring UpdateMetadata request from controller ${request.controllerId} since its controller epoch ${request.controllerEpoch} is old. Latest known controller epoch is ${replicas.controllerEpoch}`,
        );
      return { errorCode: KAFKA_ERRORS.STALE_CONTROLLER_EPOCH.code };
    }
    replicas.controllerEpoch = request.controllerEpoch;
    const topics = new Map<string, { topicId: string | null; states: PushedPartitionState[] }>();
    const add = (topic: string, topicId: Uint8Array | undefined) => {
      let entry = topics.get(topic);
      if (!entry) topics.set(topic, (entry = { topicId: topicId && !isZeroUuid(topicId) ? uuidToText(topicId) : null, states: [] }));
      return entry;
    };
    const grouped = (request.topicStates ?? []).flatMap((t) => t.partitionStates.map((p) => ({ ...p, topicName: t.topicName, topicId: t.topicId })));
    const ungrouped = (request.ungroupedPartitionStates ?? []).map((p) => ({ ...p, topicName: p.topicName ?? '', topicId: undefined }));
    for (const p of [...grouped, ...ungrouped]) {
      add(p.topicName, p.topicId).states.push({
        partition: p.partitionIndex,
        leader: p.leader,
        leaderEpoch: p.leaderEpoch,
        isr: p.isr,
        controllerEpoch: p.controllerEpoch,
        zkVersion: p.zkVersion,
        replicas: p.replicas,
      });
    }
    for (const [topic, entry] of topics) cache.updateMetadata(topic, entry.topicId, entry.states);
    return { errorCode: 0 };
  },
});
