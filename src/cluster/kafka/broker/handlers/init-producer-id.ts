/**
 * InitProducerId (key 22), v0-1: a producer id and epoch for an idempotent producer.
 *
 * - `transactional_id` null (idempotence only): a fresh producer id from this broker's block
 *   (`producer-id-manager.ts`, blocks taken from `/latest_producer_id_block`) and epoch 0, as Kafka's
 *   `TransactionCoordinator.handleInitProducerId` answers. Any broker answers (kafkajs asks the controller,
 *   librdkafka any broker). While the block cannot be taken from ZooKeeper: COORDINATOR_LOAD_IN_PROGRESS,
 *   retriable, what Kafka's RPC producer-id manager answers while it waits for a block.
 * - a transactional id: transactions are not supported (see `transactions-unsupported.ts`).
 * - v1 only changes the throttling behaviour; v2+ (KIP-360, producer id/epoch in the request) are not
 *   needed: an idempotent producer (librdkafka, Java) bumps its epoch itself, only a transactional one
 *   asks the coordinator.
 */
import { API_KEYS, KAFKA_ERRORS } from '../../protocol/index.ts';
import type { InitProducerIdRequest, InitProducerIdResponse } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';
import { producerIdManagerFor } from '../producer-id-manager.ts';
import { logTransactionsUnsupported, TRANSACTIONS_UNSUPPORTED_ERROR } from '../transactions-unsupported.ts';

function errorResponse(_request: InitProducerIdRequest, errorCode: number): InitProducerIdResponse {
  return { throttleTimeMs: 0, errorCode, producerId: -1n, producerEpoch: -1 };
}

export default defineApiHandler<InitProducerIdRequest, InitProducerIdResponse>({
  ...messageCodec(API_KEYS.InitProducerId),
  errorResponse,
  async handle(ctx, request) {
    if (request.transactionalId !== null) {
      logTransactionsUnsupported(ctx.logger, 'InitProducerId', request.transactionalId, ctx.clientId);
      return errorResponse(request, TRANSACTIONS_UNSUPPORTED_ERROR.code);
    }
    const { services } = ctx;
    const manager = producerIdManagerFor(services.brokerId, services.internals.replicas.zk, services.logger.child('producer-ids'));
    try {
      const producerId = await manager.generateProducerId();
      ctx.logger.debug('initialized idempotent producer', { producerId: String(producerId), clientId: ctx.clientId });
      return { throttleTimeMs: 0, errorCode: 0, producerId, producerEpoch: 0 };
    } catch (error) {
      ctx.logger.warn('could not take a producerId block from ZooKeeper', { error: String(error) });
      return errorResponse(request, KAFKA_ERRORS.COORDINATOR_LOAD_IN_PROGRESS.code);
    }
  },
});
