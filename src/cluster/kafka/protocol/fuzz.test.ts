/**
 * Bounded fuzzing: random, truncated and corrupted bytes must never make a decoder throw anything but
 * its typed errors, and must never hang (each loop is bounded; the test has Vitest's timeout).
 */
import { describe, expect, it } from 'vitest';
import type { ApiDefinition } from './api-definition.ts';
import { ProtocolDecodeError } from './codec-errors.ts';
import { KafkaProtocolError } from './errors.ts';
import { API_REGISTRY } from './messages/index.ts';
import type { ApiKey } from './messages/index.ts';
import { decodeRecordBatch, decodeRecordBatches, encodeRecordBatch } from './record-batch.ts';
import { decodeRequestFrame, decodeResponseFrame } from './request-codec.ts';
import { encodeRequestHeader } from './request-header.ts';
import { encodeResponseHeader, responseHeaderVersion } from './response-header.ts';
import { SUPPORTED_APIS } from './supported-apis.ts';
import { createRandom, loadModels, randomMessage } from './test-support/random-values.ts';
import { KafkaWriter } from './writer.ts';

type AnyApi = ApiDefinition<number, unknown, unknown>;
const registry = API_REGISTRY as unknown as Record<number, AnyApi>;

function expectOnlyDecodeErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ProtocolDecodeError)) throw error;
  }
}

function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  const copy = bytes.slice(0, Math.floor(random() * (bytes.length + 1)));
  const flips = Math.floor(random() * 4);
  for (let i = 0; i < flips && copy.length > 0; i++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
  return copy;
}

/** A valid request payload (no size prefix) and response payload for a random API and version. */
function validPayloads(random: () => number): { apiKey: number; version: number; request: Uint8Array; response: Uint8Array } {
  const api = SUPPORTED_APIS[Math.floor(random() * SUPPORTED_APIS.length)];
  const version = api.minVersion + Math.floor(random() * (api.maxVersion - api.minVersion + 1));
  const models = loadModels(api);
  const codecs = registry[api.apiKey];
  const request = new KafkaWriter();
  encodeRequestHeader(request, { apiKey: api.apiKey, apiVersion: version, correlationId: 1, clientId: 'fuzz' });
  codecs.encodeRequest(request, randomMessage(models.request, version, random), version);
  const response = new KafkaWriter();
  encodeResponseHeader(response, { correlationId: 1 }, responseHeaderVersion(api.apiKey, version));
  codecs.encodeResponse(response, randomMessage(models.response, version, random), version);
  return { apiKey: api.apiKey, version, request: request.toBytes(), response: response.toBytes() };
}

describe('fuzz', () => {
  it('random bytes as request frames', () => {
    const random = createRandom(1);
    for (let i = 0; i < 5000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
      // Mostly valid-looking headers so bodies get exercised too.
      if (bytes.length >= 4 && random() < 0.8) {
        const api = SUPPORTED_APIS[Math.floor(random() * SUPPORTED_APIS.length)];
        new DataView(bytes.buffer).setInt16(0, api.apiKey);
        new DataView(bytes.buffer).setInt16(2, api.minVersion + Math.floor(random() * (api.maxVersion - api.minVersion + 1)));
      }
      expectOnlyDecodeErrors(() => decodeRequestFrame(bytes));
    }
  });

  it('truncated and corrupted valid requests and responses', () => {
    const random = createRandom(2);
    for (let i = 0; i < 400; i++) {
      const { apiKey, version, request, response } = validPayloads(random);
      for (let j = 0; j < 10; j++) {
        expectOnlyDecodeErrors(() => decodeRequestFrame(mutate(request, random)));
        expectOnlyDecodeErrors(() => decodeResponseFrame(apiKey as ApiKey, version, mutate(response, random)));
      }
    }
  });

  it('huge declared lengths fail fast', () => {
    const started = Date.now();
    for (const apiKey of [0, 3, 1, 19]) {
      const version = registry[apiKey].maxVersion;
      const header = new KafkaWriter();
      encodeRequestHeader(header, { apiKey, apiVersion: version, correlationId: 1, clientId: null });
      for (let i = 0; i < 20; i++) header.int32(0x7fffffff);
      expect(() => decodeRequestFrame(header.toBytes())).toThrow(ProtocolDecodeError);
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('truncated and corrupted record batches', async () => {
    const random = createRandom(3);
    const samples = await Promise.all(
      (['none', 'gzip'] as const).map((compression) =>
        encodeRecordBatch({
          compression,
          records: Array.from({ length: 5 }, (_, i) => ({
            timestamp: BigInt(1000 + i),
            key: i % 2 === 0 ? null : new Uint8Array([i]),
            value: new TextEncoder().encode(`value-${i}`),
            headers: [{ key: 'h', value: new Uint8Array([i]) }],
          })),
        }),
      ),
    );
    for (let i = 0; i < 600; i++) {
      const bytes = mutate(samples[i % 2], random);
      for (const decode of [() => decodeRecordBatch(bytes), () => decodeRecordBatches(bytes)]) {
        try {
          await decode();
        } catch (error) {
          const typed = error instanceof ProtocolDecodeError || (error instanceof KafkaProtocolError && error.code === 76);
          if (!typed) throw error;
        }
      }
    }
  });
});
