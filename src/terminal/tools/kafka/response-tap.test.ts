/**
 * The response tap over in-memory pipes: answers arrive in chunks that cut frames (and their headers)
 * anywhere; a copying tap passes every byte on as it came, a rewriting one holds back only the answers
 * it was asked about.
 */
import { describe, expect, it } from 'vitest';
import { MemoryTransport } from '../../../cluster/transport/memory-transport.ts';
import type { Connection } from '../../../cluster/transport/transport.ts';
import { rewriteKafkaResponses, tapKafkaResponses, type TappedResponse } from './response-tap.ts';

const METADATA = 3;
const FIND_COORDINATOR = 10;

/** A request frame as kafkajs writes it: size, api key, version, correlation id, then a client id. */
function request(apiKey: number, version: number, correlationId: number): Uint8Array {
  const frame = new Uint8Array(14);
  const view = new DataView(frame.buffer);
  view.setInt32(0, 10);
  view.setInt16(4, apiKey);
  view.setInt16(6, version);
  view.setInt32(8, correlationId);
  view.setInt16(12, -1);
  return frame;
}

/** An answer frame: size, correlation id, then `body`. */
function answer(correlationId: number, body: number[]): Uint8Array {
  const frame = new Uint8Array(8 + body.length);
  const view = new DataView(frame.buffer);
  view.setInt32(0, 4 + body.length);
  view.setInt32(4, correlationId);
  frame.set(body, 8);
  return frame;
}

const concat = (parts: readonly Uint8Array[]) => {
  const bytes = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
};

/** A client through `tapped` and the broker end of its connection; `received` resolves once `count` bytes came. */
async function connect(wrap: (transport: MemoryTransport) => ReturnType<typeof tapKafkaResponses>) {
  const transport = new MemoryTransport();
  let broker: Connection | undefined;
  await transport.listen('broker', 9092, (connection) => (broker = connection));
  const client = await wrap(transport).connect('broker', 9092);
  const chunks: Uint8Array[] = [];
  let waiting: { count: number; resolve: () => void } | undefined;
  client.onData((bytes) => {
    chunks.push(bytes.slice());
    if (waiting && concat(chunks).byteLength >= waiting.count) waiting.resolve();
  });
  const received = (count: number) =>
    new Promise<Uint8Array>((resolve) => {
      const done = () => resolve(concat(chunks));
      if (concat(chunks).byteLength >= count) done();
      else waiting = { count, resolve: done };
    });
  return { client, broker: broker!, received };
}

/** The answers in chunks cutting through the second frame's header and body. */
function chunked(...frames: Uint8Array[]): Uint8Array[] {
  const stream = concat(frames);
  return [stream.subarray(0, 3), stream.subarray(3, frames[0].byteLength + 5), stream.subarray(frames[0].byteLength + 5, stream.byteLength - 2), stream.subarray(stream.byteLength - 2)];
}

describe('tapKafkaResponses', () => {
  it('copies the answers to the chosen APIs and passes every byte on unchanged', async () => {
    const seen: TappedResponse[] = [];
    const { client, broker, received } = await connect((transport) => tapKafkaResponses(transport, { apiKeys: new Set([METADATA]), onResponse: (response) => seen.push(response) }));
    client.write(request(FIND_COORDINATOR, 2, 1));
    client.write(request(METADATA, 6, 2));
    const other = answer(1, [9, 9, 9]);
    const metadata = answer(2, [1, 2, 3, 4, 5]);
    for (const chunk of chunked(other, metadata)) broker.write(chunk);
    expect(await received(other.byteLength + metadata.byteLength)).toEqual(concat([other, metadata]));
    expect(seen).toEqual([{ apiKey: METADATA, apiVersion: 6, correlationId: 2, address: 'broker:9092', payload: metadata.subarray(4) }]);
  });
});

describe('rewriteKafkaResponses', () => {
  it('passes on the rewritten answer in place of the chosen one, the others as they were', async () => {
    const replacement = answer(2, [7]);
    const rewritten: number[] = [];
    const { client, broker, received } = await connect((transport) =>
      rewriteKafkaResponses(transport, {
        apiKeys: new Set([METADATA]),
        rewrite: (response) => {
          rewritten.push(response.correlationId);
          return response.correlationId === 2 ? replacement : undefined;
        },
      }),
    );
    client.write(request(FIND_COORDINATOR, 2, 1));
    client.write(request(METADATA, 6, 2));
    client.write(request(METADATA, 6, 3));
    const other = answer(1, [9, 9, 9]);
    const first = answer(2, [1, 2, 3, 4, 5]);
    const second = answer(3, [6, 6]);
    for (const chunk of chunked(other, first, second)) broker.write(chunk);
    const expected = concat([other, replacement, second]);
    expect(await received(expected.byteLength)).toEqual(expected);
    expect(rewritten).toEqual([2, 3]);
  });
});
