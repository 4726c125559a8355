/**
 * ControlledShutdown (key 7), v1 only, inter-broker (not advertised to clients). A stopping broker asks the
 * controller to move its leaderships to other ISR members and take it out of every ISR; the answer lists
 * the partitions it still leads (nobody else in their ISR). Non-controllers answer NOT_CONTROLLER.
 */
import { KAFKA_ERRORS, KafkaReader, KafkaWriter } from '../../protocol/index.ts';
import {
  CONTROLLED_SHUTDOWN,
  decodeControlledShutdownRequest,
  encodeControlledShutdownResponse,
} from '../../network/inter-broker-messages.ts';
import type { ControlledShutdownRequest, ControlledShutdownResponse } from '../../network/inter-broker-messages.ts';
import { defineApiHandler } from '../api-handler.ts';

export default defineApiHandler<ControlledShutdownRequest, ControlledShutdownResponse>({
  apiKey: CONTROLLED_SHUTDOWN.apiKey,
  name: 'ControlledShutdown',
  minVersion: CONTROLLED_SHUTDOWN.version,
  maxVersion: CONTROLLED_SHUTDOWN.version,
  advertised: false,
  decode(body) {
    const reader = new KafkaReader(body);
    const value = decodeControlledShutdownRequest(reader);
    reader.expectEnd('ControlledShutdownRequest v1');
    return value;
  },
  encode(response) {
    const writer = new KafkaWriter();
    encodeControlledShutdownResponse(writer, response);
    return writer.toBytes();
  },
  async handle(ctx, request) {
    const { controller } = ctx.services.internals;
    if (!controller.isActive) return { errorCode: KAFKA_ERRORS.NOT_CONTROLLER.code, remainingPartitions: [] };
    const result = await controller.controlledShutdown(request.brokerId);
    return {
      errorCode: 0,
      remainingPartitions: result.remaining.map((p) => ({ topicName: p.topic, partitionIndex: p.partition })),
    };
  },
  errorResponse(_request, errorCode) {
    return { errorCode, remainingPartitions: [] };
  },
});
