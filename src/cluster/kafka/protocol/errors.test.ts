import { describe, expect, it } from 'vitest';
import { KAFKA_ERRORS, KafkaProtocolError, kafkaErrorForCode } from './errors.ts';

describe('Kafka error table', () => {
  it('has Kafka 3.4.0 codes for what the broker uses', () => {
    const expected: Record<string, number> = {
      UNKNOWN_SERVER_ERROR: -1, NONE: 0, OFFSET_OUT_OF_RANGE: 1, CORRUPT_MESSAGE: 2, UNKNOWN_TOPIC_OR_PARTITION: 3,
      LEADER_NOT_AVAILABLE: 5, NOT_LEADER_OR_FOLLOWER: 6, REQUEST_TIMED_OUT: 7, REPLICA_NOT_AVAILABLE: 9, MESSAGE_TOO_LARGE: 10,
      COORDINATOR_NOT_AVAILABLE: 15, NOT_COORDINATOR: 16, INVALID_TOPIC_EXCEPTION: 17, NOT_ENOUGH_REPLICAS: 19,
      ILLEGAL_GENERATION: 22, INCONSISTENT_GROUP_PROTOCOL: 23, UNKNOWN_MEMBER_ID: 25, INVALID_SESSION_TIMEOUT: 26,
      REBALANCE_IN_PROGRESS: 27, UNSUPPORTED_VERSION: 35, TOPIC_ALREADY_EXISTS: 36, INVALID_PARTITIONS: 37,
      INVALID_REPLICATION_FACTOR: 38, INVALID_CONFIG: 40, NOT_CONTROLLER: 41, INVALID_REQUEST: 42, UNKNOWN_PRODUCER_ID: 59,
      NON_EMPTY_GROUP: 68, GROUP_ID_NOT_FOUND: 69, FENCED_LEADER_EPOCH: 74, UNKNOWN_LEADER_EPOCH: 75,
      UNSUPPORTED_COMPRESSION_TYPE: 76, MEMBER_ID_REQUIRED: 79, GROUP_MAX_SIZE_REACHED: 81, INVALID_RECORD: 87, UNKNOWN_TOPIC_ID: 100,
    };
    for (const [name, code] of Object.entries(expected)) {
      expect(KAFKA_ERRORS[name as keyof typeof KAFKA_ERRORS]).toMatchObject({ name, code });
    }
  });

  it('has unique codes from -1 to 108 without gaps and looks entries up by code', () => {
    const codes = Object.values(KAFKA_ERRORS).map((entry) => entry.code).sort((a, b) => a - b);
    expect(codes).toEqual(Array.from({ length: 110 }, (_, i) => i - 1));
    expect(kafkaErrorForCode(16)?.name).toBe('NOT_COORDINATOR');
    expect(kafkaErrorForCode(16)?.retriable).toBe(true);
    expect(kafkaErrorForCode(27)?.retriable).toBe(false);
    expect(kafkaErrorForCode(999)).toBeUndefined();
  });

  it('KafkaProtocolError carries its entry', () => {
    const error = new KafkaProtocolError(KAFKA_ERRORS.CORRUPT_MESSAGE, 'CRC mismatch in batch at offset 0');
    expect(error.code).toBe(2);
    expect(error.entry.retriable).toBe(true);
    expect(error.message).toBe('CORRUPT_MESSAGE: CRC mismatch in batch at offset 0');
    expect(new KafkaProtocolError(KAFKA_ERRORS.NOT_CONTROLLER).message).toBe('NOT_CONTROLLER: This is not the correct controller for this cluster.');
  });
});
