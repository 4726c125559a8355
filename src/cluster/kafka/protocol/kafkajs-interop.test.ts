/**
 * Cross-checks the generated codecs against an independent implementation: kafkajs 2.2.4's own request
 * encoders (their bytes must decode with ours) and response decoders (they must read what we encode),
 * at the versions kafkajs negotiates with our table.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { API_KEYS } from './messages/index.ts';
import type { ApiKey, ResponseBodies } from './messages/index.ts';
import { encodeRecordBatch } from './record-batch.ts';
import { advertisedApiVersions, decodeRequestFrame, encodeResponseFrame } from './request-codec.ts';

const require = createRequire(import.meta.url);

interface KafkajsRequest {
  apiKey: number;
  apiVersion: number;
  encode: () => Promise<unknown>;
}
type KafkajsResponseModule = { decode: (payload: Buffer) => Promise<unknown> };
const kafkajsFrame = require('kafkajs/src/protocol/request') as (args: object) => Promise<{ buffer: Buffer }>;

/** Encodes a request with kafkajs (header included) and decodes it with ours; returns our body. */
async function viaKafkajs(path: string, args: unknown): Promise<{ apiKey: number; apiVersion: number; body: unknown }> {
  const build = require(`kafkajs/src/protocol/requests/${path}/request`) as (args: unknown) => KafkajsRequest;
  const request = build(args);
  const frame = await kafkajsFrame({ correlationId: 99, clientId: 'kjs', request });
  const outcome = decodeRequestFrame(new Uint8Array(frame.buffer.subarray(4)));
  if (outcome.kind !== 'request') throw new Error(`${path}: got ${outcome.kind}`);
  expect(outcome.correlationId).toBe(99);
  expect(outcome.clientId).toBe('kjs');
  return { apiKey: outcome.apiKey, apiVersion: outcome.apiVersion, body: outcome.body };
}

/** Encodes a response with ours and decodes it with kafkajs's response decoder. */
async function toKafkajs<K extends ApiKey>(path: string, apiKey: K, version: number, body: ResponseBodies[K]): Promise<unknown> {
  const frame = encodeResponseFrame(apiKey, version, 5, body);
  const module = require(`kafkajs/src/protocol/requests/${path}/response`) as KafkajsResponseModule;
  return module.decode(Buffer.from(frame.subarray(8)));
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('requests encoded by kafkajs 2.2.4 decode with our codecs', () => {
  it('ApiVersions v0..v2 and ListGroups v2 (empty bodies)', async () => {
    for (const v of [0, 1, 2]) expect(await viaKafkajs(`apiVersions/v${v}`, {})).toEqual({ apiKey: 18, apiVersion: v, body: {} });
    expect((await viaKafkajs('listGroups/v2', {})).body).toEqual({});
  });

  it('Metadata v0..v6', async () => {
    for (let v = 0; v <= 6; v++) {
      const { body } = await viaKafkajs(`metadata/v${v}`, { topics: ['a', 'b'], allowAutoTopicCreation: false });
      expect(body).toEqual(v >= 4 ? { topics: [{ name: 'a' }, { name: 'b' }], allowAutoTopicCreation: false } : { topics: [{ name: 'a' }, { name: 'b' }] });
    }
    // kafkajs writes an empty topic list as null (= all topics).
    expect((await viaKafkajs('metadata/v6', { topics: [] })).body).toEqual({ topics: null, allowAutoTopicCreation: true });
  });

  it('Produce v0..v7', async () => {
    for (let v = 0; v <= 7; v++) {
      const { body } = await viaKafkajs(`produce/v${v}`, {
        acks: 1,
        timeout: 1000,
        topicData: [{ topic: 't', partitions: [{ partition: 1, messages: [{ key: 'k', value: 'v', timestamp: 1 }] }] }],
      });
      expect(body).toMatchObject({ acks: 1, timeoutMs: 1000, topicData: [{ name: 't', partitionData: [{ index: 1 }] }] });
      if (v >= 3) expect(body).toMatchObject({ transactionalId: null });
      else expect(body).not.toHaveProperty('transactionalId');
    }
  });

  it('Fetch v4..v11', async () => {
    for (let v = 4; v <= 11; v++) {
      const { body } = await viaKafkajs(`fetch/v${v}`, {
        replicaId: -1,
        maxWaitTime: 500,
        minBytes: 1,
        maxBytes: 10485760,
        isolationLevel: 1,
        topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: '5', maxBytes: 1048576 }] }],
      });
      expect(body).toMatchObject({
        replicaId: -1, maxWaitMs: 500, minBytes: 1, maxBytes: 10485760, isolationLevel: 1,
        topics: [{ topic: 't', partitions: [{ partition: 0, fetchOffset: 5n, partitionMaxBytes: 1048576 }] }],
      });
      if (v >= 7) expect(body).toMatchObject({ sessionId: 0, sessionEpoch: -1, forgottenTopicsData: [] });
      if (v >= 9) expect(body).toMatchObject({ topics: [{ partitions: [{ currentLeaderEpoch: -1 }] }] });
      if (v >= 11) expect(body).toMatchObject({ rackId: '' });
    }
  });

  it('ListOffsets v1..v3', async () => {
    for (const v of [1, 2, 3]) {
      const { body } = await viaKafkajs(`listOffsets/v${v}`, { replicaId: -1, isolationLevel: 1, topics: [{ topic: 't', partitions: [{ partition: 3, timestamp: -2 }] }] });
      expect(body).toEqual({ replicaId: -1, ...(v >= 2 ? { isolationLevel: 1 } : {}), topics: [{ name: 't', partitions: [{ partitionIndex: 3, timestamp: -2n }] }] });
    }
  });

  it('group APIs at the versions kafkajs uses', async () => {
    expect((await viaKafkajs('findCoordinator/v2', { coordinatorKey: 'g', coordinatorType: 0 })).body).toEqual({ key: 'g', keyType: 0 });
    expect(
      (await viaKafkajs('joinGroup/v5', {
        groupId: 'g', sessionTimeout: 30000, rebalanceTimeout: 60000, memberId: '', protocolType: 'consumer',
        groupProtocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from([1, 2, 3]) }],
      })).body,
    ).toEqual({
      groupId: 'g', sessionTimeoutMs: 30000, rebalanceTimeoutMs: 60000, memberId: '', groupInstanceId: null, protocolType: 'consumer',
      protocols: [{ name: 'RoundRobinAssigner', metadata: new Uint8Array([1, 2, 3]) }],
    });
    expect(
      (await viaKafkajs('syncGroup/v3', { groupId: 'g', generationId: 2, memberId: 'm', groupAssignment: [{ memberId: 'm', memberAssignment: Buffer.from([9]) }] })).body,
    ).toEqual({ groupId: 'g', generationId: 2, memberId: 'm', groupInstanceId: null, assignments: [{ memberId: 'm', assignment: new Uint8Array([9]) }] });
    expect((await viaKafkajs('heartbeat/v3', { groupId: 'g', groupGenerationId: 2, memberId: 'm', groupInstanceId: null })).body).toEqual({
      groupId: 'g', generationId: 2, memberId: 'm', groupInstanceId: null,
    });
    expect((await viaKafkajs('leaveGroup/v3', { groupId: 'g', members: [{ memberId: 'm', groupInstanceId: null }] })).body).toEqual({
      groupId: 'g', members: [{ memberId: 'm', groupInstanceId: null }],
    });
    expect((await viaKafkajs('leaveGroup/v1', { groupId: 'g', memberId: 'm' })).body).toEqual({ groupId: 'g', memberId: 'm' });
    expect(
      (await viaKafkajs('offsetCommit/v5', { groupId: 'g', groupGenerationId: 2, memberId: 'm', topics: [{ topic: 't', partitions: [{ partition: 0, offset: '42', metadata: null }] }] })).body,
    ).toEqual({
      groupId: 'g', generationId: 2, memberId: 'm',
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 42n, committedMetadata: null }] }],
    });
    expect((await viaKafkajs('offsetFetch/v4', { groupId: 'g', topics: [{ topic: 't', partitions: [{ partition: 0 }, { partition: 1 }] }] })).body).toEqual({
      groupId: 'g', topics: [{ name: 't', partitionIndexes: [0, 1] }],
    });
    expect((await viaKafkajs('describeGroups/v2', { groupIds: ['g', 'h'] })).body).toEqual({ groups: ['g', 'h'] });
    expect((await viaKafkajs('deleteGroups/v1', ['g'])).body).toEqual({ groupsNames: ['g'] });
  });

  it('admin APIs at the versions kafkajs uses', async () => {
    expect(
      (await viaKafkajs('createTopics/v3', {
        topics: [{ topic: 'n', numPartitions: 3, replicationFactor: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
        validateOnly: false,
        timeout: 5000,
      })).body,
    ).toEqual({
      topics: [{ name: 'n', numPartitions: 3, replicationFactor: 2, assignments: [], configs: [{ name: 'cleanup.policy', value: 'compact' }] }],
      timeoutMs: 5000,
      validateOnly: false,
    });
    expect((await viaKafkajs('deleteTopics/v1', { topics: ['t'], timeout: 5000 })).body).toEqual({ topicNames: ['t'], timeoutMs: 5000 });
    expect((await viaKafkajs('describeConfigs/v2', { resources: [{ type: 2, name: 't', configNames: ['retention.ms'] }], includeSynonyms: true })).body).toEqual({
      resources: [{ resourceType: 2, resourceName: 't', configurationKeys: ['retention.ms'] }],
      includeSynonyms: true,
    });
    expect(
      (await viaKafkajs('alterConfigs/v1', { resources: [{ type: 2, name: 't', configEntries: [{ name: 'retention.ms', value: '1000' }] }], validateOnly: false })).body,
    ).toEqual({ resources: [{ resourceType: 2, resourceName: 't', configs: [{ name: 'retention.ms', value: '1000' }] }], validateOnly: false });
    expect((await viaKafkajs('createPartitions/v1', { topicPartitions: [{ topic: 't', count: 4, assignments: [] }], validateOnly: false, timeout: 5000 })).body).toEqual({
      topics: [{ name: 't', count: 4, assignments: null }],
      timeoutMs: 5000,
      validateOnly: false,
    });
    expect((await viaKafkajs('initProducerId/v1', { transactionalId: null, transactionTimeout: 60000 })).body).toEqual({ transactionalId: null, transactionTimeoutMs: 60000 });
  });
});

describe('responses encoded by our codecs decode with kafkajs 2.2.4', () => {
  it('ApiVersions v0..v2', async () => {
    const apiKeys = advertisedApiVersions({ includeOptional: true });
    for (const v of [0, 1, 2]) {
      const decoded = await toKafkajs(`apiVersions/v${v}`, API_KEYS.ApiVersions, v, { errorCode: 0, apiKeys, throttleTimeMs: v >= 1 ? 0 : undefined });
      expect(decoded).toMatchObject({ errorCode: 0, apiVersions: apiKeys });
    }
  });

  it('Metadata v0..v6', async () => {
    for (let v = 0; v <= 6; v++) {
      const body: ResponseBodies[3] = {
        brokers: [{ nodeId: 1, host: 'localhost', port: 9092, ...(v >= 1 ? { rack: null } : {}) }],
        topics: [{
          errorCode: 0, name: 't', ...(v >= 1 ? { isInternal: false } : {}),
          partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 1, replicaNodes: [1, 2], isrNodes: [1], ...(v >= 5 ? { offlineReplicas: [2] } : {}) }],
        }],
      };
      if (v >= 1) body.controllerId = 1;
      if (v >= 2) body.clusterId = 'lab-cluster';
      if (v >= 3) body.throttleTimeMs = 0;
      const decoded = await toKafkajs(`metadata/v${v}`, API_KEYS.Metadata, v, body);
      expect(decoded).toMatchObject({
        brokers: [{ nodeId: 1, host: 'localhost', port: 9092 }],
        topicMetadata: [{ topicErrorCode: 0, topic: 't', partitionMetadata: [{ partitionErrorCode: 0, partitionId: 0, leader: 1, replicas: [1, 2], isr: [1] }] }],
      });
      if (v >= 2) expect(decoded).toMatchObject({ clusterId: 'lab-cluster', controllerId: 1 });
      if (v >= 5) expect(decoded).toMatchObject({ topicMetadata: [{ partitionMetadata: [{ offlineReplicas: [2] }] }] });
    }
  });

  it('Produce v0..v7', async () => {
    for (let v = 0; v <= 7; v++) {
      const decoded = await toKafkajs(`produce/v${v}`, API_KEYS.Produce, v, {
        responses: [{ name: 't', partitionResponses: [{
          index: 0, errorCode: 0, baseOffset: 100n,
          ...(v >= 2 ? { logAppendTimeMs: -1n } : {}),
          ...(v >= 5 ? { logStartOffset: 0n } : {}),
        }] }],
        ...(v >= 1 ? { throttleTimeMs: 0 } : {}),
      });
      // kafkajs names the fields differently before v3 (offset, timestamp).
      expect(decoded).toMatchObject({ topics: [{ topicName: 't', partitions: [{ partition: 0, errorCode: 0, [v >= 3 ? 'baseOffset' : 'offset']: '100' }] }] });
      if (v >= 2) expect(decoded).toMatchObject({ topics: [{ partitions: [{ [v >= 3 ? 'logAppendTime' : 'timestamp']: '-1' }] }] });
      if (v >= 5) expect(decoded).toMatchObject({ topics: [{ partitions: [{ logStartOffset: '0' }] }] });
    }
  });

  it('Fetch v11 with record batches (and an empty partition as size 0)', async () => {
    const batch = await encodeRecordBatch({ baseOffset: 10n, compression: 'gzip', records: [{ timestamp: 5n, key: bytes('k'), value: bytes('hello') }, { timestamp: 6n, value: bytes('bye') }] });
    const decoded = (await toKafkajs('fetch/v11', API_KEYS.Fetch, 11, {
      throttleTimeMs: 0,
      errorCode: 0,
      sessionId: 0,
      responses: [{
        topic: 't',
        partitions: [
          { partitionIndex: 0, errorCode: 0, highWatermark: 12n, lastStableOffset: 12n, logStartOffset: 0n, abortedTransactions: [], preferredReadReplica: -1, records: batch },
          { partitionIndex: 1, errorCode: 0, highWatermark: 0n, lastStableOffset: 0n, logStartOffset: 0n, abortedTransactions: null, preferredReadReplica: -1, records: new Uint8Array(0) },
        ],
      }],
    })) as { responses: { partitions: { highWatermark: string; preferredReadReplica: number; messages: { offset: string; value: Buffer }[] }[] }[] };
    const [full, empty] = decoded.responses[0].partitions;
    expect(full.highWatermark).toBe('12');
    expect(full.preferredReadReplica).toBe(-1);
    expect(full.messages.map((m) => [m.offset, m.value.toString()])).toEqual([['10', 'hello'], ['11', 'bye']]);
    expect(empty.messages).toEqual([]);
  });

  it('ListOffsets v2..v3, FindCoordinator v1..v2', async () => {
    for (const v of [2, 3]) {
      expect(await toKafkajs(`listOffsets/v${v}`, API_KEYS.ListOffsets, v, {
        throttleTimeMs: 0,
        topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0, timestamp: -1n, offset: 77n }] }],
      })).toMatchObject({ responses: [{ topic: 't', partitions: [{ partition: 0, errorCode: 0, timestamp: '-1', offset: '77' }] }] });
    }
    for (const v of [1, 2]) {
      expect(await toKafkajs(`findCoordinator/v${v}`, API_KEYS.FindCoordinator, v, {
        throttleTimeMs: 0, errorCode: 0, errorMessage: null, nodeId: 2, host: 'localhost', port: 9093,
      })).toMatchObject({ errorCode: 0, coordinator: { nodeId: 2, host: 'localhost', port: 9093 } });
    }
  });

  it('group responses', async () => {
    expect(await toKafkajs('joinGroup/v5', API_KEYS.JoinGroup, 5, {
      throttleTimeMs: 0, errorCode: 0, generationId: 3, protocolName: 'RoundRobinAssigner', leader: 'm1', memberId: 'm1',
      members: [{ memberId: 'm1', groupInstanceId: null, metadata: new Uint8Array([7]) }],
    })).toMatchObject({ errorCode: 0, generationId: 3, groupProtocol: 'RoundRobinAssigner', leaderId: 'm1', memberId: 'm1', members: [{ memberId: 'm1', memberMetadata: Buffer.from([7]) }] });
    expect(await toKafkajs('syncGroup/v3', API_KEYS.SyncGroup, 3, { throttleTimeMs: 0, errorCode: 0, assignment: new Uint8Array([1, 2]) })).toMatchObject({
      errorCode: 0, memberAssignment: Buffer.from([1, 2]),
    });
    expect(await toKafkajs('heartbeat/v3', API_KEYS.Heartbeat, 3, { throttleTimeMs: 0, errorCode: 0 })).toMatchObject({ errorCode: 0 });
    expect(await toKafkajs('leaveGroup/v3', API_KEYS.LeaveGroup, 3, { throttleTimeMs: 0, errorCode: 0, members: [{ memberId: 'm1', groupInstanceId: null, errorCode: 0 }] })).toMatchObject({
      errorCode: 0, members: [{ memberId: 'm1', groupInstanceId: null, errorCode: 0 }],
    });
    expect(await toKafkajs('offsetCommit/v5', API_KEYS.OffsetCommit, 5, { throttleTimeMs: 0, topics: [{ name: 't', partitions: [{ partitionIndex: 0, errorCode: 0 }] }] })).toMatchObject({
      responses: [{ topic: 't', partitions: [{ partition: 0, errorCode: 0 }] }],
    });
    expect(await toKafkajs('offsetFetch/v4', API_KEYS.OffsetFetch, 4, {
      throttleTimeMs: 0, errorCode: 0, topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 42n, metadata: '', errorCode: 0 }] }],
    })).toMatchObject({ errorCode: 0, responses: [{ topic: 't', partitions: [{ partition: 0, offset: '42', metadata: '', errorCode: 0 }] }] });
    expect(await toKafkajs('describeGroups/v2', API_KEYS.DescribeGroups, 2, {
      throttleTimeMs: 0,
      groups: [{ errorCode: 0, groupId: 'g', groupState: 'Stable', protocolType: 'consumer', protocolData: 'RoundRobinAssigner', members: [
        { memberId: 'm1', clientId: 'c', clientHost: '/127.0.0.1', memberMetadata: new Uint8Array([1]), memberAssignment: new Uint8Array([2]) },
      ] }],
    })).toMatchObject({ groups: [{ errorCode: 0, groupId: 'g', state: 'Stable', protocolType: 'consumer', protocol: 'RoundRobinAssigner', members: [{ memberId: 'm1', clientId: 'c', clientHost: '/127.0.0.1' }] }] });
    expect(await toKafkajs('listGroups/v2', API_KEYS.ListGroups, 2, { throttleTimeMs: 0, errorCode: 0, groups: [{ groupId: 'g', protocolType: 'consumer' }] })).toMatchObject({
      errorCode: 0, groups: [{ groupId: 'g', protocolType: 'consumer' }],
    });
    expect(await toKafkajs('deleteGroups/v1', API_KEYS.DeleteGroups, 1, { throttleTimeMs: 0, results: [{ groupId: 'g', errorCode: 0 }] })).toMatchObject({
      results: [{ groupId: 'g', errorCode: 0 }],
    });
  });

  it('admin responses', async () => {
    expect(await toKafkajs('createTopics/v3', API_KEYS.CreateTopics, 3, { throttleTimeMs: 0, topics: [{ name: 'n', errorCode: 36, errorMessage: 'exists' }] })).toMatchObject({
      topicErrors: [{ topic: 'n', errorCode: 36, errorMessage: 'exists' }],
    });
    expect(await toKafkajs('deleteTopics/v1', API_KEYS.DeleteTopics, 1, { throttleTimeMs: 0, responses: [{ name: 't', errorCode: 0 }] })).toMatchObject({
      topicErrors: [{ topic: 't', errorCode: 0 }],
    });
    expect(await toKafkajs('describeConfigs/v2', API_KEYS.DescribeConfigs, 2, {
      throttleTimeMs: 0,
      results: [{ errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 't', configs: [
        { name: 'retention.ms', value: '604800000', readOnly: false, configSource: 5, isSensitive: false, synonyms: [{ name: 'log.retention.ms', value: null, source: 5 }] },
      ] }],
    })).toMatchObject({
      resources: [{ errorCode: 0, resourceType: 2, resourceName: 't', configEntries: [
        { configName: 'retention.ms', configValue: '604800000', readOnly: false, configSource: 5, isDefault: true, isSensitive: false, configSynonyms: [{ configName: 'log.retention.ms', configValue: null, configSource: 5 }] },
      ] }],
    });
    expect(await toKafkajs('alterConfigs/v1', API_KEYS.AlterConfigs, 1, { throttleTimeMs: 0, responses: [{ errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 't' }] })).toMatchObject({
      resources: [{ errorCode: 0, errorMessage: null, resourceType: 2, resourceName: 't' }],
    });
    expect(await toKafkajs('createPartitions/v1', API_KEYS.CreatePartitions, 1, { throttleTimeMs: 0, results: [{ name: 't', errorCode: 37, errorMessage: 'too few' }] })).toMatchObject({
      topicErrors: [{ topic: 't', errorCode: 37, errorMessage: 'too few' }],
    });
    expect(await toKafkajs('initProducerId/v1', API_KEYS.InitProducerId, 1, { throttleTimeMs: 0, errorCode: 0, producerId: 4000n, producerEpoch: 0 })).toMatchObject({
      errorCode: 0, producerId: '4000', producerEpoch: 0,
    });
  });
});
