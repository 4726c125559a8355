/**
 * ApiVersions (key 18), v0-v2. v0: error_code + [api_key, min, max]; v1+ add throttle_time_ms.
 * kafkajs tries v2, v1, v0; librdkafka first sends a flexible v3, which the connection answers with the
 * v0-layout UNSUPPORTED_VERSION fallback (see client-connection.ts), then v0. Lists every advertised
 * handler of this broker's registry, so all brokers advertise the same table.
 */
import { API_KEYS } from '../../protocol/index.ts';
import { defineApiHandler } from '../api-handler.ts';
import { messageCodec } from '../message-codec.ts';

export default defineApiHandler({
  ...messageCodec(API_KEYS.ApiVersions),
  handle(ctx) {
    return { errorCode: 0, apiKeys: ctx.services.apis.advertisedVersions(), throttleTimeMs: 0 };
  },
  errorResponse(_request, errorCode) {
    return { errorCode, apiKeys: [], throttleTimeMs: 0 };
  },
});
