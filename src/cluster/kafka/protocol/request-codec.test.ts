import { describe, expect, it } from 'vitest';
import { ProtocolDecodeError } from './codec-errors.ts';
import { API_KEYS } from './messages/index.ts';
import { decodeApiVersionsResponse } from './messages/api-versions-response.ts';
import { KafkaReader } from './reader.ts';
import {
  advertisedApiVersions,
  decodeRequestFrame,
  decodeResponseFrame,
  describeOutcome,
  encodeApiVersionsFallbackFrame,
  encodeRequestFrame,
  encodeResponseFrame,
  expectsResponse,
} from './request-codec.ts';
import type { RequestFrameOutcome } from './request-codec.ts';
import { KafkaWriter } from './writer.ts';

const hex = (text: string): Uint8Array => Uint8Array.from(text.match(/../g) ?? [], (byte) => parseInt(byte, 16));

/** A request payload (no size prefix) with a v1 header and a body captured on the wire. */
function payload(apiKey: number, apiVersion: number, correlationId: number, clientId: string, bodyHex: string): Uint8Array {
  const writer = new KafkaWriter();
  writer.int16(apiKey).int16(apiVersion).int32(correlationId).nullableString(clientId).raw(hex(bodyHex));
  return writer.toBytes();
}

function requestBody(outcome: RequestFrameOutcome): unknown {
  if (outcome.kind !== 'request') throw new Error(`expected a request, got ${outcome.kind}`);
  return outcome.body;
}

const MEMBER = 'member-1795562490582';

describe('decodeRequestFrame on bytes captured from kcat/librdkafka 2.0.2 and kafkajs 2.2.4', () => {
  it('answers librdkafka ApiVersions v3 (flexible header v2) with a v0-layout UNSUPPORTED_VERSION', () => {
    // evidence/fb.log: apiKey=18 v3 corr=1 clientId=rdkafka bodyHex=000b6c696272646b61666b6106322e302e3200
    // (the leading 00 is the header's tagged-field count, then compact strings librdkafka / 2.0.2).
    const outcome = decodeRequestFrame(payload(18, 3, 1, 'rdkafka', '000b6c696272646b61666b6106322e302e3200'));
    expect(outcome).toEqual({ kind: 'api-versions-fallback', header: { apiKey: 18, apiVersion: 3, correlationId: 1, clientId: 'rdkafka' } });
    if (outcome.kind !== 'api-versions-fallback') throw new Error('unreachable');
    expect(describeOutcome(outcome)).toContain('ApiVersions v3');

    const frame = encodeApiVersionsFallbackFrame(outcome.header.correlationId);
    const reader = new KafkaReader(frame);
    expect(reader.int32()).toBe(frame.length - 4);
    expect(reader.int32()).toBe(1);
    const body = decodeApiVersionsResponse(reader, 0);
    expect(reader.remaining).toBe(0);
    expect(body.errorCode).toBe(35);
    expect(body.apiKeys).toEqual(advertisedApiVersions());
    expect(body.apiKeys).toContainEqual({ apiKey: 18, minVersion: 0, maxVersion: 2 });
  });

  it('decodes the ApiVersions retries (librdkafka v0, kafkajs v2)', () => {
    expect(requestBody(decodeRequestFrame(payload(18, 0, 2, 'rdkafka', '')))).toEqual({});
    expect(decodeRequestFrame(payload(18, 2, 0, 'kjs-admin', ''))).toMatchObject({ kind: 'request', apiKey: 18, apiVersion: 2, correlationId: 0, clientId: 'kjs-admin' });
  });

  it('decodes Metadata v4 (librdkafka) and v6 (kafkajs): empty, null and named topic lists', () => {
    expect(requestBody(decodeRequestFrame(payload(3, 4, 3, 'rdkafka', '0000000000')))).toEqual({ topics: [], allowAutoTopicCreation: false });
    expect(requestBody(decodeRequestFrame(payload(3, 4, 4, 'rdkafka', 'ffffffff01')))).toEqual({ topics: null, allowAutoTopicCreation: true });
    expect(requestBody(decodeRequestFrame(payload(3, 4, 3, 'rdkafka', '0000000100017401')))).toEqual({ topics: [{ name: 't' }], allowAutoTopicCreation: true });
    expect(requestBody(decodeRequestFrame(payload(3, 6, 1, 'kjs-admin', 'ffffffff00')))).toEqual({ topics: null, allowAutoTopicCreation: false });
  });

  it('decodes group requests', () => {
    expect(requestBody(decodeRequestFrame(payload(10, 2, 5, 'rdkafka', '00046772703100')))).toEqual({ key: 'grp1', keyType: 0 });
    expect(requestBody(decodeRequestFrame(payload(12, 3, 9, 'rdkafka', `0004677270310000000100146d656d6265722d31373935353632343930353832ffff`)))).toEqual({
      groupId: 'grp1', generationId: 1, memberId: MEMBER, groupInstanceId: null,
    });
    expect(requestBody(decodeRequestFrame(payload(13, 1, 10, 'rdkafka', '00046772703100146d656d6265722d31373935353632343930353832')))).toEqual({
      groupId: 'grp1', memberId: MEMBER,
    });
    // kafkajs LeaveGroup v3: the members[] form.
    expect(requestBody(decodeRequestFrame(payload(13, 3, 11, 'kjs-cons', '000267310000000100146d656d6265722d31373935353632353035313032ffff')))).toEqual({
      groupId: 'g1', members: [{ memberId: 'member-1795562505102', groupInstanceId: null }],
    });
    expect(requestBody(decodeRequestFrame(payload(9, 5, 6, 'rdkafka', '000467727031000000010001740000000100000000')))).toEqual({
      groupId: 'grp1', topics: [{ name: 't', partitionIndexes: [0] }],
    });
    expect(requestBody(decodeRequestFrame(payload(9, 4, 6, 'kjs-cons', '00026731000000010001740000000100000000')))).toEqual({
      groupId: 'g1', topics: [{ name: 't', partitionIndexes: [0] }],
    });
    expect(requestBody(decodeRequestFrame(payload(15, 2, 3, 'kjs-admin', '0000000100026731')))).toEqual({ groups: ['g1'] });
    expect(requestBody(decodeRequestFrame(payload(16, 2, 3, 'kjs-admin', '')))).toEqual({});
  });

  it('decodes ListOffsets v2 (librdkafka) and v3 (kafkajs)', () => {
    expect(requestBody(decodeRequestFrame(payload(2, 2, 5, 'rdkafka', 'ffffffff01000000010001740000000100000000fffffffffffffffe')))).toEqual({
      replicaId: -1, isolationLevel: 1, topics: [{ name: 't', partitions: [{ partitionIndex: 0, timestamp: -2n }] }],
    });
    expect(requestBody(decodeRequestFrame(payload(2, 3, 5, 'kjs-cons', 'ffffffff01000000010001740000000100000000ffffffffffffffff')))).toEqual({
      replicaId: -1, isolationLevel: 1, topics: [{ name: 't', partitions: [{ partitionIndex: 0, timestamp: -1n }] }],
    });
  });

  it('decodes kafkajs admin requests', () => {
    expect(requestBody(decodeRequestFrame(payload(19, 3, 4, 'kjs-admin', '0000000100026e31ffffffffffff00000000000000000000138800')))).toEqual({
      topics: [{ name: 'n1', numPartitions: -1, replicationFactor: -1, assignments: [], configs: [] }],
      timeoutMs: 5000,
      validateOnly: false,
    });
    expect(requestBody(decodeRequestFrame(payload(20, 1, 4, 'kjs-admin', '0000000100017400001388')))).toEqual({ topicNames: ['t'], timeoutMs: 5000 });
    expect(requestBody(decodeRequestFrame(payload(32, 2, 4, 'kjs-admin', '0000000102000174ffffffff00')))).toEqual({
      resources: [{ resourceType: 2, resourceName: 't', configurationKeys: null }],
      includeSynonyms: false,
    });
    expect(requestBody(decodeRequestFrame(payload(37, 1, 4, 'kjs-admin', '0000000100017400000002ffffffff0000138800')))).toEqual({
      topics: [{ name: 't', count: 2, assignments: null }],
      timeoutMs: 5000,
      validateOnly: false,
    });
  });
});

describe('decodeRequestFrame outcomes', () => {
  it('reports a known API at an unsupported version (Kafka closes the connection)', () => {
    // Metadata v13 would be flexible, but past our codecs: nothing after the client id is read.
    const outcome = decodeRequestFrame(payload(3, 13, 7, 'x', '00'));
    expect(outcome).toMatchObject({ kind: 'unsupported-version', apiName: 'Metadata', minVersion: 0, maxVersion: 12 });
    if (outcome.kind === 'request') throw new Error('unreachable');
    expect(describeOutcome(outcome)).toBe('Metadata v13 is not supported, only 0..12 (correlation id 7, client "x")');
    expect(decodeRequestFrame(payload(0, 8, 7, 'x', ''))).toMatchObject({ kind: 'unsupported-version', apiName: 'Produce', minVersion: 0, maxVersion: 7 });
  });

  it('reports an unknown API key', () => {
    expect(decodeRequestFrame(payload(57, 0, 7, 'x', ''))).toMatchObject({ kind: 'unknown-api-key', header: { apiKey: 57 } });
    expect(decodeRequestFrame(payload(17, 1, 7, 'x', ''))).toMatchObject({ kind: 'unknown-api-key' });
  });

  it('throws ProtocolDecodeError for trailing or missing bytes, with the request named', () => {
    expect(() => decodeRequestFrame(payload(3, 4, 3, 'rdkafka', '000000000000'))).toThrow(/MetadataRequest v4 \(correlation id 3\): 1 unexpected trailing bytes/);
    expect(() => decodeRequestFrame(payload(3, 4, 3, 'rdkafka', '00000001'))).toThrow(ProtocolDecodeError);
    expect(() => decodeRequestFrame(hex('0003'))).toThrow(ProtocolDecodeError);
  });
});

describe('flexible versions (Metadata v9+): request header v2, response header v1, compact encodings', () => {
  const topicId = Uint8Array.from({ length: 16 }, (_, i) => i + 1);

  it('writes a Metadata v12 request byte for byte and reads it back', () => {
    const frame = encodeRequestFrame(API_KEYS.Metadata, 12, 7, 'kafkalab', {
      topics: [{ topicId, name: null }, { name: 'test' }],
      allowAutoTopicCreation: false,
      includeTopicAuthorizedOperations: true,
    });
    const expected =
      '0003000c00000007' + '00086b61666b616c6162' + '00' + // key 3, v12, correlation 7, client id (int16 length), header tags
      '03' + // two topics (compact: count + 1)
      '0102030405060708090a0b0c0d0e0f10' + '00' + '00' + // id, null name, tags
      '00000000000000000000000000000000' + '0574657374' + '00' + // zero id, "test", tags
      '00' + '01' + '00'; // allow auto-creation, include topic authorized operations, tags
    expect(Buffer.from(frame.subarray(4)).toString('hex')).toBe(expected);
    expect(new DataView(frame.buffer, frame.byteOffset).getInt32(0)).toBe(frame.length - 4);
    expect(decodeRequestFrame(frame.subarray(4))).toEqual({
      kind: 'request', apiKey: 3, apiVersion: 12, correlationId: 7, clientId: 'kafkalab',
      body: {
        topics: [{ topicId, name: null }, { topicId: new Uint8Array(16), name: 'test' }],
        allowAutoTopicCreation: false,
        includeTopicAuthorizedOperations: true,
      },
    });
  });

  it('skips header tags a client sends', () => {
    // Header tags: one field, tag 0, 2 bytes (Kafka 3.9 clients send none; the reader must still step over them).
    // Body: no topics, no auto-creation, no cluster or topic authorized operations, no tags.
    const frame = hex('0003000900000001' + 'ffff' + '01' + '0002abcd' + '01' + '00' + '00' + '00' + '00');
    expect(decodeRequestFrame(frame)).toMatchObject({ kind: 'request', apiVersion: 9, clientId: null, body: { topics: [], allowAutoTopicCreation: false } });
  });

  it('writes a Metadata v12 response byte for byte, with response header v1', () => {
    const frame = encodeResponseFrame(API_KEYS.Metadata, 12, 7, {
      throttleTimeMs: 0,
      brokers: [{ nodeId: 1, host: 'h', port: 9092, rack: null }],
      clusterId: 'c',
      controllerId: 1,
      topics: [
        {
          errorCode: 0, name: 't', topicId, isInternal: false, topicAuthorizedOperations: -2147483648,
          partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 1, leaderEpoch: 4, replicaNodes: [1], isrNodes: [1], offlineReplicas: [] }],
        },
        { errorCode: 100, name: null, topicId, isInternal: false, partitions: [] },
      ],
    });
    const expected =
      '00000007' + '00' + // correlation id, header tags
      '00000000' + // throttle
      '02' + '00000001' + '0268' + '00002384' + '00' + '00' + // one broker: id 1, "h", 9092, null rack, tags
      '0263' + '00000001' + // cluster id "c", controller 1
      '03' + // two topics
      '0000' + '0274' + '0102030405060708090a0b0c0d0e0f10' + '00' + // error, "t", id, not internal
      '02' + '0000' + '00000000' + '00000001' + '00000004' + '0200000001' + '0200000001' + '01' + '00' + // one partition
      '80000000' + '00' + // topic authorized operations (not asked), tags
      '0064' + '00' + '0102030405060708090a0b0c0d0e0f10' + '00' + '01' + '80000000' + '00' + // UNKNOWN_TOPIC_ID, null name
      '00'; // tags
    expect(Buffer.from(frame.subarray(4)).toString('hex')).toBe(expected);
    const decoded = decodeResponseFrame(API_KEYS.Metadata, 12, frame.subarray(4));
    expect(decoded.correlationId).toBe(7);
    expect(decoded.body.topics.map((topic) => [topic.name, topic.errorCode, topic.topicId])).toEqual([['t', 0, topicId], [null, 100, topicId]]);
  });

  it('reads past tags it does not know, in the header and in any struct', () => {
    const frame = encodeResponseFrame(API_KEYS.Metadata, 9, 3, { brokers: [], clusterId: null, controllerId: -1, topics: [] });
    // correlation id, header tags | throttle | no brokers | null cluster id | controller -1 | no topics |
    // cluster authorized operations (v8-10; not asked) | tags
    expect(Buffer.from(frame.subarray(4)).toString('hex')).toBe('0000000300' + '00000000' + '01' + '00' + 'ffffffff' + '01' + '80000000' + '00');
    // The same answer with an unknown header tag (10: "a") and two unknown body tags (5: empty, 12: 3 bytes).
    const withTags = hex('00000003' + '010a0161' + '00000000' + '01' + '00' + 'ffffffff' + '01' + '80000000' + '02' + '0500' + '0c03010203');
    expect(decodeResponseFrame(API_KEYS.Metadata, 9, withTags).body).toEqual({ throttleTimeMs: 0, brokers: [], clusterId: null, controllerId: -1, topics: [], clusterAuthorizedOperations: -2147483648 });
  });

  it('keeps response header v0 for ApiVersions and for non-flexible versions', () => {
    expect(Buffer.from(encodeResponseFrame(API_KEYS.Metadata, 8, 3, { brokers: [], clusterId: null, topics: [] }).subarray(4, 9)).toString('hex')).toBe('0000000300');
    expect(encodeResponseFrame(API_KEYS.Metadata, 8, 3, { brokers: [], clusterId: null, topics: [] })).toHaveLength(4 + 4 + 4 + 4 + 2 + 4 + 4 + 4);
    expect(Buffer.from(encodeResponseFrame(API_KEYS.ApiVersions, 2, 3, { errorCode: 0, apiKeys: [] }).subarray(4)).toString('hex')).toBe('00000003' + '0000' + '00000000' + '00000000');
  });
});

describe('frames', () => {
  it('encodes a request and a response that decode back, with correct size prefixes', () => {
    const request = encodeRequestFrame(API_KEYS.Heartbeat, 3, 42, 'tests', { groupId: 'g', generationId: 3, memberId: 'm', groupInstanceId: null });
    expect(new DataView(request.buffer, request.byteOffset).getInt32(0)).toBe(request.length - 4);
    const decoded = decodeRequestFrame(request.subarray(4));
    expect(decoded).toEqual({
      kind: 'request', apiKey: 12, apiVersion: 3, correlationId: 42, clientId: 'tests',
      body: { groupId: 'g', generationId: 3, memberId: 'm', groupInstanceId: null },
    });

    const response = encodeResponseFrame(API_KEYS.Heartbeat, 3, 42, { throttleTimeMs: 0, errorCode: 27 });
    expect(new DataView(response.buffer, response.byteOffset).getInt32(0)).toBe(response.length - 4);
    expect(decodeResponseFrame(API_KEYS.Heartbeat, 3, response.subarray(4))).toEqual({ correlationId: 42, body: { throttleTimeMs: 0, errorCode: 27 } });
    // v0 has no throttle time: an omitted optional field is fine, the frame is 4 + 4 + 2 bytes.
    expect(encodeResponseFrame(API_KEYS.Heartbeat, 0, 1, { errorCode: 0 })).toEqual(hex('00000006000000010000'));
  });

  it('says Produce acks=0 expects no response', () => {
    const produce = (acks: number) =>
      decodeRequestFrame(encodeRequestFrame(API_KEYS.Produce, 7, 1, 'p', { transactionalId: null, acks, timeoutMs: 1000, topicData: [] }).subarray(4));
    const noAck = produce(0);
    const ack = produce(-1);
    if (noAck.kind !== 'request' || ack.kind !== 'request') throw new Error('unreachable');
    expect(expectsResponse(noAck)).toBe(false);
    expect(expectsResponse(ack)).toBe(true);
  });

  it('advertises optional APIs only on request', () => {
    const keys = advertisedApiVersions().map((entry) => entry.apiKey);
    expect(keys).not.toContain(22);
    expect(keys).toContain(33);
    expect(advertisedApiVersions({ includeOptional: true }).map((entry) => entry.apiKey)).toEqual(expect.arrayContaining([22, 42]));
    expect(advertisedApiVersions()).toContainEqual({ apiKey: 10, minVersion: 0, maxVersion: 2 });
  });
});
