import { describe, expect, it } from 'vitest';
import { frame, FrameTooLargeError } from './frame-reader.ts';
import { FrameReceiver } from './frame-receiver.ts';
import { receiveFrames } from './receive-frames.ts';
import { MemoryTransport } from './memory-transport.ts';
import { TcpTransport } from './tcp-transport.ts';
import type { Transport } from './transport.ts';

/** Feeds `stream` to the receiver as a socket with `onread` would: each read fills at most `readSize` bytes of `nextBuffer()`. */
function feed(receiver: FrameReceiver, stream: Uint8Array, readSize: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < stream.length) {
    const into = receiver.nextBuffer();
    const count = Math.min(into.length, readSize, stream.length - at);
    into.set(stream.subarray(at, at + count));
    at += count;
    out.push(...receiver.received(count, into));
  }
  return out;
}

function payload(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

/** Byte equality without the matcher's per-element diffing (the frames are megabytes). */
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;

describe('FrameReceiver', () => {
  it('returns every frame whole, small and large, whatever the read sizes', () => {
    const payloads = [payload(10, 1), payload(0, 2), payload(200_000, 3), payload(3, 4), payload(70_000, 5)];
    const stream = new Uint8Array(payloads.reduce((sum, p) => sum + 4 + p.length, 0));
    let at = 0;
    for (const p of payloads) {
      stream.set(frame(p), at);
      at += 4 + p.length;
    }
    for (const readSize of [7, 4096, 65_536, 1 << 20]) {
      const receiver = new FrameReceiver();
      receiver.startFraming(1 << 20);
      const frames = feed(receiver, stream, readSize);
      expect(frames.map((f) => f.length), `reads of ${readSize}`).toEqual(payloads.map((p) => p.length));
      frames.forEach((f, i) => expect(same(f, payloads[i]), `frame ${i}, reads of ${readSize}`).toBe(true));
      // A frame is a buffer of its own: the log may keep it.
      for (const f of frames) if (f.length > 0) expect(f.buffer.byteLength).toBe(f.length);
    }
  });

  it('reads the rest of a large frame straight into its buffer', () => {
    const receiver = new FrameReceiver();
    receiver.startFraming(1 << 20);
    const body = payload(500_000, 7);
    const bytes = frame(body);
    const first = receiver.nextBuffer();
    first.set(bytes.subarray(0, 1000));
    expect(receiver.received(1000, first)).toEqual([]);
    const direct = receiver.nextBuffer();
    expect(direct.length).toBe(500_000 - 996);
    direct.set(bytes.subarray(1000));
    const [whole] = receiver.received(direct.length, direct);
    expect(whole.buffer).toBe(direct.buffer);
    expect(same(whole, body)).toBe(true);
  });

  it('rejects a negative or oversized length with FrameTooLargeError', () => {
    const receiver = new FrameReceiver();
    receiver.startFraming(100);
    expect(() => feed(receiver, frame(new Uint8Array(101)), 65_536)).toThrow(FrameTooLargeError);
    const negative = new FrameReceiver();
    negative.startFraming(100);
    expect(() => feed(negative, Uint8Array.of(0xff, 0xff, 0xff, 0xfe), 4)).toThrow(/negative frame length/);
  });

  it('before framing, hands out copies of what it read; those bytes are parsed once framing starts', () => {
    const receiver = new FrameReceiver();
    const stream = frame(payload(5, 9));
    const chunks = feed(receiver, stream.subarray(0, 6), 65_536);
    expect(chunks).toEqual([stream.subarray(0, 6)]);
    expect(receiver.startFraming(100, chunks)).toEqual([]);
    expect(feed(receiver, stream.subarray(6), 65_536)).toEqual([payload(5, 9)]);
  });
});

for (const [name, make] of [
  ['memory', () => new MemoryTransport()],
  ['tcp', () => new TcpTransport()],
] as Array<[string, () => Transport]>) {
  it(`receiveFrames over the ${name} transport: frames of every size arrive whole and in order`, async () => {
    const transport = make();
    const sizes = [0, 1, 5000, 3_000_000, 17, 1_000_000];
    const listener = await transport.listen('127.0.0.1', 0, (connection) => {
      for (const [i, size] of sizes.entries()) connection.write(frame(payload(size, i)));
    });
    const client = await transport.connect('127.0.0.1', listener.port);
    const received: Uint8Array[] = [];
    await new Promise<void>((resolve, reject) =>
      receiveFrames(client, 10_000_000, (f) => {
        received.push(f);
        if (received.length === sizes.length) resolve();
      }, reject),
    );
    expect(received.map((f) => f.length)).toEqual(sizes);
    received.forEach((f, i) => expect(same(f, payload(sizes[i], i)), `frame ${i}`).toBe(true));
    client.destroy();
    await listener.close();
  });
}

it('receiveFrames on an accepted TCP connection: it offers onFrames, and large frames arrive whole in buffers of their own', async () => {
  const transport = new TcpTransport();
  const sizes = [2_000_000, 3, 70_000];
  const received: Uint8Array[] = [];
  let offered = false;
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const listener = await transport.listen('127.0.0.1', 0, (connection) => {
    offered = connection.onFrames !== undefined;
    receiveFrames(connection, 10_000_000, (f) => {
      received.push(f);
      if (received.length === sizes.length) done();
    }, (error) => {
      throw error;
    });
  });
  const client = await transport.connect('127.0.0.1', listener.port);
  for (const [i, size] of sizes.entries()) client.write(frame(payload(size, i)));
  await all;
  expect(offered).toBe(true);
  expect(received.map((f) => f.length)).toEqual(sizes);
  received.forEach((f, i) => expect(same(f, payload(sizes[i], i)), `frame ${i}`).toBe(true));
  expect(received[0].buffer.byteLength).toBe(sizes[0]);
  client.destroy();
  await listener.close();
});
