/**
 * `enable.idempotence` as Kafka 3.9's producer post-processes it: on by default, off without a word when
 * acks, retries or max.in.flight.requests.per.connection conflict, a ConfigException when the user asked for it.
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../testing/run-command.ts';
import { testToolEnvironment } from '../../testing/test-tool-environment.ts';
import { idempotenceEnabled } from './idempotence-config.ts';
import type { IdempotenceInputs } from './idempotence-config.ts';
import { kafkaConsoleProducer } from './kafka-console-producer.ts';

const CALLER = ['kafka.tools.ConsoleProducer$.main(ConsoleProducer.scala:99)'];
const defaults: IdempotenceInputs = { configured: undefined, acks: -1, retries: 3, maxInFlightRequestsPerConnection: 5 };

describe('enable.idempotence', () => {
  it('is on by default with acks=all, and quietly off when a setting conflicts and it was not asked for', () => {
    expect(idempotenceEnabled(defaults, CALLER)).toBe(true);
    expect(idempotenceEnabled({ ...defaults, acks: 1 }, CALLER)).toBe(false);
    expect(idempotenceEnabled({ ...defaults, acks: 0 }, CALLER)).toBe(false);
    expect(idempotenceEnabled({ ...defaults, retries: 0 }, CALLER)).toBe(false);
    expect(idempotenceEnabled({ ...defaults, maxInFlightRequestsPerConnection: 6 }, CALLER)).toBe(false);
    expect(idempotenceEnabled({ ...defaults, configured: false }, CALLER)).toBe(false);
  });

  it('fails with ProducerConfig’s ConfigException when asked for against a conflicting setting, in Kafka’s order', () => {
    const thrown = (inputs: Partial<IdempotenceInputs> & { configured: boolean }) => {
      try {
        idempotenceEnabled({ ...defaults, ...inputs }, CALLER);
      } catch (error) {
        return error as { message: string; frames: string[] };
      }
      throw new Error('expected a ConfigException');
    };
    expect(thrown({ configured: true, acks: 1 }).message).toBe('Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.');
    expect(thrown({ configured: true, acks: 1, retries: 0 }).message).toBe('Must set retries to non-zero when using the idempotent producer.');
    expect(thrown({ configured: true, maxInFlightRequestsPerConnection: 10 }).message).toBe('Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.');
    expect(thrown({ configured: true, acks: 0 }).frames.at(-1)).toBe(CALLER[0]);
    expect(idempotenceEnabled({ ...defaults, configured: true }, CALLER)).toBe(true);
  });

  it('prints the ConfigException as the console producer does, before reading any input', async () => {
    const env = testToolEnvironment({ now: Date.UTC(2024, 10, 11, 10, 0, 3, 512) });
    const run = (...args: string[]) => runCommand(kafkaConsoleProducer, ['--bootstrap-server', 'localhost:9092', '--topic', 't', ...args], { env, stdin: [] });
    const conflict = await run('--request-required-acks', '1', '--producer-property', 'enable.idempotence=true');
    expect(conflict.exitCode).toBe(1);
    expect(conflict.stderr.split('\n').slice(0, 5)).toEqual([
      'org.apache.kafka.common.config.ConfigException: Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
      '\tat org.apache.kafka.clients.producer.ProducerConfig.postProcessAndValidateIdempotenceConfigs(ProducerConfig.java:584)',
      '\tat org.apache.kafka.clients.producer.ProducerConfig.postProcessParsedConfig(ProducerConfig.java:545)',
      '\tat org.apache.kafka.common.config.AbstractConfig.<init>(AbstractConfig.java:116)',
      '\tat org.apache.kafka.common.config.AbstractConfig.<init>(AbstractConfig.java:133)',
    ]);
    expect(conflict.stderr).toContain('\tat kafka.tools.ConsoleProducer$.main(ConsoleProducer.scala:99)\n');
    const notBoolean = await run('--producer-property', 'enable.idempotence=maybe');
    expect(notBoolean.stderr.split('\n')[0]).toBe('org.apache.kafka.common.config.ConfigException: Invalid value maybe for configuration enable.idempotence: Expected value to be either true or false');
  });
});
