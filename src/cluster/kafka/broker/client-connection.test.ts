import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../logger.ts';
import { FrameReader } from '../../transport/frame-reader.ts';
import { MemoryTransport } from '../../transport/memory-transport.ts';
import type { Connection } from '../../transport/transport.ts';
import { resolveBrokerConfig } from '../broker-config.ts';
import { KafkaReader, KafkaWriter } from '../protocol/index.ts';
import { ApiRegistry, defineApiHandler } from './api-handler.ts';
import type { BrokerServices } from './broker-services.ts';
import { ClientConnection } from './client-connection.ts';
import { FaultInjector } from './fault-injector.ts';

/** A toy API (key 500): request = int32 delay, response = int16 error + int32 echo. */
const echo = defineApiHandler<{ delay: number }, { errorCode: number; value: number }>({
  apiKey: 500,
  name: 'Echo',
  minVersion: 0,
  maxVersion: 1,
  decode(body) {
    const reader = new KafkaReader(body);
    const value = { delay: reader.int32() };
    reader.expectEnd('Echo');
    return value;
  },
  encode(response) {
    return new KafkaWriter().int16(response.errorCode).int32(response.value).toBytes();
  },
  async handle(_ctx, request) {
    if (request.delay < 0) throw new Error('the store behind this API is unreachable');
    await new Promise((resolve) => setTimeout(resolve, request.delay));
    return { errorCode: 0, value: request.delay };
  },
  errorResponse(_request, errorCode) {
    return { errorCode, value: -1 };
  },
});

async function setup() {
  const transport = new MemoryTransport();
  const faults = new FaultInjector();
  const services = {
    brokerId: 1,
    config: resolveBrokerConfig({ socketRequestMaxBytes: 1024 }),
    logger: silentLogger,
    apis: new ApiRegistry([echo]),
    faults,
  } as unknown as BrokerServices;
  await transport.listen('broker', 9092, (connection) => new ClientConnection(connection, services, silentLogger));
  const client = await transport.connect('broker', 9092);
  const frames = new FrameReader(1 << 20);
  const responses: Array<{ correlationId: number; errorCode: number; value: number }> = [];
  let closed = false;
  client.onClose(() => (closed = true));
  client.onData((bytes) => {
    for (const frame of frames.push(bytes)) {
      const reader = new KafkaReader(frame);
      responses.push({ correlationId: reader.int32(), errorCode: reader.int16(), value: reader.remaining >= 4 ? reader.int32() : NaN });
    }
  });
  return { faults, client, responses, isClosed: () => closed };
}

function request(client: Connection, correlationId: number, delay: number, version = 0, apiKey = 500): void {
  const writer = new KafkaWriter();
  const size = writer.reserveInt32();
  writer.int16(apiKey).int16(version).int32(correlationId).nullableString('test').int32(delay);
  writer.int32At(size, writer.length - 4);
  client.write(writer.toBytes());
}

/** Polls `condition` (a precondition of the assertions that follow) until it holds; fails after `timeoutMs`. */
async function until(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('ClientConnection', () => {
  it('answers pipelined requests one at a time, in order', async () => {
    const { client, responses } = await setup();
    request(client, 1, 30);
    request(client, 2, 0);
    request(client, 3, 10);
    await until(() => responses.length >= 3, 'three responses');
    expect(responses.map((r) => r.correlationId)).toEqual([1, 2, 3]);
  });

  it('answers UNSUPPORTED_VERSION to unknown keys and versions and keeps the connection', async () => {
    const { client, responses, isClosed } = await setup();
    request(client, 7, 0, 9);
    request(client, 8, 0, 0, 999);
    request(client, 9, 0);
    // The answer to 9 proves the connection outlived 7 and 8.
    await until(() => responses.length >= 3, 'three responses');
    expect(responses.map((r) => [r.correlationId, r.errorCode])).toEqual([[7, 35], [8, 35], [9, 0]]);
    expect(isClosed()).toBe(false);
  });

  it('answers UNKNOWN_SERVER_ERROR when a handler fails unexpectedly, and keeps the connection (as KafkaApis.handleError)', async () => {
    const { client, responses, isClosed } = await setup();
    request(client, 11, -1);
    request(client, 12, 0);
    await until(() => responses.length >= 2, 'two responses');
    expect(responses.map((r) => [r.correlationId, r.errorCode])).toEqual([[11, -1], [12, 0]]);
    expect(isClosed()).toBe(false);
  });

  it('closes the connection on an oversized frame or a malformed body', async () => {
    const big = await setup();
    big.client.write(new Uint8Array([0, 0, 8, 0]));
    await until(big.isClosed, 'the oversized frame to close the connection');
    expect(big.responses).toEqual([]);
    const bad = await setup();
    bad.client.write(new Uint8Array([0, 0, 0, 12, 1, 244, 0, 0, 0, 0, 0, 1, 255, 255, 0, 0]));
    await until(bad.isClosed, 'the malformed body to close the connection');
    expect(bad.responses).toEqual([]);
  });

  it('obeys per-API fault hooks: error, drop, delay, close', async () => {
    const { client, responses, faults, isClosed } = await setup();
    faults.add(500, () => ({ action: 'error', errorCode: 6 }), { times: 1 });
    request(client, 1, 0);
    request(client, 2, 0);
    await until(() => responses.length >= 2, 'two responses');
    expect(responses.map((r) => [r.correlationId, r.errorCode])).toEqual([[1, 6], [2, 0]]);
    let dropped = 0;
    const removeDrop = faults.add(500, () => (dropped++, { action: 'drop' }));
    request(client, 3, 0);
    await until(() => dropped === 1, 'the drop hook to take request 3');
    removeDrop();
    // Answers come in request order: 30 answered (and nothing before it) proves 3 got no answer.
    request(client, 30, 0);
    await until(() => responses.length >= 3, 'the answer to 30');
    expect(responses.map((r) => r.correlationId)).toEqual([1, 2, 30]);
    faults.add(500, () => ({ action: 'delay', ms: 50 }), { times: 1 });
    const started = Date.now();
    request(client, 4, 0);
    await until(() => responses.length >= 4, 'the delayed answer to 4');
    expect(responses.at(-1)?.correlationId).toBe(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    faults.add(500, () => ({ action: 'close' }));
    request(client, 5, 0);
    await until(isClosed, 'the close fault to close the connection');
    expect(responses).toHaveLength(4);
  });

  it('handles the request and then closes without answering (a lost acknowledgement)', async () => {
    const { client, responses, faults, isClosed } = await setup();
    let handled = 0;
    faults.add(500, () => ({ action: 'close-after-handling' }), { times: 1 });
    const original = echo.handle;
    echo.handle = async (ctx, req) => {
      handled += 1;
      return original.call(echo, ctx, req);
    };
    try {
      request(client, 7, 20);
      await until(isClosed, 'the connection to close after handling');
    } finally {
      echo.handle = original;
    }
    expect(handled).toBe(1);
    expect(responses).toEqual([]);
  });
});
