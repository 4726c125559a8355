import { describe, expect, it } from 'vitest';
import { KafkaProtocolError } from '../protocol/index.ts';
import { applyConfigOps, brokerListDefault, checkConfigNames, topicListDefault } from './config-alteration.ts';

describe('prepareIncrementalConfigs', () => {
  it('sets, deletes, appends to and subtracts from list configs', () => {
    const ops = [
      { name: 'retention.ms', op: 'SET' as const, value: '1000' },
      { name: 'segment.ms', op: 'DELETE' as const, value: null },
      { name: 'cleanup.policy', op: 'APPEND' as const, value: 'compact,delete' },
    ];
    expect(applyConfigOps({ 'segment.ms': '5', 'cleanup.policy': 'delete' }, ops, topicListDefault)).toEqual({ 'retention.ms': '1000', 'cleanup.policy': 'delete,compact' });
    expect(applyConfigOps({ 'cleanup.policy': 'delete,compact' }, [{ name: 'cleanup.policy', op: 'SUBTRACT', value: 'delete' }], topicListDefault)).toEqual({ 'cleanup.policy': 'compact' });
    // APPEND to an unset list starts from Kafka's default (log.cleanup.policy=delete).
    expect(applyConfigOps({}, [{ name: 'log.cleanup.policy', op: 'APPEND', value: 'compact' }], brokerListDefault)).toEqual({ 'log.cleanup.policy': 'delete,compact' });
  });

  it('refuses APPEND on a scalar or unknown config, duplicate keys and null values, with Kafka\'s messages', () => {
    const message = (work: () => unknown) => {
      try {
        work();
      } catch (error) {
        if (error instanceof KafkaProtocolError) return `${error.entry.name}: ${error.message.replace(/^[A-Z_]+: /, '')}`;
        throw error;
      }
      return 'no error';
    };
    expect(message(() => applyConfigOps({}, [{ name: 'retention.ms', op: 'APPEND', value: '1' }], topicListDefault))).toBe(
      'INVALID_CONFIG: Config value append is not allowed for config key: retention.ms',
    );
    expect(message(() => applyConfigOps({}, [{ name: 'nope', op: 'SUBTRACT', value: '1' }], topicListDefault))).toBe('INVALID_CONFIG: Unknown config name: nope');
    expect(message(() => checkConfigNames([{ name: 'a', op: 'SET', value: '1' }, { name: 'a', op: 'DELETE', value: null }]))).toBe('INVALID_REQUEST: Error due to duplicate config keys');
    expect(message(() => checkConfigNames([{ name: 'a', op: 'SET', value: null }, { name: 'b', op: 'DELETE', value: null }]))).toBe('INVALID_REQUEST: Null value not supported for : a');
  });
});
