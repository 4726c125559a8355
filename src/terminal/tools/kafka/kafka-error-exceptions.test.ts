import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { isRetriableKafkaError, kafkaErrorException, kafkajsErrorCode } from './kafka-error-exceptions.ts';

describe("Errors.forCode(code).exception(message), Kafka 3.9's table", () => {
  it('names the exception classes Errors.java names, whatever the error is called', () => {
    expect(String(kafkaErrorException(36))).toBe('org.apache.kafka.common.errors.TopicExistsException: Topic with this name already exists.');
    expect(kafkaErrorException(10).javaClass).toBe('org.apache.kafka.common.errors.RecordTooLargeException');
    expect(kafkaErrorException(68).javaClass).toBe('org.apache.kafka.common.errors.GroupNotEmptyException');
    expect(kafkaErrorException(87).javaClass).toBe('org.apache.kafka.common.InvalidRecordException');
  });

  it("takes the broker's message when it sent one, and UnknownServerException for a code it does not know", () => {
    expect(kafkaErrorException(38, 'Replication factor: 3 larger than available brokers: 1.').message).toBe('Replication factor: 3 larger than available brokers: 1.');
    expect(String(kafkaErrorException(999))).toBe('org.apache.kafka.common.errors.UnknownServerException: The server experienced an unexpected error when processing the request.');
  });

  it('knows which errors the Java clients retry', () => {
    expect(isRetriableKafkaError(15)).toBe(true);
    expect(isRetriableKafkaError(68)).toBe(false);
  });

  it("finds the broker's error code inside kafkajs' wrapped failures", () => {
    // kafkajs builds its protocol errors from an entry of its error table (typed as a plain Error).
    const answer = new kafkajs.KafkaJSProtocolError(Object.assign(new Error('not the coordinator'), { type: 'NOT_COORDINATOR', code: 16, retriable: true }));
    expect(kafkajsErrorCode(answer)).toBe(16);
    expect(kafkajsErrorCode(new kafkajs.KafkaJSNumberOfRetriesExceeded(answer, { retryCount: 5, retryTime: 100 }))).toBe(16);
    expect(kafkajsErrorCode(new kafkajs.KafkaJSConnectionError('Connection error: ECONNREFUSED'))).toBeUndefined();
  });
});
