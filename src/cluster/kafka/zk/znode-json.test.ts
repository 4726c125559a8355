import { describe, expect, it } from 'vitest';
import {
  decodeBrokerRegistration,
  decodeClusterId,
  decodeController,
  decodePartitionState,
  decodeTopicAssignment,
  encodeBrokerRegistration,
  encodeClusterId,
  encodeController,
  encodePartitionState,
  encodeTopicAssignment,
  randomBase64Uuid,
  ZnodeFormatError,
} from './znode-json.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytes = (s: string) => new TextEncoder().encode(s);

describe('znode JSON as Kafka 3.4 to 3.9 writes it', () => {
  it('broker registration (version 5)', () => {
    const data = encodeBrokerRegistration({
      id: 1,
      listeners: [{ listener: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', host: 'localhost', port: 9092 }],
      rack: null,
      timestamp: 1732489200000,
    });
    expect(text(data)).toBe(
      '{"features":{},"listener_security_protocol_map":{"PLAINTEXT":"PLAINTEXT"},"endpoints":["PLAINTEXT://localhost:9092"],"jmx_port":-1,"port":9092,"host":"localhost","version":5,"timestamp":"1732489200000"}',
    );
    expect(decodeBrokerRegistration(1, '/brokers/ids/1', data)).toMatchObject({ id: 1, host: 'localhost', port: 9092 });
    // Kafka's own test fixture, a broker with only non-PLAINTEXT listeners
    const kafka = bytes('{"version":5,"host":null,"port":-1,"jmx_port":9999,"timestamp":"2233345666","endpoints":["CLIENT://host1:9092"],"listener_security_protocol_map":{"CLIENT":"SSL"},"rack":"dc1","features":{}}');
    expect(decodeBrokerRegistration(7, 'p', kafka)).toMatchObject({ host: 'host1', port: 9092, rack: 'dc1' });
  });

  it('broker registration with several listeners, as docker-compose.yml configures kafka-1', () => {
    const data = encodeBrokerRegistration({
      id: 1,
      listeners: [
        { listener: 'INTERNAL', securityProtocol: 'PLAINTEXT', host: 'kafka-1', port: 9092 },
        { listener: 'EXTERNAL', securityProtocol: 'PLAINTEXT', host: 'localhost', port: 19092 },
      ],
      rack: null,
      timestamp: 1764939600000,
    });
    // host/port: the first listener whose protocol is PLAINTEXT (BrokerIdZNode.encode), whatever its name.
    expect(text(data)).toBe(
      '{"features":{},"listener_security_protocol_map":{"INTERNAL":"PLAINTEXT","EXTERNAL":"PLAINTEXT"},' +
        '"endpoints":["INTERNAL://kafka-1:9092","EXTERNAL://localhost:19092"],"jmx_port":-1,"port":9092,"host":"kafka-1","version":5,"timestamp":"1764939600000"}',
    );
    const decoded = decodeBrokerRegistration(1, '/brokers/ids/1', data);
    expect(decoded).toMatchObject({ host: 'kafka-1', port: 9092 });
    expect(decoded.listeners).toEqual([
      { listener: 'INTERNAL', securityProtocol: 'PLAINTEXT', host: 'kafka-1', port: 9092 },
      { listener: 'EXTERNAL', securityProtocol: 'PLAINTEXT', host: 'localhost', port: 19092 },
    ]);
  });

  it('broker registration: rack where Kafka puts it, IPv6 hosts in brackets, no PLAINTEXT listener', () => {
    const data = encodeBrokerRegistration({ id: 2, listeners: [{ listener: 'CLIENT', securityProtocol: 'SSL', host: '::1', port: 9093 }], rack: 'r1', timestamp: 5 });
    expect(text(data)).toBe(
      '{"features":{},"listener_security_protocol_map":{"CLIENT":"SSL"},"endpoints":["CLIENT://[::1]:9093"],"rack":"r1","jmx_port":-1,"port":-1,"host":null,"version":5,"timestamp":"5"}',
    );
    expect(decodeBrokerRegistration(2, 'p', data)).toMatchObject({ host: '::1', port: 9093, rack: 'r1', listeners: [{ listener: 'CLIENT', securityProtocol: 'SSL', host: '::1', port: 9093 }] });
    // Version 1: host/port only, one PLAINTEXT listener.
    expect(decodeBrokerRegistration(3, 'p', bytes('{"version":1,"host":"h","port":9092,"jmx_port":-1}')).listeners).toEqual([
      { listener: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', host: 'h', port: 9092 },
    ]);
  });

  it('topic assignment and partition state', () => {
    const assignment = encodeTopicAssignment({ partitions: new Map([[1, [2, 3, 1]], [0, [1, 2, 3]]]), topicId: 'q2uOZ3V1SxW1w5X6y7Z8aA' });
    expect(text(assignment)).toBe(
      '{"partitions":{"0":[1,2,3],"1":[2,3,1]},"topic_id":"q2uOZ3V1SxW1w5X6y7Z8aA","adding_replicas":{},"removing_replicas":{},"version":3}',
    );
    expect(decodeTopicAssignment('t', assignment).partitions.get(1)).toEqual([2, 3, 1]);
    const state = encodePartitionState({ leader: 1, leaderEpoch: 0, isr: [1, 2, 3], controllerEpoch: 1 });
    expect(text(state)).toBe('{"controller_epoch":1,"leader":1,"version":1,"leader_epoch":0,"isr":[1,2,3]}');
    expect(decodePartitionState('s', state)).toEqual({ leader: 1, leaderEpoch: 0, isr: [1, 2, 3], controllerEpoch: 1 });
  });

  it('controller, cluster id, and garbage', () => {
    expect(text(encodeController(2, 5))).toBe('{"version":2,"brokerid":2,"timestamp":"5","kraftControllerEpoch":-1}');
    expect(decodeController('/controller', bytes('{"version":1,"brokerid":3,"timestamp":"1"}'))).toBe(3);
    expect(decodeClusterId('/cluster/id', encodeClusterId('abc'))).toBe('abc');
    expect(text(encodeClusterId('abc'))).toBe('{"version":"1","id":"abc"}');
    expect(() => decodePartitionState('s', bytes('nope'))).toThrow(ZnodeFormatError);
    expect(randomBase64Uuid()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
