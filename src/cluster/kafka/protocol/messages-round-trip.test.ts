import { describe, expect, it } from 'vitest';
import { API_REGISTRY } from './messages/index.ts';
import type { ApiDefinition } from './api-definition.ts';
import { KafkaReader } from './reader.ts';
import { SUPPORTED_APIS } from './supported-apis.ts';
import { createRandom, loadModels, randomMessage } from './test-support/random-values.ts';
import { KafkaWriter } from './writer.ts';

type AnyApi = ApiDefinition<number, unknown, unknown>;
const registry = API_REGISTRY as unknown as Record<number, AnyApi>;

describe('generated codecs round-trip (value -> encode -> decode -> equal)', () => {
  for (const api of SUPPORTED_APIS) {
    const models = loadModels(api);
    const codecs = registry[api.apiKey];
    for (let version = api.minVersion; version <= api.maxVersion; version++) {
      it(`${api.name} v${version}`, () => {
        const random = createRandom(api.apiKey * 1000 + version);
        for (let sample = 0; sample < 25; sample++) {
          const request = randomMessage(models.request, version, random);
          const requestWriter = new KafkaWriter();
          codecs.encodeRequest(requestWriter, request, version);
          const requestReader = new KafkaReader(requestWriter.toBytes());
          expect(codecs.decodeRequest(requestReader, version)).toStrictEqual(request);
          expect(requestReader.remaining).toBe(0);

          const response = randomMessage(models.response, version, random);
          const responseWriter = new KafkaWriter();
          codecs.encodeResponse(responseWriter, response, version);
          const responseReader = new KafkaReader(responseWriter.toBytes());
          expect(codecs.decodeResponse(responseReader, version)).toStrictEqual(response);
          expect(responseReader.remaining).toBe(0);
        }
      });
    }
  }
});
