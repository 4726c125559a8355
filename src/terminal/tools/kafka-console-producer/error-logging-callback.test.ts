import { describe, expect, it } from 'vitest';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { kafkaException } from '../kafka/java-exception.ts';
import { errorLoggingCallbackText } from './error-logging-callback.ts';

describe('ErrorLoggingCallback', () => {
  const env = testToolEnvironment({ now: Date.UTC(2024, 10, 11, 10, 0, 3, 512) });

  it('logs the topic, the key and value sizes, then the exception (KAFKA_CLI.md 3.2)', () => {
    const exception = kafkaException('TimeoutException', 'Topic orders not present in metadata after 60000 ms.');
    expect(errorLoggingCallbackText(env, 'orders', null, new TextEncoder().encode('hello'), exception)).toBe(
      '[2024-11-11 10:00:03,512] ERROR Error when sending message to topic orders with key: null, value: 5 bytes with error: (org.apache.kafka.clients.producer.internals.ErrorLoggingCallback)\n' +
        'org.apache.kafka.common.errors.TimeoutException: Topic orders not present in metadata after 60000 ms.\n',
    );
  });

  it('counts UTF-8 bytes and prints a null value as null', () => {
    const exception = kafkaException('NotEnoughReplicasException', 'Messages are rejected since there are fewer in-sync replicas than required.');
    expect(errorLoggingCallbackText(env, 't', new TextEncoder().encode('clé'), null, exception).split('\n')[0]).toContain('with key: 4 bytes, value: null with error:');
  });
});
