/**
 * FindCoordinator (API key 10), versions 0..2: which broker coordinates a group.
 *
 * - v0: `key` only (a group id); v1+ add `key_type` (0 = group, 1 = transaction) and, in the response,
 *   `throttle_time_ms` and `error_message`. Both clients send v2.
 * - The minimum MUST stay 0: librdkafka enables its BrokerGroupCoordinator feature only when the range
 *   overlaps 0..0, otherwise `kcat -G` never looks a coordinator up.
 * - Like Kafka: the coordinator is the live leader of `__consumer_offsets` partition
 *   `abs(javaHash(groupId)) % partitions`; the topic is created by the first FindCoordinator (with
 *   `offsets.topic.replication.factor` replicas: while fewer brokers are alive creation fails, logged at
 *   info). Until that partition has a leader (or while its leader is down) the answer is
 *   COORDINATOR_NOT_AVAILABLE, which clients retry; groups hashing to other partitions are unaffected.
 * - The coordinator's address is that of the listener the request came through (Kafka's
 *   `getAliveBrokerNode(leaderId, request.context.listenerName)`); a leader without it: COORDINATOR_NOT_AVAILABLE.
 * - No transaction coordinator exists here: key type 1 (TRANSACTION) gets TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
 *   fatal in every client (see `../transactions-unsupported.ts`), with a log line; other types INVALID_REQUEST.
 */
import { KAFKA_ERRORS, kafkaErrorForCode } from '../../protocol/errors.ts';
import { API_KEYS, type FindCoordinatorRequest, type FindCoordinatorResponse } from '../../protocol/index.ts';
import { offsetsPartitionFor } from '../../group/java-string-hash.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';
import { logTransactionsUnsupported, TRANSACTIONS_UNSUPPORTED_ERROR, TRANSACTIONS_UNSUPPORTED_MESSAGE } from '../transactions-unsupported.ts';

const OFFSETS_TOPIC = '__consumer_offsets';

function errorResponse(_request: FindCoordinatorRequest, errorCode: number): FindCoordinatorResponse {
  return { throttleTimeMs: 0, errorCode, errorMessage: kafkaErrorForCode(errorCode)?.message ?? null, nodeId: -1, host: '', port: -1 };
}

export default defineApiHandler<FindCoordinatorRequest, FindCoordinatorResponse>({
  ...messageCodec(API_KEYS.FindCoordinator),
  errorResponse,
  async handle(ctx, request) {
    const keyType = request.keyType ?? 0;
    if (keyType === 1) {
      logTransactionsUnsupported(ctx.logger, 'FindCoordinator', request.key, ctx.clientId);
      return { ...errorResponse(request, TRANSACTIONS_UNSUPPORTED_ERROR.code), errorMessage: TRANSACTIONS_UNSUPPORTED_MESSAGE };
    }
    if (keyType !== 0) return errorResponse(request, KAFKA_ERRORS.INVALID_REQUEST.code);
    const offsetsTopic = ctx.services.offsetsTopic;
    if (!(await offsetsTopic.ensureCreated())) return errorResponse(request, KAFKA_ERRORS.COORDINATOR_NOT_AVAILABLE.code);
    const partition = offsetsPartitionFor(request.key, offsetsTopic.partitionCount);
    const leader = ctx.services.partitionLeaderFor(OFFSETS_TOPIC, partition, ctx.listenerName);
    if (!leader) return errorResponse(request, KAFKA_ERRORS.COORDINATOR_NOT_AVAILABLE.code);
    return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: leader.id, host: leader.host, port: leader.port };
  },
});
