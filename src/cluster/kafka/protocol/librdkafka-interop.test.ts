/**
 * Real bytes from kcat 1.7.1 / librdkafka 2.0.2: a minimal fake broker (ApiVersions, Metadata, Produce)
 * built only from this codec layer receives `kcat -P`, and the record batches librdkafka wrote must
 * decode, with valid CRCs, uncompressed and gzip. Also exercises the ApiVersions v3 -> v0 fallback live.
 * Needs the Debian `kcat` package: skipped when missing, except under CI=true (tests/support/peers.ts).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { describeWithPeer, KCAT } from '../../../../tests/support/peers.ts';
import { FrameReader } from '../../transport/frame-reader.ts';
import { API_KEYS } from './messages/index.ts';
import { decodeRecordBatch, isRecordBatchCrcValid, splitRecordBatches } from './record-batch.ts';
import { advertisedApiVersions, decodeRequestFrame, encodeApiVersionsFallbackFrame, encodeResponseFrame, expectsResponse } from './request-codec.ts';

interface FakeBroker {
  readonly port: number;
  readonly seen: string[];
  readonly batches: Uint8Array[];
  close(): Promise<void>;
}

async function startFakeBroker(): Promise<FakeBroker> {
  const seen: string[] = [];
  const batches: Uint8Array[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const frames = new FrameReader(16 * 1024 * 1024);
    socket.on('data', (chunk: Buffer) => {
      for (const payload of frames.push(new Uint8Array(chunk))) {
        const outcome = decodeRequestFrame(payload);
        if (outcome.kind === 'api-versions-fallback') {
          seen.push(`ApiVersions v${outcome.header.apiVersion} -> fallback`);
          socket.write(encodeApiVersionsFallbackFrame(outcome.header.correlationId));
          continue;
        }
        if (outcome.kind !== 'request') {
          seen.push(`${outcome.kind} ${outcome.header.apiKey} v${outcome.header.apiVersion}`);
          socket.destroy();
          return;
        }
        seen.push(`${outcome.apiKey} v${outcome.apiVersion}`);
        const { apiVersion, correlationId } = outcome;
        const port = (server.address() as net.AddressInfo).port;
        switch (outcome.apiKey) {
          case API_KEYS.ApiVersions:
            socket.write(encodeResponseFrame(outcome.apiKey, apiVersion, correlationId, {
              errorCode: 0,
              apiKeys: advertisedApiVersions(),
              throttleTimeMs: apiVersion >= 1 ? 0 : undefined,
            }));
            break;
          case API_KEYS.Metadata: {
            const wanted = outcome.body.topics;
            socket.write(encodeResponseFrame(outcome.apiKey, apiVersion, correlationId, {
              throttleTimeMs: 0,
              brokers: [{ nodeId: 1, host: '127.0.0.1', port, rack: null }],
              clusterId: 'codec-test',
              controllerId: 1,
              topics: wanted !== null && wanted.length === 0 ? [] : [{
                errorCode: 0, name: 't', isInternal: false,
                partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 1, replicaNodes: [1], isrNodes: [1], offlineReplicas: [] }],
              }],
            }));
            break;
          }
          case API_KEYS.Produce: {
            for (const topic of outcome.body.topicData) {
              for (const partition of topic.partitionData) {
                if (partition.records !== null) batches.push(...splitRecordBatches(partition.records.slice()).batches);
              }
            }
            if (!expectsResponse(outcome)) break;
            socket.write(encodeResponseFrame(outcome.apiKey, apiVersion, correlationId, {
              responses: outcome.body.topicData.map((topic) => ({
                name: topic.name,
                partitionResponses: topic.partitionData.map((p) => ({ index: p.index, errorCode: 0, baseOffset: 0n, logAppendTimeMs: -1n, logStartOffset: 0n })),
              })),
              throttleTimeMs: 0,
            }));
            break;
          }
          default:
            socket.destroy();
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    seen,
    batches,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function kcatProduce(port: number, lines: string, extraArgs: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(KCAT, ['-P', '-b', `127.0.0.1:${port}`, '-t', 't', '-p', '0', ...extraArgs], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
    child.stdin.end(lines);
  });
}

describeWithPeer('kcat', 'record batches and frames from kcat 1.7.1 / librdkafka 2.0.2', () => {
  let broker: FakeBroker | undefined;
  afterEach(async () => {
    await broker?.close();
    broker = undefined;
  });

  for (const compression of ['none', 'gzip'] as const) {
    it(`decodes a kcat -P batch (${compression})`, async () => {
      broker = await startFakeBroker();
      // Compressible values: librdkafka sends a batch uncompressed when gzip would not make it smaller.
      const lines = ['hello '.repeat(40), 'world '.repeat(40)];
      const result = await kcatProduce(broker.port, `${lines.join('\n')}\n`, ['-z', compression, '-X', 'linger.ms=50']);
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.code).toBe(0);
      expect(broker.seen.slice(0, 2)).toEqual(['ApiVersions v3 -> fallback', '18 v0']);
      expect(broker.seen).toContain('0 v7');
      // We advertise Metadata 0..12; librdkafka 2.0.2 stays at its own max, v4 (non-flexible).
      expect(broker.seen).toContain('3 v4');
      expect(broker.seen.filter((request) => request.startsWith('3 ') && request !== '3 v4')).toEqual([]);
      expect(broker.batches.length).toBeGreaterThan(0);
      const values: string[] = [];
      for (const bytes of broker.batches) {
        expect(isRecordBatchCrcValid(bytes)).toBe(true);
        const batch = await decodeRecordBatch(bytes);
        expect(batch).toMatchObject({ magic: 2, compression: compression === 'gzip' ? 1 : 0, producerId: -1n, producerEpoch: -1, baseSequence: -1 });
        values.push(...batch.records.map((record) => new TextDecoder().decode(record.value ?? new Uint8Array(0))));
      }
      expect(values).toEqual(lines);
    });
  }
});
