/**
 * LeaderAndIsr (API key 4), versions 0..7, controller -> broker (`ReplicaManager.becomeLeaderOrFollower`).
 * The active controller tells the replicas of a partition who leads it now, with which leader epoch and
 * ISR; the broker becomes leader or follower accordingly (followers fetch from the new leader).
 *
 * - A request from an older controller epoch than the newest this broker has seen is refused whole with
 *   STALE_CONTROLLER_EPOCH (a deposed controller cannot move leaders).
 * - A partition state whose leader epoch is not newer than the replica's is ignored, answered with
 *   STALE_CONTROLLER_EPOCH as Kafka does (older: a warning; equal: already applied).
 * - A partition whose replica list does not name this broker: UNKNOWN_TOPIC_OR_PARTITION.
 * - v5+ answers per topic id, older versions per topic name. Our controller sends v7.
 */
import { KAFKA_ERRORS } from '../../protocol/errors.ts';
import { API_KEYS, isZeroUuid, uuidToText } from '../../protocol/index.ts';
import type { LeaderAndIsrPartitionState, LeaderAndIsrRequest, LeaderAndIsrResponse } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';
import { isBrokerEpochStale } from '../stale-broker-epoch.ts';

const STALE = KAFKA_ERRORS.STALE_CONTROLLER_EPOCH.code;

interface Answer {
  topic: string;
  topicId: Uint8Array;
  partition: number;
  errorCode: number;
}

function partitionStatesOf(request: LeaderAndIsrRequest): Array<{ topic: string; topicId: Uint8Array; state: LeaderAndIsrPartitionState }> {
  if (request.topicStates && request.topicStates.length > 0) {
    return request.topicStates.flatMap((t) => t.partitionStates.map((state) => ({ topic: t.topicName, topicId: t.topicId ?? new Uint8Array(16), state })));
  }
  return (request.ungroupedPartitionStates ?? []).map((state) => ({ topic: state.topicName ?? '', topicId: new Uint8Array(16), state }));
}

function respond(answers: Answer[], errorCode: number, version: number): LeaderAndIsrResponse {
  if (version < 5) {
    return { errorCode, partitionErrors: answers.map((a) => ({ topicName: a.topic, partitionIndex: a.partition, errorCode: a.errorCode })) };
  }
  const byTopic = new Map<string, { topicId: Uint8Array; partitionErrors: Array<{ partitionIndex: number; errorCode: number }> }>();
  for (const a of answers) {
    let topic = byTopic.get(a.topic);
    if (!topic) byTopic.set(a.topic, (topic = { topicId: a.topicId, partitionErrors: [] }));
    topic.partitionErrors.push({ partitionIndex: a.partition, errorCode: a.errorCode });
  }
  return { errorCode, topics: [...byTopic.values()] };
}

export default defineApiHandler<LeaderAndIsrRequest, LeaderAndIsrResponse>({
  ...messageCodec(API_KEYS.LeaderAndIsr),
  errorResponse(request, errorCode, version) {
    return respond(partitionStatesOf(request).map((p) => ({ topic: p.topic, topicId: p.topicId, partition: p.state.partitionIndex, errorCode })), errorCode, version);
  },
  handle(ctx, request) {
    const { replicas } = ctx.services.internals;
    const log = ctx.services.logger.child('state-change');
    const states = partitionStatesOf(request);
    if (isBrokerEpochStale(ctx, 'LeaderAndIsr', request.brokerEpoch)) {
      const stale = KAFKA_ERRORS.STALE_BROKER_EPOCH.code;
      return respond(states.map((p) => ({ topic: p.topic, topicId: p.topicId, partition: p.state.partitionIndex, errorCode: stale })), stale, ctx.apiVersion);
    }
    const from = `controller ${request.controllerId} epoch ${request.controllerEpoch}`;
    if (request.controllerEpoch < replicas.controllerEpoch) {
      log.warn(
        `Ignoring LeaderAndIsr request from ${from} since its controller epoch ${request.controllerEpoch} is old. Latest known controller epoch is ${replicas.controllerEpoch}`,
      );
      return respond(states.map((p) => ({ topic: p.topic, topicId: p.topicId, partition: p.state.partitionIndex, errorCode: STALE })), STALE, ctx.apiVersion);
    }
    replicas.controllerEpoch = request.controllerEpoch;
    const answers: Answer[] = [];
    for (const { topic, topicId, state } of states) {
      const name = `${topic}-${state.partitionIndex}`;
      const currentEpoch = replicas.getPartition(topic, state.partitionIndex)?.leaderEpoch ?? -1;
      let errorCode = 0;
      if (!state.replicas.includes(replicas.brokerId)) {
        log.warn(`Ignoring LeaderAndIsr request from ${from} for partition ${name} as itself is not in assigned replica list ${state.replicas.join(',')}`);
        errorCode = KAFKA_ERRORS.UNKNOWN_TOPIC_OR_PARTITION.code;
      } else if (state.leaderEpoch > currentEpoch) {
        const partition = replicas.hostReplica(topic, state.partitionIndex, isZeroUuid(topicId) ? null : uuidToText(topicId));
        replicas.makeLeaderOrFollower(partition, {
          leader: state.leader,
          leaderEpoch: state.leaderEpoch,
          isr: state.isr,
          replicas: state.replicas,
          zkVersion: state.partitionEpoch,
        });
      } else if (state.leaderEpoch < currentEpoch) {
        log.warn(`Ignoring LeaderAndIsr request from ${from} for partition ${name} since its associated leader epoch ${state.leaderEpoch} is smaller than the current leader epoch ${currentEpoch}`);
        errorCode = STALE;
      } else {
        log.debug(`Ignoring LeaderAndIsr request from ${from} for partition ${name} since its associated leader epoch ${state.leaderEpoch} matches the current leader epoch`);
        errorCode = STALE;
      }
      answers.push({ topic, topicId, partition: state.partitionIndex, errorCode });
    }
    return respond(answers, 0, ctx.apiVersion);
  },
});
