/**
 * StopReplica (API key 5), versions 0..4, controller -> broker (`ReplicaManager.stopReplicas`): the
 * replica stops fetching, and with `delete_partition` (topic deletion, a replica moved away by a
 * reassignment) it is removed and its log deleted.
 *
 * - An older controller epoch: STALE_CONTROLLER_EPOCH for the whole request.
 * - A partition whose leader epoch is older than the replica's: FENCED_LEADER_EPOCH. The sentinels -2
 *   (`EpochDuringDelete`, topic deletion) and -1 (no epoch, v0-2) always pass.
 * - A partition this broker does not host: NONE (a log left on disk is deleted all the same).
 */
import { KAFKA_ERRORS } from '../../protocol/errors.ts';
import { API_KEYS } from '../../protocol/index.ts';
import type { StopReplicaRequest, StopReplicaResponse } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';
import { isBrokerEpochStale } from '../stale-broker-epoch.ts';

const EPOCH_DURING_DELETE = -2;
const NO_EPOCH = -1;

function partitionsOf(request: StopReplicaRequest): Array<{ topic: string; partition: number; leaderEpoch: number; deletePartition: boolean }> {
  if (request.topicStates && request.topicStates.length > 0) {
    return request.topicStates.flatMap((t) => t.partitionStates.map((p) => ({ topic: t.topicName, partition: p.partitionIndex, leaderEpoch: p.leaderEpoch, deletePartition: p.deletePartition })));
  }
  const deletePartition = request.deletePartitions ?? false;
  const v1 = (request.topics ?? []).flatMap((t) => t.partitionIndexes.map((partition) => ({ topic: t.name, partition, leaderEpoch: NO_EPOCH, deletePartition })));
  const v0 = (request.ungroupedPartitions ?? []).map((p) => ({ topic: p.topicName, partition: p.partitionIndex, leaderEpoch: NO_EPOCH, deletePartition }));
  return [...v1, ...v0];
}

export default defineApiHandler<StopReplicaRequest, StopReplicaResponse>({
  ...messageCodec(API_KEYS.StopReplica),
  errorResponse(request, errorCode) {
    return { errorCode, partitionErrors: partitionsOf(request).map((p) => ({ topicName: p.topic, partitionIndex: p.partition, errorCode })) };
  },
  handle(ctx, request) {
    const { replicas } = ctx.services.internals;
    const log = ctx.services.logger.child('state-change');
    if (isBrokerEpochStale(ctx, 'StopReplica', request.brokerEpoch)) return { errorCode: KAFKA_ERRORS.STALE_BROKER_EPOCH.code, partitionErrors: [] };
    const from = `controller ${request.controllerId} epoch ${request.controllerEpoch}`;
    if (request.controllerEpoch < replicas.controllerEpoch) {
      log.warn(`Ignoring StopReplica request from ${from} since its controller epoch ${request.controllerEpoch} is old. Latest known controller epoch is ${replicas.controllerEpoch}`);
      return { errorCode: KAFKA_ERRORS.STALE_CONTROLLER_EPOCH.code, partitionErrors: [] };
    }
    replicas.controllerEpoch = request.controllerEpoch;
    const partitionErrors: StopReplicaResponse['partitionErrors'] = [];
    for (const p of partitionsOf(request)) {
      const current = replicas.getPartition(p.topic, p.partition)?.leaderEpoch ?? NO_EPOCH;
      let errorCode = 0;
      if (p.leaderEpoch === EPOCH_DURING_DELETE || p.leaderEpoch === NO_EPOCH || p.leaderEpoch >= current) {
        replicas.stopReplica(p.topic, p.partition, p.deletePartition);
      } else {
        log.warn(
          `Ignoring StopReplica request (delete=${p.deletePartition}) from ${from} for partition ${p.topic}-${p.partition} since its associated leader epoch ${p.leaderEpoch} is smaller than the current leader epoch ${current}`,
        );
        errorCode = KAFKA_ERRORS.FENCED_LEADER_EPOCH.code;
      }
      partitionErrors.push({ topicName: p.topic, partitionIndex: p.partition, errorCode });
    }
    log.info(`Handled StopReplica request from ${from} for ${partitionErrors.length} partitions`);
    return { errorCode: 0, partitionErrors };
  },
});
