import { describe, expect, it } from 'vitest';
import { KafkaProtocolError } from '../protocol/index.ts';
import { defaultBrokerConfig } from '../broker-config.ts';
import { alterResources, applyConfigOps, brokerListDefault, checkConfigNames, topicListDefault } from './config-alteration.ts';

const topicDefaults = topicListDefault(defaultBrokerConfig);

describe('prepareIncrementalConfigs', () => {
  it('sets, deletes, appends to and subtracts from list configs', () => {
    const ops = [
      { name: 'retention.ms', op: 'SET' as const, value: '1000' },
      { name: 'segment.ms', op: 'DELETE' as const, value: null },
      { name: 'cleanup.policy', op: 'APPEND' as const, value: 'compact,delete' },
    ];
    expect(applyConfigOps({ 'segment.ms': '5', 'cleanup.policy': 'delete' }, ops, topicDefaults)).toEqual({ 'retention.ms': '1000', 'cleanup.policy': 'delete,compact' });
    expect(applyConfigOps({ 'cleanup.policy': 'delete,compact' }, [{ name: 'cleanup.policy', op: 'SUBTRACT', value: 'delete' }], topicDefaults)).toEqual({ 'cleanup.policy': 'compact' });
    // APPEND to an unset list starts from Kafka's default (log.cleanup.policy=delete).
    // On a topic with no override, APPEND/SUBTRACT start from the value it has now (the broker default).
    expect(applyConfigOps({}, [{ name: 'cleanup.policy', op: 'APPEND', value: 'compact' }], topicDefaults)).toEqual({ 'cleanup.policy': 'delete,compact' });
    expect(applyConfigOps({}, [{ name: 'cleanup.policy', op: 'SUBTRACT', value: 'delete' }], topicDefaults)).toEqual({ 'cleanup.policy': '' });
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
    expect(message(() => applyConfigOps({}, [{ name: 'retention.ms', op: 'APPEND', value: '1' }], topicDefaults))).toBe(
      'INVALID_CONFIG: Config value append is not allowed for config key: retention.ms',
    );
    expect(message(() => applyConfigOps({}, [{ name: 'nope', op: 'SUBTRACT', value: '1' }], topicDefaults))).toBe('INVALID_CONFIG: Unknown config name: nope');
    expect(message(() => checkConfigNames([{ name: 'a', op: 'SET', value: '1' }, { name: 'a', op: 'DELETE', value: null }]))).toBe('INVALID_REQUEST: Error due to duplicate config keys');
    expect(message(() => checkConfigNames([{ name: 'a', op: 'SET', value: null }, { name: 'b', op: 'DELETE', value: null }]))).toBe('INVALID_REQUEST: Null value not supported for : a');
  });
});

describe('alterResources', () => {
  it('applies the operations to the overrides ZooKeeper has now, not the metadata cache copy (fetchEntityConfig)', async () => {
    const written: Record<string, string>[] = [];
    const inZk = { 'retention.ms': '5000', 'segment.ms': '60000' };
    const ctx = {
      logger: { info() {} },
      services: {
        config: defaultBrokerConfig,
        internals: {
          cache: { cachedTopic: () => ({ config: { 'retention.ms': '5000' } }) },
          zk: { client: { getData: async () => ({ data: new TextEncoder().encode(JSON.stringify({ version: 1, config: inZk })) }) } },
          admin: { setTopicConfig: async (_topic: string, configs: Record<string, string>) => void written.push(configs) },
        },
      },
    } as unknown as Parameters<typeof alterResources>[0];
    const outcome = await alterResources(ctx, [{ resourceType: 2, resourceName: 't' }], false, () => (current, listDefault) =>
      applyConfigOps(current, [{ name: 'cleanup.policy', op: 'APPEND', value: 'compact' }], listDefault),
    );
    expect(outcome).toEqual([{ resourceType: 2, resourceName: 't', errorCode: 0, errorMessage: null }]);
    expect(written).toEqual([{ 'retention.ms': '5000', 'segment.ms': '60000', 'cleanup.policy': 'delete,compact' }]);
  });
});
